//! `palma`: the command line for scripting and maintenance — demo data, journal verification.
//! It opens the same database as the desktop app (`PALMA_DATABASE_URL` or the app-data file).

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use palma::api::{Call, NoArgs, dispatch};
use palma::audit::{self, Verdict};
use palma::clock::SystemClock;
use palma::settings::StartClinic;
use palma::staff::Actor;
use palma::{Clinic, db};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "palma",
    version,
    about = "Palma practice manager: command line"
)]
struct Cli {
    /// Database URL (sqlite://… or postgres://…); defaults to PALMA_DATABASE_URL, then the
    /// desktop app's own database file.
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sets up the demo clinic in an empty database.
    Demo {
        /// "small" (3 therapists, two weeks) or "large" (12 therapists, 10 years, ~300k
        /// appointments, 40k clients: for speed work).
        #[arg(long, value_enum, default_value_t = Size::Small)]
        size: Size,
    },
    /// Checks the journal's hash chain and names the first broken link.
    VerifyAudit,
    /// Prints where the database is.
    Where,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Size {
    Small,
    Large,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let url = match cli.database {
        Some(url) => url,
        None => db::configured_url()?,
    };
    let clinic = Clinic::open(
        &url,
        Arc::new(SystemClock),
        &palma::clinic::this_workstation(),
    )
    .await
    .context("opening the database")?;
    let owner = Actor::builtin_owner();
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    match cli.command {
        Command::Demo { size: Size::Large } => {
            let made = palma::demo_large::create(&clinic, &owner)
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            writeln!(
                out,
                "Large demo clinic ready: {} clients, {} appointments",
                made.clients, made.appointments
            )?;
        }
        Command::Demo { size: Size::Small } => {
            dispatch(&clinic, &owner, Call::SetupStart(StartClinic::Demo))
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            let status = dispatch(&clinic, &owner, Call::SetupStatus(NoArgs {})).await?;
            writeln!(
                out,
                "Demo clinic ready: {}",
                status["clinicName"].as_str().unwrap_or("")
            )?;
        }
        Command::VerifyAudit => match audit::verify(clinic.pool()).await? {
            Verdict::Intact { lines } => writeln!(out, "journal intact: {lines} entries verified")?,
            Verdict::Broken { seq, reason } => {
                bail!("journal broken at entry {seq}: {reason}")
            }
        },
        Command::Where => writeln!(out, "{}", redact(&url))?,
    }
    clinic.close().await;
    Ok(())
}

/// A URL without its password, for printing.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

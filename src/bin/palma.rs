//! `palma`: the command line for scripting and maintenance — demo data, journal verification,
//! backup and restore, unlocking a locked-out account. It opens the same database as the desktop app (`PALMA_DATABASE_URL` or
//! the app-data file) and acts as the built-in owner.

use anyhow::{Context, bail};
use base64::Engine;
use clap::{Parser, Subcommand};
use palma::api::{ById, Call, NoArgs, dispatch};
use palma::audit::{self, Verdict};
use palma::documents::history::{self, IssueAftercare, PdfFile};
use palma::documents::{Paper, PrintOptions};
use palma::settings::StartClinic;
use palma::staff::{Actor, Desk};
use palma::{Clinic, backup, db};
use std::io::Write;
use std::path::PathBuf;

#[path = "palma/crash_writer.rs"]
mod crash_writer;

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
    /// Writes a verified, checksummed backup to FILE (SQLite copy or pg_dump archive).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Replaces the (SQLite) database with a backup after verifying it; keeps the old one.
    /// Close Palma first.
    Restore { file: PathBuf },
    /// Renders a visit's aftercare sheet to a PDF and records it in the client's documents.
    Aftercare {
        /// The visit (appointment id) to print the sheet of.
        #[arg(long, required_unless_present = "demo", conflicts_with = "demo")]
        session: Option<String>,
        /// The most recent visit with a self-care programme (in the demo clinic: `palma demo`).
        #[arg(long)]
        demo: bool,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = PaperSize::A4)]
        paper: PaperSize,
        /// Body text at 16 pt or more.
        #[arg(long)]
        large_print: bool,
    },
    /// Renders an issued document again from its record in the client's documents; the bytes
    /// hash as they did when it was issued.
    Reprint {
        /// The issued document's id (as printed by `aftercare` or `referral`).
        #[arg(long)]
        document: String,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
    /// Prints a referral letter to a client's GP on the clinic letterhead (recorded in the
    /// client's documents).
    Referral {
        /// The demo clinic's client who consented to sharing with their GP (`palma demo`).
        #[arg(long)]
        demo: bool,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
    },
    /// Lifts the lockout of an account after repeated wrong passwords or PINs (journaled).
    UnlockAccount {
        /// The account's username.
        user: String,
    },
    /// Test support: writes clients and bookings in a loop, printing each committed id.
    #[command(name = "__crash-writer", hide = true)]
    CrashWriter,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PaperSize {
    A4,
    Letter,
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
    let mut out = std::io::stdout().lock();
    let clock = palma::clock::for_shell()?;
    if let Command::Restore { file } = &cli.command {
        // Restore must not hold the database open: it replaces the file.
        let live = sqlite_path(&url)
            .context("restore works on an SQLite database only; for PostgreSQL use pg_restore")?;
        let by = backup::RestoredBy {
            actor: &Actor::builtin_owner(),
            clock: clock.clone(),
            workstation: &palma::clinic::this_workstation(),
        };
        let restored = backup::restore_sqlite(file, &live, by)
            .await
            .map_err(|e| anyhow::anyhow!(e.message))?;
        writeln!(out, "restored {} from {}", live.display(), file.display())?;
        if let Some(kept) = restored.replaced {
            writeln!(out, "the replaced database is kept as {}", kept.display())?;
        }
        return Ok(());
    }
    let clinic = Clinic::open(&url, clock, &palma::clinic::this_workstation())
        .await
        .context("opening the database")?;
    // The command line is a trusted maintenance tool: it acts as the built-in owner.
    let desk = Desk::system(Actor::builtin_owner());
    match cli.command {
        Command::Demo { size: Size::Large } => {
            let made = palma::demo_large::create(&clinic, &Actor::builtin_owner())
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            writeln!(
                out,
                "Large demo clinic ready: {} clients, {} appointments",
                made.clients, made.appointments
            )?;
        }
        Command::Demo { size: Size::Small } => {
            dispatch(&clinic, &desk, Call::SetupStart(StartClinic::Demo))
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            let status = dispatch(&clinic, &desk, Call::SetupStatus(NoArgs {})).await?;
            let status: serde_json::Value = serde_json::from_str(status.get())?;
            writeln!(
                out,
                "Demo clinic ready: {}",
                status["clinicName"].as_str().unwrap_or("")
            )?;
        }
        Command::VerifyAudit => match audit::verify(clinic.pool()).await? {
            Verdict::Intact { lines } => writeln!(out, "journal intact: {lines} entries verified")?,
            Verdict::Broken { seq, reason } => {
                clinic.close().await;
                bail!("journal broken at entry {seq}: {reason}")
            }
        },
        Command::Where => writeln!(out, "{}", redact(&url))?,
        Command::Backup { out: file } => {
            let report = backup::make(&clinic, &Actor::builtin_owner(), &file)
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            writeln!(
                out,
                "backup written: {} ({} bytes, sha256 {})",
                report.file, report.bytes, report.sha256
            )?;
        }
        Command::Restore { .. } => {}
        Command::Aftercare {
            session,
            demo,
            out: file,
            paper,
            large_print,
        } => {
            let visit = match (session, demo) {
                (Some(id), _) => id,
                (None, _) => {
                    history::latest_planned_visit(&clinic, clinic.now().timestamp_millis())
                        .await
                        .map_err(|e| anyhow::anyhow!(e.message))?
                        .context("no visit has a self-care programme yet: run `palma demo` first")?
                }
            };
            let paper = match paper {
                PaperSize::A4 => Paper::A4,
                PaperSize::Letter => Paper::Letter,
            };
            let issue = IssueAftercare {
                appointment_id: visit,
                options: PrintOptions { paper, large_print },
            };
            let reply = dispatch(&clinic, &desk, Call::AftercareIssue(issue))
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            write_pdf(&mut out, &file, &reply)?;
        }
        Command::Reprint {
            document,
            out: file,
        } => {
            let reply = dispatch(
                &clinic,
                &desk,
                Call::DocumentsReprint(ById { id: document }),
            )
            .await
            .map_err(|e| anyhow::anyhow!(e.message))?;
            write_pdf(&mut out, &file, &reply)?;
        }
        Command::Referral { demo, out: file } => {
            if !demo {
                bail!("only --demo is supported here; print letters from the client's record");
            }
            let (request, writer) = palma::care::demo_request(&clinic)
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?
                .context(
                    "no client has consented to sharing with their GP: run `palma demo` first",
                )?;
            // Signed by the client's therapist, as the letter would be at the clinic.
            let desk = Desk::system(writer);
            let reply = dispatch(&clinic, &desk, Call::CareReferralLetterPdf(request))
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?;
            write_pdf(&mut out, &file, &reply)?;
        }
        Command::UnlockAccount { user } => {
            let unlocked =
                palma::staff::secrets::unlock_account(&clinic, &Actor::builtin_owner(), &user)
                    .await
                    .map_err(|e| anyhow::anyhow!(e.message))?;
            writeln!(
                out,
                "unlocked {} ({}): they can sign in again",
                unlocked.username, unlocked.display_name
            )?;
        }
        Command::CrashWriter => crash_writer::run(&clinic, &desk, &mut out).await?,
    }
    clinic.close().await;
    Ok(())
}

/// Writes an issued document's PDF to `file` and says where, with its hash.
fn write_pdf(
    out: &mut impl Write,
    file: &std::path::Path,
    reply: &serde_json::value::RawValue,
) -> anyhow::Result<()> {
    let pdf: PdfFile = serde_json::from_str(reply.get())?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(&pdf.base64)?;
    std::fs::write(file, bytes).with_context(|| format!("writing {}", file.display()))?;
    writeln!(
        out,
        "{}  sha256 {}  document {}",
        file.display(),
        pdf.document.sha256,
        pdf.document.id
    )?;
    Ok(())
}

/// The file of an `sqlite://PATH?options` URL.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty()).then(|| PathBuf::from(path))
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

//! A client data export written into a folder the owner picks (the right of access): a new
//! folder `palma-export-<date>-<short id>/` holding `client.json` (everything, for machines),
//! `summary.pdf` (the same, for people) and a copy of each PDF issued to the client.
//!
//! The client list as CSV can be written into a chosen folder the same way
//! (`palma-clients-<date>.csv`).
//!
//! The folder is filled under a temporary name and renamed when complete, so a failed export
//! leaves no half-written folder that looks finished. The journal records the export with
//! counts and file names only — never client text.

use super::requests::{gather, journal_export};
use crate::api::ById;
use crate::clinic::Clinic;
use crate::documents::{PrintOptions, client_summary, history};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportToFolder {
    pub client_id: String,
    /// An existing folder (absolute path); the export is made in a new folder inside it.
    pub folder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFolder {
    /// The folder made for this export.
    pub folder: String,
    /// Every file written, as full paths: `client.json`, `summary.pdf`, then the issued PDFs.
    pub files: Vec<String>,
}

pub async fn export_to(
    clinic: &Clinic,
    actor: &Actor,
    args: ExportToFolder,
) -> ApiResult<ExportedFolder> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let parent = fields::existing_folder("folder", &args.folder)?;
    let export = gather(clinic, actor, ById { id: client_id }).await?;
    let tz = settings::load(clinic.pool()).await?.tz();
    let summary = client_summary::render(&export, tz, clinic.now(), &PrintOptions::default())
        .map_err(|error| {
            tracing::error!(%error, "rendering a client summary failed");
            ApiError::internal()
        })?;
    let json = serde_json::to_vec_pretty(&export).map_err(|_| ApiError::internal())?;
    let mut files = vec![
        ("client.json".to_owned(), json),
        ("summary.pdf".to_owned(), summary),
    ];
    files.extend(history::issued_pdfs(clinic, &export.client.id).await?);
    let day = export.exported_at.get(..10).unwrap_or("export");
    let short = &export.client.id[export.client.id.len().saturating_sub(8)..];
    let folder = write_folder(&parent, &format!("palma-export-{day}-{short}"), &files)?;
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    journal_export(
        clinic,
        actor,
        &export,
        format!("; {} files to folder {name}", files.len()),
    )
    .await?;
    Ok(ExportedFolder {
        files: files
            .iter()
            .map(|(file, _)| folder.join(file).display().to_string())
            .collect(),
        folder: folder.display().to_string(),
    })
}

/// A folder to write into.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ToFolder {
    /// An existing folder (absolute path).
    pub folder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    /// The file written, as a full path.
    pub file: String,
    /// Clients in it.
    pub clients: i64,
}

/// Writes the client list as CSV into `folder` (a new file; never over another) and journals
/// the export.
pub async fn export_list_to(
    clinic: &Clinic,
    actor: &Actor,
    args: ToFolder,
) -> ApiResult<SavedFile> {
    let folder = fields::existing_folder("folder", &args.folder)?;
    let csv = super::csv::export(clinic, actor, crate::api::NoArgs {}).await?;
    let clients = i64::try_from(csv.matches("\r\n").count().saturating_sub(1)).unwrap_or(0);
    let tz = settings::load(clinic.pool()).await?.tz();
    let day = clinic.now().with_timezone(&tz).format("%Y-%m-%d");
    let mut file = folder.join(format!("palma-clients-{day}.csv"));
    let mut n = 1;
    while file.exists() {
        n += 1;
        file = folder.join(format!("palma-clients-{day}-{n}.csv"));
    }
    std::fs::write(&file, csv.as_bytes()).map_err(|error| {
        tracing::warn!(%error, "writing the client list failed");
        ApiError::validation(
            "folder",
            "Palma could not write to this folder. Choose another one.",
        )
    })?;
    let mut tx = crate::audit::WriteTx::begin(clinic, actor).await?;
    tx.record(crate::audit::Entry {
        action: "export",
        entity: "client_list",
        entity_id: "clients",
        client_id: None,
        detail: format!(
            "{clients} clients to {}",
            file.file_name().unwrap_or_default().to_string_lossy()
        ),
    })
    .await?;
    tx.commit().await?;
    Ok(SavedFile {
        file: file.display().to_string(),
        clients,
    })
}

/// Writes `files` into a new folder `name` (or `name-2`, `name-3`… when taken) in `parent`,
/// through a temporary folder renamed at the end.
fn write_folder(parent: &Path, name: &str, files: &[(String, Vec<u8>)]) -> ApiResult<PathBuf> {
    let failed = |error: std::io::Error| {
        tracing::warn!(%error, "writing a client export failed");
        ApiError::validation(
            "folder",
            "Palma could not write to this folder. Choose another one.",
        )
    };
    let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(failed)?;
    let filled = files
        .iter()
        .try_for_each(|(file, bytes)| std::fs::write(staging.join(file), bytes));
    if let Err(error) = filled {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(failed(error));
    }
    let mut target = parent.join(name);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = parent.join(format!("{name}-{n}"));
    }
    std::fs::rename(&staging, &target).map_err(|error| {
        let _ = std::fs::remove_dir_all(&staging);
        failed(error)
    })?;
    Ok(target)
}

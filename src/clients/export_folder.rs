//! A client data export written into a folder the owner picks (the right of access): a new
//! folder `palma-export-<date>-<short id>/` holding `client.json` (everything, for machines),
//! `summary.pdf` (the same, for people) and a copy of each PDF issued to the client.
//!
//! The client list as CSV can be written into a chosen folder the same way
//! (`palma-clients-<date>.csv`).
//!
//! Nothing already in the folder is overwritten and no link in it is followed
//! (`output_files`): a taken name moves on to `-2`, `-3`…, and a link at the name is refused
//! as a `conflict` naming it.
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
use crate::output_files::{self, Unwritten};
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
    let file =
        output_files::at_free_name(&folder, &format!("palma-clients-{day}"), ".csv", |path| {
            output_files::write_new(path, csv.as_bytes())
        })
        .map_err(|unwritten| unwritten.into_api_error("folder"))?;
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
/// through a private temporary folder (an unguessable name) that takes the final name only
/// when complete, and never in place of anything already there.
fn write_folder(parent: &Path, name: &str, files: &[(String, Vec<u8>)]) -> ApiResult<PathBuf> {
    let failed = |error: std::io::Error| Unwritten::Io(error).into_api_error("folder");
    let staging = parent.join(format!(".{name}.partial-{}", output_files::random_part()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&staging).map_err(failed)?;
    let filled = files
        .iter()
        .try_for_each(|(file, bytes)| output_files::write_new(&staging.join(file), bytes));
    let placed = filled.map_err(Unwritten::Io).and_then(|()| {
        output_files::at_free_name(parent, name, "", |target| {
            output_files::rename_new(&staging, target)
        })
    });
    match placed {
        Ok(target) => Ok(target),
        Err(unwritten) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(unwritten.into_api_error("folder"))
        }
    }
}

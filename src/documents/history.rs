//! Documents handed to clients: issuing an aftercare sheet, the client's document history, and
//! reprints. What was rendered is kept as a snapshot with the SHA-256 of its bytes, so a
//! reprint renders the same bytes and the hash proves it.

use super::aftercare::{self, AftercareSheet};
use super::compose;
use super::{Paper, PrintOptions};
use crate::api::ById;
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueAftercare {
    pub appointment_id: String,
    #[serde(default)]
    pub options: PrintOptions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedDocument {
    pub id: String,
    pub client_id: String,
    pub appointment_id: Option<String>,
    pub kind: String,
    pub title: String,
    pub options: PrintOptions,
    /// SHA-256 of the PDF's bytes, in hex.
    pub sha256: String,
    pub byte_size: i64,
    pub issued_at_ms: i64,
    pub issued_by: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientDocuments {
    pub client_id: String,
}

/// A rendered PDF for the shell to save or open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PdfFile {
    pub document: IssuedDocument,
    pub file_name: String,
    /// The PDF, base64-encoded.
    pub base64: String,
}

/// What is stored to render a document again.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Snapshot {
    Aftercare { sheet: AftercareSheet },
}

fn render(snapshot: &Snapshot, options: &PrintOptions) -> ApiResult<Vec<u8>> {
    match snapshot {
        Snapshot::Aftercare { sheet } => aftercare::render(sheet, options).map_err(|error| {
            tracing::error!(%error, "rendering an aftercare sheet failed");
            ApiError::internal()
        }),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn paper_key(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "letter",
    }
}

/// The columns of an issued document (without its snapshot).
macro_rules! select_documents {
    () => {
        "SELECT id, client_id, appointment_id, kind, title, paper, large_print, sha256, byte_size, \
         issued_at, issued_by FROM issued_documents"
    };
}

fn document_from(row: &AnyRow) -> Result<IssuedDocument, sqlx::Error> {
    let paper: String = row.try_get("paper")?;
    Ok(IssuedDocument {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        appointment_id: row.try_get("appointment_id")?,
        kind: row.try_get("kind")?,
        title: row.try_get("title")?,
        options: PrintOptions {
            paper: if paper == "letter" {
                Paper::Letter
            } else {
                Paper::A4
            },
            large_print: row.try_get::<i32, _>("large_print")? != 0,
        },
        sha256: row.try_get("sha256")?,
        byte_size: row.try_get("byte_size")?,
        issued_at_ms: row.try_get("issued_at")?,
        issued_by: row.try_get("issued_by")?,
    })
}

fn file_name(document: &IssuedDocument) -> String {
    let day = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(document.issued_at_ms)
        .unwrap_or_default()
        .format("%Y-%m-%d");
    format!(
        "{}-{day}-{}.pdf",
        document.kind,
        &document.id[document.id.len().saturating_sub(8)..]
    )
}

fn pdf_file(document: IssuedDocument, bytes: &[u8]) -> PdfFile {
    PdfFile {
        file_name: file_name(&document),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        document,
    }
}

/// The most recent visit, up to `now_ms`, that has a self-care programme (for `palma
/// aftercare --demo`).
pub async fn latest_planned_visit(clinic: &Clinic, now_ms: i64) -> ApiResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT a.id FROM appointments a WHERE a.start_ms <= $1 \
         AND a.status NOT IN ('cancelled', 'no_show') AND EXISTS (SELECT 1 FROM programme_items p \
         WHERE p.appointment_id = a.id AND p.removed_at IS NULL) ORDER BY a.start_ms DESC LIMIT 1",
    )
    .bind(now_ms)
    .fetch_optional(clinic.pool())
    .await?)
}

/// A visit's aftercare sheet as it would print now, for an on-screen preview (nothing is
/// recorded; the read is journaled like any other clinical read).
pub async fn preview_aftercare(
    clinic: &Clinic,
    actor: &Actor,
    args: ById,
) -> ApiResult<AftercareSheet> {
    let appointment_id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let (sheet, visit) =
        compose::aftercare_sheet(tx.conn(), &appointment_id, "preview", clinic.now()).await?;
    tx.record(Entry {
        action: "read",
        entity: "aftercare",
        entity_id: &appointment_id,
        client_id: Some(&visit.client_id),
        detail: String::new(),
    })
    .await?;
    tx.commit().await?;
    Ok(sheet)
}

/// Issues a visit's aftercare sheet: renders it, records it in the client's document history
/// and journals the print.
pub async fn issue_aftercare(
    clinic: &Clinic,
    actor: &Actor,
    args: IssueAftercare,
) -> ApiResult<PdfFile> {
    let appointment_id = fields::id("appointmentId", &args.appointment_id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let id = new_id();
    let (sheet, visit) =
        compose::aftercare_sheet(tx.conn(), &appointment_id, &id, clinic.now()).await?;
    let snapshot = Snapshot::Aftercare { sheet };
    let bytes = render(&snapshot, &args.options)?;
    let document = IssuedDocument {
        id: id.clone(),
        client_id: visit.client_id.clone(),
        appointment_id: Some(appointment_id),
        kind: "aftercare".into(),
        title: "Aftercare sheet".into(),
        options: args.options,
        sha256: sha256_hex(&bytes),
        byte_size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        issued_at_ms: tx.at_ms(),
        issued_by: actor.display_name.clone(),
    };
    sqlx::query(
        "INSERT INTO issued_documents (id, client_id, appointment_id, kind, title, paper, large_print, \
         snapshot, sha256, byte_size, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&document.id)
    .bind(&document.client_id)
    .bind(&document.appointment_id)
    .bind(&document.kind)
    .bind(&document.title)
    .bind(paper_key(document.options.paper))
    .bind(i32::from(document.options.large_print))
    .bind(serde_json::to_string(&snapshot).map_err(|_| ApiError::internal())?)
    .bind(&document.sha256)
    .bind(document.byte_size)
    .bind(document.issued_at_ms)
    .bind(&document.issued_by)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "issue",
        entity: "document",
        entity_id: &id,
        client_id: Some(&visit.client_id),
        detail: document.sha256.clone(),
    })
    .await?;
    tx.commit().await?;
    Ok(pdf_file(document, &bytes))
}

/// A client's document history, newest first.
pub async fn list(
    clinic: &Clinic,
    _actor: &Actor,
    args: ClientDocuments,
) -> ApiResult<Vec<IssuedDocument>> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let rows = sqlx::query(concat!(
        select_documents!(),
        " WHERE client_id = $1 ORDER BY issued_at DESC, id DESC"
    ))
    .bind(client_id)
    .fetch_all(clinic.pool())
    .await?;
    Ok(rows.iter().map(document_from).collect::<Result<_, _>>()?)
}

/// Renders an issued document again from its snapshot; the bytes must hash as they did.
pub async fn reprint(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<PdfFile> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let row = sqlx::query(concat!(select_documents!(), " WHERE id = $1"))
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found("document"))?;
    let document = document_from(&row)?;
    let stored: String = sqlx::query_scalar("SELECT snapshot FROM issued_documents WHERE id = $1")
        .bind(&id)
        .fetch_one(tx.conn())
        .await?;
    let snapshot: Snapshot = serde_json::from_str(&stored).map_err(|_| ApiError::internal())?;
    let bytes = render(&snapshot, &document.options)?;
    if sha256_hex(&bytes) != document.sha256 {
        return Err(ApiError::conflict(
            "This document was printed by an earlier version of Palma and would not reprint identically.",
        ));
    }
    tx.record(Entry {
        action: "reprint",
        entity: "document",
        entity_id: &id,
        client_id: Some(&document.client_id),
        detail: document.sha256.clone(),
    })
    .await?;
    tx.commit().await?;
    Ok(pdf_file(document, &bytes))
}

/// The PDFs issued to a client, rendered again from their snapshots, as (file name, bytes).
/// A document whose bytes would no longer hash as issued (printed by an older Palma) is left
/// out: only an identical copy is handed over; the export's JSON still lists it with its hash.
pub(crate) async fn issued_pdfs(
    clinic: &Clinic,
    client_id: &str,
) -> ApiResult<Vec<(String, Vec<u8>)>> {
    let rows = sqlx::query(
        "SELECT id, client_id, appointment_id, kind, title, paper, large_print, sha256, byte_size, \
         issued_at, issued_by, snapshot FROM issued_documents WHERE client_id = $1 \
         ORDER BY issued_at, id",
    )
    .bind(client_id)
    .fetch_all(clinic.pool())
    .await?;
    let mut files = Vec::new();
    for row in &rows {
        let document = document_from(row)?;
        let stored: String = row.try_get("snapshot")?;
        let snapshot: Snapshot = serde_json::from_str(&stored).map_err(|_| ApiError::internal())?;
        let bytes = render(&snapshot, &document.options)?;
        if sha256_hex(&bytes) == document.sha256 {
            files.push((file_name(&document), bytes));
        } else {
            tracing::warn!(document = %document.id, "an issued document no longer renders identically");
        }
    }
    Ok(files)
}

//! Documents handed to clients or sent about them: issuing an aftercare sheet or a referral
//! letter, the client's document history, and reprints. What was rendered is kept as a
//! snapshot with the SHA-256 of its bytes, so a reprint renders the same bytes and the hash
//! proves it.
//!
//! The history is open to reception (`ViewDocuments`), but a referral letter is clinical
//! content: documents of a [`CLINICAL_KINDS`] kind are left out of the list, and refused for
//! reprint, unless the actor may open that client's clinical record.

use super::aftercare::{self, AftercareSheet};
use super::compose;
use super::referral::{self, ReferralDocument};
use super::{Paper, PrintOptions};
use crate::api::ById;
use crate::audit::{Entry, WriteTx};
use crate::care::{self, Intent, Part};
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
    Referral { letter: ReferralDocument },
}

/// Kinds of document that carry clinical content.
pub const CLINICAL_KINDS: &[&str] = &["referral_letter"];

fn render(snapshot: &Snapshot, options: &PrintOptions) -> ApiResult<Vec<u8>> {
    let rendered = match snapshot {
        Snapshot::Aftercare { sheet } => aftercare::render(sheet, options),
        Snapshot::Referral { letter } => referral::render(letter, options),
    };
    rendered.map_err(|error| {
        tracing::error!(%error, "rendering a document failed");
        ApiError::internal()
    })
}

/// Whether `actor` may see clinical documents (of a [`CLINICAL_KINDS`] kind) about
/// `client_id`: exactly when they may open the client's clinical record at `at_ms`.
async fn may_see_clinical(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: &str,
    at_ms: i64,
) -> ApiResult<bool> {
    crate::care::may_open(conn, actor, client_id, at_ms).await
}

fn is_clinical(document: &IssuedDocument) -> bool {
    CLINICAL_KINDS.contains(&document.kind.as_str())
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
    care::client_of(&mut tx, actor, Part::Visit, &appointment_id, Intent::Read).await?;
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
    care::client_of(&mut tx, actor, Part::Visit, &appointment_id, Intent::Write).await?;
    let id = new_id();
    let (sheet, visit) =
        compose::aftercare_sheet(tx.conn(), &appointment_id, &id, clinic.now()).await?;
    let snapshot = Snapshot::Aftercare { sheet };
    let bytes = render(&snapshot, &args.options)?;
    let document = IssuedDocument {
        id,
        client_id: visit.client_id,
        appointment_id: Some(appointment_id),
        kind: "aftercare".into(),
        title: "Aftercare sheet".into(),
        options: args.options,
        sha256: sha256_hex(&bytes),
        byte_size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        issued_at_ms: tx.at_ms(),
        issued_by: actor.display_name.clone(),
    };
    store(&mut tx, &document, &snapshot, document.sha256.clone()).await?;
    tx.commit().await?;
    Ok(pdf_file(document, &bytes))
}

/// Prints a referral letter on the clinic's letterhead (composed from the record, refused
/// without the client's consent to share with that kind of recipient), records it in the
/// client's documents and journals the print.
pub async fn issue_referral(
    clinic: &Clinic,
    actor: &Actor,
    args: crate::care::ReferralRequest,
) -> ApiResult<PdfFile> {
    let options = PrintOptions::default();
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let (letter, client_id) =
        crate::care::compose_referral(&mut tx, actor, &args, care::Intent::Write).await?;
    let settings = crate::settings::load(tx.conn()).await?;
    let logo = crate::letterhead::png(tx.conn()).await?;
    let id = new_id();
    let issued_at = chrono::DateTime::from_timestamp_millis(tx.at_ms()).unwrap_or_default();
    let snapshot = Snapshot::Referral {
        letter: ReferralDocument {
            document_id: id.clone(),
            issued_at,
            letterhead: compose::letterhead(&settings, logo),
            letter,
        },
    };
    let bytes = render(&snapshot, &options)?;
    let document = IssuedDocument {
        id,
        client_id,
        appointment_id: None,
        kind: "referral_letter".into(),
        title: "Referral letter".into(),
        options,
        sha256: sha256_hex(&bytes),
        byte_size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        issued_at_ms: tx.at_ms(),
        issued_by: actor.display_name.clone(),
    };
    // Not to whom: a letter to a counsellor says something about the client's health.
    let detail = format!("referral_letter, sha256 {}", document.sha256);
    store(&mut tx, &document, &snapshot, detail).await?;
    tx.commit().await?;
    Ok(pdf_file(document, &bytes))
}

/// Records an issued document with its snapshot and journals the print (detail: kind and
/// hash, never client text).
async fn store(
    tx: &mut WriteTx,
    document: &IssuedDocument,
    snapshot: &Snapshot,
    detail: String,
) -> ApiResult<()> {
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
    .bind(serde_json::to_string(snapshot).map_err(|_| ApiError::internal())?)
    .bind(&document.sha256)
    .bind(document.byte_size)
    .bind(document.issued_at_ms)
    .bind(&document.issued_by)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "issue",
        entity: "document",
        entity_id: &document.id,
        client_id: Some(&document.client_id),
        detail,
    })
    .await
}

/// A client's document history, newest first.
/// Clinical documents (a referral letter) are listed only to those who may open the client's
/// clinical record.
pub async fn list(
    clinic: &Clinic,
    actor: &Actor,
    args: ClientDocuments,
) -> ApiResult<Vec<IssuedDocument>> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let mut conn = clinic.pool().acquire().await?;
    let rows = sqlx::query(concat!(
        select_documents!(),
        " WHERE client_id = $1 ORDER BY issued_at DESC, id DESC"
    ))
    .bind(&client_id)
    .fetch_all(&mut *conn)
    .await?;
    let documents: Vec<IssuedDocument> =
        rows.iter().map(document_from).collect::<Result<_, _>>()?;
    let now_ms = clinic.now().timestamp_millis();
    let clinical_visible = may_see_clinical(&mut conn, actor, &client_id, now_ms).await?;
    Ok(documents
        .into_iter()
        .filter(|d| clinical_visible || !is_clinical(d))
        .collect())
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
    let at_ms = tx.at_ms();
    if is_clinical(&document)
        && !may_see_clinical(tx.conn(), actor, &document.client_id, at_ms).await?
    {
        return Err(ApiError::forbidden(
            "Clinical letters are printed only by the client's own therapists.",
        ));
    }
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

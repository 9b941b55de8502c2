//! Client data requests: everything about one client as JSON (the right of access), and
//! erasure with retention (the right to erasure, within the duty to keep health records).
//!
//! Erasure deletes the contact details at once (phone, email, date of birth, preferred name,
//! address, emergency contact, contact preference, reception notes and alerts, and the search
//! key, so search can no longer find the person) and
//! restricts the record: it is hidden from search, names kept only so the retained records
//! stay attributable. When the retention period has passed — `retention_years` (default 8)
//! after the last contact (latest appointment, else when the record was made) — the client
//! and everything about them is purged, at erasure if already due or later by
//! `retention.purge_due`. Journal lines stay (append-only, ids only, no client text).

use crate::api::{ById, NoArgs, Permission, may};
use crate::audit::{self, Entry, JournalLine, JournalQuery, WriteTx};
use crate::care;
use crate::clients::{Client, get};
use crate::clinic::Clinic;
use crate::documents::history::{self, IssuedDocument};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::scheduling::appointments::{self, Appointment};
use crate::settings;
use crate::staff::Actor;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

/// Everything Palma holds about one client.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientExport {
    /// Clinic wall-clock time of the export, `YYYY-MM-DDTHH:MM`.
    pub exported_at: String,
    pub clinic_name: String,
    pub client: Client,
    /// Set when the client's data was erased and the record is kept only until `purgeAfter`.
    pub purge_after: Option<String>,
    pub appointments: Vec<Appointment>,
    /// Documents issued to the client, newest first (a folder export holds their PDFs).
    pub documents: Vec<IssuedDocument>,
    /// The clinical record with every session note in full; only when the person exporting
    /// may read clinical records (the reads are journaled like any other).
    pub clinical: Option<ClinicalExport>,
    /// Who did what with this client's records, when, from which computer.
    pub journal: Vec<JournalLine>,
}

/// A client's clinical record as exported.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicalExport {
    pub record: care::ClinicalRecord,
    /// Newest first, with amendments.
    pub notes: Vec<care::Note>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    pub client_id: String,
    /// The day the restricted record will be purged; none when it was purged now.
    pub purge_after: Option<String>,
    pub purged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurgeReport {
    pub purged: i64,
}

pub async fn export(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<ClientExport> {
    let export = gather(clinic, actor, args).await?;
    journal_export(clinic, actor, &export, String::new()).await?;
    Ok(export)
}

/// Reads everything about a client (clinical reads journaled; the export itself is not yet).
pub(crate) async fn gather(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<ClientExport> {
    let client = get(clinic, actor, args).await?;
    let settings = settings::load(clinic.pool()).await?;
    let purge_after: Option<String> =
        sqlx::query_scalar("SELECT purge_after FROM clients WHERE id = $1")
            .bind(&client.id)
            .fetch_one(clinic.pool())
            .await?;
    // The journal as it stood before this export's own clinical reads.
    let query = JournalQuery {
        client_id: Some(client.id.clone()),
        limit: Some(1000),
        ..JournalQuery::default()
    };
    let journal = audit::search(clinic, actor, query).await?;
    let clinical = if may(actor, Permission::ViewClinical) {
        let by_client = || care::ByClient {
            client_id: client.id.clone(),
        };
        let record = care::record(clinic, actor, by_client()).await?;
        let mut notes = Vec::new();
        for summary in care::notes(clinic, actor, by_client()).await? {
            notes.push(care::note(clinic, actor, ById { id: summary.id }).await?);
        }
        Some(ClinicalExport { record, notes })
    } else {
        None
    };
    let documents = history::list(
        clinic,
        actor,
        history::ClientDocuments {
            client_id: client.id.clone(),
        },
    )
    .await?;
    Ok(ClientExport {
        exported_at: clinic
            .now()
            .with_timezone(&settings.tz())
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        clinic_name: settings.name,
        appointments: appointments::for_client(clinic, &client.id).await?,
        documents,
        clinical,
        journal,
        purge_after,
        client,
    })
}

/// Journals an export: counts and file names only, never client text.
pub(crate) async fn journal_export(
    clinic: &Clinic,
    actor: &Actor,
    export: &ClientExport,
    extra: String,
) -> ApiResult<()> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    tx.record(Entry {
        action: "export",
        entity: "client",
        entity_id: &export.client.id,
        client_id: Some(&export.client.id),
        detail: format!(
            "{} appointments, {} documents{}{extra}",
            export.appointments.len(),
            export.documents.len(),
            if export.clinical.is_some() {
                ", clinical record"
            } else {
                ""
            },
        ),
    })
    .await?;
    tx.commit().await
}

pub async fn erase(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<Erasure> {
    let id = fields::id("id", &args.id)?;
    let tz = settings::load(clinic.pool()).await?.tz();
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let now_ms = tx.at_ms();
    let row = sqlx::query(
        "SELECT c.created_at, (SELECT MAX(a.start_ms) FROM appointments a WHERE a.client_id = c.id) AS last_seen, \
         (SELECT COUNT(*) FROM appointments a WHERE a.client_id = c.id AND a.start_ms > $2 \
          AND a.status <> 'cancelled') AS upcoming, \
         (SELECT retention_years FROM security_settings WHERE id = 1) AS years \
         FROM clients c WHERE c.id = $1",
    )
    .bind(&id)
    .bind(now_ms)
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| ApiError::not_found("client"))?;
    if row.try_get::<i64, _>("upcoming")? > 0 {
        return Err(ApiError::conflict(
            "This client has appointments to come: cancel them before erasing their data.",
        ));
    }
    let created: i64 = row.try_get("created_at")?;
    let last_ms = row
        .try_get::<Option<i64>, _>("last_seen")?
        .unwrap_or(created)
        .max(created);
    let years: i32 = row.try_get("years")?;
    let day = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(&tz).date_naive())
            .unwrap_or_default()
    };
    let purge_after = day(last_ms)
        .checked_add_months(Months::new(12 * u32::try_from(years).unwrap_or(8)))
        .unwrap_or(NaiveDate::MAX);
    if purge_after <= day(now_ms) {
        purge(&mut tx, &id).await?;
        super::search::drop_erased(&mut tx, clinic.engine()).await?;
        tx.commit().await?;
        crate::db::forget_erased(clinic.pool(), clinic.engine()).await;
        return Ok(Erasure {
            client_id: id,
            purge_after: None,
            purged: true,
        });
    }
    let purge_text = purge_after.format("%Y-%m-%d").to_string();
    sqlx::query(
        "UPDATE clients SET preferred_name = '', date_of_birth = NULL, phone = '', email = '', \
         notes_for_reception = '', address = '', emergency_contact_name = '', \
         emergency_contact_phone = '', preferred_contact = '', alerts = '', search_key = '', \
         restricted_at = $1, purge_after = $2, updated_at = $1 WHERE id = $3",
    )
    .bind(now_ms)
    .bind(&purge_text)
    .bind(&id)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "erase",
        entity: "client",
        entity_id: &id,
        client_id: Some(&id),
        detail: format!("contact details removed; restricted until {purge_text}"),
    })
    .await?;
    super::search::drop_erased(&mut tx, clinic.engine()).await?;
    tx.commit().await?;
    crate::db::forget_erased(clinic.pool(), clinic.engine()).await;
    Ok(Erasure {
        client_id: id,
        purge_after: Some(purge_text),
        purged: false,
    })
}

/// Refuses, as `conflict`, any write about a client whose data was erased: their record is only
/// retained (contact details, bookings and clinical record alike), read-only until the purge.
/// The message names nothing of the client. Run inside the write's transaction.
pub(crate) async fn ensure_not_erased(
    conn: &mut sqlx::AnyConnection,
    client_id: &str,
) -> ApiResult<()> {
    let restricted: Option<Option<i64>> =
        sqlx::query_scalar("SELECT restricted_at FROM clients WHERE id = $1")
            .bind(client_id)
            .fetch_optional(conn)
            .await?;
    if matches!(restricted, Some(Some(_))) {
        return Err(ApiError::conflict(ERASED));
    }
    Ok(())
}

/// Why a write about an erased client is refused.
pub(crate) const ERASED: &str =
    "This client's record was erased: what is kept is read-only until it is purged.";

/// Every table holding a client's records, children before parents (foreign keys). A table
/// added later that refers to a client or an appointment must be added here.
const PURGE: [&str; 19] = [
    "DELETE FROM care_access_grants WHERE client_id = $1",
    "DELETE FROM care_form_drafts WHERE client_id = $1",
    "DELETE FROM care_measures WHERE client_id = $1",
    "DELETE FROM care_reviews WHERE client_id = $1",
    "DELETE FROM care_note_amendments WHERE note_id IN (SELECT id FROM care_notes WHERE client_id = $1)",
    "DELETE FROM care_notes WHERE client_id = $1",
    "DELETE FROM care_plans WHERE client_id = $1",
    "DELETE FROM care_goals WHERE client_id = $1",
    "DELETE FROM care_assessments WHERE client_id = $1",
    "DELETE FROM care_preferences WHERE client_id = $1",
    "DELETE FROM care_consents WHERE client_id = $1",
    "DELETE FROM care_precautions WHERE client_id = $1",
    "DELETE FROM care_intakes WHERE client_id = $1",
    "DELETE FROM issued_documents WHERE client_id = $1 \
     OR appointment_id IN (SELECT id FROM appointments WHERE client_id = $1)",
    "DELETE FROM programme_items WHERE client_id = $1 \
     OR appointment_id IN (SELECT id FROM appointments WHERE client_id = $1)",
    "DELETE FROM aftercare_notes WHERE appointment_id IN (SELECT id FROM appointments WHERE client_id = $1)",
    "DELETE FROM waitlist WHERE client_id = $1",
    "DELETE FROM appointments WHERE client_id = $1",
    "DELETE FROM clients WHERE id = $1",
];

/// Deletes a client and everything about them. The client is restricted first (when erasure
/// purges at once), which is what lets the database delete signed notes (migration 0019).
async fn purge(tx: &mut WriteTx, id: &str) -> ApiResult<()> {
    sqlx::query("UPDATE clients SET restricted_at = COALESCE(restricted_at, $1) WHERE id = $2")
        .bind(tx.at_ms())
        .bind(id)
        .execute(tx.conn())
        .await?;
    for sql in PURGE {
        sqlx::query(sql).bind(id).execute(tx.conn()).await?;
    }
    tx.record(Entry {
        action: "purge",
        entity: "client",
        entity_id: id,
        client_id: Some(id),
        detail: String::new(),
    })
    .await
}

/// Purges every restricted client whose retention period has ended. The shell may call this
/// daily; the owner can run it from the retention screen.
pub async fn purge_due(clinic: &Clinic, actor: &Actor, _args: NoArgs) -> ApiResult<PurgeReport> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let today = clinic
        .now()
        .with_timezone(&tz)
        .format("%Y-%m-%d")
        .to_string();
    let due: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE restricted_at IS NOT NULL AND purge_after <= $1",
    )
    .bind(&today)
    .fetch_all(clinic.pool())
    .await?;
    for (n, id) in due.iter().enumerate() {
        let mut tx = WriteTx::begin(clinic, actor).await?;
        purge(&mut tx, id).await?;
        if n + 1 == due.len() {
            super::search::drop_erased(&mut tx, clinic.engine()).await?;
        }
        tx.commit().await?;
    }
    if !due.is_empty() {
        crate::db::forget_erased(clinic.pool(), clinic.engine()).await;
    }
    Ok(PurgeReport {
        purged: i64::try_from(due.len()).unwrap_or(i64::MAX),
    })
}

/// A client whose data was erased, kept restricted until the retention period ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestrictedClient {
    pub client_id: String,
    /// The names kept so the retained records stay attributable.
    pub name: String,
    /// Clinic day the data was erased, `YYYY-MM-DD`.
    pub restricted_on: String,
    /// The day after which the record is purged, `YYYY-MM-DD`.
    pub purge_after: String,
    /// The purge is due now (`retention.purge_due` would remove it).
    pub due: bool,
}

/// Every restricted client record, those due for purging first, then by purge date.
pub async fn restricted(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<Vec<RestrictedClient>> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let today = clinic
        .now()
        .with_timezone(&tz)
        .format("%Y-%m-%d")
        .to_string();
    let rows = sqlx::query(
        "SELECT id, given_name, family_name, restricted_at, purge_after FROM clients \
         WHERE restricted_at IS NOT NULL ORDER BY purge_after, family_name, id",
    )
    .fetch_all(clinic.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let purge_after: String = row.try_get("purge_after")?;
            let at: i64 = row.try_get("restricted_at")?;
            Ok(RestrictedClient {
                client_id: row.try_get("id")?,
                name: format!(
                    "{} {}",
                    row.try_get::<String, _>("given_name")?,
                    row.try_get::<String, _>("family_name")?
                ),
                restricted_on: chrono::DateTime::from_timestamp_millis(at)
                    .map(|t| t.with_timezone(&tz).format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                due: purge_after.as_str() <= today.as_str(),
                purge_after,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

/// How long a client's records are kept after their last contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSettings {
    /// Years after the last contact (1–100, default 8).
    pub years: i32,
}

pub async fn retention(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<RetentionSettings> {
    let years: i32 =
        sqlx::query_scalar("SELECT retention_years FROM security_settings WHERE id = 1")
            .fetch_one(clinic.pool())
            .await?;
    Ok(RetentionSettings { years })
}

/// Changes the retention period for future erasures (records already restricted keep the
/// purge date they were given).
pub async fn configure_retention(
    clinic: &Clinic,
    actor: &Actor,
    args: RetentionSettings,
) -> ApiResult<RetentionSettings> {
    let years = fields::within("years", "Retention (years)", args.years.into(), 1..=100)?;
    let years = i32::try_from(years).unwrap_or(8);
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query("UPDATE security_settings SET retention_years = $1, updated_at = $2 WHERE id = 1")
        .bind(years)
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
    crate::settings::journal_change(&mut tx, "retention", format!("{years} years")).await?;
    tx.commit().await?;
    Ok(RetentionSettings { years })
}

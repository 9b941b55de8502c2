//! Client data requests: everything about one client as JSON (the right of access), and
//! erasure with retention (the right to erasure, within the duty to keep health records).
//!
//! Erasure deletes the contact details at once (phone, email, date of birth, preferred name,
//! reception notes, and the search key, so search can no longer find the person) and
//! restricts the record: it is hidden from search, names kept only so the retained records
//! stay attributable. When the retention period has passed — `retention_years` (default 8)
//! after the last contact (latest appointment, else when the record was made) — the client
//! and everything about them is purged, at erasure if already due or later by
//! `retention.purge_due`. Journal lines stay (append-only, ids only, no client text).

use crate::api::{ById, NoArgs};
use crate::audit::{self, Entry, JournalLine, JournalQuery, WriteTx};
use crate::clients::{Client, get};
use crate::clinic::Clinic;
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientExport {
    /// Clinic wall-clock time of the export, `YYYY-MM-DDTHH:MM`.
    pub exported_at: String,
    pub clinic_name: String,
    pub client: Client,
    /// Set when the client's data was erased and the record is kept only until `purgeAfter`.
    pub purge_after: Option<String>,
    pub appointments: Vec<Appointment>,
    /// Who did what with this client's records, when, from which computer.
    pub journal: Vec<JournalLine>,
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
    let client = get(clinic, actor, args).await?;
    let settings = settings::load(clinic.pool()).await?;
    let purge_after: Option<String> =
        sqlx::query_scalar("SELECT purge_after FROM clients WHERE id = $1")
            .bind(&client.id)
            .fetch_one(clinic.pool())
            .await?;
    let query = JournalQuery {
        client_id: Some(client.id.clone()),
        limit: Some(1000),
        ..JournalQuery::default()
    };
    let export = ClientExport {
        exported_at: clinic
            .now()
            .with_timezone(&settings.tz())
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        clinic_name: settings.name,
        appointments: appointments::for_client(clinic, &client.id).await?,
        journal: audit::search(clinic, actor, query).await?,
        purge_after,
        client,
    };
    let mut tx = WriteTx::begin(clinic, actor).await?;
    tx.record(Entry {
        action: "export",
        entity: "client",
        entity_id: &export.client.id,
        client_id: Some(&export.client.id),
        detail: format!("{} appointments", export.appointments.len()),
    })
    .await?;
    tx.commit().await?;
    Ok(export)
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
        tx.commit().await?;
        return Ok(Erasure {
            client_id: id,
            purge_after: None,
            purged: true,
        });
    }
    let purge_text = purge_after.format("%Y-%m-%d").to_string();
    sqlx::query(
        "UPDATE clients SET preferred_name = '', date_of_birth = NULL, phone = '', email = '', \
         notes_for_reception = '', search_key = '', restricted_at = $1, purge_after = $2, \
         updated_at = $1 WHERE id = $3",
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
    tx.commit().await?;
    Ok(Erasure {
        client_id: id,
        purge_after: Some(purge_text),
        purged: false,
    })
}

/// Deletes a client and everything that refers to them. Tables added later that hold a
/// client's records (clinical notes, documents) must be deleted here too.
async fn purge(tx: &mut WriteTx, id: &str) -> ApiResult<()> {
    for sql in [
        "DELETE FROM appointments WHERE client_id = $1",
        "DELETE FROM clients WHERE id = $1",
    ] {
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
    for id in &due {
        let mut tx = WriteTx::begin(clinic, actor).await?;
        purge(&mut tx, id).await?;
        tx.commit().await?;
    }
    Ok(PurgeReport {
        purged: i64::try_from(due.len()).unwrap_or(i64::MAX),
    })
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

//! Breaking the glass: a therapist opening the clinical record of a client who is not theirs
//! ([`super::access`]), because they must (covering a colleague, a client in the building
//! asking for help), and saying why.
//!
//! The reason is required and stored in `care_access_grants` with who, which client and when;
//! the journal line (`break_glass`) holds only ids, so the reason — which may well mention the
//! client — is purged with the client like the rest of their record. A grant opens the record
//! until the end of that clinic-local day (the clinic's time zone, the injected clock); the
//! next day it takes a new reason. The owner, who opens every record anyway, sees every grant
//! (`care.access_grants`).

use super::access::{clinic_day, may_open};
use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::scheduling::appointments::local;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

/// Fewer characters than this is not a reason ("x", "need it").
const SHORTEST_REASON: usize = 10;

/// How many grants the owner's list shows, newest first.
const LISTED: i64 = 500;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BreakGlass {
    pub client_id: String,
    /// Why this record must be opened (kept for the owner; not in the journal).
    pub reason: String,
}

/// The record is open to the caller until the end of `validOn`.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GlassBroken {
    /// The clinic-local day the opening lasts for, `YYYY-MM-DD`.
    pub valid_on: String,
}

/// One opening of a record by breaking the glass, as the owner sees it.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccessGrant {
    pub id: String,
    pub staff_id: String,
    /// Empty when the account was removed.
    pub staff_name: String,
    pub client_id: String,
    pub client_name: String,
    pub at_ms: i64,
    /// Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub at: String,
    pub valid_on: String,
    pub reason: String,
}

/// `care.break_glass`: opens `clientId`'s record to the caller for the rest of the clinic day,
/// recording why. Someone who may already open the record (the owner, shared care, their own
/// client) has no glass to break: nothing is recorded.
pub async fn break_glass(
    clinic: &Clinic,
    actor: &Actor,
    args: BreakGlass,
) -> ApiResult<GlassBroken> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let reason = fields::optional_line("reason", "Reason", &args.reason, 300)?;
    if reason.chars().count() < SHORTEST_REASON {
        return Err(ApiError::validation(
            "reason",
            "Say why you need to open this record (a sentence, at least 10 characters).",
        ));
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM clients WHERE id = $1")
        .bind(&client_id)
        .fetch_optional(tx.conn())
        .await?;
    let client_id = found.ok_or_else(|| ApiError::not_found("client"))?;
    let at_ms = tx.at_ms();
    let tz = crate::settings::load(tx.conn()).await?.tz();
    let valid_on = clinic_day(tz, at_ms);
    if may_open(tx.conn(), actor, &client_id, at_ms).await? {
        return Ok(GlassBroken { valid_on });
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO care_access_grants (id, staff_id, client_id, reason, at_ms, valid_on) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(&actor.staff_id)
    .bind(&client_id)
    .bind(&reason)
    .bind(at_ms)
    .bind(&valid_on)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "break_glass",
        entity: "access_grant",
        entity_id: &id,
        client_id: Some(&client_id),
        detail: format!("valid on {valid_on}"),
    })
    .await?;
    tx.commit().await?;
    tracing::info!("record opened by breaking the glass");
    Ok(GlassBroken { valid_on })
}

/// `care.access_grants`: every opening by breaking the glass, newest first, for the owner.
pub async fn access_grants(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<Vec<AccessGrant>> {
    let tz = crate::settings::load(clinic.pool()).await?.tz();
    let rows = sqlx::query(
        "SELECT g.id, g.staff_id, s.display_name, g.client_id, c.given_name, c.family_name, \
         g.at_ms, g.valid_on, g.reason FROM care_access_grants g \
         JOIN clients c ON c.id = g.client_id LEFT JOIN staff s ON s.id = g.staff_id \
         ORDER BY g.at_ms DESC, g.id DESC LIMIT $1",
    )
    .bind(LISTED)
    .fetch_all(clinic.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let at_ms: i64 = row.try_get("at_ms")?;
            let given: String = row.try_get("given_name")?;
            let family: String = row.try_get("family_name")?;
            Ok(AccessGrant {
                id: row.try_get("id")?,
                staff_id: row.try_get("staff_id")?,
                staff_name: row
                    .try_get::<Option<String>, _>("display_name")?
                    .unwrap_or_default(),
                client_id: row.try_get("client_id")?,
                client_name: format!("{given} {family}").trim().to_owned(),
                at_ms,
                at: local(tz, at_ms),
                valid_on: row.try_get("valid_on")?,
                reason: row.try_get("reason")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

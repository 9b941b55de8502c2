//! A client's self-care programme: handouts assigned at a visit, each with the dosage the
//! therapist set and a personal note, plus the plain-words notes for the aftercare sheet.
//! The programme keeps what was given when; removing an item keeps its record.

use super::content::{Category, Dosage};
use super::from_note::FromNote;
use super::store::load_version;
use crate::api::ById;
use crate::audit::{Entry, WriteTx};
use crate::care::{self, Intent, Part};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeItem {
    pub id: String,
    pub handout_id: String,
    pub handout_version: i32,
    pub title: String,
    pub category: Category,
    pub dosage: Dosage,
    /// The dosage in plain words, as printed.
    pub dosage_text: String,
    pub personal_note: String,
    pub assigned_at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionProgramme {
    pub appointment_id: String,
    pub client_id: String,
    /// What we worked on today, in plain words for the client.
    pub worked_on: String,
    /// What to expect in the next 24–48 hours; empty means the clinic's standard advice.
    pub what_to_expect: String,
    pub items: Vec<ProgrammeItem>,
    /// What the visit's note gives the sheet: the client's goals between sessions and
    /// today's measures (printed on the sheet; edited in the note).
    pub from_note: FromNote,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignHandout {
    pub appointment_id: String,
    pub handout_id: String,
    /// Absent: the handout's default dosage.
    #[ts(optional)]
    pub dosage: Option<Dosage>,
    #[serde(default)]
    pub personal_note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProgrammeItem {
    pub id: String,
    pub dosage: Dosage,
    #[serde(default)]
    pub personal_note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AftercareNotes {
    pub appointment_id: String,
    pub worked_on: String,
    #[serde(default)]
    pub what_to_expect: String,
}

/// The visit a programme belongs to: its client, and whether it still takes place.
async fn visit_client(conn: &mut sqlx::AnyConnection, appointment_id: &str) -> ApiResult<String> {
    let row = sqlx::query("SELECT client_id, status FROM appointments WHERE id = $1")
        .bind(appointment_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| ApiError::validation("appointmentId", "That appointment does not exist."))?;
    let status: String = row.try_get("status")?;
    if status == "cancelled" || status == "no_show" {
        return Err(ApiError::conflict(
            "Self-care can only be planned for a visit that takes place.",
        ));
    }
    Ok(row.try_get("client_id")?)
}

/// Reads a visit's programme inside a write (so the read is journaled by the caller).
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    appointment_id: &str,
) -> ApiResult<SessionProgramme> {
    let client_id =
        sqlx::query_scalar::<_, String>("SELECT client_id FROM appointments WHERE id = $1")
            .bind(appointment_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| ApiError::not_found("appointment"))?;
    let notes = sqlx::query(
        "SELECT worked_on, what_to_expect FROM aftercare_notes WHERE appointment_id = $1",
    )
    .bind(appointment_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (worked_on, what_to_expect) = match notes {
        Some(row) => (row.try_get("worked_on")?, row.try_get("what_to_expect")?),
        None => (String::new(), String::new()),
    };
    let rows = sqlx::query(
        "SELECT p.id, p.handout_id, p.handout_version, p.dosage, p.personal_note, p.assigned_at, \
         v.title, v.category FROM programme_items p \
         JOIN handout_versions v ON v.handout_id = p.handout_id AND v.version = p.handout_version \
         WHERE p.appointment_id = $1 AND p.removed_at IS NULL ORDER BY p.position, p.assigned_at",
    )
    .bind(appointment_id)
    .fetch_all(&mut *conn)
    .await?;
    let items: Vec<ProgrammeItem> = rows
        .iter()
        .map(|row| {
            let dosage: Dosage = serde_json::from_str(&row.try_get::<String, _>("dosage")?)
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            let category: Category =
                serde_json::from_value(serde_json::Value::String(row.try_get("category")?))
                    .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            Ok(ProgrammeItem {
                id: row.try_get("id")?,
                handout_id: row.try_get("handout_id")?,
                handout_version: row.try_get("handout_version")?,
                title: row.try_get("title")?,
                category,
                dosage_text: dosage.describe(),
                dosage,
                personal_note: row.try_get("personal_note")?,
                assigned_at_ms: row.try_get("assigned_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(SessionProgramme {
        appointment_id: appointment_id.to_owned(),
        client_id,
        worked_on,
        what_to_expect,
        items,
        from_note: super::from_note::load(conn, appointment_id).await?,
    })
}

/// Journals the read of a visit's programme (self-care plans are part of the clinical record).
pub async fn get(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<SessionProgramme> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    care::client_of(&mut tx, actor, Part::Visit, &id, Intent::Read).await?;
    let programme = load(tx.conn(), &id).await?;
    tx.record(Entry {
        action: "read",
        entity: "programme",
        entity_id: &id,
        client_id: Some(&programme.client_id),
        detail: String::new(),
    })
    .await?;
    tx.commit().await?;
    Ok(programme)
}

/// Runs one change to a visit's programme in a journaled write and returns the programme after it.
async fn change<F>(
    clinic: &Clinic,
    actor: &Actor,
    appointment_id: &str,
    action: &str,
    entity_id: Option<&str>,
    apply: F,
) -> ApiResult<SessionProgramme>
where
    F: for<'t> FnOnce(
        &'t mut WriteTx,
        String,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = ApiResult<String>> + Send + 't>,
    >,
{
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = visit_client(tx.conn(), appointment_id).await?;
    let at_ms = tx.at_ms();
    care::ensure_open(tx.conn(), actor, &client_id, at_ms, Intent::Write).await?;
    let changed = apply(&mut tx, client_id.clone()).await?;
    tx.record(Entry {
        action,
        entity: "programme",
        entity_id: entity_id.unwrap_or(&changed),
        client_id: Some(&client_id),
        detail: format!("appointment {appointment_id}"),
    })
    .await?;
    let programme = load(tx.conn(), appointment_id).await?;
    tx.commit().await?;
    Ok(programme)
}

pub async fn assign(
    clinic: &Clinic,
    actor: &Actor,
    args: AssignHandout,
) -> ApiResult<SessionProgramme> {
    let appointment_id = fields::id("appointmentId", &args.appointment_id)?;
    let handout_id = fields::id("handoutId", &args.handout_id)?;
    let note = fields::multiline("personalNote", "Personal note", &args.personal_note, 2000)?;
    if let Some(dosage) = &args.dosage {
        dosage.check("dosage")?;
    }
    let by = actor.staff_id.clone();
    change(clinic, actor, &appointment_id.clone(), "assign", None, move |tx, client_id| {
        Box::pin(async move {
            let handout = load_version(tx.conn(), &handout_id, None).await.map_err(|e| {
                if e.code == crate::ErrorCode::NotFound { ApiError::validation("handoutId", "That handout does not exist.") } else { e }
            })?;
            if handout.retired {
                return Err(ApiError::validation("handoutId", "That handout has been retired."));
            }
            let position: i32 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS INTEGER) FROM programme_items WHERE appointment_id = $1",
            )
            .bind(&appointment_id)
            .fetch_one(tx.conn())
            .await?;
            let id = new_id();
            let dosage = args.dosage.unwrap_or(handout.content.dosage);
            sqlx::query(
                "INSERT INTO programme_items (id, client_id, appointment_id, handout_id, handout_version, \
                 dosage, personal_note, position, assigned_at, assigned_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&id)
            .bind(&client_id)
            .bind(&appointment_id)
            .bind(&handout_id)
            .bind(handout.version)
            .bind(serde_json::to_string(&dosage).unwrap_or_default())
            .bind(&note)
            .bind(position)
            .bind(tx.at_ms())
            .bind(&by)
            .execute(tx.conn())
            .await?;
            Ok(id)
        })
    })
    .await
}

/// The appointment an item belongs to.
async fn item_visit(clinic: &Clinic, id: &str) -> ApiResult<String> {
    sqlx::query_scalar::<_, String>(
        "SELECT appointment_id FROM programme_items WHERE id = $1 AND removed_at IS NULL",
    )
    .bind(id)
    .fetch_optional(clinic.pool())
    .await?
    .ok_or_else(|| ApiError::not_found("self-care item"))
}

pub async fn update_item(
    clinic: &Clinic,
    actor: &Actor,
    args: UpdateProgrammeItem,
) -> ApiResult<SessionProgramme> {
    let id = fields::id("id", &args.id)?;
    args.dosage.check("dosage")?;
    let note = fields::multiline("personalNote", "Personal note", &args.personal_note, 2000)?;
    let appointment_id = item_visit(clinic, &id).await?;
    let dosage = serde_json::to_string(&args.dosage).unwrap_or_default();
    change(clinic, actor, &appointment_id, "update", Some(&id.clone()), move |tx, _| {
        Box::pin(async move {
            sqlx::query("UPDATE programme_items SET dosage = $2, personal_note = $3 WHERE id = $1 AND removed_at IS NULL")
                .bind(&id)
                .bind(&dosage)
                .bind(&note)
                .execute(tx.conn())
                .await?;
            Ok(id)
        })
    })
    .await
}

pub async fn remove_item(
    clinic: &Clinic,
    actor: &Actor,
    args: ById,
) -> ApiResult<SessionProgramme> {
    let id = fields::id("id", &args.id)?;
    let appointment_id = item_visit(clinic, &id).await?;
    change(
        clinic,
        actor,
        &appointment_id,
        "remove",
        Some(&id.clone()),
        move |tx, _| {
            Box::pin(async move {
                sqlx::query("UPDATE programme_items SET removed_at = $2 WHERE id = $1")
                    .bind(&id)
                    .bind(tx.at_ms())
                    .execute(tx.conn())
                    .await?;
                Ok(id)
            })
        },
    )
    .await
}

pub async fn set_notes(
    clinic: &Clinic,
    actor: &Actor,
    args: AftercareNotes,
) -> ApiResult<SessionProgramme> {
    let appointment_id = fields::id("appointmentId", &args.appointment_id)?;
    let worked_on = fields::multiline("workedOn", "What we worked on", &args.worked_on, 2000)?;
    let expect = fields::multiline("whatToExpect", "What to expect", &args.what_to_expect, 2000)?;
    let by = actor.staff_id.clone();
    let visit = appointment_id.clone();
    change(clinic, actor, &appointment_id, "notes", None, move |tx, _| {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO aftercare_notes (appointment_id, worked_on, what_to_expect, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (appointment_id) DO UPDATE SET \
                 worked_on = $2, what_to_expect = $3, updated_at = $4, updated_by = $5",
            )
            .bind(&visit)
            .bind(&worked_on)
            .bind(&expect)
            .bind(tx.at_ms())
            .bind(&by)
            .execute(tx.conn())
            .await?;
            Ok(visit)
        })
    })
    .await
}

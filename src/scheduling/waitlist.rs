//! The waiting list: clients who want a service sooner, with their preferred therapists, days,
//! times of day and urgency. When a cancellation or a move frees a slot, the entries that fit it
//! come back with the reply as offers; booking from an entry closes it.

use super::appointments::{Appointment, override_reason, parse_local, view};
use super::availability::local_minutes;
use super::hours::time_ranges;
use super::rules::Placement;
use crate::api::{ById, NoArgs};
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    #[default]
    Normal,
    Soon,
    Urgent,
}

impl Urgency {
    fn rank(self) -> i32 {
        match self {
            Self::Normal => 0,
            Self::Soon => 1,
            Self::Urgent => 2,
        }
    }

    fn from_rank(rank: i32) -> Self {
        match rank {
            2 => Self::Urgent,
            1 => Self::Soon,
            _ => Self::Normal,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistInput {
    pub client_id: String,
    pub service_id: String,
    /// Empty: any therapist who offers the service.
    #[serde(default)]
    pub practitioner_ids: Vec<String>,
    /// 1 = Monday … 7 = Sunday; empty: any day.
    #[serde(default)]
    pub weekdays: Vec<i32>,
    /// "morning", "afternoon", "evening" or `HH:MM-HH:MM`; empty: any time.
    #[serde(default)]
    pub times_of_day: Vec<String>,
    #[serde(default)]
    pub urgency: Urgency,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistEntry {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    /// The number to ring with an offer, as stored (may be empty).
    pub client_phone: String,
    pub service_id: String,
    pub service_name: String,
    pub practitioner_ids: Vec<String>,
    pub weekdays: Vec<i32>,
    pub times_of_day: Vec<String>,
    pub urgency: Urgency,
    pub note: String,
    /// When it was added, clinic wall clock.
    pub created: String,
}

/// A waiting-list entry that fits a freed slot, and the slot to book it into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistOffer {
    pub entry: WaitlistEntry,
    pub practitioner_id: String,
    pub room_id: String,
    /// Clinic wall-clock start, `YYYY-MM-DDTHH:MM`.
    pub start: String,
}

/// A freed slot to find offers for: an appointment's id, or the slot itself.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OffersFor {
    #[serde(default)]
    #[ts(optional)]
    pub appointment_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub slot: Option<FreeSlotRef>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeSlotRef {
    pub practitioner_id: String,
    pub room_id: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookFromWaitlist {
    pub entry_id: String,
    pub practitioner_id: String,
    pub room_id: String,
    pub start: String,
    #[serde(default)]
    #[ts(optional)]
    pub override_reason: Option<String>,
}

const SELECT: &str = "SELECT w.id, w.client_id, w.service_id, w.practitioner_ids, w.weekdays, \
     w.times_of_day, w.urgency, w.note, w.created_at, c.given_name, c.family_name, \
     c.preferred_name, c.phone, s.name AS service_name, s.duration_min, s.room_type \
     FROM waitlist w JOIN clients c ON c.id = w.client_id JOIN services s ON s.id = w.service_id \
     WHERE w.closed_at IS NULL";

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn entry_from(row: &AnyRow, tz: Tz) -> Result<WaitlistEntry, sqlx::Error> {
    let preferred: String = row.try_get("preferred_name")?;
    let given: String = row.try_get("given_name")?;
    let family: String = row.try_get("family_name")?;
    let first = if preferred.is_empty() {
        given
    } else {
        preferred
    };
    Ok(WaitlistEntry {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        client_name: format!("{first} {family}"),
        client_phone: row.try_get("phone")?,
        service_id: row.try_get("service_id")?,
        service_name: row.try_get("service_name")?,
        practitioner_ids: split_list(&row.try_get::<String, _>("practitioner_ids")?),
        weekdays: split_list(&row.try_get::<String, _>("weekdays")?)
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect(),
        times_of_day: split_list(&row.try_get::<String, _>("times_of_day")?),
        urgency: Urgency::from_rank(row.try_get("urgency")?),
        note: row.try_get("note")?,
        created: super::appointments::local(tz, row.try_get("created_at")?),
    })
}

pub async fn add(clinic: &Clinic, actor: &Actor, args: WaitlistInput) -> ApiResult<WaitlistEntry> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let service_id = fields::id("serviceId", &args.service_id)?;
    let practitioners = args
        .practitioner_ids
        .iter()
        .map(|p| fields::id("practitionerIds", p))
        .collect::<ApiResult<Vec<_>>>()?;
    for day in &args.weekdays {
        fields::within("weekdays", "Weekday", (*day).into(), 1..=7)?;
    }
    time_ranges("timesOfDay", &args.times_of_day)?;
    let note = fields::multiline("note", "Note", &args.note, 500)?;
    let id = new_id();
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    for (sql, value, field) in [
        (
            "SELECT id FROM clients WHERE id = $1",
            &client_id,
            "clientId",
        ),
        (
            "SELECT id FROM services WHERE id = $1",
            &service_id,
            "serviceId",
        ),
    ] {
        if sqlx::query(sql)
            .bind(value)
            .fetch_optional(tx.conn())
            .await?
            .is_none()
        {
            return Err(ApiError::validation(field, "That record does not exist."));
        }
    }
    crate::clients::requests::ensure_not_erased(tx.conn(), &client_id).await?;
    let weekdays: Vec<String> = args.weekdays.iter().map(i32::to_string).collect();
    let times: Vec<String> = args
        .times_of_day
        .iter()
        .map(|t| t.trim().to_owned())
        .collect();
    sqlx::query(
        "INSERT INTO waitlist (id, client_id, service_id, practitioner_ids, weekdays, times_of_day, \
         urgency, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&client_id)
    .bind(&service_id)
    .bind(practitioners.join(","))
    .bind(weekdays.join(","))
    .bind(times.join(","))
    .bind(args.urgency.rank())
    .bind(&note)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "create",
        entity: "waitlist",
        entity_id: &id,
        client_id: Some(&client_id),
        detail: format!("service={service_id}"),
    })
    .await?;
    let entry = one(tx.conn(), &id, tz).await?;
    tx.commit().await?;
    Ok(entry)
}

async fn one(conn: &mut sqlx::AnyConnection, id: &str, tz: Tz) -> ApiResult<WaitlistEntry> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} AND w.id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| ApiError::not_found("waiting-list entry"))?;
    Ok(entry_from(&row, tz)?)
}

pub async fn list(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<Vec<WaitlistEntry>> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY w.urgency DESC, w.created_at"
    )))
    .fetch_all(clinic.pool())
    .await?;
    Ok(rows
        .iter()
        .map(|row| entry_from(row, tz))
        .collect::<Result<_, _>>()?)
}

pub async fn remove(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<NoArgs> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let entry = one(tx.conn(), &id, tz).await?;
    close(&mut tx, &entry, None).await?;
    tx.commit().await?;
    Ok(NoArgs {})
}

async fn close(tx: &mut WriteTx, entry: &WaitlistEntry, booked: Option<&str>) -> ApiResult<()> {
    sqlx::query("UPDATE waitlist SET closed_at = $2, appointment_id = $3 WHERE id = $1")
        .bind(&entry.id)
        .bind(tx.at_ms())
        .bind(booked)
        .execute(tx.conn())
        .await?;
    tx.record(Entry {
        action: if booked.is_some() { "book" } else { "remove" },
        entity: "waitlist",
        entity_id: &entry.id,
        client_id: Some(&entry.client_id),
        detail: booked
            .map(|a| format!("appointment={a}"))
            .unwrap_or_default(),
    })
    .await
}

pub async fn book(
    clinic: &Clinic,
    actor: &Actor,
    args: BookFromWaitlist,
) -> ApiResult<Appointment> {
    let entry_id = fields::id("entryId", &args.entry_id)?;
    let practitioner_id = fields::id("practitionerId", &args.practitioner_id)?;
    let room_id = fields::id("roomId", &args.room_id)?;
    let override_reason = override_reason(actor, args.override_reason.as_deref())?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let start = parse_local("start", &args.start, tz)?;
    let entry = one(tx.conn(), &entry_id, tz).await?;
    let placement = Placement {
        client_id: &entry.client_id,
        service_id: &entry.service_id,
        practitioner_id: &practitioner_id,
        room_id: &room_id,
        start,
        duration_min: None,
        exclude: &[],
        override_hours: override_reason.is_some(),
    };
    let id =
        super::appointments::place_new(&mut tx, tz, &placement, override_reason.as_deref()).await?;
    close(&mut tx, &entry, Some(&id)).await?;
    let booked = view(tx.conn(), &id, tz).await?;
    tx.commit().await?;
    Ok(booked)
}

/// A freed stretch of a therapist's and a room's time.
struct Freed<'a> {
    practitioner_id: &'a str,
    room_id: &'a str,
    start_ms: i64,
    end_ms: i64,
    not_client: &'a str,
}

pub async fn offers(
    clinic: &Clinic,
    _actor: &Actor,
    args: OffersFor,
) -> ApiResult<Vec<WaitlistOffer>> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let mut conn = clinic.pool().acquire().await?;
    match (&args.appointment_id, &args.slot) {
        (Some(id), _) => {
            let id = fields::id("appointmentId", id)?;
            let freed = view(&mut conn, &id, tz).await?;
            offers_for(&mut conn, tz, &[freed]).await
        }
        (None, Some(slot)) => {
            let practitioner_id = fields::id("practitionerId", &slot.practitioner_id)?;
            let room_id = fields::id("roomId", &slot.room_id)?;
            let start = parse_local("start", &slot.start, tz)?;
            let end = parse_local("end", &slot.end, tz)?;
            let freed = Freed {
                practitioner_id: &practitioner_id,
                room_id: &room_id,
                start_ms: start.timestamp_millis(),
                end_ms: end.timestamp_millis(),
                not_client: "",
            };
            matching(&mut conn, tz, &freed).await
        }
        (None, None) => Err(ApiError::validation(
            "appointmentId",
            "Name an appointment or a slot.",
        )),
    }
}

/// Offers for the slots that `freed` appointments held (before they were changed).
pub(crate) async fn offers_for(
    conn: &mut sqlx::AnyConnection,
    tz: Tz,
    freed: &[Appointment],
) -> ApiResult<Vec<WaitlistOffer>> {
    let mut all = Vec::new();
    for one in freed {
        let slot = Freed {
            practitioner_id: &one.practitioner_id,
            room_id: &one.room_id,
            start_ms: one.start_ms,
            end_ms: one.end_ms,
            not_client: &one.client_id,
        };
        all.extend(matching(conn, tz, &slot).await?);
    }
    Ok(all)
}

/// Open entries the freed slot suits: the therapist offers the service and is one they would
/// see, the room is of the type it needs, it is long enough, and its day and time are ones
/// they asked for. Most urgent first, then longest waiting.
async fn matching(
    conn: &mut sqlx::AnyConnection,
    tz: Tz,
    freed: &Freed<'_>,
) -> ApiResult<Vec<WaitlistOffer>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} AND (s.room_type = '' OR s.room_type = \
         (SELECT room_type FROM rooms WHERE id = $1)) \
         AND (NOT EXISTS (SELECT 1 FROM service_practitioners sp WHERE sp.service_id = w.service_id) \
         OR EXISTS (SELECT 1 FROM service_practitioners sp WHERE sp.service_id = w.service_id \
         AND sp.practitioner_id = $2)) AND w.client_id <> $3 \
         ORDER BY w.urgency DESC, w.created_at"
    )))
    .bind(freed.room_id)
    .bind(freed.practitioner_id)
    .bind(freed.not_client)
    .fetch_all(&mut *conn)
    .await?;
    let start = DateTime::<Utc>::from_timestamp_millis(freed.start_ms).unwrap_or_default();
    let (day, minute) = local_minutes(tz, start);
    let weekday = i32::try_from(day.weekday().number_from_monday()).unwrap_or(1);
    let mut offers = Vec::new();
    for row in &rows {
        let duration: i32 = row.try_get("duration_min")?;
        let entry = entry_from(row, tz)?;
        let fits = i64::from(duration) * 60_000 <= freed.end_ms - freed.start_ms
            && (entry.practitioner_ids.is_empty()
                || entry
                    .practitioner_ids
                    .iter()
                    .any(|p| p == freed.practitioner_id))
            && (entry.weekdays.is_empty() || entry.weekdays.contains(&weekday))
            && (entry.times_of_day.is_empty()
                || time_ranges("timesOfDay", &entry.times_of_day)?
                    .iter()
                    .any(|(s, e)| *s <= minute && minute < *e));
        if fits {
            offers.push(WaitlistOffer {
                entry,
                practitioner_id: freed.practitioner_id.to_owned(),
                room_id: freed.room_id.to_owned(),
                start: super::appointments::local(tz, freed.start_ms),
            });
        }
    }
    Ok(offers)
}

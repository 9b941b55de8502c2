//! Recurring courses: every N weeks at the same clinic wall-clock time (kept across daylight
//! saving changes), by count or until a date. A preview shows every occurrence with its refusal,
//! if any — nothing is silently skipped; booking takes the occurrences reception chose to skip
//! and books the rest in one transaction under one `series_id`, each with its own status.

use super::appointments::{Appointment, insert, override_reason, view};
use super::availability::Availability;
use super::rules::{self, Placement};
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// At most this many occurrences in one course (two years weekly).
const MAX_OCCURRENCES: usize = 104;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SeriesRequest {
    pub client_id: String,
    pub service_id: String,
    pub practitioner_id: String,
    pub room_id: String,
    /// The first occurrence, clinic wall clock `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// 1 = weekly, 2 = every two weeks, … (1–12).
    pub every_weeks: i32,
    /// How many occurrences (1–104); or give `until`.
    #[serde(default)]
    #[ts(optional)]
    pub count: Option<i32>,
    /// Last possible date, `YYYY-MM-DD`, included.
    #[serde(default)]
    #[ts(optional)]
    pub until: Option<String>,
    /// Dates (`YYYY-MM-DD`) of occurrences not to book.
    #[serde(default)]
    pub skip: Vec<String>,
    #[serde(default)]
    #[ts(optional)]
    pub override_reason: Option<String>,
}

/// Why an occurrence cannot be booked as asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Occurrence {
    pub date: String,
    /// Clinic wall clock; empty when the time does not exist that day.
    pub start: String,
    pub end: String,
    pub start_ms: i64,
    pub skipped: bool,
    pub refusal: Option<Refusal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SeriesBooked {
    pub series_id: String,
    pub appointments: Vec<Appointment>,
}

struct Parsed {
    client_id: String,
    service_id: String,
    practitioner_id: String,
    room_id: String,
    override_reason: Option<String>,
    dates: Vec<NaiveDate>,
    time: chrono::NaiveTime,
    skip: Vec<NaiveDate>,
}

fn parse(actor: &Actor, args: &SeriesRequest) -> ApiResult<Parsed> {
    let first = NaiveDateTime::parse_from_str(args.start.trim(), "%Y-%m-%dT%H:%M")
        .map_err(|_| ApiError::validation("start", "Time should look like 2026-11-22T09:30."))?;
    let every = fields::within(
        "everyWeeks",
        "Every … weeks",
        args.every_weeks.into(),
        1..=12,
    )?;
    let until = match &args.until {
        Some(text) => fields::optional_date("until", "Last date", text)?,
        None => None,
    };
    let count = match args.count {
        Some(n) => Some(fields::within(
            "count",
            "Number of appointments",
            n.into(),
            1..=104,
        )?),
        None if until.is_none() => {
            return Err(ApiError::validation(
                "count",
                "Give a number of appointments or a last date.",
            ));
        }
        None => None,
    };
    let mut dates = Vec::new();
    let mut date = first.date();
    while dates.len() < MAX_OCCURRENCES
        && count.is_none_or(|n| dates.len() < usize::try_from(n).unwrap_or(0))
        && until.is_none_or(|u| date <= u)
    {
        dates.push(date);
        date += Duration::weeks(every);
    }
    let mut skip = Vec::new();
    for text in &args.skip {
        let day = fields::optional_date("skip", "Date to skip", text)?
            .ok_or_else(|| ApiError::validation("skip", "Date to skip is empty."))?;
        if !dates.contains(&day) {
            return Err(ApiError::validation(
                "skip",
                "A date to skip is not one of the course's dates.",
            ));
        }
        skip.push(day);
    }
    Ok(Parsed {
        client_id: fields::id("clientId", &args.client_id)?,
        service_id: fields::id("serviceId", &args.service_id)?,
        practitioner_id: fields::id("practitionerId", &args.practitioner_id)?,
        room_id: fields::id("roomId", &args.room_id)?,
        override_reason: override_reason(actor, args.override_reason.as_deref())?,
        dates,
        time: first.time(),
        skip,
    })
}

/// Each occurrence checked against every rule: its slot, or its refusal.
async fn check_all(
    conn: &mut sqlx::AnyConnection,
    tz: Tz,
    parsed: &Parsed,
) -> ApiResult<Vec<(Occurrence, Option<rules::Slot>)>> {
    let availability = Availability::load(conn).await?;
    let mut out = Vec::with_capacity(parsed.dates.len());
    for date in &parsed.dates {
        let mut occurrence = Occurrence {
            date: date.format("%Y-%m-%d").to_string(),
            start: String::new(),
            end: String::new(),
            start_ms: 0,
            skipped: parsed.skip.contains(date),
            refusal: None,
        };
        let start = match tz.from_local_datetime(&date.and_time(parsed.time)) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
            LocalResult::None => {
                occurrence.refusal = Some(Refusal {
                    field: Some("start".into()),
                    message: format!(
                        "{} does not exist on {}: the clocks go forward then.",
                        parsed.time.format("%H:%M"),
                        occurrence.date
                    ),
                });
                out.push((occurrence, None));
                continue;
            }
        };
        occurrence.start = super::appointments::local(tz, start.timestamp_millis());
        occurrence.start_ms = start.timestamp_millis();
        let placement = placement(parsed, start);
        match rules::check(conn, tz, &availability, &placement).await {
            Ok(checked) => {
                occurrence.end = super::appointments::local(tz, checked.slot.end_ms);
                out.push((occurrence, Some(checked.slot)));
            }
            Err(error) if error.code == crate::ErrorCode::Internal => return Err(error),
            Err(error) => {
                occurrence.refusal = Some(Refusal {
                    field: error.field,
                    message: error.message,
                });
                out.push((occurrence, None));
            }
        }
    }
    Ok(out)
}

fn placement(parsed: &Parsed, start: DateTime<Utc>) -> Placement<'_> {
    Placement {
        client_id: &parsed.client_id,
        service_id: &parsed.service_id,
        practitioner_id: &parsed.practitioner_id,
        room_id: &parsed.room_id,
        start,
        duration_min: None,
        exclude: &[],
        override_hours: parsed.override_reason.is_some(),
    }
}

pub async fn preview(
    clinic: &Clinic,
    actor: &Actor,
    args: SeriesRequest,
) -> ApiResult<Vec<Occurrence>> {
    let parsed = parse(actor, &args)?;
    let tz = settings::load(clinic.pool()).await?.tz();
    let mut conn = clinic.pool().acquire().await?;
    let checked = check_all(&mut conn, tz, &parsed).await?;
    Ok(checked
        .into_iter()
        .map(|(occurrence, _)| occurrence)
        .collect())
}

pub async fn book(clinic: &Clinic, actor: &Actor, args: SeriesRequest) -> ApiResult<SeriesBooked> {
    let parsed = parse(actor, &args)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    // Said once for the course rather than on each date.
    crate::clients::requests::ensure_not_erased(tx.conn(), &parsed.client_id).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let checked = check_all(tx.conn(), tz, &parsed).await?;
    if let Some((occurrence, _)) = checked
        .iter()
        .find(|(o, _)| !o.skipped && o.refusal.is_some())
    {
        let refusal = occurrence.refusal.clone().unwrap_or(Refusal {
            field: None,
            message: String::new(),
        });
        return Err(ApiError {
            field: refusal.field,
            ..ApiError::conflict(format!(
                "On {}: {} Skip that date or choose another time.",
                occurrence.date, refusal.message
            ))
        });
    }
    let series_id = new_id();
    let mut appointments = Vec::new();
    for (occurrence, slot) in &checked {
        let Some(slot) = slot.as_ref().filter(|_| !occurrence.skipped) else {
            continue;
        };
        let start = DateTime::<Utc>::from_timestamp_millis(slot.start_ms).unwrap_or_default();
        let id = insert(
            &mut tx,
            &placement(&parsed, start),
            slot,
            Some(&series_id),
            parsed.override_reason.as_deref(),
        )
        .await?;
        appointments.push(view(tx.conn(), &id, tz).await?);
    }
    if appointments.is_empty() {
        return Err(ApiError::validation(
            "skip",
            "Every date of the course is skipped.",
        ));
    }
    tx.commit().await?;
    Ok(SeriesBooked {
        series_id,
        appointments,
    })
}

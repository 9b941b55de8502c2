//! "Find a time": the next free slots for a service over the coming four weeks, each with a
//! therapist who offers it and is working, free through the service's turnover, a free room of
//! the type it needs, and the client (if given) not already booked.
//!
//! The period's appointments are read once and every candidate is checked in memory against
//! sorted busy lists, so a search costs one query whatever its size.

use super::appointments::local;
use super::availability::Availability;
use super::hours::time_ranges;
use super::resources::{offered_by, select_service, service_from};
use super::rules::LONGEST_BLOCK_MS;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use chrono::{Datelike, Duration, LocalResult, TimeZone};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::HashMap;
use ts_rs::TS;

/// How far ahead a search looks.
const SEARCH_DAYS: i64 = 28;
/// Candidate starts are on this grid (minutes after midnight).
const STEP_MIN: i32 = 15;
/// Hours searched for a therapist with no rota set up: 08:00–20:00.
const DEFAULT_DAY: (i32, i32) = (480, 1200);

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindTimes {
    pub service_id: String,
    /// Empty: every therapist who offers the service.
    #[serde(default)]
    pub practitioner_ids: Vec<String>,
    /// The client to book, so their own appointments are avoided.
    #[serde(default)]
    #[ts(optional)]
    pub client_id: Option<String>,
    /// 1 = Monday … 7 = Sunday; empty: any day.
    #[serde(default)]
    pub weekdays: Vec<i32>,
    /// "morning", "afternoon", "evening" or `HH:MM-HH:MM`; empty: any time.
    #[serde(default)]
    pub times_of_day: Vec<String>,
    /// Search from this clinic wall-clock time (default: now).
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// At most this many slots (1–50, default 10).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i32>,
    /// Skip this many slots first (0–500, default 0): the next page of the same search.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeTime {
    pub practitioner_id: String,
    pub practitioner_name: String,
    pub room_id: String,
    pub room_name: String,
    /// Clinic wall clock, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
    pub start_ms: i64,
}

/// Busy spans `(start, end)` in ms, sorted by start.
#[derive(Default)]
struct Busy(Vec<(i64, i64)>);

impl Busy {
    fn overlaps(&self, start: i64, end: i64) -> bool {
        // Only spans starting before `end` and at most the longest block before `start` matter.
        let upto = self.0.partition_point(|(s, _)| *s < end);
        self.0[..upto]
            .iter()
            .rev()
            .take_while(|(s, _)| *s > start - LONGEST_BLOCK_MS)
            .any(|(_, e)| *e > start)
    }
}

struct Candidate {
    id: String,
    name: String,
}

pub async fn find_times(
    clinic: &Clinic,
    _actor: &Actor,
    args: FindTimes,
) -> ApiResult<Vec<FreeTime>> {
    let service_id = fields::id("serviceId", &args.service_id)?;
    let wanted = args
        .practitioner_ids
        .iter()
        .map(|p| fields::id("practitionerIds", p))
        .collect::<ApiResult<Vec<_>>>()?;
    let client_id = args
        .client_id
        .as_deref()
        .map(|c| fields::id("clientId", c))
        .transpose()?;
    for day in &args.weekdays {
        fields::within("weekdays", "Weekday", (*day).into(), 1..=7)?;
    }
    let times = time_ranges("timesOfDay", &args.times_of_day)?;
    let limit = usize::try_from(fields::within(
        "limit",
        "Limit",
        args.limit.unwrap_or(10).into(),
        1..=50,
    )?)
    .unwrap_or(10);
    let skip = usize::try_from(fields::within(
        "offset",
        "Slots to skip",
        args.offset.unwrap_or(0).into(),
        0..=500,
    )?)
    .unwrap_or(0);
    let tz = settings::load(clinic.pool()).await?.tz();
    let from = match &args.from {
        Some(text) => super::appointments::parse_local("from", text, tz)?,
        None => clinic.now(),
    };
    let mut conn = clinic.pool().acquire().await?;
    let service = sqlx::query(concat!(select_service!(), " WHERE id = $1"))
        .bind(&service_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| service_from(&row))
        .transpose()?
        .filter(|s| s.active)
        .ok_or_else(|| ApiError::validation("serviceId", "That service does not exist."))?;
    let offered = offered_by(&mut conn, &service_id).await?;
    let therapists: Vec<Candidate> = sqlx::query(
        "SELECT id, display_name FROM practitioners WHERE active = 1 ORDER BY sort_order, display_name",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| Ok(Candidate { id: row.try_get("id")?, name: row.try_get("display_name")? }))
    .collect::<Result<Vec<_>, sqlx::Error>>()?
    .into_iter()
    .filter(|p| offered.is_empty() || offered.contains(&p.id))
    .filter(|p| wanted.is_empty() || wanted.contains(&p.id))
    .collect();
    let rooms: Vec<Candidate> = sqlx::query(
        "SELECT id, name, room_type FROM rooms WHERE active = 1 ORDER BY sort_order, name",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .filter(|row| {
        service.room_type.is_empty()
            || row
                .try_get::<String, _>("room_type")
                .is_ok_and(|t| t == service.room_type)
    })
    .map(|row| {
        Ok(Candidate {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let availability = Availability::load(&mut conn).await?;

    let from_ms = from.timestamp_millis();
    let to_ms = (from + Duration::days(SEARCH_DAYS + 1)).timestamp_millis();
    let rows = sqlx::query(
        "SELECT practitioner_id, room_id, client_id, start_ms, end_ms, block_end_ms \
         FROM appointments WHERE start_ms > $1 AND start_ms < $2 \
         AND status NOT IN ('cancelled', 'no_show') ORDER BY start_ms",
    )
    .bind(from_ms - LONGEST_BLOCK_MS)
    .bind(to_ms)
    .fetch_all(&mut *conn)
    .await?;
    let mut held: HashMap<String, Busy> = HashMap::new();
    let mut client_busy = Busy::default();
    for row in &rows {
        let (start, end, block_end): (i64, i64, i64) = (
            row.try_get("start_ms")?,
            row.try_get("end_ms")?,
            row.try_get("block_end_ms")?,
        );
        // Therapists and rooms share one map: their ids are distinct UUIDs.
        held.entry(row.try_get("practitioner_id")?)
            .or_default()
            .0
            .push((start, block_end));
        held.entry(row.try_get("room_id")?)
            .or_default()
            .0
            .push((start, block_end));
        if client_id.as_deref() == Some(row.try_get::<String, _>("client_id")?.as_str()) {
            client_busy.0.push((start, end));
        }
    }
    let none = Busy::default();
    let busy = |id: &str| held.get(id).unwrap_or(&none);
    let length = i64::from(service.duration_min) * 60_000;
    let hold = i64::from(service.duration_min + service.buffer_min) * 60_000;

    let first_day = from.with_timezone(&tz).date_naive();
    let mut found = Vec::new();
    for offset in 0..=SEARCH_DAYS {
        let day = first_day + Duration::days(offset);
        let weekday = i32::try_from(day.weekday().number_from_monday()).unwrap_or(1);
        if !args.weekdays.is_empty() && !args.weekdays.contains(&weekday) {
            continue;
        }
        let mut today = Vec::new();
        for therapist in &therapists {
            for (span_start, span_end) in availability.open_spans(&therapist.id, day, DEFAULT_DAY) {
                let mut minute = (span_start + STEP_MIN - 1) / STEP_MIN * STEP_MIN;
                while minute + service.duration_min <= span_end {
                    let at = minute;
                    minute += STEP_MIN;
                    if !times.is_empty() && !times.iter().any(|(s, e)| *s <= at && at < *e) {
                        continue;
                    }
                    let naive =
                        day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(at.into());
                    let start = match tz.from_local_datetime(&naive) {
                        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                            t.timestamp_millis()
                        }
                        LocalResult::None => continue,
                    };
                    if start < from_ms
                        || busy(&therapist.id).overlaps(start, start + hold)
                        || client_busy.overlaps(start, start + length)
                    {
                        continue;
                    }
                    if let Some(room) = rooms
                        .iter()
                        .find(|r| !busy(&r.id).overlaps(start, start + hold))
                    {
                        today.push(FreeTime {
                            practitioner_id: therapist.id.clone(),
                            practitioner_name: therapist.name.clone(),
                            room_id: room.id.clone(),
                            room_name: room.name.clone(),
                            start: local(tz, start),
                            end: local(tz, start + length),
                            start_ms: start,
                        });
                    }
                }
            }
        }
        today.sort_by_key(|slot| slot.start_ms);
        found.extend(today);
        if found.len() >= skip + limit {
            break;
        }
    }
    found.truncate(skip + limit);
    Ok(found.split_off(skip.min(found.len())))
}

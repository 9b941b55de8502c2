//! When therapists work and when the clinic is open: weekly working blocks and breaks, time off,
//! one-off changes for a date, opening hours and closures — the owner's set-up operations.
//! [`super::availability`] checks bookings against them.
//!
//! Everything is clinic wall-clock time: minutes after local midnight on a weekday (1 = Monday).
//! Nothing set up means nothing to check: a therapist without weekly hours can be booked at any
//! time (a new clinic works before its owner has entered rotas), likewise opening hours.

use crate::api::{ById, NoArgs};
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::BTreeMap;
use ts_rs::TS;

/// A block of time on a weekday, e.g. Monday 09:00–13:00.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyBlock {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i32,
    /// `HH:MM`, clinic wall clock.
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeOff {
    /// `YYYY-MM-DD`, both days included.
    pub first_day: String,
    pub last_day: String,
    #[serde(default)]
    pub reason: String,
}

/// A one-off working block on a date; a date's blocks replace its weekday's pattern and breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayBlock {
    pub day: String,
    pub start: String,
    pub end: String,
}

/// A therapist's whole rota: read and saved as one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TherapistHours {
    pub practitioner_id: String,
    pub weekly: Vec<WeeklyBlock>,
    #[serde(default)]
    pub breaks: Vec<WeeklyBlock>,
    #[serde(default)]
    pub time_off: Vec<TimeOff>,
    #[serde(default)]
    pub day_changes: Vec<DayBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Closure {
    pub day: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicHours {
    pub weekly: Vec<WeeklyBlock>,
    #[serde(default)]
    pub closures: Vec<Closure>,
}

/// Reads `HH:MM` (or `24:00`) as minutes after midnight.
pub(crate) fn parse_hhmm(field: &str, text: &str) -> ApiResult<i32> {
    let bad = || ApiError::validation(field, "Times should look like 09:30.");
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(0..=24).contains(&h) || !(0..60).contains(&m) || (h == 24 && m != 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

pub(crate) fn hhmm_of(minutes: i32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Reads times of day as reception names them — "morning" (before 12:00), "afternoon"
/// (12:00–17:00), "evening" (from 17:00) — or as `HH:MM-HH:MM`; as minute spans a start must
/// fall in. None given means any time.
pub(crate) fn time_ranges(field: &str, items: &[String]) -> ApiResult<Vec<(i32, i32)>> {
    items
        .iter()
        .map(|item| match item.trim() {
            "morning" => Ok((0, 720)),
            "afternoon" => Ok((720, 1020)),
            "evening" => Ok((1020, 1440)),
            other => {
                let (s, e) = other.split_once('-').ok_or_else(|| {
                    ApiError::validation(
                        field,
                        "Times of day are morning, afternoon, evening or like 09:00-12:00.",
                    )
                })?;
                span(field, s, e)
            }
        })
        .collect()
}

fn span(field: &str, start: &str, end: &str) -> ApiResult<(i32, i32)> {
    let (s, e) = (parse_hhmm(field, start)?, parse_hhmm(field, end)?);
    if e <= s {
        return Err(ApiError::validation(
            field,
            "Each block must end after it starts.",
        ));
    }
    Ok((s, e))
}

fn weekly_rows(field: &str, blocks: &[WeeklyBlock]) -> ApiResult<Vec<(i32, i32, i32)>> {
    blocks
        .iter()
        .map(|b| {
            fields::within(field, "Weekday", b.weekday.into(), 1..=7)?;
            let (s, e) = span(field, &b.start, &b.end)?;
            Ok((b.weekday, s, e))
        })
        .collect()
}

fn date(field: &str, text: &str) -> ApiResult<NaiveDate> {
    fields::optional_date(field, "Date", text)?
        .ok_or_else(|| ApiError::validation(field, "Date is required."))
}

pub(crate) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn weekly_from(row: &sqlx::any::AnyRow) -> Result<WeeklyBlock, sqlx::Error> {
    Ok(WeeklyBlock {
        weekday: row.try_get("weekday")?,
        start: hhmm_of(row.try_get("start_min")?),
        end: hhmm_of(row.try_get("end_min")?),
    })
}

pub async fn therapist_hours(
    clinic: &Clinic,
    _actor: &Actor,
    args: ById,
) -> ApiResult<TherapistHours> {
    let id = fields::id("id", &args.id)?;
    let mut conn = clinic.pool().acquire().await?;
    let known = sqlx::query("SELECT id FROM practitioners WHERE id = $1")
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
    if known.is_none() {
        return Err(ApiError::not_found("therapist"));
    }
    let rows = sqlx::query(
        "SELECT weekday, kind, start_min, end_min FROM practitioner_hours \
         WHERE practitioner_id = $1 ORDER BY weekday, start_min",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?;
    let (mut weekly, mut breaks) = (Vec::new(), Vec::new());
    for row in &rows {
        let block = weekly_from(row)?;
        if row.try_get::<String, _>("kind")? == "work" {
            weekly.push(block);
        } else {
            breaks.push(block);
        }
    }
    let time_off = sqlx::query(
        "SELECT first_day, last_day, reason FROM practitioner_time_off \
         WHERE practitioner_id = $1 ORDER BY first_day",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(TimeOff {
            first_day: row.try_get("first_day")?,
            last_day: row.try_get("last_day")?,
            reason: row.try_get("reason")?,
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let day_changes = sqlx::query(
        "SELECT day, start_min, end_min FROM practitioner_day_changes \
         WHERE practitioner_id = $1 ORDER BY day, start_min",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(DayBlock {
            day: row.try_get("day")?,
            start: hhmm_of(row.try_get("start_min")?),
            end: hhmm_of(row.try_get("end_min")?),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    Ok(TherapistHours {
        practitioner_id: id,
        weekly,
        breaks,
        time_off,
        day_changes,
    })
}

/// Time off as stored: first day, last day, reason.
fn time_off_rows(items: &[TimeOff]) -> ApiResult<Vec<(String, String, String)>> {
    let mut rows = Vec::new();
    for off in items {
        let (first, last) = (
            date("timeOff", &off.first_day)?,
            date("timeOff", &off.last_day)?,
        );
        if last < first {
            return Err(ApiError::validation(
                "timeOff",
                "Time off must end on or after its first day.",
            ));
        }
        let reason = fields::optional_line("timeOff", "Reason", &off.reason, 200)?;
        rows.push((day_text(first), day_text(last), reason));
    }
    Ok(rows)
}

pub async fn save_therapist_hours(
    clinic: &Clinic,
    actor: &Actor,
    args: TherapistHours,
) -> ApiResult<TherapistHours> {
    let id = fields::id("practitionerId", &args.practitioner_id)?;
    // Each part of the form (weekly hours, breaks, time off, one-off changes) names its own
    // problem, all at once.
    let mut problems = fields::Problems::default();
    let weekly = problems.take(weekly_rows("weekly", &args.weekly));
    let breaks = problems.take(weekly_rows("breaks", &args.breaks));
    let time_off = problems.take(time_off_rows(&args.time_off));
    let changes = problems.take(
        args.day_changes
            .iter()
            .map(|change| {
                let day = date("dayChanges", &change.day)?;
                let (s, e) = span("dayChanges", &change.start, &change.end)?;
                Ok((day_text(day), s, e))
            })
            .collect::<ApiResult<Vec<_>>>(),
    );
    let (weekly, breaks, time_off, changes) =
        problems.settle(|| Some((weekly?, breaks?, time_off?, changes?)))?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let known = sqlx::query("SELECT id FROM practitioners WHERE id = $1")
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?;
    if known.is_none() {
        return Err(ApiError::not_found("therapist"));
    }
    for table in [
        "DELETE FROM practitioner_hours WHERE practitioner_id = $1",
        "DELETE FROM practitioner_time_off WHERE practitioner_id = $1",
        "DELETE FROM practitioner_day_changes WHERE practitioner_id = $1",
    ] {
        sqlx::query(table).bind(&id).execute(tx.conn()).await?;
    }
    let kinds = weekly
        .iter()
        .map(|b| ("work", b))
        .chain(breaks.iter().map(|b| ("break", b)));
    for (kind, (weekday, s, e)) in kinds {
        sqlx::query(
            "INSERT INTO practitioner_hours (practitioner_id, weekday, kind, start_min, end_min) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(*weekday)
        .bind(kind)
        .bind(*s)
        .bind(*e)
        .execute(tx.conn())
        .await?;
    }
    for (first, last, reason) in &time_off {
        sqlx::query(
            "INSERT INTO practitioner_time_off (id, practitioner_id, first_day, last_day, reason) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(first)
        .bind(last)
        .bind(reason)
        .execute(tx.conn())
        .await?;
    }
    for (day, s, e) in &changes {
        sqlx::query(
            "INSERT INTO practitioner_day_changes (practitioner_id, day, start_min, end_min) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(day)
        .bind(*s)
        .bind(*e)
        .execute(tx.conn())
        .await?;
    }
    tx.record(Entry {
        action: "update",
        entity: "therapist_hours",
        entity_id: &id,
        client_id: None,
        detail: format!(
            "weekly={} breaks={} timeOff={} dayChanges={}",
            weekly.len(),
            breaks.len(),
            time_off.len(),
            changes.len()
        ),
    })
    .await?;
    tx.commit().await?;
    therapist_hours(clinic, actor, ById { id }).await
}

pub async fn clinic_hours(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<ClinicHours> {
    let weekly = sqlx::query(
        "SELECT weekday, start_min, end_min FROM clinic_hours ORDER BY weekday, start_min",
    )
    .fetch_all(clinic.pool())
    .await?
    .iter()
    .map(|row| {
        Ok(WeeklyBlock {
            weekday: row.try_get("weekday")?,
            start: hhmm_of(row.try_get("start_min")?),
            end: hhmm_of(row.try_get("end_min")?),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let closures = sqlx::query("SELECT day, reason FROM clinic_closures ORDER BY day")
        .fetch_all(clinic.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(Closure {
                day: row.try_get("day")?,
                reason: row.try_get("reason")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(ClinicHours { weekly, closures })
}

pub async fn save_clinic_hours(
    clinic: &Clinic,
    actor: &Actor,
    args: ClinicHours,
) -> ApiResult<ClinicHours> {
    let weekly = weekly_rows("weekly", &args.weekly)?;
    let mut closures = BTreeMap::new();
    for closure in &args.closures {
        let day = date("closures", &closure.day)?;
        let reason = fields::optional_line("closures", "Reason", &closure.reason, 200)?;
        closures.insert(day_text(day), reason);
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query("DELETE FROM clinic_hours")
        .execute(tx.conn())
        .await?;
    sqlx::query("DELETE FROM clinic_closures")
        .execute(tx.conn())
        .await?;
    for (weekday, s, e) in &weekly {
        sqlx::query("INSERT INTO clinic_hours (weekday, start_min, end_min) VALUES ($1, $2, $3)")
            .bind(*weekday)
            .bind(*s)
            .bind(*e)
            .execute(tx.conn())
            .await?;
    }
    for (day, reason) in &closures {
        sqlx::query("INSERT INTO clinic_closures (day, reason) VALUES ($1, $2)")
            .bind(day)
            .bind(reason)
            .execute(tx.conn())
            .await?;
    }
    tx.record(Entry {
        action: "update",
        entity: "clinic_hours",
        entity_id: "clinic",
        client_id: None,
        detail: format!("weekly={} closures={}", weekly.len(), closures.len()),
    })
    .await?;
    tx.commit().await?;
    clinic_hours(clinic, actor, NoArgs {}).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_parse() {
        assert_eq!(parse_hhmm("f", "09:30").unwrap(), 570);
        assert_eq!(parse_hhmm("f", "24:00").unwrap(), 1440);
        assert!(parse_hhmm("f", "24:30").is_err());
        assert!(parse_hhmm("f", "9").is_err());
    }
}

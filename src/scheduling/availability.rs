//! Availability: everyone's weekly hours, breaks, time off and one-off changes, with the
//! clinic's opening hours and closures, loaded once (the tables are small) and checked in
//! memory — by every booking rule, by courses and by "find a time".
//!
//! Nothing set up means nothing to check: a therapist without weekly hours can be booked at any
//! time (a new clinic works before its owner has entered rotas); likewise opening hours.

use super::hours::{day_text, hhmm_of};
use crate::error::ApiResult;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use sqlx::Row;
use std::collections::HashMap;

/// Minutes-after-midnight spans, by weekday index 1..=7 (index 0 unused).
type Week = [Spans; 8];

type Spans = Vec<(i32, i32)>;

#[derive(Default)]
struct Rota {
    work: Week,
    breaks: Week,
    has_hours: bool,
    time_off: Vec<(String, String)>,
    changes: HashMap<String, Vec<(i32, i32)>>,
}

/// Everyone's hours, opening hours and closures, loaded once (the tables are small) and
/// checked in memory.
#[derive(Default)]
pub struct Availability {
    clinic: Week,
    clinic_has_hours: bool,
    closures: HashMap<String, String>,
    rotas: HashMap<String, Rota>,
}

/// Why a time cannot be booked, naming the request field.
#[derive(Debug, Clone)]
pub struct Unavailable {
    pub field: &'static str,
    pub message: String,
}

fn within_one(blocks: &[(i32, i32)], s: i32, e: i32) -> bool {
    blocks.iter().any(|(bs, be)| *bs <= s && e <= *be)
}

fn list_blocks(blocks: &[(i32, i32)]) -> String {
    let mut sorted = blocks.to_vec();
    sorted.sort_unstable();
    sorted
        .iter()
        .map(|(s, e)| format!("{}–{}", hhmm_of(*s), hhmm_of(*e)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Local date and minutes after its midnight of an instant in the clinic's time zone.
pub(crate) fn local_minutes(tz: Tz, at: DateTime<Utc>) -> (NaiveDate, i32) {
    let local = at.with_timezone(&tz);
    let minutes = i32::try_from(local.hour() * 60 + local.minute()).unwrap_or(0);
    (local.date_naive(), minutes)
}

impl Availability {
    pub async fn load(conn: &mut sqlx::AnyConnection) -> ApiResult<Self> {
        let mut this = Self::default();
        for row in sqlx::query("SELECT weekday, start_min, end_min FROM clinic_hours")
            .fetch_all(&mut *conn)
            .await?
        {
            let weekday: i32 = row.try_get("weekday")?;
            this.clinic[weekday_index(weekday)]
                .push((row.try_get("start_min")?, row.try_get("end_min")?));
            this.clinic_has_hours = true;
        }
        for row in sqlx::query("SELECT day, reason FROM clinic_closures")
            .fetch_all(&mut *conn)
            .await?
        {
            this.closures
                .insert(row.try_get("day")?, row.try_get("reason")?);
        }
        for row in sqlx::query(
            "SELECT practitioner_id, weekday, kind, start_min, end_min FROM practitioner_hours",
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let rota = this
                .rotas
                .entry(row.try_get("practitioner_id")?)
                .or_default();
            let weekday = weekday_index(row.try_get("weekday")?);
            let block = (row.try_get("start_min")?, row.try_get("end_min")?);
            if row.try_get::<String, _>("kind")? == "work" {
                rota.work[weekday].push(block);
                rota.has_hours = true;
            } else {
                rota.breaks[weekday].push(block);
            }
        }
        for row in
            sqlx::query("SELECT practitioner_id, first_day, last_day FROM practitioner_time_off")
                .fetch_all(&mut *conn)
                .await?
        {
            let rota = this
                .rotas
                .entry(row.try_get("practitioner_id")?)
                .or_default();
            rota.time_off
                .push((row.try_get("first_day")?, row.try_get("last_day")?));
        }
        for row in sqlx::query(
            "SELECT practitioner_id, day, start_min, end_min FROM practitioner_day_changes",
        )
        .fetch_all(&mut *conn)
        .await?
        {
            let rota = this
                .rotas
                .entry(row.try_get("practitioner_id")?)
                .or_default();
            rota.changes
                .entry(row.try_get("day")?)
                .or_default()
                .push((row.try_get("start_min")?, row.try_get("end_min")?));
        }
        Ok(this)
    }

    /// Why `practitioner` cannot work from `start` to `end`, or `None` when the time is open.
    pub fn refusal(
        &self,
        practitioner_id: &str,
        name: &str,
        tz: Tz,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Option<Unavailable> {
        let (day, s) = local_minutes(tz, start);
        let (end_day, end_min) = local_minutes(tz, end);
        // An appointment running past midnight ends after every block of its day.
        let e = end_min + 1440 * i32::try_from((end_day - day).num_days()).unwrap_or(1);
        let key = day_text(day);
        let weekday = weekday_index(i32::try_from(day.weekday().number_from_monday()).unwrap_or(1));
        let refuse = |message: String| {
            Some(Unavailable {
                field: "start",
                message,
            })
        };
        if let Some(reason) = self.closures.get(&key) {
            let why = if reason.is_empty() {
                String::new()
            } else {
                format!(" ({reason})")
            };
            return refuse(format!("The clinic is closed on {key}{why}."));
        }
        if self.clinic_has_hours && !within_one(&self.clinic[weekday], s, e) {
            return refuse(if self.clinic[weekday].is_empty() {
                format!("The clinic is not open on {}s.", day.format("%A"))
            } else {
                format!(
                    "That is outside the clinic's opening hours on {}s ({}).",
                    day.format("%A"),
                    list_blocks(&self.clinic[weekday])
                )
            });
        }
        let rota = self.rotas.get(practitioner_id)?;
        if rota
            .time_off
            .iter()
            .any(|(first, last)| *first <= key && key <= *last)
        {
            return refuse(format!("{name} is off on {key}."));
        }
        if let Some(blocks) = rota.changes.get(&key) {
            if !within_one(blocks, s, e) {
                return refuse(format!(
                    "{name} works only {} on {key}.",
                    list_blocks(blocks)
                ));
            }
            return None;
        }
        if rota.has_hours && !within_one(&rota.work[weekday], s, e) {
            return refuse(if rota.work[weekday].is_empty() {
                format!("{name} does not work on {}s.", day.format("%A"))
            } else {
                format!(
                    "That is outside {name}'s working hours on {}s ({}).",
                    day.format("%A"),
                    list_blocks(&rota.work[weekday])
                )
            });
        }
        if let Some((bs, be)) = rota.breaks[weekday]
            .iter()
            .find(|(bs, be)| *bs < e && s < *be)
        {
            return refuse(format!(
                "{name} has a break from {} to {}.",
                hhmm_of(*bs),
                hhmm_of(*be)
            ));
        }
        None
    }

    /// The spans of `day` in which `practitioner` can be booked, for searching free times:
    /// their working blocks (or `fallback` when they have none set up) minus breaks, within
    /// opening hours; empty on closures and time off.
    pub fn open_spans(
        &self,
        practitioner_id: &str,
        day: NaiveDate,
        fallback: (i32, i32),
    ) -> Vec<(i32, i32)> {
        let key = day_text(day);
        if self.closures.contains_key(&key) {
            return Vec::new();
        }
        let weekday = weekday_index(i32::try_from(day.weekday().number_from_monday()).unwrap_or(1));
        let rota = self.rotas.get(practitioner_id);
        let (work, breaks): (Spans, &[(i32, i32)]) = match rota {
            Some(r) if r.time_off.iter().any(|(f, l)| *f <= key && key <= *l) => return Vec::new(),
            Some(r) if r.changes.contains_key(&key) => (r.changes[&key].clone(), &[]),
            Some(r) if r.has_hours => (r.work[weekday].clone(), &r.breaks[weekday]),
            Some(r) => (vec![fallback], &r.breaks[weekday]),
            None => (vec![fallback], &[]),
        };
        let mut spans = work;
        if self.clinic_has_hours {
            spans = intersect(&spans, &self.clinic[weekday]);
        }
        for cut in breaks {
            spans = subtract(&spans, *cut);
        }
        spans.sort_unstable();
        spans
    }
}

fn weekday_index(weekday: i32) -> usize {
    usize::try_from(weekday.clamp(1, 7)).unwrap_or(1)
}

fn intersect(a: &[(i32, i32)], b: &[(i32, i32)]) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for (s1, e1) in a {
        for (s2, e2) in b {
            let (s, e) = ((*s1).max(*s2), (*e1).min(*e2));
            if s < e {
                out.push((s, e));
            }
        }
    }
    out
}

fn subtract(spans: &[(i32, i32)], (cs, ce): (i32, i32)) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for (s, e) in spans {
        if ce <= *s || *e <= cs {
            out.push((*s, *e));
            continue;
        }
        if *s < cs {
            out.push((*s, cs));
        }
        if ce < *e {
            out.push((ce, *e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_subtract_and_intersect() {
        assert_eq!(
            subtract(&[(540, 1020)], (720, 780)),
            vec![(540, 720), (780, 1020)]
        );
        assert_eq!(subtract(&[(540, 600)], (600, 700)), vec![(540, 600)]);
        assert_eq!(intersect(&[(480, 1200)], &[(540, 1020)]), vec![(540, 1020)]);
    }
}

//! Appointments: booking with every hard conflict refused, cancelling (kept, with a reason),
//! and the calendar's view of a range of days in the clinic's time zone.
//!
//! Booking runs inside a [`WriteTx`], whose first statement takes the writers' lock, so the
//! overlap checks below see every committed booking and no two bookings can interleave.

use super::availability::Availability;
use super::rules::{self, LONGEST_BLOCK_MS, Placement, Slot};
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::db::Engine;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::scheduling::{Practitioner, Room};
use crate::settings;
use crate::staff::{Actor, Role};
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    Confirmed,
    Arrived,
    InTreatment,
    Completed,
    Cancelled,
    NoShow,
}

impl AppointmentStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Confirmed => "confirmed",
            Self::Arrived => "arrived",
            Self::InTreatment => "in_treatment",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::NoShow => "no_show",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Self, sqlx::Error> {
        serde_json::from_value(serde_json::Value::String(text.to_owned()))
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }
}

/// An appointment as the calendar shows it. Times are given both as instants and as the
/// clinic's wall-clock time, so the UI never converts time zones itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    pub service_id: String,
    pub service_name: String,
    pub practitioner_id: String,
    pub practitioner_name: String,
    pub room_id: String,
    pub room_name: String,
    /// Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
    pub start_ms: i64,
    pub end_ms: i64,
    pub status: AppointmentStatus,
    pub colour: String,
    pub cancel_reason: Option<String>,
    pub late_cancellation: bool,
    /// The course this appointment belongs to, if any.
    pub series_id: Option<String>,
    /// Why the owner booked it outside hours, if they did.
    pub override_reason: Option<String>,
    /// The client has an active precaution on file. Only the flag: the reason stays in the
    /// clinical record, so reception may see it.
    pub has_precaution: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookAppointment {
    pub client_id: String,
    pub service_id: String,
    pub practitioner_id: String,
    pub room_id: String,
    /// Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// Owner only: why this booking is outside working or opening hours (recorded).
    #[serde(default)]
    #[ts(optional)]
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarRange {
    /// First day, `YYYY-MM-DD`, in the clinic's time zone.
    pub from: String,
    /// Number of days (1–14).
    pub days: i32,
    #[serde(default)]
    pub include_cancelled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    pub from: String,
    pub days: i32,
    pub time_zone: String,
    /// The clinic's today, `YYYY-MM-DD`.
    pub today: String,
    /// The clinic's wall-clock time as the view was made, `YYYY-MM-DDTHH:MM` (where the
    /// calendar draws its "now" line; the window moves it on by the minute).
    pub now: String,
    pub practitioners: Vec<Practitioner>,
    pub rooms: Vec<Room>,
    pub appointments: Vec<Appointment>,
}

/// What a locked desk shows in place of a client's name.
pub const HIDDEN_CLIENT: &str = "Booked";

impl CalendarView {
    /// The calendar as a locked desk may show it: when rooms and therapists are taken, but not
    /// by whom (names become "Booked"; ids, precaution flags and every free text someone typed
    /// — the cancellation reason, the owner's out-of-hours reason — are removed).
    pub fn without_client_details(mut self) -> Self {
        for appointment in &mut self.appointments {
            appointment.client_id = String::new();
            appointment.client_name = HIDDEN_CLIENT.to_owned();
            appointment.cancel_reason = None;
            appointment.override_reason = None;
            appointment.has_precaution = false;
        }
        self
    }
}

/// Where the calendar's view of an appointment comes from: the appointment joined with the
/// names it shows.
macro_rules! view_joins {
    () => {
        "FROM appointments a \
    JOIN clients c ON c.id = a.client_id \
    JOIN services s ON s.id = a.service_id \
    JOIN practitioners p ON p.id = a.practitioner_id \
    JOIN rooms r ON r.id = a.room_id"
    };
}

/// Whether the client has a precaution on file: one index probe per row, in the same query
/// (never a query per appointment). The flag only; the reason stays in the clinical record.
macro_rules! has_precaution {
    () => {
        "CASE WHEN EXISTS (SELECT 1 FROM care_precautions cp WHERE cp.client_id = a.client_id) \
    THEN 1 ELSE 0 END"
    };
}

/// The calendar's view of appointments, one row each, read by [`appointment_from`].
macro_rules! select_view {
    () => {
        concat!(
            "SELECT a.id, a.client_id, a.service_id, a.practitioner_id, a.room_id, \
    a.start_ms, a.end_ms, a.status, a.cancel_reason, a.late_cancel, a.series_id, a.override_reason, \
    c.given_name, c.family_name, c.preferred_name, s.name AS service_name, s.colour, \
    p.display_name AS practitioner_name, r.name AS room_name, ",
            $crate::scheduling::appointments::has_precaution!(),
            " AS has_precaution ",
            $crate::scheduling::appointments::view_joins!()
        )
    };
}
pub(crate) use {has_precaution, select_view, view_joins};

/// One row of the calendar's view, as read from the database: by column name from a row of
/// [`select_view`], or by position from an element of [`calendar_sql`]'s array, which leaves
/// the names of service, therapist and room (the last four) to be filled in.
#[derive(Deserialize)]
struct ViewRow {
    id: String,
    client_id: String,
    service_id: String,
    practitioner_id: String,
    room_id: String,
    start_ms: i64,
    end_ms: i64,
    status: String,
    cancel_reason: Option<String>,
    late_cancel: i32,
    series_id: Option<String>,
    override_reason: Option<String>,
    given_name: String,
    family_name: String,
    preferred_name: String,
    has_precaution: i32,
    #[serde(default)]
    service_name: String,
    #[serde(default)]
    colour: String,
    #[serde(default)]
    practitioner_name: String,
    #[serde(default)]
    room_name: String,
}

impl ViewRow {
    fn read(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            client_id: row.try_get("client_id")?,
            service_id: row.try_get("service_id")?,
            practitioner_id: row.try_get("practitioner_id")?,
            room_id: row.try_get("room_id")?,
            start_ms: row.try_get("start_ms")?,
            end_ms: row.try_get("end_ms")?,
            status: row.try_get("status")?,
            cancel_reason: row.try_get("cancel_reason")?,
            late_cancel: row.try_get("late_cancel")?,
            series_id: row.try_get("series_id")?,
            override_reason: row.try_get("override_reason")?,
            given_name: row.try_get("given_name")?,
            family_name: row.try_get("family_name")?,
            preferred_name: row.try_get("preferred_name")?,
            service_name: row.try_get("service_name")?,
            colour: row.try_get("colour")?,
            practitioner_name: row.try_get("practitioner_name")?,
            room_name: row.try_get("room_name")?,
            has_precaution: row.try_get("has_precaution")?,
        })
    }

    fn into_appointment(self, tz: Tz) -> Result<Appointment, sqlx::Error> {
        let first = if self.preferred_name.is_empty() {
            self.given_name
        } else {
            self.preferred_name
        };
        Ok(Appointment {
            id: self.id,
            client_id: self.client_id,
            client_name: format!("{first} {}", self.family_name),
            service_id: self.service_id,
            service_name: self.service_name,
            practitioner_id: self.practitioner_id,
            practitioner_name: self.practitioner_name,
            room_id: self.room_id,
            room_name: self.room_name,
            start: local(tz, self.start_ms),
            end: local(tz, self.end_ms),
            start_ms: self.start_ms,
            end_ms: self.end_ms,
            status: AppointmentStatus::parse(&self.status)?,
            colour: self.colour,
            cancel_reason: self.cancel_reason,
            late_cancellation: self.late_cancel != 0,
            series_id: self.series_id,
            override_reason: self.override_reason,
            has_precaution: self.has_precaution != 0,
        })
    }
}

/// The clinic wall-clock time of an instant, `YYYY-MM-DDTHH:MM`. Written out by hand: two per
/// appointment, and a format string would be parsed again for each.
pub(crate) fn local(tz: Tz, ms: i64) -> String {
    let at = DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&tz);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

pub(crate) fn appointment_from(row: &AnyRow, tz: Tz) -> Result<Appointment, sqlx::Error> {
    ViewRow::read(row)?.into_appointment(tz)
}

pub(crate) async fn view(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    tz: Tz,
) -> ApiResult<Appointment> {
    let row = sqlx::query(concat!(select_view!(), " WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref()
        .map(|row| appointment_from(row, tz))
        .transpose()?
        .ok_or_else(|| ApiError::not_found("appointment"))
}

/// Reads a clinic wall-clock time. A time the clocks skip (spring forward) is refused; a time
/// that happens twice (fall back) means the first of the two.
pub fn parse_local(field: &str, text: &str, tz: Tz) -> ApiResult<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .map_err(|_| ApiError::validation(field, "Time should look like 2026-11-22T09:30."))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.with_timezone(&Utc)),
        LocalResult::None => Err(ApiError::validation(
            field,
            "That time does not exist on that day: the clocks go forward then.",
        )),
    }
}

/// Midnight at the start of `date` in the clinic's time zone (the first instant of the day
/// where midnight itself is skipped).
pub fn start_of_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut probe = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    loop {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => {
                return at.with_timezone(&Utc);
            }
            LocalResult::None => probe += Duration::minutes(15),
        }
    }
}

pub async fn book(clinic: &Clinic, actor: &Actor, args: BookAppointment) -> ApiResult<Appointment> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let service_id = fields::id("serviceId", &args.service_id)?;
    let practitioner_id = fields::id("practitionerId", &args.practitioner_id)?;
    let room_id = fields::id("roomId", &args.room_id)?;
    let override_reason = override_reason(actor, args.override_reason.as_deref())?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let settings = settings::load(tx.conn()).await?;
    let tz = settings.tz();
    let start = parse_local("start", &args.start, tz)?;
    let placement = Placement {
        client_id: &client_id,
        service_id: &service_id,
        practitioner_id: &practitioner_id,
        room_id: &room_id,
        start,
        duration_min: None,
        exclude: &[],
        override_hours: override_reason.is_some(),
    };
    let id = place_new(&mut tx, tz, &placement, override_reason.as_deref()).await?;
    let booked = view(tx.conn(), &id, tz).await?;
    tx.commit().await?;
    Ok(booked)
}

/// The owner's reason for booking outside hours, checked: only the owner may give one.
pub(crate) fn override_reason(actor: &Actor, raw: Option<&str>) -> ApiResult<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let reason = fields::optional_line("overrideReason", "Reason", raw, 300)?;
    if reason.is_empty() {
        return Ok(None);
    }
    if !actor.has_role(Role::Owner) {
        return Err(ApiError {
            field: Some("overrideReason".into()),
            ..ApiError::forbidden("Only the owner can book outside working or opening hours.")
        });
    }
    Ok(Some(reason))
}

/// Checks a new placement against every rule and books it.
pub(crate) async fn place_new(
    tx: &mut WriteTx,
    tz: Tz,
    placement: &Placement<'_>,
    override_reason: Option<&str>,
) -> ApiResult<String> {
    let availability = Availability::load(tx.conn()).await?;
    let checked = rules::check(tx.conn(), tz, &availability, placement).await?;
    insert(tx, placement, &checked.slot, None, override_reason).await
}

/// Writes a checked placement as a new booked appointment, booked by the transaction's actor,
/// and journals it.
pub(crate) async fn insert(
    tx: &mut WriteTx,
    placement: &Placement<'_>,
    slot: &Slot,
    series_id: Option<&str>,
    override_reason: Option<&str>,
) -> ApiResult<String> {
    let id = new_id();
    let at = tx.at_ms();
    // Who booked it: a therapist's booking with themselves opens no record (`care::access`).
    let booked_by = tx.actor_id().to_owned();
    sqlx::query(
        "INSERT INTO appointments (id, client_id, service_id, practitioner_id, room_id, start_ms, \
         end_ms, block_end_ms, status, late_cancel, series_id, override_reason, created_at, \
         updated_at, booked_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $12, \
         $13)",
    )
    .bind(&id)
    .bind(placement.client_id)
    .bind(placement.service_id)
    .bind(placement.practitioner_id)
    .bind(placement.room_id)
    .bind(slot.start_ms)
    .bind(slot.end_ms)
    .bind(slot.block_end_ms)
    .bind(AppointmentStatus::Booked.as_str())
    .bind(series_id)
    .bind(override_reason)
    .bind(at)
    .bind(&booked_by)
    .execute(tx.conn())
    .await?;
    let mut detail = format!(
        "{}..{} practitioner={} room={}",
        slot.start_ms, slot.end_ms, placement.practitioner_id, placement.room_id
    );
    if let Some(series) = series_id {
        detail.push_str(&format!(" series={series}"));
    }
    if override_reason.is_some() {
        detail.push_str(" override=hours");
    }
    tx.record(Entry {
        action: "book",
        entity: "appointment",
        entity_id: &id,
        client_id: Some(placement.client_id),
        detail,
    })
    .await?;
    Ok(id)
}

/// Every appointment of one client, oldest first (for the client's data export).
pub async fn for_client(clinic: &Clinic, client_id: &str) -> ApiResult<Vec<Appointment>> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let rows = sqlx::query(concat!(
        select_view!(),
        " WHERE a.client_id = $1 ORDER BY a.start_ms"
    ))
    .bind(client_id)
    .fetch_all(clinic.pool())
    .await?;
    Ok(rows
        .iter()
        .map(|row| appointment_from(row, tz))
        .collect::<Result<_, _>>()?)
}

/// The calendar's range as one JSON array of positional rows ([`ViewRow`]). A week of a busy
/// clinic is hundreds of rows, and each row crossing the database driver costs a hand-over
/// between threads and a decoding of every column: one row of JSON costs one. Only what varies
/// per appointment is in it: the names of services, therapists and rooms come from their
/// (small) tables, read once per call, which spares three joins and a third of the text. The
/// array is the one place where the engines' SQL differs (the aggregate's name).
fn calendar_sql(engine: Engine, include_cancelled: bool) -> &'static str {
    macro_rules! range {
        ($open:literal, $close:literal, $filter:literal) => {
            concat!(
                "SELECT COALESCE(",
                $open,
                "a.id, a.client_id, a.service_id, a.practitioner_id, a.room_id, a.start_ms, \
                 a.end_ms, a.status, a.cancel_reason, a.late_cancel, a.series_id, \
                 a.override_reason, c.given_name, c.family_name, c.preferred_name, ",
                has_precaution!(),
                $close,
                ", '[]') FROM appointments a JOIN clients c ON c.id = a.client_id \
                 WHERE a.start_ms > $1 AND a.start_ms < $2 AND a.end_ms > $3",
                $filter
            )
        };
    }
    match (engine, include_cancelled) {
        (Engine::Sqlite, true) => range!("json_group_array(json_array(", "))", ""),
        (Engine::Sqlite, false) => range!(
            "json_group_array(json_array(",
            "))",
            " AND a.status <> 'cancelled'"
        ),
        (Engine::Postgres, true) => {
            range!("CAST(json_agg(json_build_array(", ")) AS TEXT)", "")
        }
        (Engine::Postgres, false) => range!(
            "CAST(json_agg(json_build_array(",
            ")) AS TEXT)",
            " AND a.status <> 'cancelled'"
        ),
    }
}

/// The names a range's rows refer to, by id.
struct Names<'a> {
    services: HashMap<&'a str, (&'a str, &'a str)>,
    practitioners: HashMap<&'a str, &'a str>,
    rooms: HashMap<&'a str, &'a str>,
}

impl Names<'_> {
    fn fill(&self, row: &mut ViewRow) {
        let owned = |name: Option<&&str>| name.map_or_else(String::new, |name| (*name).to_owned());
        if let Some((name, colour)) = self.services.get(row.service_id.as_str()) {
            (*name).clone_into(&mut row.service_name);
            (*colour).clone_into(&mut row.colour);
        }
        row.practitioner_name = owned(self.practitioners.get(row.practitioner_id.as_str()));
        row.room_name = owned(self.rooms.get(row.room_id.as_str()));
    }
}

pub async fn calendar(
    clinic: &Clinic,
    _actor: &Actor,
    args: CalendarRange,
) -> ApiResult<CalendarView> {
    let from = fields::optional_date("from", "First day", &args.from)?
        .ok_or_else(|| ApiError::validation("from", "First day is required."))?;
    let days = fields::within("days", "Number of days", args.days.into(), 1..=14)?;
    // Everything the calendar shows is read on one connection: one pool hand-out per call.
    let mut conn = clinic.pool().acquire().await?;
    let settings = settings::load(&mut *conn).await?;
    let tz = settings.tz();
    let from_ms = start_of_day(from, tz).timestamp_millis();
    let to_ms = start_of_day(from + Duration::days(days), tz).timestamp_millis();
    let rows: String = sqlx::query_scalar(calendar_sql(clinic.engine(), args.include_cancelled))
        .bind(from_ms - LONGEST_BLOCK_MS)
        .bind(to_ms)
        .bind(from_ms)
        .fetch_one(&mut *conn)
        .await?;
    let resources = super::resources::calendar_resources(&mut conn).await?;
    let names = Names {
        services: resources
            .services
            .iter()
            .map(|(id, name, colour)| (id.as_str(), (name.as_str(), colour.as_str())))
            .collect(),
        practitioners: resources
            .practitioners
            .iter()
            .map(|p| (p.id.as_str(), p.display_name.as_str()))
            .collect(),
        rooms: resources
            .rooms
            .iter()
            .map(|r| (r.id.as_str(), r.name.as_str()))
            .collect(),
    };
    let mut appointments = serde_json::from_str::<Vec<ViewRow>>(&rows)
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))?
        .into_iter()
        .map(|mut row| {
            names.fill(&mut row);
            row.into_appointment(tz)
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Time order, ties by therapist, as the day sheet and the calendar's list read them.
    appointments.sort_unstable_by(|a, b| {
        (a.start_ms, &a.practitioner_name, &a.id).cmp(&(b.start_ms, &b.practitioner_name, &b.id))
    });
    drop(names);
    let local_now = clinic.now().with_timezone(&tz);
    let mut practitioners = resources.practitioners;
    practitioners.retain(|p| p.active);
    let mut rooms = resources.rooms;
    rooms.retain(|r| r.active);
    Ok(CalendarView {
        from: from.format("%Y-%m-%d").to_string(),
        days: args.days,
        time_zone: settings.time_zone.clone(),
        today: local_now.format("%Y-%m-%d").to_string(),
        now: local_now.format("%Y-%m-%dT%H:%M").to_string(),
        practitioners,
        rooms,
        appointments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_local_times_are_refused_and_repeated_ones_take_the_first() {
        let london: Tz = "Europe/London".parse().unwrap();
        // 2026-03-29 01:30 does not exist in London (clocks go 01:00 -> 02:00).
        let error = parse_local("start", "2026-03-29T01:30", london).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("start"));
        // 2026-10-25 01:30 happens twice; the first is still summer time (UTC+1).
        let first = parse_local("start", "2026-10-25T01:30", london).unwrap();
        assert_eq!(first.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn wall_clock_times_read_as_the_format_string_would() {
        let toronto: Tz = "America/Toronto".parse().unwrap();
        // Around the 2026 fall-back, a new year's eve and an early date with a short year.
        for ms in [
            1_793_587_500_000,
            1_793_599_200_000,
            1_798_761_540_000,
            -62_000_000_000_000,
        ] {
            let expected = DateTime::<Utc>::from_timestamp_millis(ms)
                .unwrap()
                .with_timezone(&toronto)
                .format("%Y-%m-%dT%H:%M")
                .to_string();
            assert_eq!(local(toronto, ms), expected);
        }
    }

    #[test]
    fn days_start_at_local_midnight_across_dst() {
        let toronto: Tz = "America/Toronto".parse().unwrap();
        let day = |d: &str| start_of_day(d.parse().unwrap(), toronto);
        // The day the clocks go back has 25 hours; the day they go forward, 23.
        assert_eq!((day("2026-11-02") - day("2026-11-01")).num_hours(), 25);
        assert_eq!((day("2026-03-09") - day("2026-03-08")).num_hours(), 23);
    }
}

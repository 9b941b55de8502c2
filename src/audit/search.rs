//! The owner's journal screen: lines filtered by client, staff member, days and action, newest
//! first, with the names each line can be said with.
//!
//! The journal holds ids only. Names (who did it, whose record, which therapist, room and
//! service) are looked up here at read time, and an appointment's times are read from what the
//! line's detail recorded (a move's before and after) or from the appointment as it is now. A
//! cancellation's reason is client text: it comes from the appointment, to the owner only.

use super::JournalAction;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::scheduling::appointments::{AppointmentStatus, local, start_of_day};
use crate::staff::{Actor, Role};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::HashMap;
use ts_rs::TS;

/// The owner's journal filter: by client, by staff member, by day range (clinic dates,
/// inclusive). Newest first.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalQuery {
    #[ts(optional)]
    pub client_id: Option<String>,
    #[ts(optional)]
    pub staff_id: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[ts(optional)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    #[ts(optional)]
    pub to: Option<String>,
    /// Only lines with this action.
    #[ts(optional)]
    pub action: Option<JournalAction>,
    /// Only lines older than this sequence number: the next page after a page ending there.
    #[ts(optional)]
    pub before: Option<i64>,
    /// At most this many lines (1–1000, default 200).
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// One journal line as the owner's screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalLine {
    pub seq: i64,
    pub at_ms: i64,
    /// Clinic wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub at: String,
    pub staff_id: String,
    /// The staff member's name, or empty for the command line and removed accounts.
    pub staff_name: String,
    pub workstation: String,
    /// One of [`JournalAction`] (text, so a line written by a newer version still shows).
    #[ts(as = "JournalAction")]
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub client_id: Option<String>,
    /// The client's full name ("given family"), or empty when the line names no client or the
    /// client's record has been purged.
    pub client_name: String,
    /// The name of the record the line is about, where it has one: the staff member, therapist
    /// (also for their hours), room or service. Empty otherwise.
    pub subject_name: String,
    /// For a line about an appointment that still exists: what, with whom, when.
    pub appointment: Option<JournalAppointment>,
    pub detail: String,
}

/// Where and when an appointment was or is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalSlot {
    /// Clinic wall-clock times, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
    pub practitioner_name: String,
    pub room_name: String,
}

/// The appointment a line is about, in names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalAppointment {
    pub service_name: String,
    /// As the line left it (booked, moved or resized to), otherwise as it is now.
    pub slot: JournalSlot,
    /// Before a move or a resize.
    pub previous: Option<JournalSlot>,
    /// A status change: from which status to which.
    pub status_from: Option<AppointmentStatus>,
    pub status_to: Option<AppointmentStatus>,
    /// A cancellation inside the clinic's notice period.
    pub late: bool,
    /// Why it was cancelled (on cancellation lines, for the owner only).
    pub cancel_reason: Option<String>,
}

/// Times and places an appointment line's detail recorded, by id.
#[derive(Debug, Default, PartialEq, Eq)]
struct Place<'a> {
    start_ms: Option<i64>,
    end_ms: Option<i64>,
    practitioner_id: Option<&'a str>,
    room_id: Option<&'a str>,
}

/// An appointment line's detail read back: "from …" is before, "to …" (or a booking's only
/// part) after; e.g. `from 1..2 practitioner=p room=r to 3..4 practitioner=p room=r`,
/// `from booked to completed`, `late`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Detail<'a> {
    before: Place<'a>,
    after: Place<'a>,
    status_from: Option<AppointmentStatus>,
    status_to: Option<AppointmentStatus>,
    late: bool,
}

fn read_detail(detail: &str) -> Detail<'_> {
    let mut read = Detail::default();
    let mut before = false;
    for token in detail.split_whitespace() {
        let place = if before {
            &mut read.before
        } else {
            &mut read.after
        };
        match token {
            "from" => before = true,
            "to" => before = false,
            "late" => read.late = true,
            _ => {
                if let Some((start, end)) = token.split_once("..") {
                    place.start_ms = start.parse().ok();
                    place.end_ms = end.parse().ok();
                } else if let Some(id) = token.strip_prefix("practitioner=") {
                    place.practitioner_id = Some(id);
                } else if let Some(id) = token.strip_prefix("room=") {
                    place.room_id = Some(id);
                } else if let Ok(status) = AppointmentStatus::parse(token) {
                    if before {
                        read.status_from = Some(status);
                    } else {
                        read.status_to = Some(status);
                    }
                }
            }
        }
    }
    read
}

/// The small tables' names, read once per search.
struct Names {
    staff: HashMap<String, String>,
    practitioners: HashMap<String, String>,
    rooms: HashMap<String, String>,
    services: HashMap<String, String>,
}

impl Names {
    async fn load(conn: &mut sqlx::AnyConnection) -> ApiResult<Self> {
        async fn table(
            conn: &mut sqlx::AnyConnection,
            sql: &'static str,
        ) -> ApiResult<HashMap<String, String>> {
            Ok(sqlx::query_as::<_, (String, String)>(sql)
                .fetch_all(conn)
                .await?
                .into_iter()
                .collect())
        }
        Ok(Self {
            staff: table(conn, "SELECT id, display_name FROM staff").await?,
            practitioners: table(conn, "SELECT id, display_name FROM practitioners").await?,
            rooms: table(conn, "SELECT id, name FROM rooms").await?,
            services: table(conn, "SELECT id, name FROM services").await?,
        })
    }

    fn of(map: &HashMap<String, String>, id: &str) -> String {
        map.get(id).cloned().unwrap_or_default()
    }

    fn subject(&self, entity: &str, id: &str) -> String {
        match entity {
            "staff" => Self::of(&self.staff, id),
            "practitioner" | "therapist_hours" => Self::of(&self.practitioners, id),
            "room" => Self::of(&self.rooms, id),
            "service" => Self::of(&self.services, id),
            _ => String::new(),
        }
    }

    /// A recorded place, with what the record holds now filling what the detail left out.
    fn slot(&self, tz: Tz, recorded: &Place<'_>, now: &Place<'_>) -> JournalSlot {
        let start = recorded.start_ms.or(now.start_ms).unwrap_or_default();
        let end = recorded.end_ms.or(now.end_ms).unwrap_or_default();
        JournalSlot {
            start: local(tz, start),
            end: local(tz, end),
            practitioner_name: Self::of(
                &self.practitioners,
                recorded
                    .practitioner_id
                    .or(now.practitioner_id)
                    .unwrap_or(""),
            ),
            room_name: Self::of(&self.rooms, recorded.room_id.or(now.room_id).unwrap_or("")),
        }
    }
}

pub async fn search(
    clinic: &Clinic,
    actor: &Actor,
    args: JournalQuery,
) -> ApiResult<Vec<JournalLine>> {
    let mut conn = clinic.pool().acquire().await?;
    let tz = crate::settings::load(&mut *conn).await?.tz();
    let optional_id = |field: &str, raw: &Option<String>| -> ApiResult<Option<String>> {
        match raw.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(id) => fields::id(field, id).map(Some),
        }
    };
    let client_id = optional_id("clientId", &args.client_id)?;
    let staff_id = optional_id("staffId", &args.staff_id)?;
    let day = |field: &str, raw: &Option<String>| {
        fields::optional_date(field, "Day", raw.as_deref().unwrap_or(""))
    };
    let from_ms = day("from", &args.from)?.map(|d| start_of_day(d, tz).timestamp_millis());
    let to_ms = day("to", &args.to)?
        .map(|d| start_of_day(d + chrono::Duration::days(1), tz).timestamp_millis());
    let limit = fields::within(
        "limit",
        "Number of lines",
        args.limit.unwrap_or(200),
        1..=1000,
    )?;
    let action = args.action.map(JournalAction::as_str);
    let rows = sqlx::query(
        "SELECT j.seq, j.at_ms, j.actor_id, s.display_name, j.workstation, j.action, j.entity, \
         j.entity_id, j.client_id, j.detail, c.given_name, c.family_name, \
         a.service_id, a.practitioner_id, a.room_id, a.start_ms, a.end_ms, a.cancel_reason \
         FROM journal j \
         LEFT JOIN staff s ON s.id = j.actor_id LEFT JOIN clients c ON c.id = j.client_id \
         LEFT JOIN appointments a ON j.entity = 'appointment' AND a.id = j.entity_id \
         WHERE ($1 IS NULL OR j.client_id = $1) AND ($2 IS NULL OR j.actor_id = $2) \
         AND ($3 IS NULL OR j.at_ms >= $3) AND ($4 IS NULL OR j.at_ms < $4) \
         AND ($6 IS NULL OR j.action = $6) AND ($7 IS NULL OR j.seq < $7) \
         ORDER BY j.seq DESC LIMIT $5",
    )
    .bind(&client_id)
    .bind(&staff_id)
    .bind(from_ms)
    .bind(to_ms)
    .bind(limit)
    .bind(action)
    .bind(args.before)
    .fetch_all(&mut *conn)
    .await?;
    let names = Names::load(&mut conn).await?;
    let owner = actor.has_role(Role::Owner);
    rows.iter()
        .map(|row| {
            let at_ms: i64 = row.try_get("at_ms")?;
            let action: String = row.try_get("action")?;
            let entity: String = row.try_get("entity")?;
            let entity_id: String = row.try_get("entity_id")?;
            let detail: String = row.try_get("detail")?;
            let service_id: Option<String> = row.try_get("service_id")?;
            let appointment = match service_id {
                None => None,
                Some(service_id) => {
                    let practitioner_id: Option<String> = row.try_get("practitioner_id")?;
                    let room_id: Option<String> = row.try_get("room_id")?;
                    let now = Place {
                        start_ms: row.try_get("start_ms")?,
                        end_ms: row.try_get("end_ms")?,
                        practitioner_id: practitioner_id.as_deref(),
                        room_id: room_id.as_deref(),
                    };
                    let recorded = read_detail(&detail);
                    let moved = recorded.before.start_ms.is_some();
                    let cancel_reason: Option<String> = row.try_get("cancel_reason")?;
                    Some(JournalAppointment {
                        service_name: Names::of(&names.services, &service_id),
                        slot: names.slot(tz, &recorded.after, &now),
                        previous: moved.then(|| names.slot(tz, &recorded.before, &now)),
                        status_from: recorded.status_from,
                        status_to: recorded.status_to,
                        late: recorded.late,
                        cancel_reason: cancel_reason.filter(|_| owner && action == "cancel"),
                    })
                }
            };
            Ok(JournalLine {
                seq: row.try_get("seq")?,
                at_ms,
                at: local(tz, at_ms),
                staff_id: row.try_get("actor_id")?,
                staff_name: row
                    .try_get::<Option<String>, _>("display_name")?
                    .unwrap_or_default(),
                workstation: row.try_get("workstation")?,
                subject_name: names.subject(&entity, &entity_id),
                appointment,
                action,
                entity,
                entity_id,
                client_id: row.try_get("client_id")?,
                client_name: match (
                    row.try_get::<Option<String>, _>("given_name")?,
                    row.try_get::<Option<String>, _>("family_name")?,
                ) {
                    (Some(given), Some(family)) => format!("{given} {family}").trim().to_owned(),
                    _ => String::new(),
                },
                detail,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(ApiError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moves_detail_reads_back_before_and_after() {
        let read = read_detail(
            "from 10..20 practitioner=p1 room=r1 to 30..40 practitioner=p2 room=r2 override=hours",
        );
        assert_eq!(
            read.before,
            Place {
                start_ms: Some(10),
                end_ms: Some(20),
                practitioner_id: Some("p1"),
                room_id: Some("r1")
            }
        );
        assert_eq!(
            (read.after.start_ms, read.after.end_ms, read.after.room_id),
            (Some(30), Some(40), Some("r2"))
        );
    }

    #[test]
    fn bookings_statuses_and_late_cancellations_read_back() {
        let booked = read_detail("10..20 practitioner=p room=r series=s");
        assert_eq!(booked.before, Place::default());
        assert_eq!(booked.after.start_ms, Some(10));
        let status = read_detail("from booked to no_show");
        assert_eq!(
            (status.status_from, status.status_to),
            (
                Some(AppointmentStatus::Booked),
                Some(AppointmentStatus::NoShow)
            )
        );
        assert!(read_detail("late").late);
        assert!(!read_detail("").late);
    }
}

//! The rules every placement of an appointment passes — a new booking, a move, a resize, each
//! occurrence of a course: the service is offered by the therapist, the room is of the type the
//! service needs, the time is within working and opening hours (unless the owner overrides with
//! a reason), and therapist, room and client are free.
//!
//! Callers run this inside their [`WriteTx`](crate::audit::WriteTx) after its lock, so what it
//! reads is what the write will see.

use super::availability::Availability;
use super::resources::{offered_by, select_service, service_from};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sqlx::Row;
use sqlx::any::AnyRow;

/// No appointment (with its turnover) is longer than this, so an overlap search only needs to
/// look this far back from the end of the range it checks.
pub(crate) const LONGEST_BLOCK_MS: i64 = 10 * 60 * 60 * 1000;

/// Where and when an appointment is to be placed.
pub(crate) struct Placement<'a> {
    pub client_id: &'a str,
    pub service_id: &'a str,
    pub practitioner_id: &'a str,
    pub room_id: &'a str,
    pub start: DateTime<Utc>,
    /// Minutes, when not the service's own length (a resized appointment).
    pub duration_min: Option<i64>,
    /// Appointments that are being replaced by this placement (itself when moving).
    pub exclude: &'a [String],
    /// The owner books outside working or opening hours, with a recorded reason.
    pub override_hours: bool,
}

/// A placement that passed every rule.
pub(crate) struct Checked {
    pub slot: Slot,
}

/// Checks every rule; the first failure comes back as the refusal, naming its field.
pub(crate) async fn check(
    conn: &mut sqlx::AnyConnection,
    tz: Tz,
    availability: &Availability,
    placement: &Placement<'_>,
) -> ApiResult<Checked> {
    let mut service = service_from(
        &require_active(
            conn,
            concat!(select_service!(), " WHERE id = $1"),
            placement.service_id,
            "serviceId",
            "service",
        )
        .await?,
    )?;
    let practitioner = require_active(
        conn,
        "SELECT display_name, active FROM practitioners WHERE id = $1",
        placement.practitioner_id,
        "practitionerId",
        "therapist",
    )
    .await?;
    let practitioner_name: String = practitioner.try_get("display_name")?;
    let room = require_active(
        conn,
        "SELECT name, room_type, active FROM rooms WHERE id = $1",
        placement.room_id,
        "roomId",
        "room",
    )
    .await?;
    let room_name: String = room.try_get("name")?;
    let room_type: String = room.try_get("room_type")?;
    // An erased (restricted) client cannot be booked, moved or resized: their record is only
    // being retained, read-only.
    let restricted: Option<Option<i64>> =
        sqlx::query_scalar("SELECT restricted_at FROM clients WHERE id = $1")
            .bind(placement.client_id)
            .fetch_optional(&mut *conn)
            .await?;
    match restricted {
        None => {
            return Err(ApiError::validation(
                "clientId",
                "That client does not exist.",
            ));
        }
        Some(Some(_)) => {
            return Err(conflict(
                "clientId",
                crate::clients::requests::ERASED.to_owned(),
            ));
        }
        Some(None) => {}
    }
    service.practitioner_ids = offered_by(conn, placement.service_id).await?;
    let offered = service.practitioner_ids.is_empty()
        || service
            .practitioner_ids
            .iter()
            .any(|p| p == placement.practitioner_id);
    if !offered {
        return Err(conflict(
            "practitionerId",
            format!("{practitioner_name} does not offer {}.", service.name),
        ));
    }
    if !service.room_type.is_empty() && service.room_type != room_type {
        return Err(conflict(
            "roomId",
            format!(
                "{} needs a {} room; {room_name} is not one.",
                service.name, service.room_type
            ),
        ));
    }
    let minutes = placement
        .duration_min
        .unwrap_or_else(|| service.duration_min.into());
    let end = placement.start + Duration::minutes(minutes);
    let slot = Slot {
        start_ms: placement.start.timestamp_millis(),
        end_ms: end.timestamp_millis(),
        block_end_ms: (end + Duration::minutes(service.buffer_min.into())).timestamp_millis(),
    };
    if !placement.override_hours
        && let Some(refusal) = availability.refusal(
            placement.practitioner_id,
            &practitioner_name,
            tz,
            placement.start,
            end,
        )
    {
        return Err(conflict(refusal.field, refusal.message));
    }
    let clashes = Clashes::find(
        conn,
        &slot,
        placement.practitioner_id,
        placement.room_id,
        placement.client_id,
        placement.exclude,
    )
    .await?;
    if let Some(error) = clashes.refusal(&practitioner_name, &room_name, tz) {
        return Err(error);
    }
    Ok(Checked { slot })
}

fn conflict(field: &str, message: String) -> ApiError {
    ApiError {
        field: Some(field.to_owned()),
        ..ApiError::conflict(message)
    }
}

/// Looks up one active row of a referenced table, naming the request field when it is missing.
pub(crate) async fn require_active(
    conn: &mut sqlx::AnyConnection,
    sql: &'static str,
    id: &str,
    field: &str,
    what: &str,
) -> ApiResult<AnyRow> {
    let row = sqlx::query(sql).bind(id).fetch_optional(conn).await?;
    match row {
        Some(row) if row.try_get::<i32, _>("active")? != 0 => Ok(row),
        Some(_) => Err(ApiError::validation(
            field,
            format!("That {what} is no longer available."),
        )),
        None => Err(ApiError::validation(
            field,
            format!("That {what} does not exist."),
        )),
    }
}

/// The instants a booking occupies: the appointment itself, and until `block_end_ms` the
/// therapist and room stay held for turnover.
pub(crate) struct Slot {
    pub start_ms: i64,
    pub end_ms: i64,
    pub block_end_ms: i64,
}

/// One active appointment that overlaps a proposed slot for some reason.
#[derive(Clone)]
struct Clash {
    practitioner_id: String,
    room_id: String,
    client_id: String,
    start_ms: i64,
    end_ms: i64,
    block_end_ms: i64,
    practitioner_name: String,
}

struct Clashes {
    practitioner: Option<Clash>,
    room: Option<Clash>,
    client: Option<Clash>,
}

impl Clashes {
    /// Active appointments of the therapist, the room or the client that overlap the slot.
    async fn find(
        conn: &mut sqlx::AnyConnection,
        slot: &Slot,
        practitioner_id: &str,
        room_id: &str,
        client_id: &str,
        exclude: &[String],
    ) -> ApiResult<Self> {
        // Three index-friendly searches rather than one OR, each bounded in time.
        macro_rules! overlapping {
            ($column:literal, $param:literal) => {
                concat!(
                    "SELECT a.id, a.practitioner_id, a.room_id, a.client_id, a.start_ms, a.end_ms, \
                     a.block_end_ms, p.display_name FROM appointments a \
                     JOIN practitioners p ON p.id = a.practitioner_id WHERE a.",
                    $column,
                    " = ",
                    $param,
                    " AND a.start_ms > $4 AND a.start_ms < $5 AND a.block_end_ms > $6 \
                     AND a.status NOT IN ('cancelled', 'no_show')"
                )
            };
        }
        const SQL: &str = concat!(
            overlapping!("practitioner_id", "$1"),
            " UNION ALL ",
            overlapping!("room_id", "$2"),
            " UNION ALL ",
            overlapping!("client_id", "$3"),
            " ORDER BY 4"
        );
        let rows = sqlx::query(SQL)
            .bind(practitioner_id)
            .bind(room_id)
            .bind(client_id)
            .bind(slot.start_ms - LONGEST_BLOCK_MS)
            .bind(slot.block_end_ms)
            .bind(slot.start_ms)
            .fetch_all(conn)
            .await?;
        let mut clashes = Self {
            practitioner: None,
            room: None,
            client: None,
        };
        for row in &rows {
            let id: String = row.try_get("id")?;
            if exclude.contains(&id) {
                continue;
            }
            let clash = Clash {
                practitioner_id: row.try_get("practitioner_id")?,
                room_id: row.try_get("room_id")?,
                client_id: row.try_get("client_id")?,
                start_ms: row.try_get("start_ms")?,
                end_ms: row.try_get("end_ms")?,
                block_end_ms: row.try_get("block_end_ms")?,
                practitioner_name: row.try_get("display_name")?,
            };
            // Therapist and room are held through turnover on both sides.
            let held = clash.start_ms < slot.block_end_ms && clash.block_end_ms > slot.start_ms;
            // The client only needs the appointments themselves not to overlap.
            let attends = clash.start_ms < slot.end_ms && clash.end_ms > slot.start_ms;
            if held && clash.practitioner_id == practitioner_id && clashes.practitioner.is_none() {
                clashes.practitioner = Some(clash.clone());
            }
            if held && clash.room_id == room_id && clashes.room.is_none() {
                clashes.room = Some(clash.clone());
            }
            if attends && clash.client_id == client_id && clashes.client.is_none() {
                clashes.client = Some(clash);
            }
        }
        Ok(clashes)
    }

    /// The first hard conflict, as a message that names the clash (never the other client).
    fn refusal(&self, practitioner_name: &str, room_name: &str, tz: Tz) -> Option<ApiError> {
        let span = |clash: &Clash, end_ms: i64| {
            format!("{} to {}", hhmm(tz, clash.start_ms), hhmm(tz, end_ms))
        };
        let (field, message) = if let Some(clash) = &self.practitioner {
            (
                "practitionerId",
                format!(
                    "{practitioner_name} is already booked from {}{}.",
                    span(clash, clash.end_ms),
                    turnover_note(clash)
                ),
            )
        } else if let Some(clash) = &self.room {
            (
                "roomId",
                format!(
                    "{room_name} is already in use from {}{}.",
                    span(clash, clash.end_ms),
                    turnover_note(clash)
                ),
            )
        } else if let Some(clash) = &self.client {
            (
                "clientId",
                format!(
                    "This client already has an appointment from {} with {}.",
                    span(clash, clash.end_ms),
                    clash.practitioner_name
                ),
            )
        } else {
            return None;
        };
        Some(ApiError {
            field: Some(field.to_owned()),
            ..ApiError::conflict(message)
        })
    }
}

fn turnover_note(clash: &Clash) -> &'static str {
    if clash.block_end_ms > clash.end_ms {
        " (plus turnover time)"
    } else {
        ""
    }
}

fn hhmm(tz: Tz, ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&tz)
        .format("%H:%M")
        .to_string()
}

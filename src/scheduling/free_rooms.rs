//! Which rooms are free for a booking being made: the booking dialog marks each room free or
//! in use for the service and start chosen, so reception picks a free one instead of finding
//! out from the refusal. "In use" is the booking rule's own: another active appointment holds
//! the room (through its turnover) at some moment of this one's time and turnover.

use super::appointments::parse_local;
use super::resources::{select_service, service_from};
use super::rules::LONGEST_BLOCK_MS;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeRoomsQuery {
    pub service_id: String,
    /// Clinic wall clock, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// The appointment being moved, which does not count against itself.
    #[serde(default)]
    #[ts(optional)]
    pub appointment_id: Option<String>,
}

/// One active room, and whether the booking could go there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomChoice {
    pub room_id: String,
    pub room_name: String,
    /// Not held by another appointment for the service's time and turnover.
    pub free: bool,
    /// Of the type the service needs (always, when it needs none).
    pub suitable: bool,
}

pub async fn free_rooms(
    clinic: &Clinic,
    _actor: &Actor,
    args: FreeRoomsQuery,
) -> ApiResult<Vec<RoomChoice>> {
    let service_id = fields::id("serviceId", &args.service_id)?;
    let moving = args
        .appointment_id
        .as_deref()
        .map(|id| fields::id("appointmentId", id))
        .transpose()?;
    let mut conn = clinic.pool().acquire().await?;
    let tz = settings::load(&mut *conn).await?.tz();
    let start = parse_local("start", &args.start, tz)?.timestamp_millis();
    let service = sqlx::query(concat!(select_service!(), " WHERE id = $1"))
        .bind(&service_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| service_from(&row))
        .transpose()?
        .filter(|s| s.active)
        .ok_or_else(|| ApiError::validation("serviceId", "That service does not exist."))?;
    let held_until = start + i64::from(service.duration_min + service.buffer_min) * 60_000;
    let busy: HashSet<String> = sqlx::query(
        "SELECT id, room_id FROM appointments WHERE start_ms > $1 AND start_ms < $2 \
         AND block_end_ms > $3 AND status NOT IN ('cancelled', 'no_show')",
    )
    .bind(start - LONGEST_BLOCK_MS)
    .bind(held_until)
    .bind(start)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .filter(|row| row.try_get::<String, _>("id").ok() != moving)
    .map(|row| row.try_get("room_id"))
    .collect::<Result<_, _>>()?;
    sqlx::query("SELECT id, name, room_type FROM rooms WHERE active = 1 ORDER BY sort_order, name")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            let room_id: String = row.try_get("id")?;
            let room_type: String = row.try_get("room_type")?;
            Ok(RoomChoice {
                free: !busy.contains(&room_id),
                suitable: service.room_type.is_empty() || service.room_type == room_type,
                room_name: row.try_get("name")?,
                room_id,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

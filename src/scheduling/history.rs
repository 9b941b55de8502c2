//! A client's appointment history for reception: every appointment, newest first, with counts
//! per status and of late cancellations and no-shows.
//!
//! Whether an open appointment (booked, confirmed, arrived, in treatment) is still to come
//! depends on the clinic's "now": one that ended before it and was never closed out is counted
//! as not closed out, never as upcoming or under its status.

use super::appointments::{Appointment, AppointmentStatus, appointment_from, select_view};
use crate::api::ById;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Appointments per status. The open statuses count only appointments that have not ended;
/// those that ended open are `not_closed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Booked or confirmed and not started yet.
    pub upcoming: i32,
    /// Ended before now still booked, confirmed, arrived or in treatment: waiting to be closed
    /// out (attended, no-show or cancelled).
    pub not_closed: i32,
    pub booked: i32,
    pub confirmed: i32,
    pub arrived: i32,
    pub in_treatment: i32,
    pub completed: i32,
    pub cancelled: i32,
    pub late_cancellations: i32,
    pub no_shows: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientHistory {
    pub client_id: String,
    /// Newest first.
    pub appointments: Vec<Appointment>,
    pub counts: StatusCounts,
    /// The appointments counted in `counts.notClosed`, newest first.
    pub not_closed_ids: Vec<String>,
}

pub async fn client_history(
    clinic: &Clinic,
    _actor: &Actor,
    args: ById,
) -> ApiResult<ClientHistory> {
    let id = fields::id("id", &args.id)?;
    let tz = settings::load(clinic.pool()).await?.tz();
    let known = sqlx::query("SELECT id FROM clients WHERE id = $1")
        .bind(&id)
        .fetch_optional(clinic.pool())
        .await?;
    if known.is_none() {
        return Err(ApiError::not_found("client"));
    }
    let rows = sqlx::query(concat!(
        select_view!(),
        " WHERE a.client_id = $1 ORDER BY a.start_ms DESC"
    ))
    .bind(&id)
    .fetch_all(clinic.pool())
    .await?;
    let appointments: Vec<Appointment> = rows
        .iter()
        .map(|row| appointment_from(row, tz))
        .collect::<Result<_, _>>()?;
    let now_ms = clinic.now().timestamp_millis();
    let mut counts = StatusCounts::default();
    let mut not_closed_ids = Vec::new();
    for one in &appointments {
        let open = !matches!(
            one.status,
            AppointmentStatus::Completed | AppointmentStatus::Cancelled | AppointmentStatus::NoShow
        );
        if open && one.end_ms <= now_ms {
            counts.not_closed += 1;
            not_closed_ids.push(one.id.clone());
            continue;
        }
        if matches!(
            one.status,
            AppointmentStatus::Booked | AppointmentStatus::Confirmed
        ) && one.start_ms > now_ms
        {
            counts.upcoming += 1;
        }
        let slot = match one.status {
            AppointmentStatus::Booked => &mut counts.booked,
            AppointmentStatus::Confirmed => &mut counts.confirmed,
            AppointmentStatus::Arrived => &mut counts.arrived,
            AppointmentStatus::InTreatment => &mut counts.in_treatment,
            AppointmentStatus::Completed => &mut counts.completed,
            AppointmentStatus::Cancelled => &mut counts.cancelled,
            AppointmentStatus::NoShow => &mut counts.no_shows,
        };
        *slot += 1;
        if one.late_cancellation {
            counts.late_cancellations += 1;
        }
    }
    Ok(ClientHistory {
        client_id: id,
        appointments,
        counts,
        not_closed_ids,
    })
}

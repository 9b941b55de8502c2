//! Changing appointments: moving (therapist, room, time), resizing, status changes and
//! cancelling — one appointment, or with the later occurrences of its course. Every change is
//! re-checked against every booking rule (leaving out the appointments being changed) and
//! journaled with from/to times and ids, never client text.

use super::appointments::{Appointment, AppointmentStatus, override_reason, parse_local, view};
use super::availability::Availability;
use super::rules::{self, Placement};
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings::{self, ClinicSettings};
use crate::staff::Actor;
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which occurrences of a course a change applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only this appointment.
    #[default]
    One,
    /// This appointment and every later active occurrence of its course.
    Following,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MoveAppointment {
    pub id: String,
    pub practitioner_id: String,
    pub room_id: String,
    /// New clinic wall-clock start, `YYYY-MM-DDTHH:MM`. With scope "following", later
    /// occurrences move by the same number of days to the same time of day.
    pub start: String,
    #[serde(default)]
    #[ts(optional)]
    pub override_reason: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<Scope>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResizeAppointment {
    pub id: String,
    /// New clinic wall-clock end, `YYYY-MM-DDTHH:MM`.
    pub end: String,
    #[serde(default)]
    #[ts(optional)]
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetStatus {
    pub id: String,
    pub status: AppointmentStatus,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CancelAppointment {
    pub id: String,
    pub reason: String,
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<Scope>,
}

/// The changed appointment (its fields at the top level), the later occurrences changed with
/// it, and the waiting-list entries that fit the time the change freed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentChange {
    #[serde(flatten)]
    pub appointment: Appointment,
    pub following: Vec<Appointment>,
    pub offers: Vec<super::waitlist::WaitlistOffer>,
}

/// Statuses an appointment may go to from each status (cancelling has its own operation).
fn allowed(from: AppointmentStatus, to: AppointmentStatus) -> bool {
    use AppointmentStatus::{Arrived, Booked, Completed, Confirmed, InTreatment, NoShow};
    matches!(
        (from, to),
        (Booked, Confirmed | Arrived | NoShow)
            | (Confirmed, Arrived | NoShow)
            | (Arrived, InTreatment | Completed)
            | (InTreatment, Completed)
    )
}

fn movable(status: AppointmentStatus) -> bool {
    matches!(
        status,
        AppointmentStatus::Booked | AppointmentStatus::Confirmed
    )
}

/// The appointments a change applies to: this one, or it and the later active occurrences of
/// its course, in time order.
async fn targets(
    tx: &mut WriteTx,
    current: &Appointment,
    scope: Scope,
    tz: Tz,
) -> ApiResult<Vec<Appointment>> {
    let series = match (scope, &current.series_id) {
        (Scope::One, _) => return Ok(vec![current.clone()]),
        (Scope::Following, None) => {
            return Err(ApiError::validation(
                "scope",
                "This appointment is not part of a course.",
            ));
        }
        (Scope::Following, Some(series)) => series.clone(),
    };
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM appointments WHERE series_id = $1 AND start_ms >= $2 \
         AND status IN ('booked', 'confirmed') ORDER BY start_ms",
    )
    .bind(&series)
    .bind(current.start_ms)
    .fetch_all(tx.conn())
    .await?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        found.push(view(tx.conn(), &id, tz).await?);
    }
    Ok(found)
}

/// The same wall-clock time `days` later, or why it does not exist (a `start` error naming the
/// day). Both times were read by the core before, so an unreadable one is an internal error.
pub(crate) fn shifted(tz: Tz, local: &str, days: i64, time: &str) -> ApiResult<DateTime<Utc>> {
    let read = |text: &str| {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").map_err(|_| ApiError::internal())
    };
    let date = read(local)?.date() + Duration::days(days);
    match tz.from_local_datetime(&read(&format!("{date}T{time}"))?) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(ApiError::validation(
            "start",
            format!("{time} does not exist on {date}: the clocks go forward then."),
        )),
    }
}

fn on_day(index: usize, appointment: &Appointment, error: ApiError) -> ApiError {
    if index == 0 {
        return error;
    }
    ApiError {
        message: format!("On {}: {}", &appointment.start[..10], error.message),
        ..error
    }
}

pub async fn move_appointment(
    clinic: &Clinic,
    actor: &Actor,
    args: MoveAppointment,
) -> ApiResult<AppointmentChange> {
    let id = fields::id("id", &args.id)?;
    let practitioner_id = fields::id("practitionerId", &args.practitioner_id)?;
    let room_id = fields::id("roomId", &args.room_id)?;
    let override_reason = override_reason(actor, args.override_reason.as_deref())?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let new_start = parse_local("start", &args.start, tz)?;
    let current = view(tx.conn(), &id, tz).await?;
    if !movable(current.status) {
        return Err(ApiError::conflict(
            "Only booked or confirmed appointments can be moved.",
        ));
    }
    let moving = targets(&mut tx, &current, args.scope.unwrap_or_default(), tz).await?;
    let exclude: Vec<String> = moving.iter().map(|a| a.id.clone()).collect();
    let new_local = super::appointments::local(tz, new_start.timestamp_millis());
    let days = (NaiveDateTime::parse_from_str(&new_local, "%Y-%m-%dT%H:%M")
        .map_err(|_| ApiError::internal())?
        .date()
        - NaiveDateTime::parse_from_str(&current.start, "%Y-%m-%dT%H:%M")
            .map_err(|_| ApiError::internal())?
            .date())
    .num_days();
    let time = new_local[11..].to_owned();
    let availability = Availability::load(tx.conn()).await?;
    let mut changed = Vec::with_capacity(moving.len());
    for (index, before) in moving.iter().enumerate() {
        let start = if index == 0 {
            new_start
        } else {
            shifted(tz, &before.start, days, &time).map_err(|error| on_day(index, before, error))?
        };
        let placement = Placement {
            client_id: &before.client_id,
            service_id: &before.service_id,
            practitioner_id: &practitioner_id,
            room_id: &room_id,
            start,
            duration_min: Some((before.end_ms - before.start_ms) / 60_000),
            exclude: &exclude,
            override_hours: override_reason.is_some(),
        };
        let checked = rules::check(tx.conn(), tz, &availability, &placement)
            .await
            .map_err(|error| on_day(index, before, error))?;
        let slot = checked.slot;
        // Moved onto another therapist's calendar, it is booked with them by whoever moved it:
        // a therapist moving a colleague's client onto themselves opens no record by it
        // (`care::access`). (SET reads the row as it was: the old practitioner.)
        sqlx::query(
            "UPDATE appointments SET practitioner_id = $2, room_id = $3, start_ms = $4, \
             end_ms = $5, block_end_ms = $6, override_reason = COALESCE($7, override_reason), \
             updated_at = $8, \
             booked_by = CASE WHEN practitioner_id = $2 THEN booked_by ELSE $9 END WHERE id = $1",
        )
        .bind(&before.id)
        .bind(&practitioner_id)
        .bind(&room_id)
        .bind(slot.start_ms)
        .bind(slot.end_ms)
        .bind(slot.block_end_ms)
        .bind(override_reason.as_deref())
        .bind(tx.at_ms())
        .bind(actor.staff_id.as_str())
        .execute(tx.conn())
        .await?;
        tx.record(Entry {
            action: "move",
            entity: "appointment",
            entity_id: &before.id,
            client_id: Some(&before.client_id),
            detail: format!(
                "from {}..{} practitioner={} room={} to {}..{} practitioner={} room={}{}",
                before.start_ms,
                before.end_ms,
                before.practitioner_id,
                before.room_id,
                slot.start_ms,
                slot.end_ms,
                practitioner_id,
                room_id,
                if override_reason.is_some() {
                    " override=hours"
                } else {
                    ""
                }
            ),
        })
        .await?;
        changed.push(view(tx.conn(), &before.id, tz).await?);
    }
    let offers = super::waitlist::offers_for(tx.conn(), tz, &moving).await?;
    tx.commit().await?;
    Ok(split(changed, offers))
}

fn split(
    mut changed: Vec<Appointment>,
    offers: Vec<super::waitlist::WaitlistOffer>,
) -> AppointmentChange {
    let following = changed.split_off(1.min(changed.len()));
    AppointmentChange {
        appointment: changed.remove(0),
        following,
        offers,
    }
}

pub async fn resize(
    clinic: &Clinic,
    actor: &Actor,
    args: ResizeAppointment,
) -> ApiResult<AppointmentChange> {
    let id = fields::id("id", &args.id)?;
    let override_reason = override_reason(actor, args.override_reason.as_deref())?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let end = parse_local("end", &args.end, tz)?;
    let before = view(tx.conn(), &id, tz).await?;
    if matches!(
        before.status,
        AppointmentStatus::Completed | AppointmentStatus::Cancelled | AppointmentStatus::NoShow
    ) {
        return Err(ApiError::conflict(
            "This appointment is over and can no longer be changed.",
        ));
    }
    let minutes = (end.timestamp_millis() - before.start_ms) / 60_000;
    fields::within("end", "Length (minutes)", minutes, 5..=480)?;
    let start = DateTime::<Utc>::from_timestamp_millis(before.start_ms).unwrap_or_default();
    let availability = Availability::load(tx.conn()).await?;
    let exclude = [before.id.clone()];
    let placement = Placement {
        client_id: &before.client_id,
        service_id: &before.service_id,
        practitioner_id: &before.practitioner_id,
        room_id: &before.room_id,
        start,
        duration_min: Some(minutes),
        exclude: &exclude,
        override_hours: override_reason.is_some(),
    };
    let slot = rules::check(tx.conn(), tz, &availability, &placement)
        .await?
        .slot;
    sqlx::query(
        "UPDATE appointments SET end_ms = $2, block_end_ms = $3, \
         override_reason = COALESCE($4, override_reason), updated_at = $5 WHERE id = $1",
    )
    .bind(&id)
    .bind(slot.end_ms)
    .bind(slot.block_end_ms)
    .bind(override_reason.as_deref())
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "resize",
        entity: "appointment",
        entity_id: &id,
        client_id: Some(&before.client_id),
        detail: format!(
            "from {}..{} to {}..{}",
            before.start_ms, before.end_ms, slot.start_ms, slot.end_ms
        ),
    })
    .await?;
    let after = view(tx.conn(), &id, tz).await?;
    let offers = if slot.end_ms < before.end_ms {
        super::waitlist::offers_for(tx.conn(), tz, std::slice::from_ref(&before)).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    Ok(split(vec![after], offers))
}

pub async fn set_status(clinic: &Clinic, actor: &Actor, args: SetStatus) -> ApiResult<Appointment> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let before = view(tx.conn(), &id, tz).await?;
    crate::clients::requests::ensure_not_erased(tx.conn(), &before.client_id).await?;
    if !allowed(before.status, args.status) {
        return Err(ApiError {
            field: Some("status".into()),
            ..ApiError::conflict(format!(
                "An appointment that is {} cannot become {}.",
                label(before.status),
                label(args.status)
            ))
        });
    }
    sqlx::query("UPDATE appointments SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(&id)
        .bind(args.status.as_str())
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
    tx.record(Entry {
        action: "status",
        entity: "appointment",
        entity_id: &id,
        client_id: Some(&before.client_id),
        detail: format!(
            "from {} to {}",
            before.status.as_str(),
            args.status.as_str()
        ),
    })
    .await?;
    let after = view(tx.conn(), &id, tz).await?;
    tx.commit().await?;
    Ok(after)
}

fn label(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => "booked",
        AppointmentStatus::Confirmed => "confirmed",
        AppointmentStatus::Arrived => "arrived",
        AppointmentStatus::InTreatment => "in treatment",
        AppointmentStatus::Completed => "completed",
        AppointmentStatus::Cancelled => "cancelled",
        AppointmentStatus::NoShow => "a no-show",
    }
}

pub async fn cancel(
    clinic: &Clinic,
    actor: &Actor,
    args: CancelAppointment,
) -> ApiResult<AppointmentChange> {
    let id = fields::id("id", &args.id)?;
    let reason = fields::required_line("reason", "Reason", &args.reason, 300)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let settings: ClinicSettings = settings::load(tx.conn()).await?;
    let tz = settings.tz();
    let current = view(tx.conn(), &id, tz).await?;
    crate::clients::requests::ensure_not_erased(tx.conn(), &current.client_id).await?;
    match current.status {
        AppointmentStatus::Cancelled => {
            return Err(ApiError::conflict("This appointment is already cancelled."));
        }
        AppointmentStatus::Completed | AppointmentStatus::NoShow => {
            return Err(ApiError::conflict(
                "This appointment is over and can no longer be cancelled.",
            ));
        }
        _ => {}
    }
    let cancelling = targets(&mut tx, &current, args.scope.unwrap_or_default(), tz).await?;
    let at = tx.at_ms();
    let notice_ms = i64::from(settings.late_cancel_hours) * 3_600_000;
    let mut changed = Vec::with_capacity(cancelling.len());
    for one in &cancelling {
        let late = one.start_ms - at < notice_ms;
        sqlx::query(
            "UPDATE appointments SET status = $2, cancel_reason = $3, cancelled_at = $4, \
             late_cancel = $5, updated_at = $4 WHERE id = $1",
        )
        .bind(&one.id)
        .bind(AppointmentStatus::Cancelled.as_str())
        .bind(&reason)
        .bind(at)
        .bind(i32::from(late))
        .execute(tx.conn())
        .await?;
        tx.record(Entry {
            action: "cancel",
            entity: "appointment",
            entity_id: &one.id,
            client_id: Some(&one.client_id),
            detail: if late { "late".into() } else { String::new() },
        })
        .await?;
        changed.push(view(tx.conn(), &one.id, tz).await?);
    }
    let offers = super::waitlist::offers_for(tx.conn(), tz, &cancelling[..1]).await?;
    tx.commit().await?;
    Ok(split(changed, offers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_moves_forward_only() {
        use AppointmentStatus::*;
        assert!(allowed(Booked, Confirmed));
        assert!(allowed(Arrived, InTreatment));
        assert!(!allowed(Completed, Booked));
        assert!(!allowed(Booked, Completed));
        assert!(!allowed(NoShow, Arrived));
        assert!(
            !allowed(Booked, Cancelled),
            "cancelling has its own operation"
        );
    }
}

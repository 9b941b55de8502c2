//! Closing the day: appointments that ended before the clinic's "now" but were never marked
//! (still booked, confirmed, arrived or in treatment) are listed for reception, who mark each
//! attended, a no-show or cancelled in one pass.
//!
//! The pass is all-or-nothing: one [`WriteTx`] checks every item before anything is written,
//! and an item that has not ended yet or is already closed is refused by its position in the
//! list. Each change is journaled as the single status change or cancellation would be, so the
//! journal and the change feed read the same whichever way it was done.

use super::appointments::{Appointment, AppointmentStatus, appointment_from, select_view, view};
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// Appointments (of the table named by the prefix) nobody has closed yet that ended by `$1`.
/// The partial index of migration 0024 holds exactly the open ones, by end.
macro_rules! unclosed_by {
    ($a:literal) => {
        concat!(
            $a,
            "end_ms <= $1 AND ",
            $a,
            "status IN ('booked', 'confirmed', 'arrived', 'in_treatment')"
        )
    };
}

/// At most this many appointments are listed (oldest first) and closed in one pass.
const PAGE: i64 = 200;

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnclosedQuery {
    /// Only appointments that ended before this clinic wall-clock time (`YYYY-MM-DDTHH:MM`);
    /// never later than now, which is also the default.
    #[serde(default)]
    #[ts(optional)]
    pub before: Option<String>,
    /// At most this many appointments (0–200, default 200); 0 for the count alone (the
    /// calendar's badge).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// Appointments waiting to be closed out: how many there are, and the oldest of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Unclosed {
    /// Every unclosed appointment that ended before the time asked for.
    pub count: i64,
    /// The oldest of them first, as many as the limit asked for.
    pub appointments: Vec<Appointment>,
}

/// What happened at an appointment, as reception records it afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitOutcome {
    /// The client came: the appointment is completed.
    Attended,
    NoShow,
    /// Cancelled beforehand but never recorded: kept with the reason given, not counted late.
    Cancelled,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseOutItem {
    pub id: String,
    pub outcome: VisitOutcome,
    /// Why it was cancelled (optional; only with the outcome `cancelled`).
    #[serde(default)]
    #[ts(optional)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseOut {
    pub items: Vec<CloseOutItem>,
}

pub async fn unclosed(clinic: &Clinic, _actor: &Actor, args: UnclosedQuery) -> ApiResult<Unclosed> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let now_ms = clinic.now().timestamp_millis();
    let before_ms = match args.before.as_deref().map(str::trim) {
        None | Some("") => now_ms,
        Some(text) => super::appointments::parse_local("before", text, tz)?
            .timestamp_millis()
            .min(now_ms),
    };
    let limit = fields::within(
        "limit",
        "Number of appointments",
        args.limit.unwrap_or(PAGE),
        0..=PAGE,
    )?;
    let mut conn = clinic.pool().acquire().await?;
    let count: i64 = sqlx::query_scalar(concat!(
        "SELECT COUNT(*) FROM appointments WHERE ",
        unclosed_by!("")
    ))
    .bind(before_ms)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query(concat!(
        select_view!(),
        " WHERE ",
        unclosed_by!("a."),
        " ORDER BY a.start_ms, a.id LIMIT $2"
    ))
    .bind(before_ms)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let appointments = rows
        .iter()
        .map(|row| appointment_from(row, tz))
        .collect::<Result<_, _>>()?;
    Ok(Unclosed {
        count,
        appointments,
    })
}

/// Refuses item `index` (counted from 0) by its position: "Item 3: …", field `items[2]`.
fn refuse(index: usize, error: ApiError) -> ApiError {
    ApiError {
        message: format!("Item {}: {}", index + 1, error.message),
        field: Some(format!("items[{index}]")),
        ..error
    }
}

pub async fn close_out(
    clinic: &Clinic,
    actor: &Actor,
    args: CloseOut,
) -> ApiResult<Vec<Appointment>> {
    if args.items.is_empty() {
        return Err(ApiError::validation(
            "items",
            "Choose at least one appointment to close out.",
        ));
    }
    fields::within(
        "items",
        "Number of appointments",
        args.items.len() as i64,
        1..=PAGE,
    )?;
    let mut checked = Vec::with_capacity(args.items.len());
    let mut seen = HashSet::new();
    for (index, item) in args.items.iter().enumerate() {
        let id = fields::id("id", &item.id).map_err(|error| refuse(index, error))?;
        if !seen.insert(id.clone()) {
            return Err(refuse(
                index,
                ApiError::validation("id", "This appointment is already in the list."),
            ));
        }
        let reason = match (item.outcome, item.reason.as_deref()) {
            (VisitOutcome::Cancelled, Some(raw)) => Some(
                fields::optional_line("reason", "Reason", raw, 300)
                    .map_err(|error| refuse(index, error))?,
            )
            .filter(|r| !r.is_empty()),
            (VisitOutcome::Cancelled, None) => None,
            (_, Some(raw)) if !raw.trim().is_empty() => {
                return Err(refuse(
                    index,
                    ApiError::validation("reason", "A reason goes only with a cancellation."),
                ));
            }
            _ => None,
        };
        checked.push((id, item.outcome, reason));
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let tz = settings::load(tx.conn()).await?.tz();
    let now_ms = tx.at_ms();
    // Every item is read and checked under the lock before the first write.
    let mut current = Vec::with_capacity(checked.len());
    for (index, (id, _, _)) in checked.iter().enumerate() {
        let one = view(tx.conn(), id, tz)
            .await
            .map_err(|error| refuse(index, error))?;
        if !is_open(one.status) {
            return Err(refuse(
                index,
                ApiError::conflict("This appointment is already closed."),
            ));
        }
        if one.end_ms > now_ms {
            return Err(refuse(
                index,
                ApiError::conflict("This appointment has not ended yet."),
            ));
        }
        current.push(one);
    }
    let mut closed = Vec::with_capacity(current.len());
    for (before, (id, outcome, reason)) in current.iter().zip(&checked) {
        match outcome {
            VisitOutcome::Attended | VisitOutcome::NoShow => {
                let to = if *outcome == VisitOutcome::Attended {
                    AppointmentStatus::Completed
                } else {
                    AppointmentStatus::NoShow
                };
                sqlx::query("UPDATE appointments SET status = $2, updated_at = $3 WHERE id = $1")
                    .bind(id)
                    .bind(to.as_str())
                    .bind(now_ms)
                    .execute(tx.conn())
                    .await?;
                tx.record(Entry {
                    action: "status",
                    entity: "appointment",
                    entity_id: id,
                    client_id: Some(&before.client_id),
                    detail: format!("from {} to {}", before.status.as_str(), to.as_str()),
                })
                .await?;
            }
            VisitOutcome::Cancelled => {
                sqlx::query(
                    "UPDATE appointments SET status = $2, cancel_reason = $3, cancelled_at = $4, \
                     late_cancel = 0, updated_at = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(AppointmentStatus::Cancelled.as_str())
                .bind(reason.as_deref())
                .bind(now_ms)
                .execute(tx.conn())
                .await?;
                tx.record(Entry {
                    action: "cancel",
                    entity: "appointment",
                    entity_id: id,
                    client_id: Some(&before.client_id),
                    detail: String::new(),
                })
                .await?;
            }
        }
        closed.push(view(tx.conn(), id, tz).await?);
    }
    tx.commit().await?;
    Ok(closed)
}

fn is_open(status: AppointmentStatus) -> bool {
    matches!(
        status,
        AppointmentStatus::Booked
            | AppointmentStatus::Confirmed
            | AppointmentStatus::Arrived
            | AppointmentStatus::InTreatment
    )
}

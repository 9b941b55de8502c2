//! The demo's two weeks of appointments, made the way a clinic's diary fills up, so that a
//! clinician would believe it: a client has at most one visit a day; a client's initial
//! assessment is their first visit and happens once (the clients in a course of care had
//! theirs in the course); pregnancy massage is booked only for a client whose intake says she
//! is pregnant, and she has nothing else. Visits that are over have been closed out as
//! reception would — mostly attended, a few no-shows and cancellations — except the last one
//! or two of yesterday, left for the close-out list to show.

use super::service;
use crate::clinic::Clinic;
use crate::error::{ApiResult, ErrorCode};
use crate::scheduling::appointments::{self, Appointment, AppointmentStatus, BookAppointment};
use crate::scheduling::changes::{self, CancelAppointment};
use crate::scheduling::closeout::{self, CloseOut, CloseOutItem, VisitOutcome};
use crate::staff::Actor;
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand::rngs::StdRng;
use std::collections::HashSet;

/// Start times a therapist's day is made of (clinic wall clock).
const DAY_SLOTS: [&str; 6] = ["09:00", "10:30", "12:00", "14:00", "15:30", "17:00"];

const CANCEL_REASONS: [&str; 3] = ["Client unwell", "Work commitment", "Travel disruption"];

/// How many of yesterday's visits are left for reception to close out.
const LEFT_OPEN: usize = 2;

/// At most this many appointments are closed in one pass (the close-out's own limit).
const CLOSE_OUT_PASS: usize = 200;

/// The diary being filled, and what it has to remember to stay believable.
pub(super) struct Diary<'a> {
    pub rooms: &'a [String],
    pub services: &'a [String],
    pub clients: &'a [String],
    /// Clients (by position) who may have pregnancy massage, and nothing else.
    pub expecting: fn(usize) -> bool,
    /// Clients (by position) already seen: they are never booked an initial assessment.
    pub seen: HashSet<usize>,
    /// (client, day) pairs already booked.
    pub visits: HashSet<(usize, NaiveDate)>,
    pub booked: Vec<Appointment>,
}

impl Diary<'_> {
    /// Books one therapist's day; on days from today on, a few are then cancelled.
    pub async fn book_day(
        &mut self,
        clinic: &Clinic,
        actor: &Actor,
        rng: &mut StdRng,
        day: NaiveDate,
        today: NaiveDate,
        therapist: &str,
    ) -> ApiResult<()> {
        // Sundays are a short morning clinic.
        let slots = if day.weekday() == chrono::Weekday::Sun {
            &DAY_SLOTS[..3]
        } else {
            &DAY_SLOTS[..]
        };
        for slot in slots {
            if !rng.random_bool(0.7) {
                continue;
            }
            let Some(client) = self.free_client(rng, day) else {
                continue;
            };
            let request = BookAppointment {
                client_id: self.clients[client].clone(),
                service_id: self.services[self.service_for(rng, client)].clone(),
                practitioner_id: therapist.to_owned(),
                room_id: self.rooms[rng.random_range(0..self.rooms.len())].clone(),
                start: format!("{day}T{slot}"),
                override_reason: None,
            };
            let Some(appointment) = book_in_any_room(clinic, actor, request, self.rooms).await?
            else {
                continue;
            };
            self.seen.insert(client);
            self.visits.insert((client, day));
            if day >= today && rng.random_bool(0.06) {
                let reason = CANCEL_REASONS[rng.random_range(0..CANCEL_REASONS.len())];
                let cancel = CancelAppointment {
                    id: appointment.id,
                    reason: reason.into(),
                    scope: None,
                };
                let change = changes::cancel(clinic, actor, cancel).await?;
                self.booked.push(change.appointment);
            } else {
                self.booked.push(appointment);
            }
        }
        Ok(())
    }

    /// A client with no visit yet on `day` (a few draws; none when the day is full of them).
    fn free_client(&self, rng: &mut StdRng, day: NaiveDate) -> Option<usize> {
        (0..8)
            .map(|_| rng.random_range(0..self.clients.len()))
            .find(|client| !self.visits.contains(&(*client, day)))
    }

    /// What a client is booked for: pregnancy massage for an expectant client; an initial
    /// assessment for some clients at their first visit; otherwise one of the massages.
    fn service_for(&self, rng: &mut StdRng, client: usize) -> usize {
        if (self.expecting)(client) {
            service::PREGNANCY
        } else if !self.seen.contains(&client) && rng.random_bool(0.4) {
            service::INITIAL
        } else {
            rng.random_range(service::FIRST_MASSAGE..service::PREGNANCY)
        }
    }

    /// Closes every visit that is over by now, except the last `LEFT_OPEN` of yesterday.
    pub async fn close_past(
        &mut self,
        clinic: &Clinic,
        actor: &Actor,
        rng: &mut StdRng,
        yesterday: NaiveDate,
    ) -> ApiResult<()> {
        let now = clinic.now().timestamp_millis();
        self.booked.sort_by_key(|a| a.start_ms);
        let over: Vec<&Appointment> = self
            .booked
            .iter()
            .filter(|a| a.status == AppointmentStatus::Booked && a.end_ms <= now)
            .collect();
        let on_yesterday: Vec<&str> = over
            .iter()
            .filter(|a| a.start.starts_with(&yesterday.to_string()))
            .map(|a| a.id.as_str())
            .collect();
        let open = &on_yesterday[on_yesterday.len().saturating_sub(LEFT_OPEN)..];
        let items: Vec<CloseOutItem> = over
            .iter()
            .filter(|a| !open.contains(&a.id.as_str()))
            .map(|a| outcome(rng, &a.id))
            .collect();
        let mut closed = Vec::with_capacity(items.len());
        for pass in items.chunks(CLOSE_OUT_PASS) {
            let items = pass.to_vec();
            closed.extend(closeout::close_out(clinic, actor, CloseOut { items }).await?);
        }
        for one in closed {
            if let Some(slot) = self.booked.iter_mut().find(|a| a.id == one.id) {
                *slot = one;
            }
        }
        Ok(())
    }
}

/// How a visit that is over went: mostly attended, now and then a no-show or a cancellation
/// nobody had recorded.
fn outcome(rng: &mut StdRng, id: &str) -> CloseOutItem {
    let roll = rng.random_range(0..100);
    let (outcome, reason) = match roll {
        0..6 => (VisitOutcome::NoShow, None),
        6..10 => (
            VisitOutcome::Cancelled,
            Some(CANCEL_REASONS[roll % CANCEL_REASONS.len()].to_owned()),
        ),
        _ => (VisitOutcome::Attended, None),
    };
    CloseOutItem {
        id: id.to_owned(),
        outcome,
        reason,
    }
}

/// Books in the room asked for, or the other one when it is taken; none when both are.
async fn book_in_any_room(
    clinic: &Clinic,
    actor: &Actor,
    request: BookAppointment,
    rooms: &[String],
) -> ApiResult<Option<Appointment>> {
    let mut result = appointments::book(clinic, actor, request.clone()).await;
    if matches!(&result, Err(e) if e.code == ErrorCode::Conflict) {
        let other = rooms
            .iter()
            .find(|r| **r != request.room_id)
            .cloned()
            .unwrap_or_default();
        let request = BookAppointment {
            room_id: other,
            ..request
        };
        result = appointments::book(clinic, actor, request).await;
    }
    match result {
        Ok(appointment) => Ok(Some(appointment)),
        Err(error) if error.code == ErrorCode::Conflict => Ok(None),
        Err(error) => Err(error),
    }
}

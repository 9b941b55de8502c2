//! Closing the day: past appointments nobody marked are listed for reception, closed out in one
//! all-or-nothing pass, and counted apart from upcoming visits in the client's history.

use crate::world::{Fixture, World};
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::scheduling::appointments::{Appointment, AppointmentStatus};
use palma::scheduling::changes::{CancelAppointment, SetStatus};
use palma::scheduling::closeout::{CloseOut, CloseOutItem, Unclosed, UnclosedQuery, VisitOutcome};
use palma::scheduling::history::ClientHistory;
use palma::staff::{Actor, Role, StaffInput, StaffMember};

/// Reception's own account (closing out is reception's work).
pub async fn reception(world: &World) -> Actor {
    let account: StaffMember = world
        .call(Call::StaffSave(StaffInput {
            id: None,
            display_name: "Rita Desk".into(),
            username: "rita".into(),
            roles: vec![Role::Reception],
            practitioner_id: None,
            new_column: None,
            active: true,
            password: Some("a-long-password".into()),
        }))
        .await
        .unwrap();
    Actor {
        staff_id: account.id,
        display_name: account.display_name,
        roles: account.roles,
    }
}

async fn set_status(world: &World, id: &str, status: AppointmentStatus) {
    let _: Appointment = world
        .call(Call::AppointmentsSetStatus(SetStatus {
            id: id.into(),
            status,
        }))
        .await
        .unwrap();
}

async fn unclosed(world: &World, actor: &Actor, before: Option<&str>) -> Unclosed {
    world
        .call_as(
            actor,
            Call::AppointmentsUnclosed(UnclosedQuery {
                before: before.map(str::to_owned),
                limit: None,
            }),
        )
        .await
        .unwrap()
}

fn item(id: &str, outcome: VisitOutcome) -> CloseOutItem {
    CloseOutItem {
        id: id.into(),
        outcome,
        reason: None,
    }
}

/// Wednesday's and Thursday's bookings, seen from Thursday 19 November at 12:30 (London):
/// three ended still open, one attended, one cancelled, one under way and one to come.
struct Day {
    /// Ended open, oldest first: Wed 10:00 (Zoë), Wed 14:00 (Minh Khai, confirmed), Thu 09:00
    /// (Oliver, arrived).
    open: [String; 3],
    /// Thu 12:00, still going at 12:30.
    under_way: String,
    /// Thu 16:00.
    to_come: String,
}

async fn a_day_to_close(world: &World, f: &Fixture) -> Day {
    let [zoe, minh, oliver] = [&f.clients[0], &f.clients[1], &f.clients[2]];
    let wed_10 = world.book_with(f, zoe, &f.maya, "2026-11-18T10:00").await;
    let wed_14 = world.book_with(f, minh, &f.maya, "2026-11-18T14:00").await;
    let wed_16 = world.book_with(f, oliver, &f.tom, "2026-11-18T16:00").await;
    let wed_12 = world.book_with(f, zoe, &f.tom, "2026-11-18T12:00").await;
    let thu_09 = world
        .book_with(f, oliver, &f.maya, "2026-11-19T09:00")
        .await;
    let thu_12 = world.book_with(f, minh, &f.tom, "2026-11-19T12:00").await;
    let thu_16 = world.book_with(f, zoe, &f.maya, "2026-11-19T16:00").await;
    set_status(world, &wed_14, AppointmentStatus::Confirmed).await;
    let _: palma::scheduling::changes::AppointmentChange = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: wed_12,
            reason: "Called to say she is unwell".into(),
            scope: None,
        }))
        .await
        .unwrap();
    // Wednesday 17:00: Oliver's visit is marked as it happens; the others are forgotten.
    world.clock.advance(Duration::hours(8));
    set_status(world, &wed_16, AppointmentStatus::Arrived).await;
    set_status(world, &wed_16, AppointmentStatus::Completed).await;
    // Thursday 09:05: Oliver arrives, then nobody closes his visit.
    world.clock.advance(Duration::minutes(16 * 60 + 5));
    set_status(world, &thu_09, AppointmentStatus::Arrived).await;
    // Thursday 12:30.
    world.clock.advance(Duration::minutes(3 * 60 + 25));
    Day {
        open: [wed_10, wed_14, thu_09],
        under_way: thu_12,
        to_come: thu_16,
    }
}

#[tokio::test]
async fn past_open_appointments_are_listed_oldest_first_with_names_for_reception() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let day = a_day_to_close(&world, &f).await;
    let desk = reception(&world).await;

    let list = unclosed(&world, &desk, None).await;
    assert_eq!(list.count, 3);
    let ids: Vec<&str> = list.appointments.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, day.open.iter().map(String::as_str).collect::<Vec<_>>());
    let first = &list.appointments[0];
    assert_eq!(
        (
            first.client_name.as_str(),
            first.start.as_str(),
            first.practitioner_name.as_str(),
            first.service_name.as_str(),
            first.status
        ),
        (
            "Zoë Łukasiewicz-Ørsted",
            "2026-11-18T10:00",
            "Maya Patel",
            "Deep tissue massage",
            AppointmentStatus::Booked
        )
    );
    assert_eq!(list.appointments[1].status, AppointmentStatus::Confirmed);
    assert_eq!(list.appointments[2].status, AppointmentStatus::Arrived);
    assert!(!ids.contains(&day.under_way.as_str()) && !ids.contains(&day.to_come.as_str()));

    // "Yesterday and before": only Wednesday's. A time after now is held to now.
    let wednesday = unclosed(&world, &desk, Some("2026-11-19T00:00")).await;
    assert_eq!(wednesday.count, 2);
    assert_eq!(
        unclosed(&world, &desk, Some("2027-01-01T00:00")).await,
        list
    );
    let refused: palma::ApiError = world
        .call_as::<Unclosed>(
            &desk,
            Call::AppointmentsUnclosed(UnclosedQuery {
                before: Some("yesterday".into()),
                limit: None,
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("before"));
    // The calendar's badge asks for the count alone.
    let badge: Unclosed = world
        .call_as(
            &desk,
            Call::AppointmentsUnclosed(UnclosedQuery {
                before: None,
                limit: Some(0),
            }),
        )
        .await
        .unwrap();
    assert_eq!((badge.count, badge.appointments.len()), (3, 0));
}

#[tokio::test]
async fn a_close_out_is_written_whole_or_not_at_all() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let day = a_day_to_close(&world, &f).await;
    let desk = reception(&world).await;
    let lines = world.count("journal").await;
    let close = |items: Vec<CloseOutItem>| {
        world.call_as::<Vec<Appointment>>(&desk, Call::AppointmentsCloseOut(CloseOut { items }))
    };
    let [wed_10, wed_14, thu_09] = &day.open;

    // The third item has not ended: nothing is written, and the error names it by position.
    let error = close(vec![
        item(wed_10, VisitOutcome::Attended),
        item(wed_14, VisitOutcome::NoShow),
        item(&day.under_way, VisitOutcome::Attended),
    ])
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(error.field.as_deref(), Some("items[2]"));
    assert_eq!(error.message, "Item 3: This appointment has not ended yet.");
    assert_eq!(unclosed(&world, &desk, None).await.count, 3);
    assert_eq!(world.count("journal").await, lines);

    // One already closed, one listed twice, one unknown, none at all: each refused the same way.
    let completed: String =
        sqlx::query_scalar("SELECT id FROM appointments WHERE status = 'completed'")
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
    let error = close(vec![
        item(wed_10, VisitOutcome::Attended),
        item(&completed, VisitOutcome::NoShow),
    ])
    .await
    .unwrap_err();
    assert_eq!(
        (error.field.as_deref(), error.message.as_str()),
        (
            Some("items[1]"),
            "Item 2: This appointment is already closed."
        )
    );
    let error = close(vec![
        item(wed_10, VisitOutcome::Attended),
        item(wed_10, VisitOutcome::NoShow),
    ])
    .await
    .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("items[1]"));
    let error = close(vec![item(&palma::clinic::new_id(), VisitOutcome::Attended)])
        .await
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::NotFound, Some("items[0]"))
    );
    assert_eq!(
        close(vec![]).await.unwrap_err().field.as_deref(),
        Some("items")
    );
    assert_eq!(world.count("journal").await, lines);

    // The whole list in one pass: attended, a no-show, cancelled (with the reason given).
    let mut cancelled = item(thu_09, VisitOutcome::Cancelled);
    cancelled.reason = Some("Rang yesterday; never recorded".into());
    let closed = close(vec![
        item(wed_10, VisitOutcome::Attended),
        item(wed_14, VisitOutcome::NoShow),
        cancelled,
    ])
    .await
    .unwrap();
    let statuses: Vec<AppointmentStatus> = closed.iter().map(|a| a.status).collect();
    assert_eq!(
        statuses,
        [
            AppointmentStatus::Completed,
            AppointmentStatus::NoShow,
            AppointmentStatus::Cancelled
        ]
    );
    assert_eq!(
        closed[2].cancel_reason.as_deref(),
        Some("Rang yesterday; never recorded")
    );
    assert!(!closed[2].late_cancellation);
    assert_eq!(unclosed(&world, &desk, None).await.count, 0);

    // Journaled as the single changes are: by reception, one line each, ids only.
    let journal: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT actor_id, action, entity_id, detail FROM journal WHERE seq > $1 ORDER BY seq",
    )
    .bind(lines)
    .fetch_all(world.clinic.pool())
    .await
    .unwrap();
    let expected = [
        ("status", wed_10, "from booked to completed"),
        ("status", wed_14, "from confirmed to no_show"),
        ("cancel", thu_09, ""),
    ];
    assert_eq!(journal.len(), expected.len());
    for ((actor, action, id, detail), (want_action, want_id, want_detail)) in
        journal.iter().zip(expected)
    {
        assert_eq!(actor, &desk.staff_id);
        assert_eq!(
            (action.as_str(), id.as_str(), detail.as_str()),
            (want_action, want_id.as_str(), want_detail)
        );
    }
    assert_eq!(
        palma::audit::verify(world.clinic.pool()).await.unwrap(),
        palma::audit::Verdict::Intact {
            lines: world.count("journal").await
        }
    );
}

#[tokio::test]
async fn the_history_counts_past_unclosed_visits_apart_from_upcoming_ones() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    // Four weekly visits from Wednesday 18 November, one on 16 December, and one attended.
    let mut past = Vec::new();
    for day in [18, 25] {
        past.push(
            world
                .book_with(&f, zoe, &f.maya, &format!("2026-11-{day}T10:00"))
                .await,
        );
    }
    for day in [2, 9] {
        past.push(
            world
                .book_with(&f, zoe, &f.maya, &format!("2026-12-{day:02}T10:00"))
                .await,
        );
    }
    let attended = world.book_with(&f, zoe, &f.tom, "2026-11-18T14:00").await;
    world.book_with(&f, zoe, &f.maya, "2026-12-16T10:00").await;
    set_status(&world, &past[0], AppointmentStatus::Confirmed).await;
    // Monday 14 December: four past visits were never closed out.
    world.clock.advance(Duration::days(26));
    set_status(&world, &attended, AppointmentStatus::Arrived).await;
    set_status(&world, &attended, AppointmentStatus::Completed).await;
    let history = || world.call::<ClientHistory>(Call::ClientsHistory(ById { id: zoe.clone() }));

    let before = history().await.unwrap();
    assert_eq!(before.counts.upcoming, 1);
    assert_eq!(before.counts.not_closed, 4);
    assert_eq!((before.counts.booked, before.counts.confirmed), (1, 0));
    assert_eq!(before.counts.completed, 1);
    past.reverse();
    assert_eq!(before.not_closed_ids, past, "newest first");

    let items = past
        .iter()
        .map(|id| item(id, VisitOutcome::Attended))
        .collect();
    let _: Vec<Appointment> = world
        .call(Call::AppointmentsCloseOut(CloseOut { items }))
        .await
        .unwrap();
    let after = history().await.unwrap();
    assert_eq!(
        (
            after.counts.upcoming,
            after.counts.not_closed,
            after.counts.completed
        ),
        (1, 0, 5)
    );
    assert!(after.not_closed_ids.is_empty());
}

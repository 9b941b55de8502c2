//! Changing appointments: moves and resizes re-checked against every rule and journaled with
//! from/to; statuses only forward; a client's history with counts; the waiting list offered
//! when a slot frees.

use crate::rules::{book, maya_rota, request};
use crate::world::World;
use palma::api::{ById, Call, NoArgs};
use palma::scheduling::appointments::{Appointment, AppointmentStatus};
use palma::scheduling::changes::{
    AppointmentChange, CancelAppointment, MoveAppointment, ResizeAppointment, SetStatus,
};
use palma::scheduling::history::ClientHistory;
use palma::scheduling::waitlist::{
    BookFromWaitlist, OffersFor, Urgency, WaitlistEntry, WaitlistInput, WaitlistOffer,
};
use palma::{ApiError, ErrorCode};

fn moving(id: &str, who: &str, room: &str, start: &str) -> MoveAppointment {
    MoveAppointment {
        id: id.into(),
        practitioner_id: who.into(),
        room_id: room.into(),
        start: start.into(),
        override_reason: None,
        scope: None,
    }
}

async fn journal_detail(world: &World, action: &str, id: &str) -> String {
    sqlx::query_scalar("SELECT detail FROM journal WHERE action = $1 AND entity_id = $2")
        .bind(action)
        .bind(id)
        .fetch_one(world.clinic.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_move_is_rechecked_against_every_rule_but_not_against_itself() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    maya_rota(&world, &f).await;
    let first = book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T09:00"),
    )
    .await
    .unwrap();
    let other = book(
        &world,
        request(&f, 1, &f.tom, &f.cedar, &f.deep, "2026-11-19T14:00"),
    )
    .await
    .unwrap();
    // Moving 15 minutes later overlaps only its own old place: allowed.
    let moved: AppointmentChange = world
        .call(Call::AppointmentsMove(moving(
            &first.id,
            &f.maya,
            &f.willow,
            "2026-11-19T09:15",
        )))
        .await
        .unwrap();
    assert_eq!(
        (
            moved.appointment.start.as_str(),
            moved.appointment.end.as_str()
        ),
        ("2026-11-19T09:15", "2026-11-19T10:15")
    );
    let detail = journal_detail(&world, "move", &first.id).await;
    assert!(
        detail.starts_with(&format!("from {}..{}", first.start_ms, first.end_ms)),
        "{detail}"
    );
    assert!(detail.contains(&format!(
        "to {}..{}",
        moved.appointment.start_ms, moved.appointment.end_ms
    )));
    // Into Tom's room at his time, into Maya's break, out of her hours: each refused, unchanged.
    let cases: [(&str, &str, &str, &str); 3] = [
        (&f.maya, &f.cedar, "2026-11-19T14:30", "roomId"),
        (&f.maya, &f.willow, "2026-11-19T10:00", "start"),
        (&f.maya, &f.willow, "2026-11-19T17:30", "start"),
    ];
    for (who, room, start, field) in cases {
        let error = world
            .call::<AppointmentChange>(Call::AppointmentsMove(moving(&first.id, who, room, start)))
            .await
            .unwrap_err();
        assert_eq!(
            (error.code, error.field.as_deref()),
            (ErrorCode::Conflict, Some(field)),
            "{start}: {}",
            error.message
        );
    }
    // The client is already with Tom at 14:00.
    let error = world
        .call::<AppointmentChange>(Call::AppointmentsMove(moving(
            &other.id,
            &f.maya,
            &f.willow,
            "2026-11-19T09:30",
        )))
        .await
        .unwrap_err();
    assert_eq!(
        error.field.as_deref(),
        Some("practitionerId"),
        "{}",
        error.message
    );
    let after: ClientHistory = world
        .call(Call::ClientsHistory(ById {
            id: f.clients[0].clone(),
        }))
        .await
        .unwrap();
    assert_eq!(after.appointments[0].start, "2026-11-19T09:15");
}

#[tokio::test]
async fn resizing_keeps_the_start_and_is_checked() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let a = book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 1, &f.maya, &f.cedar, &f.sports, "2026-11-19T12:00"),
    )
    .await
    .unwrap();
    let longer: AppointmentChange = world
        .call(Call::AppointmentsResize(ResizeAppointment {
            id: a.id.clone(),
            end: "2026-11-19T11:30".into(),
            override_reason: None,
        }))
        .await
        .unwrap();
    assert_eq!(
        (
            longer.appointment.start.as_str(),
            longer.appointment.end.as_str()
        ),
        ("2026-11-19T10:00", "2026-11-19T11:30")
    );
    // 11:50 plus 15 minutes' turnover runs into Maya's 12:00.
    let error = world
        .call::<AppointmentChange>(Call::AppointmentsResize(ResizeAppointment {
            id: a.id.clone(),
            end: "2026-11-19T11:50".into(),
            override_reason: None,
        }))
        .await
        .unwrap_err();
    assert_eq!(
        error.field.as_deref(),
        Some("practitionerId"),
        "{}",
        error.message
    );
    let error = world
        .call::<AppointmentChange>(Call::AppointmentsResize(ResizeAppointment {
            id: a.id.clone(),
            end: "2026-11-19T09:00".into(),
            override_reason: None,
        }))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("end"));
    assert!(
        journal_detail(&world, "resize", &a.id)
            .await
            .contains(&format!("to {}..", a.start_ms))
    );
}

#[tokio::test]
async fn statuses_move_forward_and_history_counts_them() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let mut ids = Vec::new();
    for day in 19..=23 {
        let start = format!("2026-11-{day}T10:00");
        ids.push(
            book(&world, request(&f, 0, &f.maya, &f.willow, &f.deep, &start))
                .await
                .unwrap()
                .id,
        );
    }
    let status = |id: &str, status| {
        Call::AppointmentsSetStatus(SetStatus {
            id: id.into(),
            status,
        })
    };
    for next in [
        AppointmentStatus::Confirmed,
        AppointmentStatus::Arrived,
        AppointmentStatus::InTreatment,
        AppointmentStatus::Completed,
    ] {
        let a: Appointment = world.call(status(&ids[0], next)).await.unwrap();
        assert_eq!(a.status, next);
    }
    let error = world
        .call::<Appointment>(status(&ids[0], AppointmentStatus::Booked))
        .await
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Conflict, Some("status"))
    );
    let error = world
        .call::<Appointment>(status(&ids[1], AppointmentStatus::Completed))
        .await
        .unwrap_err();
    assert!(
        error.message.contains("booked cannot become completed"),
        "{}",
        error.message
    );
    let _: Appointment = world
        .call(status(&ids[1], AppointmentStatus::NoShow))
        .await
        .unwrap();
    // The 21st is more than 24 hours away: not a late cancellation.
    let _: AppointmentChange = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: ids[2].clone(),
            reason: "Unwell".into(),
            scope: None,
        }))
        .await
        .unwrap();
    let history: ClientHistory = world
        .call(Call::ClientsHistory(ById {
            id: f.clients[0].clone(),
        }))
        .await
        .unwrap();
    assert_eq!(history.appointments.len(), 5);
    assert_eq!(
        history.appointments[0].start, "2026-11-23T10:00",
        "newest first"
    );
    let c = history.counts;
    assert_eq!(
        (
            c.completed,
            c.no_shows,
            c.cancelled,
            c.late_cancellations,
            c.booked
        ),
        (1, 1, 1, 0, 2)
    );
}

fn wish(
    f: &crate::world::Fixture,
    client: usize,
    urgency: Urgency,
    times: &[&str],
) -> WaitlistInput {
    WaitlistInput {
        client_id: f.clients[client].clone(),
        service_id: f.deep.clone(),
        practitioner_ids: vec![f.maya.clone()],
        weekdays: vec![4, 5],
        times_of_day: times.iter().map(|t| (*t).to_owned()).collect(),
        urgency,
        note: "Prefers the quiet room".into(),
    }
}

#[tokio::test]
async fn a_cancellation_offers_the_slot_to_matching_waiting_list_entries() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let booked = book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-26T10:00"),
    )
    .await
    .unwrap();
    let calm: WaitlistEntry = world
        .call(Call::WaitlistAdd(wish(
            &f,
            1,
            Urgency::Normal,
            &["morning"],
        )))
        .await
        .unwrap();
    let urgent: WaitlistEntry = world
        .call(Call::WaitlistAdd(wish(
            &f,
            2,
            Urgency::Urgent,
            &["09:00-11:00"],
        )))
        .await
        .unwrap();
    let _evening: WaitlistEntry = world
        .call(Call::WaitlistAdd(wish(
            &f,
            1,
            Urgency::Urgent,
            &["evening"],
        )))
        .await
        .unwrap();
    let mut wrong_day = wish(&f, 2, Urgency::Urgent, &[]);
    wrong_day.weekdays = vec![1];
    let _: WaitlistEntry = world.call(Call::WaitlistAdd(wrong_day)).await.unwrap();
    let mut other_therapist = wish(&f, 2, Urgency::Urgent, &[]);
    other_therapist.practitioner_ids = vec![f.tom.clone()];
    let _: WaitlistEntry = world
        .call(Call::WaitlistAdd(other_therapist))
        .await
        .unwrap();
    let listed: Vec<WaitlistEntry> = world.call(Call::WaitlistList(NoArgs {})).await.unwrap();
    assert_eq!(listed.len(), 5);

    let cancelled: AppointmentChange = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: booked.id.clone(),
            reason: "Work".into(),
            scope: None,
        }))
        .await
        .unwrap();
    let offered: Vec<&str> = cancelled
        .offers
        .iter()
        .map(|o| o.entry.id.as_str())
        .collect();
    assert_eq!(
        offered,
        vec![urgent.id.as_str(), calm.id.as_str()],
        "urgent first, then by age"
    );
    assert_eq!(cancelled.offers[0].start, "2026-11-26T10:00");
    // Reception rings the client with the offer: the number comes with it.
    assert_eq!(cancelled.offers[0].entry.client_phone, "07700 900002");
    let again: Vec<WaitlistOffer> = world
        .call(Call::WaitlistOffers(OffersFor {
            appointment_id: Some(booked.id.clone()),
            slot: None,
        }))
        .await
        .unwrap();
    assert_eq!(again, cancelled.offers);

    // Booking from the entry closes it; it is no longer offered.
    let offer = &cancelled.offers[0];
    let from_list: Appointment = world
        .call(Call::WaitlistBook(BookFromWaitlist {
            entry_id: offer.entry.id.clone(),
            practitioner_id: offer.practitioner_id.clone(),
            room_id: offer.room_id.clone(),
            start: offer.start.clone(),
            override_reason: None,
        }))
        .await
        .unwrap();
    assert_eq!(from_list.client_id, f.clients[2]);
    let listed: Vec<WaitlistEntry> = world.call(Call::WaitlistList(NoArgs {})).await.unwrap();
    assert_eq!(listed.len(), 4);
    let _: NoArgs = world
        .call(Call::WaitlistRemove(ById {
            id: calm.id.clone(),
        }))
        .await
        .unwrap();
    let listed: Vec<WaitlistEntry> = world.call(Call::WaitlistList(NoArgs {})).await.unwrap();
    assert!(listed.iter().all(|e| e.id != calm.id && e.id != urgent.id));
    let journal: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM journal WHERE entity = 'waitlist' AND detail LIKE '%Prefers%'",
    )
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(journal, 0, "the note stays out of the journal");
}

#[tokio::test]
async fn a_move_offers_the_old_slot() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let booked = book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-26T10:00"),
    )
    .await
    .unwrap();
    let waiting: WaitlistEntry = world
        .call(Call::WaitlistAdd(wish(&f, 1, Urgency::Soon, &[])))
        .await
        .unwrap();
    let moved: AppointmentChange = world
        .call(Call::AppointmentsMove(moving(
            &booked.id,
            &f.tom,
            &f.cedar,
            "2026-11-26T15:00",
        )))
        .await
        .unwrap();
    assert_eq!(moved.offers.len(), 1);
    assert_eq!(
        (
            moved.offers[0].entry.id.as_str(),
            moved.offers[0].start.as_str()
        ),
        (waiting.id.as_str(), "2026-11-26T10:00")
    );
    let refused: Result<WaitlistEntry, ApiError> = world
        .call(Call::WaitlistAdd(WaitlistInput {
            weekdays: vec![8],
            ..wish(&f, 1, Urgency::Soon, &[])
        }))
        .await;
    assert_eq!(refused.unwrap_err().field.as_deref(), Some("weekdays"));
}

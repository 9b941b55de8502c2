//! Booking: the end comes from the service; therapist, room and client clashes are refused
//! with the reason; cancelling keeps the record; races have exactly one winner.

use crate::world::{Fixture, World};
use palma::api::Call;
use palma::scheduling::appointments::{
    Appointment, AppointmentStatus, BookAppointment, CalendarRange, CalendarView,
};
use palma::scheduling::changes::CancelAppointment;
use palma::{ApiError, ErrorCode};

fn booking(
    f: &Fixture,
    client: usize,
    practitioner: &str,
    room: &str,
    service: &str,
    start: &str,
) -> BookAppointment {
    BookAppointment {
        client_id: f.clients[client].clone(),
        service_id: service.to_owned(),
        practitioner_id: practitioner.to_owned(),
        room_id: room.to_owned(),
        start: start.to_owned(),
        override_reason: None,
    }
}

async fn book(world: &World, request: BookAppointment) -> Result<Appointment, ApiError> {
    world.call(Call::AppointmentsBook(request)).await
}

/// Asserts a refusal: its code, the field it names, and words its message must contain.
fn assert_refused(
    result: Result<Appointment, ApiError>,
    code: ErrorCode,
    field: &str,
    words: &[&str],
) {
    let error = result.expect_err("the booking should be refused");
    assert_eq!(
        (error.code, error.field.as_deref()),
        (code, Some(field)),
        "{}",
        error.message
    );
    for word in words {
        assert!(
            error.message.contains(word),
            "{:?} should mention {word:?}",
            error.message
        );
    }
}

#[tokio::test]
async fn a_booking_takes_its_length_from_the_service() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let booked = book(
        &world,
        booking(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    assert_eq!(
        (booked.start.as_str(), booked.end.as_str()),
        ("2026-11-19T10:00", "2026-11-19T11:00")
    );
    assert_eq!(booked.status, AppointmentStatus::Booked);
    assert_eq!(booked.practitioner_name, "Maya Patel");
    assert_eq!(booked.client_name, "Zoë Łukasiewicz-Ørsted");
    // London is on GMT in November: wall clock equals UTC.
    assert_eq!(booked.end_ms - booked.start_ms, 60 * 60 * 1000);
}

#[tokio::test]
async fn therapist_room_and_client_clashes_are_refused_with_the_reason() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    book(
        &world,
        booking(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    // Same therapist, other room and client, overlapping.
    assert_refused(
        book(
            &world,
            booking(&f, 1, &f.maya, &f.cedar, &f.sports, "2026-11-19T10:30"),
        )
        .await,
        ErrorCode::Conflict,
        "practitionerId",
        &["Maya Patel", "10:00 to 11:00", "turnover"],
    );
    // Same room during its turnover (11:00–11:15), other therapist and client.
    assert_refused(
        book(
            &world,
            booking(&f, 1, &f.tom, &f.willow, &f.sports, "2026-11-19T11:10"),
        )
        .await,
        ErrorCode::Conflict,
        "roomId",
        &["Willow room"],
    );
    // Same client with another therapist in another room.
    assert_refused(
        book(
            &world,
            booking(&f, 0, &f.tom, &f.cedar, &f.sports, "2026-11-19T09:30"),
        )
        .await,
        ErrorCode::Conflict,
        "clientId",
        &["This client", "Maya Patel"],
    );
    // The therapist's turnover also holds them; after it they are free.
    assert!(
        book(
            &world,
            booking(&f, 1, &f.maya, &f.cedar, &f.sports, "2026-11-19T11:05")
        )
        .await
        .is_err()
    );
    book(
        &world,
        booking(&f, 1, &f.maya, &f.cedar, &f.sports, "2026-11-19T11:15"),
    )
    .await
    .unwrap();
    // The client needs no turnover: straight after their own appointment is fine.
    book(
        &world,
        booking(&f, 0, &f.tom, &f.willow, &f.sports, "2026-11-19T11:15"),
    )
    .await
    .unwrap();
    assert_eq!(world.count("appointments").await, 3);
}

#[tokio::test]
async fn bad_references_and_times_are_named() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let unknown = palma::clinic::new_id();
    assert_refused(
        book(
            &world,
            booking(&f, 0, &unknown, &f.willow, &f.deep, "2026-11-19T10:00"),
        )
        .await,
        ErrorCode::Validation,
        "practitionerId",
        &["therapist"],
    );
    assert_refused(
        book(
            &world,
            booking(&f, 0, &f.maya, "not-an-id", &f.deep, "2026-11-19T10:00"),
        )
        .await,
        ErrorCode::Validation,
        "roomId",
        &[],
    );
    assert_refused(
        book(
            &world,
            booking(&f, 0, &f.maya, &f.willow, &f.deep, "19/11/2026 10:00"),
        )
        .await,
        ErrorCode::Validation,
        "start",
        &["2026"],
    );
    // 2027-03-28 01:30 does not exist in London: the clocks go forward at 01:00.
    assert_refused(
        book(
            &world,
            booking(&f, 0, &f.maya, &f.willow, &f.deep, "2027-03-28T01:30"),
        )
        .await,
        ErrorCode::Validation,
        "start",
        &["clocks"],
    );
    assert_eq!(world.count("appointments").await, 0);
}

#[tokio::test]
async fn cancelling_keeps_the_record_frees_the_slot_and_flags_late_notice() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let tomorrow = book(
        &world,
        booking(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-20T10:00"),
    )
    .await
    .unwrap();
    let today = book(
        &world,
        booking(&f, 1, &f.tom, &f.cedar, &f.deep, "2026-11-18T15:00"),
    )
    .await
    .unwrap();
    let early: Appointment = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: tomorrow.id.clone(),
            reason: "Work commitment".into(),
            scope: None,
        }))
        .await
        .unwrap();
    assert_eq!(
        (early.status, early.late_cancellation),
        (AppointmentStatus::Cancelled, false)
    );
    assert_eq!(early.cancel_reason.as_deref(), Some("Work commitment"));
    let late: Appointment = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: today.id.clone(),
            reason: "Unwell".into(),
            scope: None,
        }))
        .await
        .unwrap();
    assert!(
        late.late_cancellation,
        "six hours' notice is late against 24"
    );
    let twice = world
        .call::<Appointment>(Call::AppointmentsCancel(CancelAppointment {
            id: today.id,
            reason: "Again".into(),
            scope: None,
        }))
        .await
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);
    let no_reason = world
        .call::<Appointment>(Call::AppointmentsCancel(CancelAppointment {
            id: tomorrow.id.clone(),
            reason: " ".into(),
            scope: None,
        }))
        .await
        .unwrap_err();
    assert_eq!(no_reason.field.as_deref(), Some("reason"));
    // The freed slot can be booked again, and the cancelled one is still there.
    book(
        &world,
        booking(&f, 2, &f.maya, &f.willow, &f.deep, "2026-11-20T10:00"),
    )
    .await
    .unwrap();
    assert_eq!(world.count("appointments").await, 3);
}

#[tokio::test]
async fn notice_is_measured_from_the_moment_of_cancelling() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let saturday = book(
        &world,
        booking(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-21T10:00"),
    )
    .await
    .unwrap();
    let sunday = book(
        &world,
        booking(&f, 1, &f.maya, &f.willow, &f.deep, "2026-11-22T10:00"),
    )
    .await
    .unwrap();
    let cancel = |id: String| {
        Call::AppointmentsCancel(CancelAppointment {
            id,
            reason: "Travel".into(),
            scope: None,
        })
    };
    // Friday 09:00: 25 hours before Saturday's appointment.
    world.clock.advance(chrono::Duration::days(2));
    let in_time: Appointment = world.call(cancel(saturday.id)).await.unwrap();
    assert!(!in_time.late_cancellation);
    // Saturday 11:00: 23 hours before Sunday's.
    world.clock.advance(chrono::Duration::hours(26));
    let late: Appointment = world.call(cancel(sunday.id)).await.unwrap();
    assert!(late.late_cancellation);
}

#[tokio::test]
async fn the_calendar_shows_a_clinic_day_in_its_time_zone() {
    let world = World::new().await;
    let f = world.clinic_in("America/Toronto").await;
    // 23:30 on the 19th in Toronto is 04:30 UTC on the 20th: it belongs to the 19th.
    let late = book(
        &world,
        booking(&f, 0, &f.maya, &f.willow, &f.sports, "2026-11-19T23:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        booking(&f, 1, &f.maya, &f.willow, &f.sports, "2026-11-20T09:00"),
    )
    .await
    .unwrap();
    let cancelled = book(
        &world,
        booking(&f, 2, &f.tom, &f.cedar, &f.sports, "2026-11-19T12:00"),
    )
    .await
    .unwrap();
    let _: Appointment = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: cancelled.id.clone(),
            reason: "Unwell".into(),
            scope: None,
        }))
        .await
        .unwrap();
    let day = |include_cancelled| CalendarRange {
        from: "2026-11-19".into(),
        days: 1,
        include_cancelled,
    };
    let view: CalendarView = world.call(Call::CalendarRange(day(false))).await.unwrap();
    assert_eq!(
        view.appointments
            .iter()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>(),
        vec![late.id.clone()]
    );
    assert_eq!(view.time_zone, "America/Toronto");
    assert_eq!(view.today, "2026-11-18", "09:00 UTC is 04:00 in Toronto");
    let toronto =
        palma::clock::Clock::now(world.clock.as_ref()).with_timezone(&chrono_tz::America::Toronto);
    assert_eq!(
        view.now,
        toronto.format("%Y-%m-%dT%H:%M").to_string(),
        "the now line is at the clinic's wall-clock time"
    );
    assert!(view.now.starts_with("2026-11-18T04:"), "{}", view.now);
    assert_eq!(view.practitioners.len(), 2);
    let with_cancelled: CalendarView = world.call(Call::CalendarRange(day(true))).await.unwrap();
    assert_eq!(with_cancelled.appointments.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_bookings_of_one_slot_have_exactly_one_winner() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let mut clients = Vec::new();
    for n in 0..20 {
        clients.push(world.client("Racer", &format!("Number{n}")).await.id);
    }
    let mut tasks = Vec::new();
    for client_id in clients {
        let clinic = world.clinic.clone();
        let owner = world.owner.clone();
        let request = BookAppointment {
            client_id,
            ..booking(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T14:00")
        };
        tasks.push(tokio::spawn(async move {
            let desk = palma::staff::Desk::system(owner);
            palma::api::dispatch(&clinic, &desk, Call::AppointmentsBook(request)).await
        }));
    }
    let mut won = 0;
    let mut conflicts = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(error) if error.code == ErrorCode::Conflict => conflicts += 1,
            Err(error) => panic!("unexpected error: {error:?}"),
        }
    }
    assert_eq!((won, conflicts), (1, 19));
    assert_eq!(world.count("appointments").await, 1);
}

#[tokio::test]
async fn the_calendar_shows_each_appointment_as_booking_returned_it_in_time_and_therapist_order() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    // Tom before Maya in the book, same start: the calendar puts Maya (M < T) first.
    let tom = book(
        &world,
        booking(&f, 1, &f.tom, &f.cedar, &f.sports, "2026-11-19T09:00"),
    )
    .await
    .unwrap();
    let maya = book(
        &world,
        booking(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T09:00"),
    )
    .await
    .unwrap();
    let later = book(
        &world,
        booking(&f, 2, &f.maya, &f.willow, &f.sports, "2026-11-19T14:00"),
    )
    .await
    .unwrap();
    // A therapist who leaves keeps their name on the appointments already in the book, but
    // no longer has a column.
    let _: palma::scheduling::Practitioner = world
        .call(Call::PractitionersSave(
            palma::scheduling::PractitionerInput {
                id: Some(f.tom.clone()),
                display_name: "Tom Okafor".into(),
                colour: "#2f7d6d".into(),
                active: false,
            },
        ))
        .await
        .unwrap();
    let view: CalendarView = world
        .call(Call::CalendarRange(CalendarRange {
            from: "2026-11-16".into(),
            days: 7,
            include_cancelled: false,
        }))
        .await
        .unwrap();
    assert_eq!(view.appointments, vec![maya, tom, later]);
    assert_eq!(
        view.practitioners
            .iter()
            .map(|p| p.display_name.as_str())
            .collect::<Vec<_>>(),
        vec!["Maya Patel"]
    );
}

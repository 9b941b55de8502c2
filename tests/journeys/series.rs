//! Recurring courses: same wall-clock time across daylight saving changes in London and
//! Toronto; clashing occurrences shown before saving, never silently skipped; each occurrence
//! with its own status; moving and cancelling one or this-and-following.

use crate::rules::{book, request};
use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::Call;
use palma::scheduling::changes::{AppointmentChange, CancelAppointment, MoveAppointment, Scope};
use palma::scheduling::series::{Occurrence, SeriesBooked, SeriesRequest};

fn course(f: &Fixture, start: &str, every_weeks: i32, count: i32) -> SeriesRequest {
    SeriesRequest {
        client_id: f.clients[0].clone(),
        service_id: f.deep.clone(),
        practitioner_id: f.maya.clone(),
        room_id: f.willow.clone(),
        start: start.into(),
        every_weeks,
        count: Some(count),
        until: None,
        skip: Vec::new(),
        override_reason: None,
    }
}

fn hours_utc(occurrences: &[Occurrence]) -> Vec<i64> {
    occurrences
        .iter()
        .map(|o| (o.start_ms / 3_600_000) % 24)
        .collect()
}

/// (time zone, first start, local starts expected, UTC hours expected)
const DST_WEEKS: [(&str, &str, [&str; 3], [i64; 3]); 4] = [
    (
        "Europe/London",
        "2026-03-22T10:00",
        ["2026-03-22T10:00", "2026-03-29T10:00", "2026-04-05T10:00"],
        [10, 9, 9],
    ),
    (
        "Europe/London",
        "2026-10-18T10:00",
        ["2026-10-18T10:00", "2026-10-25T10:00", "2026-11-01T10:00"],
        [9, 10, 10],
    ),
    (
        "America/Toronto",
        "2026-03-01T09:00",
        ["2026-03-01T09:00", "2026-03-08T09:00", "2026-03-15T09:00"],
        [14, 13, 13],
    ),
    (
        "America/Toronto",
        "2026-10-25T09:00",
        ["2026-10-25T09:00", "2026-11-01T09:00", "2026-11-08T09:00"],
        [13, 14, 14],
    ),
];

#[tokio::test]
async fn courses_keep_the_wall_clock_time_across_daylight_saving_changes() {
    for (zone, start, local, utc) in DST_WEEKS {
        let world = World::new().await;
        let f = world.clinic_in(zone).await;
        // Tests run on 2026-11-18; these courses are in the past or near it, which booking allows.
        let preview: Vec<Occurrence> = world
            .call(Call::AppointmentsPreviewSeries(course(&f, start, 1, 3)))
            .await
            .unwrap();
        let starts: Vec<&str> = preview.iter().map(|o| o.start.as_str()).collect();
        assert_eq!(starts, local, "{zone}");
        assert_eq!(hours_utc(&preview), utc, "{zone}");
        assert!(preview.iter().all(|o| o.refusal.is_none()));
        let booked: SeriesBooked = world
            .call(Call::AppointmentsBookSeries(course(&f, start, 1, 3)))
            .await
            .unwrap();
        let starts: Vec<&str> = booked
            .appointments
            .iter()
            .map(|a| a.start.as_str())
            .collect();
        assert_eq!(starts, local, "{zone}");
        assert!(
            booked
                .appointments
                .iter()
                .all(|a| a.series_id.as_deref() == Some(booked.series_id.as_str()))
        );
    }
}

#[tokio::test]
async fn a_time_the_clocks_skip_is_refused_for_that_occurrence_only() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let preview: Vec<Occurrence> = world
        .call(Call::AppointmentsPreviewSeries(course(
            &f,
            "2026-03-22T01:30",
            1,
            3,
        )))
        .await
        .unwrap();
    let refused: Vec<bool> = preview.iter().map(|o| o.refusal.is_some()).collect();
    assert_eq!(refused, [false, true, false]);
    assert!(
        preview[1]
            .refusal
            .as_ref()
            .unwrap()
            .message
            .contains("clocks go forward")
    );
}

#[tokio::test]
async fn clashing_occurrences_are_shown_and_must_be_skipped_explicitly() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    // Maya is busy on the third Thursday.
    book(
        &world,
        request(&f, 1, &f.maya, &f.cedar, &f.sports, "2026-12-10T10:30"),
    )
    .await
    .unwrap();
    let every_other = course(&f, "2026-11-26T10:00", 2, 4);
    let preview: Vec<Occurrence> = world
        .call(Call::AppointmentsPreviewSeries(every_other.clone()))
        .await
        .unwrap();
    let dates: Vec<&str> = preview.iter().map(|o| o.date.as_str()).collect();
    assert_eq!(
        dates,
        ["2026-11-26", "2026-12-10", "2026-12-24", "2027-01-07"]
    );
    let refusal = preview[1].refusal.as_ref().expect("the clash is shown");
    assert_eq!(refusal.field.as_deref(), Some("practitionerId"));
    assert_eq!(preview.iter().filter(|o| o.refusal.is_some()).count(), 1);

    let error = world
        .call::<SeriesBooked>(Call::AppointmentsBookSeries(every_other.clone()))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert!(
        error.message.starts_with("On 2026-12-10:"),
        "{}",
        error.message
    );
    assert_eq!(
        world.count("appointments").await,
        1,
        "nothing of the course was written"
    );

    let booked: SeriesBooked = world
        .call(Call::AppointmentsBookSeries(SeriesRequest {
            skip: vec!["2026-12-10".into()],
            ..every_other
        }))
        .await
        .unwrap();
    assert_eq!(booked.appointments.len(), 3);
    // By end date instead of count.
    let until = SeriesRequest {
        count: None,
        until: Some("2027-01-21".into()),
        client_id: f.clients[2].clone(),
        room_id: f.cedar.clone(),
        practitioner_id: f.tom.clone(),
        ..course(&f, "2026-12-03T15:00", 1, 1)
    };
    let preview: Vec<Occurrence> = world
        .call(Call::AppointmentsPreviewSeries(until))
        .await
        .unwrap();
    assert_eq!(preview.len(), 8);
    assert_eq!(preview.last().unwrap().date, "2027-01-21");
}

#[tokio::test]
async fn one_occurrence_or_this_and_following_can_be_moved_or_cancelled() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let booked: SeriesBooked = world
        .call(Call::AppointmentsBookSeries(course(
            &f,
            "2026-11-26T10:00",
            1,
            5,
        )))
        .await
        .unwrap();
    let ids: Vec<String> = booked.appointments.iter().map(|a| a.id.clone()).collect();
    // Move only the second to the Friday afternoon.
    let one: AppointmentChange = world
        .call(Call::AppointmentsMove(MoveAppointment {
            id: ids[1].clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: "2026-12-04T14:00".into(),
            override_reason: None,
            scope: Some(Scope::One),
        }))
        .await
        .unwrap();
    assert_eq!(
        (one.appointment.start.as_str(), one.following.len()),
        ("2026-12-04T14:00", 0)
    );
    // Move the third and following a day later at 11:00 with Tom.
    let following: AppointmentChange = world
        .call(Call::AppointmentsMove(MoveAppointment {
            id: ids[2].clone(),
            practitioner_id: f.tom.clone(),
            room_id: f.cedar.clone(),
            start: "2026-12-11T11:00".into(),
            override_reason: None,
            scope: Some(Scope::Following),
        }))
        .await
        .unwrap();
    let starts: Vec<&str> = std::iter::once(&following.appointment)
        .chain(&following.following)
        .map(|a| a.start.as_str())
        .collect();
    assert_eq!(
        starts,
        ["2026-12-11T11:00", "2026-12-18T11:00", "2026-12-25T11:00"]
    );
    // Cancel the fourth and following; the first two stay booked.
    let cancelled: AppointmentChange = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: ids[3].clone(),
            reason: "Course ended early".into(),
            scope: Some(Scope::Following),
        }))
        .await
        .unwrap();
    assert_eq!(cancelled.following.len(), 1);
    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT status FROM appointments WHERE series_id = $1 ORDER BY start_ms",
    )
    .bind(&booked.series_id)
    .fetch_all(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(
        statuses,
        ["booked", "booked", "booked", "cancelled", "cancelled"]
    );
    // A single appointment has no "following".
    let single = book(
        &world,
        request(&f, 1, &f.maya, &f.willow, &f.deep, "2026-11-20T09:00"),
    )
    .await
    .unwrap();
    let error = world
        .call::<AppointmentChange>(Call::AppointmentsCancel(CancelAppointment {
            id: single.id,
            reason: "x".into(),
            scope: Some(Scope::Following),
        }))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("scope"));
}

//! Set-up and booking rules: who offers a service, room types, working hours, breaks, time off,
//! one-off changes, opening hours and closures; the owner's recorded out-of-hours override.

use crate::world::{Fixture, World};
use palma::api::{ById, Call, NoArgs};
use palma::scheduling::appointments::{Appointment, BookAppointment};
use palma::scheduling::hours::{
    ClinicHours, Closure, DayBlock, TherapistHours, TimeOff, WeeklyBlock,
};
use palma::scheduling::{Room, RoomInput, Service, ServiceInput};
use palma::staff::Role;
use palma::{ApiError, ErrorCode};

pub fn request(
    f: &Fixture,
    client: usize,
    who: &str,
    room: &str,
    service: &str,
    start: &str,
) -> BookAppointment {
    BookAppointment {
        client_id: f.clients[client].clone(),
        service_id: service.to_owned(),
        practitioner_id: who.to_owned(),
        room_id: room.to_owned(),
        start: start.to_owned(),
        override_reason: None,
    }
}

pub async fn book(world: &World, request: BookAppointment) -> Result<Appointment, ApiError> {
    world.call(Call::AppointmentsBook(request)).await
}

pub fn block(weekday: i32, start: &str, end: &str) -> WeeklyBlock {
    WeeklyBlock {
        weekday,
        start: start.into(),
        end: end.into(),
    }
}

/// Maya works Monday to Friday 09:00–13:00 and 14:00–18:00 with a coffee break 10:30–10:45.
pub async fn maya_rota(world: &World, f: &Fixture) -> TherapistHours {
    let weekly = (1..=5)
        .flat_map(|d| [block(d, "09:00", "13:00"), block(d, "14:00", "18:00")])
        .collect();
    world
        .call(Call::TherapistHoursSave(TherapistHours {
            practitioner_id: f.maya.clone(),
            weekly,
            breaks: (1..=5).map(|d| block(d, "10:30", "10:45")).collect(),
            time_off: vec![TimeOff {
                first_day: "2026-12-21".into(),
                last_day: "2026-12-24".into(),
                reason: "Holiday".into(),
            }],
            day_changes: vec![DayBlock {
                day: "2026-11-27".into(),
                start: "12:00".into(),
                end: "20:00".into(),
            }],
        }))
        .await
        .unwrap()
}

fn refused(result: Result<Appointment, ApiError>, field: &str, words: &[&str]) {
    let error = result.expect_err("should be refused");
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Conflict, Some(field)),
        "{}",
        error.message
    );
    for word in words {
        assert!(
            error.message.contains(word),
            "{:?} should say {word:?}",
            error.message
        );
    }
}

#[tokio::test]
async fn a_therapists_rota_is_saved_read_back_and_journaled() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let saved = maya_rota(&world, &f).await;
    let read: TherapistHours = world
        .call(Call::TherapistHoursGet(ById { id: f.maya.clone() }))
        .await
        .unwrap();
    assert_eq!(saved, read);
    assert_eq!(read.weekly.len(), 10);
    assert_eq!(read.weekly[0], block(1, "09:00", "13:00"));
    assert_eq!(read.time_off[0].reason, "Holiday");
    // Reception may read the rota but not change it.
    let reception = world.account(Role::Reception).await;
    let _: TherapistHours = world
        .call_as(
            &reception,
            Call::TherapistHoursGet(ById { id: f.maya.clone() }),
        )
        .await
        .unwrap();
    let denied = world
        .call_as::<TherapistHours>(&reception, Call::TherapistHoursSave(read.clone()))
        .await
        .unwrap_err();
    assert_eq!(denied.code, ErrorCode::Forbidden);
    let journal: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM journal WHERE entity = 'therapist_hours' AND entity_id = $1",
    )
    .bind(&f.maya)
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(journal, 1);
    // A block that ends before it starts names the field.
    let mut bad = read;
    bad.weekly.push(block(6, "12:00", "11:00"));
    let error = world
        .call::<TherapistHours>(Call::TherapistHoursSave(bad))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("weekly"));
}

#[tokio::test]
async fn bookings_outside_working_hours_breaks_and_time_off_are_refused() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    maya_rota(&world, &f).await;
    // 2026-11-19 is a Thursday.
    let cases = [
        (
            "2026-11-19T08:30",
            vec!["working hours", "09:00–13:00, 14:00–18:00"],
        ),
        ("2026-11-19T12:30", vec!["working hours"]),
        ("2026-11-19T10:00", vec!["break", "10:30 to 10:45"]),
        ("2026-11-21T10:00", vec!["does not work on Saturdays"]),
        ("2026-12-22T11:00", vec!["off on 2026-12-22"]),
        (
            "2026-11-27T10:00",
            vec!["works only 12:00–20:00 on 2026-11-27"],
        ),
    ];
    for (start, words) in cases {
        refused(
            book(&world, request(&f, 0, &f.maya, &f.willow, &f.deep, start)).await,
            "start",
            &words,
        );
    }
    // Inside a block, and the one-off evening on the 27th, are fine.
    book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T14:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-27T18:30"),
    )
    .await
    .unwrap();
    // Tom has no rota set up: he is not checked against hours.
    book(
        &world,
        request(&f, 1, &f.tom, &f.cedar, &f.deep, "2026-11-21T07:00"),
    )
    .await
    .unwrap();
    assert_eq!(world.count("appointments").await, 3);
}

#[tokio::test]
async fn opening_hours_and_closures_apply_to_everyone() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let hours = ClinicHours {
        weekly: (1..=6).map(|d| block(d, "08:00", "20:00")).collect(),
        closures: vec![Closure {
            day: "2026-12-25".into(),
            reason: "Christmas Day".into(),
        }],
    };
    let saved: ClinicHours = world
        .call(Call::ClinicHoursSave(hours.clone()))
        .await
        .unwrap();
    assert_eq!(saved, hours);
    let read: ClinicHours = world.call(Call::ClinicHoursGet(NoArgs {})).await.unwrap();
    assert_eq!(read, hours);
    refused(
        book(
            &world,
            request(&f, 0, &f.tom, &f.willow, &f.deep, "2026-12-25T10:00"),
        )
        .await,
        "start",
        &["closed on 2026-12-25", "Christmas Day"],
    );
    refused(
        book(
            &world,
            request(&f, 0, &f.tom, &f.willow, &f.deep, "2026-11-22T10:00"),
        )
        .await,
        "start",
        &["not open on Sundays"],
    );
    refused(
        book(
            &world,
            request(&f, 0, &f.tom, &f.willow, &f.deep, "2026-11-19T19:30"),
        )
        .await,
        "start",
        &["opening hours", "08:00–20:00"],
    );
    assert_eq!(world.count("appointments").await, 0);
}

#[tokio::test]
async fn only_the_owner_books_out_of_hours_and_the_reason_is_kept() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    maya_rota(&world, &f).await;
    let mut late = request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T19:00");
    late.override_reason = Some("Post-surgery client, agreed with Maya".into());
    let reception = world.account(Role::Reception).await;
    let error = world
        .call_as::<Appointment>(&reception, Call::AppointmentsBook(late.clone()))
        .await
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Forbidden, Some("overrideReason"))
    );
    let booked = book(&world, late.clone()).await.unwrap();
    assert_eq!(
        booked.override_reason.as_deref(),
        Some("Post-surgery client, agreed with Maya")
    );
    let detail: String =
        sqlx::query_scalar("SELECT detail FROM journal WHERE action = 'book' AND entity_id = $1")
            .bind(&booked.id)
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
    assert!(detail.contains("override=hours"), "{detail}");
    assert!(
        !detail.contains("surgery"),
        "the reason's text stays out of the journal"
    );
    // The override never lets a clash through.
    late.client_id = f.clients[1].clone();
    late.room_id = f.cedar.clone();
    refused(
        book(&world, late).await,
        "practitionerId",
        &["already booked"],
    );
}

fn hydrotherapy(id: Option<String>, practitioner_ids: Vec<String>) -> ServiceInput {
    ServiceInput {
        id,
        name: "Hydrotherapy".into(),
        duration_min: 45,
        buffer_min: 15,
        price_minor: 5000,
        colour: "#3b7ea1".into(),
        room_type: "hydro".into(),
        practitioner_ids,
        active: true,
    }
}

#[tokio::test]
async fn services_are_offered_by_some_therapists_and_need_a_room_type() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let hydro: Room = world
        .call(Call::RoomsSave(RoomInput {
            id: None,
            name: "Hydro suite".into(),
            room_type: "Hydro".into(),
            active: true,
        }))
        .await
        .unwrap();
    assert_eq!(hydro.room_type, "hydro");
    let service: Service = world
        .call(Call::ServicesSave(hydrotherapy(None, vec![f.tom.clone()])))
        .await
        .unwrap();
    let listed: Vec<Service> = world.call(Call::ServicesList(NoArgs {})).await.unwrap();
    let listed = listed.iter().find(|s| s.id == service.id).unwrap();
    assert_eq!(listed.practitioner_ids, vec![f.tom.clone()]);
    assert_eq!(listed.room_type, "hydro");
    refused(
        book(
            &world,
            request(&f, 0, &f.maya, &hydro.id, &service.id, "2026-11-19T10:00"),
        )
        .await,
        "practitionerId",
        &["Maya Patel does not offer Hydrotherapy"],
    );
    refused(
        book(
            &world,
            request(&f, 0, &f.tom, &f.willow, &service.id, "2026-11-19T10:00"),
        )
        .await,
        "roomId",
        &["needs a hydro room", "Willow room"],
    );
    book(
        &world,
        request(&f, 0, &f.tom, &hydro.id, &service.id, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    // An unknown therapist in the list is named, not stored.
    let error = world
        .call::<Service>(Call::ServicesSave(hydrotherapy(
            Some(service.id.clone()),
            vec![palma::clinic::new_id()],
        )))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("practitionerIds"));
    assert_eq!(world.count("service_practitioners").await, 1);
}

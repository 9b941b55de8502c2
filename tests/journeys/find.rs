//! "Find a time": the next free slots honour the therapist's rota and breaks, turnover, rooms,
//! the client's own appointments, days and times of day; every slot found can be booked.

use crate::rules::{book, maya_rota, request};
use crate::world::World;
use palma::api::Call;
use palma::scheduling::find::{FindTimes, FreeTime};
use palma::scheduling::free_rooms::{FreeRoomsQuery, RoomChoice};

fn starts(slots: &[FreeTime]) -> Vec<&str> {
    slots.iter().map(|s| s.start.as_str()).collect()
}

#[tokio::test]
async fn free_slots_respect_rota_breaks_turnover_rooms_and_the_client() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    maya_rota(&world, &f).await;
    book(
        &world,
        request(&f, 1, &f.maya, &f.willow, &f.deep, "2026-11-19T09:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 0, &f.tom, &f.cedar, &f.sports, "2026-11-19T11:00"),
    )
    .await
    .unwrap();
    let search = FindTimes {
        service_id: f.deep.clone(),
        practitioner_ids: vec![f.maya.clone()],
        from: Some("2026-11-19T08:00".into()),
        limit: Some(3),
        ..FindTimes::default()
    };
    let slots: Vec<FreeTime> = world
        .call(Call::AppointmentsFindTimes(search.clone()))
        .await
        .unwrap();
    // Held until 10:15 by the 09:00 and its turnover; 09:15–10:30 would cross the break.
    assert_eq!(
        starts(&slots),
        ["2026-11-19T10:45", "2026-11-19T11:00", "2026-11-19T11:15"]
    );
    assert!(slots.iter().all(|s| s.practitioner_name == "Maya Patel"));
    // The client is with Tom 11:00–11:45, so their first possible start is 11:45.
    let for_client: Vec<FreeTime> = world
        .call(Call::AppointmentsFindTimes(FindTimes {
            client_id: Some(f.clients[0].clone()),
            ..search.clone()
        }))
        .await
        .unwrap();
    assert_eq!(for_client[0].start, "2026-11-19T11:45");
    // Fridays in the afternoon (from 12:00) only; 13:00–14:00 is outside her blocks.
    let friday: Vec<FreeTime> = world
        .call(Call::AppointmentsFindTimes(FindTimes {
            weekdays: vec![5],
            times_of_day: vec!["afternoon".into()],
            ..search.clone()
        }))
        .await
        .unwrap();
    assert_eq!(
        starts(&friday),
        ["2026-11-20T12:00", "2026-11-20T14:00", "2026-11-20T14:15"]
    );
    // Every slot found passes the booking rules.
    let first = &for_client[0];
    let booked = book(
        &world,
        request(
            &f,
            0,
            &first.practitioner_id,
            &first.room_id,
            &f.deep,
            &first.start,
        ),
    )
    .await
    .unwrap();
    assert_eq!(booked.start, first.start);
    let bad = world
        .call::<Vec<FreeTime>>(Call::AppointmentsFindTimes(FindTimes {
            times_of_day: vec!["noonish".into()],
            ..search
        }))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("timesOfDay"));
}

#[tokio::test]
async fn any_therapist_and_the_room_that_is_free() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    // Both rooms taken at 10:00 by Maya and Tom.
    book(
        &world,
        request(&f, 0, &f.maya, &f.willow, &f.deep, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    book(
        &world,
        request(&f, 1, &f.tom, &f.cedar, &f.deep, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    let slots: Vec<FreeTime> = world
        .call(Call::AppointmentsFindTimes(FindTimes {
            service_id: f.sports.clone(),
            from: Some("2026-11-19T09:00".into()),
            limit: Some(4),
            ..FindTimes::default()
        }))
        .await
        .unwrap();
    // Sports massage is 45 minutes without turnover: 09:00 and 09:15 fit before 10:00 for both;
    // then nothing until the rooms free at 11:15.
    let got: Vec<(&str, &str)> = slots
        .iter()
        .map(|s| (s.start.as_str(), s.practitioner_name.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-11-19T09:00", "Maya Patel"),
            ("2026-11-19T09:00", "Tom Okafor"),
            ("2026-11-19T09:15", "Maya Patel"),
            ("2026-11-19T09:15", "Tom Okafor"),
        ]
    );
    assert_ne!(slots[0].room_id, "");
}

#[tokio::test]
async fn more_than_twelve_slots_come_page_by_page_without_gaps_or_repeats() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let search = |limit, offset| {
        Call::AppointmentsFindTimes(FindTimes {
            service_id: f.sports.clone(),
            from: Some("2026-11-19T09:00".into()),
            limit: Some(limit),
            offset,
            ..FindTimes::default()
        })
    };
    let all: Vec<FreeTime> = world.call(search(36, None)).await.unwrap();
    assert_eq!(all.len(), 36, "more than twelve can be asked for");
    let mut paged = Vec::new();
    for page in 0..3 {
        let slots: Vec<FreeTime> = world.call(search(12, Some(12 * page))).await.unwrap();
        assert_eq!(slots.len(), 12);
        paged.extend(slots);
    }
    assert_eq!(paged, all);
    let refused = world
        .call::<Vec<FreeTime>>(search(12, Some(-1)))
        .await
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("offset"));
}

#[tokio::test]
async fn the_booking_dialog_learns_which_rooms_are_free() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    // Deep tissue 10:00–11:00 in Willow, held until 11:15 for turnover.
    let booked = book(
        &world,
        request(&f, 1, &f.maya, &f.willow, &f.deep, "2026-11-19T10:00"),
    )
    .await
    .unwrap();
    let rooms = |start: &str, appointment_id: Option<String>| {
        Call::RoomsFree(FreeRoomsQuery {
            service_id: f.sports.clone(),
            start: start.into(),
            appointment_id,
        })
    };
    let free = |choices: &[RoomChoice]| -> Vec<(String, bool)> {
        choices
            .iter()
            .map(|c| (c.room_name.clone(), c.free))
            .collect()
    };
    let during: Vec<RoomChoice> = world.call(rooms("2026-11-19T10:30", None)).await.unwrap();
    assert_eq!(
        free(&during),
        [
            ("Cedar room".to_owned(), true),
            ("Willow room".to_owned(), false)
        ]
    );
    assert!(during.iter().all(|c| c.suitable));
    // Sports massage 09:00–09:45 plus its turnover ends before 10:00; 11:00 is still turnover.
    let before: Vec<RoomChoice> = world.call(rooms("2026-11-19T09:00", None)).await.unwrap();
    assert!(before.iter().all(|c| c.free), "{before:?}");
    let turnover: Vec<RoomChoice> = world.call(rooms("2026-11-19T11:00", None)).await.unwrap();
    assert!(
        !turnover
            .iter()
            .find(|c| c.room_name == "Willow room")
            .unwrap()
            .free
    );
    // Moving the appointment itself: its own room counts as free.
    let moving: Vec<RoomChoice> = world
        .call(rooms("2026-11-19T10:30", Some(booked.id.clone())))
        .await
        .unwrap();
    assert!(moving.iter().all(|c| c.free));
    let refused = world
        .call::<Vec<RoomChoice>>(rooms("tomorrow", None))
        .await
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("start"));
}

//! The calendar's precaution flag: each appointment says whether its client currently has a
//! precaution on file — the flag only, never the reason — and a locked desk hides it with the
//! client's name.

use crate::care::save_intake_as;
use crate::world::{Fixture, World};
use palma::api::{Call, NoArgs};
use palma::scheduling::appointments::{Appointment, BookAppointment, CalendarRange, CalendarView};
use palma::staff::{Desk, DeskStatus, Role};
use serde_json::Value;

fn thursday() -> Call {
    Call::CalendarRange(CalendarRange {
        from: "2026-11-19".into(),
        days: 1,
        include_cancelled: false,
    })
}

/// Books the fixture's first two clients on Thursday morning; returns both bookings.
async fn two_bookings(world: &World, f: &Fixture) -> Vec<Appointment> {
    let mut booked = Vec::new();
    for (client, practitioner, room, start) in [
        (0, &f.maya, &f.willow, "2026-11-19T09:00"),
        (1, &f.tom, &f.cedar, "2026-11-19T09:00"),
    ] {
        booked.push(
            world
                .call(Call::AppointmentsBook(BookAppointment {
                    override_reason: None,
                    client_id: f.clients[client].clone(),
                    service_id: f.sports.clone(),
                    practitioner_id: practitioner.clone(),
                    room_id: room.clone(),
                    start: start.into(),
                }))
                .await
                .unwrap(),
        );
    }
    booked
}

/// (client id, flag) of each appointment in a calendar reply, by client.
fn flags(view: &CalendarView) -> Vec<(String, bool)> {
    let mut flags: Vec<_> = view
        .appointments
        .iter()
        .map(|a| (a.client_id.clone(), a.has_precaution))
        .collect();
    flags.sort();
    flags
}

#[tokio::test]
async fn the_calendar_flags_clients_with_a_precaution_but_never_says_why() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let booked = two_bookings(&world, &f).await;
    assert!(booked.iter().all(|a| !a.has_precaution));
    let reception = world.account(Role::Reception).await;
    let mut expected = vec![(f.clients[0].clone(), false), (f.clients[1].clone(), false)];
    expected.sort();
    let before: CalendarView = world.call_as(&reception, thursday()).await.unwrap();
    assert_eq!(flags(&before), expected, "no intake yet: no flag");

    save_intake_as(
        &world,
        &world.owner,
        &f.clients[0],
        &[("blood_thinners", "yes")],
    )
    .await;
    let raw: Value = world.call_as(&reception, thursday()).await.unwrap();
    let text = raw.to_string();
    assert!(
        text.contains("\"hasPrecaution\":true"),
        "camelCase on the wire"
    );
    assert!(
        !text.to_lowercase().contains("blood") && !text.contains("thinner"),
        "the reason never reaches the calendar"
    );
    let flagged: CalendarView = serde_json::from_value(raw).unwrap();
    for (client, flag) in &mut expected {
        *flag = *client == f.clients[0];
    }
    assert_eq!(
        flags(&flagged),
        expected,
        "only the client with a precaution"
    );

    // A newer intake without it resolves the precaution, and the flag follows.
    save_intake_as(
        &world,
        &world.owner,
        &f.clients[0],
        &[("blood_thinners", "no")],
    )
    .await;
    let cleared: CalendarView = world.call_as(&reception, thursday()).await.unwrap();
    assert!(flags(&cleared).iter().all(|(_, flag)| !flag));
}

#[tokio::test]
async fn a_locked_desk_hides_the_precaution_flag_with_the_name() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    two_bookings(&world, &f).await;
    save_intake_as(
        &world,
        &world.owner,
        &f.clients[0],
        &[("blood_thinners", "yes")],
    )
    .await;
    let desk = Desk::signed_in(world.account(Role::Reception).await, world.clinic.now());
    let open: CalendarView = world.call_at(&desk, thursday()).await.unwrap();
    assert_eq!(
        open.appointments
            .iter()
            .filter(|a| a.has_precaution)
            .count(),
        1
    );
    let status: DeskStatus = world
        .call_at(&desk, Call::StaffLock(NoArgs {}))
        .await
        .unwrap();
    assert!(status.locked);
    let locked: CalendarView = world.call_at(&desk, thursday()).await.unwrap();
    assert_eq!(locked.appointments.len(), 2, "the calendar stays visible");
    for a in &locked.appointments {
        assert_eq!(
            (
                a.client_name.as_str(),
                a.client_id.as_str(),
                a.has_precaution
            ),
            ("Booked", "", false)
        );
    }
}

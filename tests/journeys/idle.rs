//! The idle lock on a shared database: another seat's writes make this window reload, and those
//! reloads must not count as someone using the desk (issue 11). Only a person's input keeps a
//! desk awake.

use crate::world::{World, test_owner, test_settings};
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{Call, Origin, watch};
use palma::clients::{Client, ClientInput};
use palma::scheduling::appointments::{CalendarRange, CalendarView};
use palma::settings::StartClinic;
use palma::staff::session::{DeskPolicy, SignIn};
use palma::staff::{Desk, DeskStatus, Role, StaffInput, StaffMember};
use serde_json::Value;

/// A clinic with a one-minute idle lock, its owner signed in at one desk and a receptionist at
/// another.
async fn two_desks(world: &World) -> (Desk, Desk) {
    let owner = Desk::new();
    let _: Value = world
        .call_at(
            &owner,
            Call::SetupStart(StartClinic::Empty {
                settings: test_settings("Europe/London"),
                owner: test_owner(),
            }),
        )
        .await
        .unwrap();
    let _: StaffMember = world
        .call_at(
            &owner,
            Call::StaffSave(StaffInput {
                id: None,
                display_name: "Rita Reception".into(),
                username: "rita".into(),
                roles: vec![Role::Reception],
                practitioner_id: None,
                new_column: None,
                password: Some("rita-password".into()),
                active: true,
            }),
        )
        .await
        .unwrap();
    let _: DeskPolicy = world
        .call_at(
            &owner,
            Call::StaffPolicySave(DeskPolicy {
                idle_lock_minutes: 1,
                calendar_visible_when_locked: false,
                pin_switch: true,
            }),
        )
        .await
        .unwrap();
    let reception = Desk::new();
    let _: DeskStatus = world
        .call_at(
            &reception,
            Call::StaffSignIn(SignIn {
                username: "rita".into(),
                password: "rita-password".into(),
            }),
        )
        .await
        .unwrap();
    (owner, reception)
}

fn the_calendar() -> Call {
    Call::CalendarRange(CalendarRange {
        from: "2026-11-18".into(),
        days: 1,
        include_cancelled: false,
    })
}

/// The owner's seat writes every 20 seconds for two minutes; after each write the reception
/// window reloads its calendar as `origin`. Returns what each reload answered.
async fn reloads_while_another_seat_writes(
    world: &World,
    origin: Origin,
) -> Vec<Option<ErrorCode>> {
    let (owner, reception) = two_desks(world).await;
    let mut answers = Vec::new();
    for n in 0..6 {
        world.clock.advance(Duration::seconds(20));
        let client = ClientInput {
            given_name: format!("Walk-in {n}"),
            family_name: "Person".into(),
            phone: format!("07700 900{n:03}"),
            ..ClientInput::default()
        };
        let _: Client = world
            .call_at(&owner, Call::ClientsCreate(client))
            .await
            .unwrap();
        let reload = world
            .call_from::<CalendarView>(&reception, the_calendar(), origin)
            .await;
        answers.push(reload.err().map(|e| e.code));
    }
    answers
}

#[tokio::test]
async fn another_seats_writes_do_not_keep_an_unattended_desk_awake() {
    let world = World::new().await;
    let answers = reloads_while_another_seat_writes(&world, Origin::Refresh).await;
    // Signed in at 0 s; reloads at 20, 40 and 60 s are inside the minute, the rest are not.
    let locked = Some(ErrorCode::Locked);
    assert_eq!(answers, [None, None, None, locked, locked, locked]);
}

#[tokio::test]
async fn a_person_using_the_desk_keeps_it_awake() {
    let world = World::new().await;
    let answers = reloads_while_another_seat_writes(&world, Origin::Person).await;
    assert_eq!(
        answers, [None; 6],
        "each of these calls was someone at the desk"
    );
}

/// What the desktop shell looks at once a second to wake its window: the journal's head moves
/// with another seat's write, the desk locks when its idle time passes, and looking — however
/// often — never keeps the desk awake.
#[tokio::test]
async fn the_shells_look_sees_other_seats_writes_and_the_idle_lock_without_keeping_a_desk_awake() {
    let world = World::new().await;
    let (owner, reception) = two_desks(&world).await;
    let first = watch::look(&world.clinic, &reception).await.unwrap();
    assert!(first.signed_in && !first.locked);

    world.clock.advance(Duration::seconds(20));
    let client = ClientInput {
        given_name: "Walk-in".into(),
        family_name: "Person".into(),
        phone: "07700 900123".into(),
        ..ClientInput::default()
    };
    let _: Client = world
        .call_at(&owner, Call::ClientsCreate(client))
        .await
        .unwrap();
    let after_write = watch::look(&world.clinic, &reception).await.unwrap();
    assert!(
        after_write.head > first.head,
        "another seat's write moves the head"
    );
    assert!(!after_write.locked);

    // Looked at every second for a minute and a bit: the desk locks all the same.
    for _ in 0..40 {
        world.clock.advance(Duration::seconds(1));
        let seen = watch::look(&world.clinic, &reception).await.unwrap();
        assert!(!seen.locked, "still inside the minute");
    }
    world.clock.advance(Duration::seconds(1));
    let idle = watch::look(&world.clinic, &reception).await.unwrap();
    assert_eq!(idle.head, after_write.head, "looking writes nothing");
    assert!(
        idle.signed_in && idle.locked,
        "a minute and a second after sign-in, nobody there"
    );

    let nobody = watch::look(&world.clinic, &Desk::new()).await.unwrap();
    assert!(!nobody.signed_in && !nobody.locked);
}

//! Staff accounts: first-run owner, sign-in, lockout with back-off, idle lock, quick switch,
//! the demo's accounts, and the journal naming real people.

use crate::world::{World, test_owner, test_settings};
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{Call, NoArgs};
use palma::audit::{JournalLine, JournalQuery};
use palma::demo::{DEMO_PASSWORD, DemoAccount};
use palma::scheduling::appointments::{Appointment, BookAppointment, CalendarRange, CalendarView};
use palma::settings::StartClinic;
use palma::staff::secrets::{SetPassword, SetPin};
use palma::staff::session::{DeskPolicy, SignIn, Switch, SwitchCandidate, Unlock};
use palma::staff::{Desk, DeskStatus, Role, StaffInput, StaffMember};
use serde_json::Value;

pub(crate) fn sign_in(username: &str, password: &str) -> Call {
    Call::StaffSignIn(SignIn {
        username: username.into(),
        password: password.into(),
    })
}

pub(crate) fn new_staff(username: &str, roles: &[Role]) -> StaffInput {
    StaffInput {
        id: None,
        display_name: format!("{username} person"),
        username: username.into(),
        roles: roles.to_vec(),
        practitioner_id: None,
        new_column: None,
        active: true,
        password: Some(format!("{username}-password")),
    }
}

/// A clinic set up at `desk` (so its owner is signed in there), plus a receptionist.
pub(crate) async fn clinic_with_reception(world: &World, desk: &Desk) -> StaffMember {
    let _: Value = world
        .call_at(
            desk,
            Call::SetupStart(StartClinic::Empty {
                settings: test_settings("Europe/London"),
                owner: test_owner(),
            }),
        )
        .await
        .unwrap();
    world
        .call_at(desk, Call::StaffSave(new_staff("rita", &[Role::Reception])))
        .await
        .unwrap()
}

async fn me(world: &World, desk: &Desk) -> DeskStatus {
    world.call_at(desk, Call::StaffMe(NoArgs {})).await.unwrap()
}

#[tokio::test]
async fn first_run_signs_the_owner_in_and_usernames_ignore_case() {
    let world = World::new().await;
    let desk = Desk::new();
    let rita = clinic_with_reception(&world, &desk).await;
    let status = me(&world, &desk).await;
    let owner = status.signed_in.expect("the new owner is signed in");
    assert_eq!(
        (owner.display_name.as_str(), owner.roles.as_slice()),
        ("Olive Owner", &[Role::Owner][..])
    );
    assert_eq!(rita.roles, vec![Role::Reception]);
    let _: DeskStatus = world
        .call_at(&desk, Call::StaffSignOut(NoArgs {}))
        .await
        .unwrap();
    assert!(me(&world, &desk).await.signed_in.is_none());
    let refused = world
        .call_at::<Value>(&desk, Call::SettingsGet(NoArgs {}))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated);
    let status: DeskStatus = world
        .call_at(&desk, sign_in("  OLIVE ", "olive-password"))
        .await
        .unwrap();
    assert_eq!(status.signed_in.unwrap().staff_id, owner.staff_id);
    let taken = world
        .call_at::<Value>(
            &desk,
            Call::StaffSave(new_staff("Rita", &[Role::Therapist])),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (taken.code, taken.field.as_deref()),
        (ErrorCode::Validation, Some("username"))
    );
    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM staff WHERE username = 'olive'")
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
    assert!(
        stored.starts_with("$argon2id$"),
        "passwords are stored as Argon2id hashes"
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_account_with_doubling_back_off() {
    let world = World::new().await;
    let owner_desk = Desk::new();
    clinic_with_reception(&world, &owner_desk).await;
    let desk = Desk::new();
    let attempt =
        |password: &'static str| world.call_at::<DeskStatus>(&desk, sign_in("rita", password));
    for _ in 0..5 {
        let error = attempt("wrong-guess").await.unwrap_err();
        assert_eq!(
            (error.code, error.field.as_deref()),
            (ErrorCode::Unauthenticated, Some("password"))
        );
    }
    let locked = attempt("rita-password").await.unwrap_err();
    assert!(
        locked.message.contains("Try again in 1 minute"),
        "{}",
        locked.message
    );
    world.clock.advance(Duration::seconds(61));
    assert!(attempt("wrong-guess").await.is_err(), "the sixth failure");
    world.clock.advance(Duration::seconds(61));
    let still = attempt("rita-password").await.unwrap_err();
    assert!(
        still.message.contains("Try again in 1 minute"),
        "doubled to two minutes: {}",
        still.message
    );
    world.clock.advance(Duration::seconds(60));
    let status = attempt("rita-password").await.unwrap();
    assert_eq!(status.signed_in.unwrap().display_name, "rita person");
    let failures: Vec<JournalLine> = world
        .call_at(&owner_desk, Call::JournalSearch(JournalQuery::default()))
        .await
        .unwrap();
    let failed = failures
        .iter()
        .filter(|l| l.action == "sign_in_failed")
        .count();
    assert_eq!(failed, 6, "every failure is journaled against the account");
}

#[tokio::test]
async fn an_idle_desk_locks_and_shows_the_calendar_without_names() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let _: Appointment = world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: f.clients[0].clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: "2026-11-18T14:00".into(),
        }))
        .await
        .unwrap();
    let _: StaffMember = world
        .call(Call::StaffSave(new_staff("rita", &[Role::Reception])))
        .await
        .unwrap();
    let desk = Desk::new();
    let _: DeskStatus = world
        .call_at(&desk, sign_in("rita", "rita-password"))
        .await
        .unwrap();
    let today = || {
        Call::CalendarRange(CalendarRange {
            from: "2026-11-18".into(),
            days: 1,
            include_cancelled: false,
        })
    };
    let open: CalendarView = world.call_at(&desk, today()).await.unwrap();
    assert_eq!(open.appointments[0].client_name, "Zoë Łukasiewicz-Ørsted");
    world.clock.advance(Duration::minutes(5));
    let _: CalendarView = world.call_at(&desk, today()).await.unwrap();
    world
        .clock
        .advance(Duration::minutes(5) + Duration::seconds(1));
    let search = world
        .call_at::<Value>(
            &desk,
            Call::ClientsGet(palma::api::ById {
                id: f.clients[0].clone(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(search.code, ErrorCode::Locked);
    assert!(me(&world, &desk).await.locked);
    let hidden: CalendarView = world.call_at(&desk, today()).await.unwrap();
    assert_eq!(hidden.appointments.len(), 1);
    assert_eq!(
        (
            hidden.appointments[0].client_name.as_str(),
            hidden.appointments[0].client_id.as_str()
        ),
        ("Booked", "")
    );
    let wrong = world
        .call_at::<DeskStatus>(
            &desk,
            Call::StaffUnlock(Unlock {
                secret: "nope-nope".into(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::Unauthenticated);
    let status: DeskStatus = world
        .call_at(
            &desk,
            Call::StaffUnlock(Unlock {
                secret: "rita-password".into(),
            }),
        )
        .await
        .unwrap();
    assert!(!status.locked);
    let again: CalendarView = world.call_at(&desk, today()).await.unwrap();
    assert_eq!(again.appointments[0].client_name, "Zoë Łukasiewicz-Ørsted");
    // The owner hides the calendar from locked desks too.
    let _: DeskPolicy = world
        .call(Call::StaffPolicySave(DeskPolicy {
            idle_lock_minutes: 2,
            calendar_visible_when_locked: false,
            pin_switch: true,
        }))
        .await
        .unwrap();
    world.clock.advance(Duration::minutes(3));
    let closed = world.call_at::<Value>(&desk, today()).await.unwrap_err();
    assert_eq!(closed.code, ErrorCode::Locked);
}

#[tokio::test]
async fn polling_the_change_feed_does_not_keep_a_desk_awake() {
    let world = World::new().await;
    let owner = Desk::new();
    clinic_with_reception(&world, &owner).await;
    // The UI learns that its desk locked from the reply to its regular poll.
    let mut replies = Vec::new();
    for _ in 0..12 {
        world.clock.advance(Duration::seconds(30));
        let reply = world
            .call_at::<Value>(
                &owner,
                Call::JournalChanges(palma::api::ChangesSince { since: 0 }),
            )
            .await;
        replies.push(reply.map(|_| ()).map_err(|e| e.code));
    }
    let mut expected = vec![Ok(()); 10];
    expected.extend([Err(ErrorCode::Locked), Err(ErrorCode::Locked)]);
    assert_eq!(
        replies, expected,
        "five minutes of polling alone lock the desk"
    );
}

#[tokio::test]
async fn quick_switch_with_a_pin_and_who_may_change_whose_secrets() {
    let world = World::new().await;
    let desk = Desk::new();
    let rita = clinic_with_reception(&world, &desk).await;
    let owner_id = me(&world, &desk).await.signed_in.unwrap().staff_id;
    let with_pin: StaffMember = world
        .call_at(
            &desk,
            Call::StaffSetPin(SetPin {
                staff_id: rita.id.clone(),
                current_password: None,
                pin: Some("2468".into()),
            }),
        )
        .await
        .unwrap();
    assert!(with_pin.has_pin);
    let listed: Vec<SwitchCandidate> = world
        .call_at(&desk, Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|c| c.display_name.as_str())
            .collect::<Vec<_>>(),
        ["rita person"]
    );
    let nobody: Vec<SwitchCandidate> = world
        .call_at(&Desk::new(), Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert!(nobody.is_empty(), "a desk nobody opened lists nobody");
    // With PIN switching turned off, nobody is offered and a PIN does not switch.
    let off: DeskPolicy = world
        .call_at(
            &desk,
            Call::StaffPolicySave(DeskPolicy {
                idle_lock_minutes: 5,
                calendar_visible_when_locked: true,
                pin_switch: false,
            }),
        )
        .await
        .unwrap();
    assert!(!off.pin_switch);
    let offered: Vec<SwitchCandidate> = world
        .call_at(&desk, Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert!(offered.is_empty());
    let refused = world
        .call_at::<DeskStatus>(
            &desk,
            Call::StaffSwitch(Switch {
                staff_id: rita.id.clone(),
                pin: "2468".into(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("staffId"));
    let _: DeskPolicy = world
        .call_at(
            &desk,
            Call::StaffPolicySave(DeskPolicy {
                idle_lock_minutes: 5,
                calendar_visible_when_locked: true,
                pin_switch: true,
            }),
        )
        .await
        .unwrap();
    let wrong = world
        .call_at::<DeskStatus>(
            &desk,
            Call::StaffSwitch(Switch {
                staff_id: rita.id.clone(),
                pin: "1357".into(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("pin"));
    let switched: DeskStatus = world
        .call_at(
            &desk,
            Call::StaffSwitch(Switch {
                staff_id: rita.id.clone(),
                pin: "2468".into(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(switched.signed_in.unwrap().staff_id, rita.id);
    let forbidden = world
        .call_at::<Value>(
            &desk,
            Call::StaffSetPassword(SetPassword {
                staff_id: owner_id,
                current_password: None,
                new_password: "taken-over!".into(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
    let no_current = world
        .call_at::<Value>(
            &desk,
            Call::StaffSetPassword(SetPassword {
                staff_id: rita.id.clone(),
                current_password: None,
                new_password: "new-rita-pass".into(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(no_current.field.as_deref(), Some("currentPassword"));
    let _: StaffMember = world
        .call_at(
            &desk,
            Call::StaffSetPassword(SetPassword {
                staff_id: rita.id.clone(),
                current_password: Some("rita-password".into()),
                new_password: "new-rita-pass".into(),
            }),
        )
        .await
        .unwrap();
    assert!(
        world
            .call_at::<DeskStatus>(&Desk::new(), sign_in("rita", "new-rita-pass"))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn deactivating_someone_signs_them_out_and_an_owner_always_remains() {
    let world = World::new().await;
    let owner = Desk::new();
    let rita = clinic_with_reception(&world, &owner).await;
    let owner_id = me(&world, &owner).await.signed_in.unwrap().staff_id;
    let desk = Desk::new();
    let _: DeskStatus = world
        .call_at(&desk, sign_in("rita", "rita-password"))
        .await
        .unwrap();
    let _: StaffMember = world
        .call_at(
            &owner,
            Call::StaffSave(StaffInput {
                id: Some(rita.id.clone()),
                active: false,
                password: None,
                ..new_staff("rita", &[Role::Reception])
            }),
        )
        .await
        .unwrap();
    let gone = world
        .call_at::<Value>(&desk, Call::SettingsGet(NoArgs {}))
        .await
        .unwrap_err();
    assert_eq!(gone.code, ErrorCode::Unauthenticated);
    assert!(
        world
            .call_at::<DeskStatus>(&Desk::new(), sign_in("rita", "rita-password"))
            .await
            .is_err()
    );
    let last_owner = world
        .call_at::<Value>(
            &owner,
            Call::StaffSave(StaffInput {
                id: Some(owner_id),
                password: None,
                ..new_staff("olive", &[Role::Reception])
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(last_owner.field.as_deref(), Some("roles"));
    let staff: Vec<StaffMember> = world
        .call_at(&owner, Call::StaffList(NoArgs {}))
        .await
        .unwrap();
    assert!(staff.iter().any(|s| s.roles == [Role::Owner] && s.active));
}

#[tokio::test]
async fn the_demo_has_accounts_to_show_and_real_clinics_do_not() {
    let world = World::for_demo().await;
    let none: Vec<DemoAccount> = world
        .call(Call::SetupDemoAccounts(NoArgs {}))
        .await
        .unwrap();
    assert!(none.is_empty());
    let _: Value = world
        .call(Call::SetupStart(StartClinic::Demo))
        .await
        .unwrap();
    let accounts: Vec<DemoAccount> = world
        .call(Call::SetupDemoAccounts(NoArgs {}))
        .await
        .unwrap();
    let names: Vec<_> = accounts.iter().map(|a| a.username.as_str()).collect();
    assert_eq!(names, ["owner", "reception", "maya", "tom", "hannah"]);
    for account in &accounts {
        let desk = Desk::new();
        let status: DeskStatus = world
            .call_at(&desk, sign_in(&account.username, DEMO_PASSWORD))
            .await
            .unwrap();
        assert_eq!(status.signed_in.unwrap().roles, account.roles);
    }
    let owner = Desk::new();
    let _: DeskStatus = world
        .call_at(&owner, sign_in("owner", DEMO_PASSWORD))
        .await
        .unwrap();
    let staff: Vec<StaffMember> = world
        .call_at(&owner, Call::StaffList(NoArgs {}))
        .await
        .unwrap();
    let therapists = staff
        .iter()
        .filter(|s| s.roles == [Role::Therapist] && s.practitioner_id.is_some());
    assert_eq!(
        therapists.count(),
        3,
        "each demo therapist is linked to their calendar"
    );
    let by_owner: Vec<JournalLine> = world
        .call_at(
            &owner,
            Call::JournalSearch(JournalQuery {
                staff_id: Some(me(&world, &owner).await.signed_in.unwrap().staff_id),
                limit: Some(1000),
                ..JournalQuery::default()
            }),
        )
        .await
        .unwrap();
    assert!(
        by_owner.len() > 100,
        "the demo was made by its owner: {}",
        by_owner.len()
    );
    assert!(
        by_owner
            .iter()
            .all(|l| l.staff_name == "Rosa Lindgren" && l.workstation == "test-desk")
    );
}

#[tokio::test]
async fn the_journal_can_be_filtered_by_client_and_day() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    world.clock.advance(Duration::days(1));
    let _: Appointment = world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: f.clients[1].clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: "2026-11-20T14:00".into(),
        }))
        .await
        .unwrap();
    let query = |client: Option<&String>, from: Option<&str>| JournalQuery {
        client_id: client.cloned(),
        from: from.map(str::to_owned),
        to: from.map(str::to_owned),
        ..JournalQuery::default()
    };
    let about: Vec<JournalLine> = world
        .call(Call::JournalSearch(query(Some(&f.clients[1]), None)))
        .await
        .unwrap();
    assert_eq!(
        about.iter().map(|l| l.entity.as_str()).collect::<Vec<_>>(),
        ["appointment", "client"]
    );
    // Each line names its client, so the owner's screen needs no lookup per client.
    assert!(
        about
            .iter()
            .all(|l| l.client_name == "Minh Khai Nguyễn Thị")
    );
    let tomorrow: Vec<JournalLine> = world
        .call(Call::JournalSearch(query(None, Some("2026-11-19"))))
        .await
        .unwrap();
    assert_eq!(tomorrow.len(), 1);
    assert_eq!(tomorrow[0].at, "2026-11-19T09:00");
    let bad = world
        .call::<Value>(Call::JournalSearch(query(None, Some("19/11/2026"))))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("from"));
}

#[tokio::test]
async fn a_clinic_from_before_accounts_gets_its_owner_once() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    // As if the clinic had been made before staff accounts existed.
    sqlx::query("DELETE FROM staff")
        .execute(world.clinic.pool())
        .await
        .unwrap();
    assert!(world.status().await.needs_owner);
    let desk = Desk::new();
    let status: palma::settings::SetupStatus = world
        .call_at(&desk, Call::SetupCreateOwner(test_owner()))
        .await
        .unwrap();
    assert!(!status.needs_owner);
    assert_eq!(
        me(&world, &desk).await.signed_in.unwrap().roles,
        [Role::Owner]
    );
    let again = world
        .call_at::<Value>(&Desk::new(), Call::SetupCreateOwner(test_owner()))
        .await
        .unwrap_err();
    assert_eq!(
        again.code,
        ErrorCode::Conflict,
        "only while there is no account at all"
    );
}

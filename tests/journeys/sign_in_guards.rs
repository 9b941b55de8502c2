//! Sign-in under pressure: two hundred wrong PINs or passwords sent at once lock the account
//! after five (the lockout is checked and each try counted under the writers' lock); a PIN
//! switches only at a desk someone opened with a password; and the owner lifts a lockout at the
//! command line with `palma unlock-account USER`, journaled.

use crate::staff::{clinic_with_reception, new_staff, sign_in};
use crate::world::World;
use palma::api::{Call, NoArgs};
use palma::audit::{JournalLine, JournalQuery};
use palma::staff::secrets::{SetPin, unlock_account};
use palma::staff::session::{Switch, SwitchCandidate};
use palma::staff::{Desk, DeskStatus, Role, StaffMember};
use palma::{ApiError, ErrorCode};
use std::sync::Arc;

fn switch_to(staff_id: &str, pin: &str) -> Call {
    Call::StaffSwitch(Switch {
        staff_id: staff_id.into(),
        pin: pin.into(),
    })
}

async fn give_pin(world: &World, desk: &Desk, staff_id: &str, pin: &str) {
    let _: StaffMember = world
        .call_at(
            desk,
            Call::StaffSetPin(SetPin {
                staff_id: staff_id.into(),
                current_password: None,
                pin: Some(pin.into()),
            }),
        )
        .await
        .unwrap();
}

/// How many journal lines with `action` name the account `staff_id`.
async fn journaled(world: &World, desk: &Desk, action: &str, staff_id: &str) -> usize {
    let lines: Vec<JournalLine> = world
        .call_at(
            desk,
            Call::JournalSearch(JournalQuery {
                action: palma::audit::JournalAction::from_name(action),
                limit: Some(1000),
                ..JournalQuery::default()
            }),
        )
        .await
        .unwrap();
    lines
        .iter()
        .filter(|l| l.action == action && l.entity_id == staff_id)
        .count()
}

/// Sends `calls` wrong tries at once; returns (refused as wrong, refused as locked out).
async fn all_at_once(
    world: &Arc<World>,
    desk: &Arc<Desk>,
    calls: impl Iterator<Item = Call>,
) -> (usize, usize) {
    let mut tries = tokio::task::JoinSet::new();
    for call in calls {
        let (world, desk) = (world.clone(), desk.clone());
        tries.spawn(async move { world.call_at::<DeskStatus>(&desk, call).await });
    }
    let outcomes: Vec<Result<DeskStatus, ApiError>> = tries.join_all().await;
    let refused: Vec<ApiError> = outcomes
        .into_iter()
        .map(|outcome| outcome.expect_err("every try is wrong"))
        .collect();
    let locked = refused
        .iter()
        .filter(|e| e.message.starts_with("Too many wrong attempts"))
        .count();
    assert!(refused.iter().all(|e| e.code == ErrorCode::Unauthenticated));
    (refused.len() - locked, locked)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_wrong_pins_or_passwords_at_once_lock_the_account_after_five() {
    let world = Arc::new(World::new().await);
    let desk = Arc::new(Desk::new());
    let rita = clinic_with_reception(&world, &desk).await;
    give_pin(&world, &desk, &rita.id, "2468").await;
    let pins = (0..200).map(|i| switch_to(&rita.id, &format!("{:04}", 1000 + i)));
    let (wrong, locked) = all_at_once(&world, &desk, pins).await;
    assert_eq!(
        (wrong, locked),
        (5, 195),
        "five PINs compared, the rest refused"
    );
    assert_eq!(
        journaled(&world, &desk, "switch_in_failed", &rita.id).await,
        5
    );
    let right = world
        .call_at::<DeskStatus>(&desk, switch_to(&rita.id, "2468"))
        .await
        .unwrap_err();
    assert!(
        right.message.starts_with("Too many wrong attempts"),
        "{right:?}"
    );

    let tess: StaffMember = world
        .call_at(
            &desk,
            Call::StaffSave(new_staff("tess", &[Role::Therapist])),
        )
        .await
        .unwrap();
    let fresh = Arc::new(Desk::new());
    let passwords = (0..200).map(|i| sign_in("tess", &format!("wrong-guess-{i}")));
    let (wrong, locked) = all_at_once(&world, &fresh, passwords).await;
    assert_eq!((wrong, locked), (5, 195), "five passwords compared");
    assert_eq!(
        journaled(&world, &desk, "sign_in_failed", &tess.id).await,
        5
    );
    let stored: Vec<StaffMember> = world
        .call_at(&desk, Call::StaffList(NoArgs {}))
        .await
        .unwrap();
    let tess = stored.iter().find(|m| m.id == tess.id).unwrap();
    let lockout = world.clinic.now().timestamp_millis() + 60_000;
    assert_eq!(
        tess.locked_until_ms,
        Some(lockout),
        "locked for the first minute"
    );
}

#[tokio::test]
async fn a_pin_switches_only_at_a_desk_someone_opened_with_a_password() {
    let world = World::new().await;
    let owner_desk = Desk::new();
    let rita = clinic_with_reception(&world, &owner_desk).await;
    give_pin(&world, &owner_desk, &rita.id, "2468").await;
    // Palma has just started at this desk: nobody has signed in here with a password.
    let fresh = Desk::new();
    let refused = world
        .call_at::<DeskStatus>(&fresh, switch_to(&rita.id, "2468"))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code, refused.field.as_deref()),
        (ErrorCode::Unauthenticated, Some("staffId"))
    );
    assert!(refused.message.contains("password"), "{}", refused.message);
    assert_eq!(
        journaled(&world, &owner_desk, "switch_in", &rita.id).await
            + journaled(&world, &owner_desk, "switch_in_failed", &rita.id).await,
        0,
        "refused before any PIN is compared"
    );
    // Once someone signs in there with a password, PINs switch, even after they sign out.
    let _: DeskStatus = world
        .call_at(&fresh, sign_in("olive", "olive-password"))
        .await
        .unwrap();
    let offered: Vec<SwitchCandidate> = world
        .call_at(&fresh, Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(offered.len(), 1);
    let _: DeskStatus = world
        .call_at(&fresh, Call::StaffSignOut(NoArgs {}))
        .await
        .unwrap();
    let switched: DeskStatus = world
        .call_at(&fresh, switch_to(&rita.id, "2468"))
        .await
        .unwrap();
    assert_eq!(switched.signed_in.unwrap().staff_id, rita.id);
}

/// Five wrong passwords for rita: her account is locked.
async fn lock_out_rita(world: &World) {
    for _ in 0..5 {
        let desk = Desk::new();
        let wrong = world.call_at::<DeskStatus>(&desk, sign_in("rita", "wrong-guess"));
        assert!(wrong.await.is_err());
    }
    let locked = world
        .call_at::<DeskStatus>(&Desk::new(), sign_in("rita", "rita-password"))
        .await
        .unwrap_err();
    assert!(
        locked.message.starts_with("Too many wrong attempts"),
        "{locked:?}"
    );
}

async fn rita_signs_in(world: &World, rita: &StaffMember) {
    let back: DeskStatus = world
        .call_at(&Desk::new(), sign_in("rita", "rita-password"))
        .await
        .unwrap();
    assert_eq!(back.signed_in.unwrap().staff_id, rita.id);
}

#[tokio::test]
async fn the_owner_unlocks_an_account_at_the_command_line() {
    let world = World::new().await;
    let desk = Desk::new();
    let rita = clinic_with_reception(&world, &desk).await;
    lock_out_rita(&world).await;
    let unlocked = unlock_account(&world.clinic, &world.owner, " RITA ")
        .await
        .unwrap();
    assert_eq!(
        (unlocked.id.as_str(), unlocked.locked_until_ms),
        (rita.id.as_str(), None)
    );
    rita_signs_in(&world, &rita).await;
    assert_eq!(
        journaled(&world, &desk, "unlock_account", &rita.id).await,
        1
    );
    let unknown = unlock_account(&world.clinic, &world.owner, "nobody")
        .await
        .unwrap_err();
    assert_eq!(
        (unknown.code, unknown.field.as_deref()),
        (ErrorCode::NotFound, Some("username"))
    );
    let reception = unlock_account(&world.clinic, &world.account(Role::Reception).await, "rita")
        .await
        .unwrap_err();
    assert_eq!(reception.code, ErrorCode::Forbidden);

    // The same through the command line, on the same database.
    lock_out_rita(&world).await;
    // Awaited, not blocking: the test's runtime must keep running its pool meanwhile.
    let cli = tokio::process::Command::new(env!("CARGO_BIN_EXE_palma"))
        .arg("--database")
        .arg(world.clinic.url())
        .args(["unlock-account", "rita"])
        .output()
        .await
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let said = String::from_utf8_lossy(&cli.stdout);
    assert!(said.starts_with("unlocked rita (rita person)"), "{said}");
    rita_signs_in(&world, &rita).await;
    assert_eq!(
        journaled(&world, &desk, "unlock_account", &rita.id).await,
        2
    );
}

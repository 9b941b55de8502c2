//! Staff managed, not just added (issue 12): a therapist's sign-in linked to their diary column
//! (a new one made with them, or an existing one later) opens their own clients' records; one
//! column is one person's; a leaver is deactivated and can return, their name kept on what they
//! did; the last owner stays; an owner's password reset must be replaced before anything else;
//! new staff with a PIN can switch in.

use crate::care::by;
use crate::staff::{new_staff, sign_in};
use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::{Call, NoArgs};
use palma::audit::{JournalLine, JournalQuery};
use palma::staff::secrets::{SetPassword, SetPin};
use palma::staff::session::{Switch, SwitchCandidate};
use palma::staff::{Desk, DeskStatus, Role, StaffInput, StaffMember};
use serde_json::Value;

/// Saves an account as the owner (the command line's built-in owner).
async fn save(world: &World, input: StaffInput) -> Result<StaffMember, palma::ApiError> {
    world.call(Call::StaffSave(input)).await
}

/// A therapist account for `username`, linked as `column` says.
fn therapist(username: &str, practitioner_id: Option<&str>, new_column: bool) -> StaffInput {
    StaffInput {
        practitioner_id: practitioner_id.map(str::to_owned),
        new_column: Some(new_column),
        ..new_staff(username, &[Role::Therapist])
    }
}

/// The same account with changes: name, roles, column, active.
fn edited(member: &StaffMember) -> StaffInput {
    StaffInput {
        id: Some(member.id.clone()),
        display_name: member.display_name.clone(),
        username: member.username.clone(),
        roles: member.roles.clone(),
        practitioner_id: member.practitioner_id.clone(),
        new_column: None,
        active: member.active,
        password: None,
    }
}

/// A desk where `username` signed in with their password.
async fn desk_of(world: &World, username: &str, password: &str) -> Desk {
    let desk = Desk::new();
    let _: DeskStatus = world
        .call_at(&desk, sign_in(username, password))
        .await
        .unwrap();
    desk
}

async fn opens_record(world: &World, desk: &Desk, client: &str) -> Result<Value, palma::ApiError> {
    world.call_at(desk, Call::CareRecord(by(client))).await
}

#[tokio::test]
async fn a_therapist_added_with_a_new_column_opens_their_own_clients_records() {
    let world = World::new().await;
    let f: Fixture = world.small_clinic().await;
    let columns_before = world.count("practitioners").await;
    let lena = save(&world, therapist("lena", None, true)).await.unwrap();
    let column = lena
        .practitioner_id
        .clone()
        .expect("linked to a new column");
    assert_eq!(world.count("practitioners").await, columns_before + 1);
    let name: String = sqlx::query_scalar("SELECT display_name FROM practitioners WHERE id = $1")
        .bind(&column)
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    assert_eq!(name, "lena person", "the column is named as the person");

    let zoe = &f.clients[0];
    world.book_with(&f, zoe, &column, "2026-11-25T09:00").await;
    let desk = desk_of(&world, "lena", "lena-password").await;
    opens_record(&world, &desk, zoe)
        .await
        .expect("their own client's record opens without a reason");
    let other = opens_record(&world, &desk, &f.clients[1])
        .await
        .unwrap_err();
    assert_eq!(other.code, ErrorCode::Forbidden);

    // Added without a column: refused, and told why and how to fix it.
    let ben = save(&world, therapist("ben", None, false)).await.unwrap();
    world
        .book_with(&f, &f.clients[2], &f.tom, "2026-11-25T11:00")
        .await;
    let ben_desk = desk_of(&world, "ben", "ben-password").await;
    let refused = opens_record(&world, &ben_desk, &f.clients[2])
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(
        refused.message.contains("not linked to a diary column"),
        "{}",
        refused.message
    );
    // Linked later, to an existing column: Tom's clients are now his.
    let linked = save(
        &world,
        StaffInput {
            practitioner_id: Some(f.tom.clone()),
            ..edited(&ben)
        },
    )
    .await
    .unwrap();
    assert_eq!(linked.practitioner_id.as_deref(), Some(f.tom.as_str()));
    opens_record(&world, &ben_desk, &f.clients[2])
        .await
        .expect("opens once linked");
}

#[tokio::test]
async fn one_diary_column_is_one_persons_and_a_failed_save_leaves_nothing() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let maya = save(&world, therapist("maya", Some(&f.maya), false))
        .await
        .unwrap();
    let taken = save(&world, therapist("mia", Some(&f.maya), false))
        .await
        .unwrap_err();
    assert_eq!(
        (taken.code, taken.field.as_deref()),
        (ErrorCode::Validation, Some("practitionerId"))
    );
    assert!(taken.message.contains("maya person"), "{}", taken.message);
    let staff_before = world.count("staff").await;
    let columns_before = world.count("practitioners").await;
    // Both ways at once, or a column for someone who is not a therapist: refused, nothing made.
    for wrong in [
        therapist("mia", Some(&f.tom), true),
        StaffInput {
            new_column: Some(true),
            ..new_staff("rita", &[Role::Reception])
        },
    ] {
        let error = save(&world, wrong).await.unwrap_err();
        assert_eq!(error.field.as_deref(), Some("practitionerId"));
    }
    // A taken username after the new column was made: the whole save is undone.
    let error = save(&world, therapist("maya", None, true))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("username"));
    assert_eq!(world.count("staff").await, staff_before);
    assert_eq!(world.count("practitioners").await, columns_before);
    // Saving Maya again with her own column is no conflict.
    save(&world, edited(&maya)).await.unwrap();
}

#[tokio::test]
async fn a_leaver_is_deactivated_keeps_their_name_and_can_come_back() {
    let world = World::new().await;
    let owner = Desk::new();
    let rita = crate::staff::clinic_with_reception(&world, &owner).await;
    let owner_id = world
        .call_at::<DeskStatus>(&owner, Call::StaffMe(NoArgs {}))
        .await
        .unwrap()
        .signed_in
        .unwrap()
        .staff_id;
    let _: StaffMember = world
        .call_at(
            &owner,
            Call::StaffSetPin(SetPin {
                staff_id: rita.id.clone(),
                current_password: None,
                pin: Some("2468".into()),
            }),
        )
        .await
        .unwrap();
    let rita_desk = desk_of(&world, "rita", "rita-password").await;
    let gone: StaffMember = world
        .call_at(
            &owner,
            Call::StaffSave(StaffInput {
                active: false,
                ..edited(&rita)
            }),
        )
        .await
        .unwrap();
    assert!(!gone.active);
    let refused = world
        .call_at::<DeskStatus>(&Desk::new(), sign_in("rita", "rita-password"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated);
    let candidates: Vec<SwitchCandidate> = world
        .call_at(&owner, Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert!(candidates.iter().all(|c| c.staff_id != rita.id));
    assert_eq!(
        world
            .call_at::<Value>(&rita_desk, Call::SettingsGet(NoArgs {}))
            .await
            .unwrap_err()
            .code,
        ErrorCode::Unauthenticated
    );
    // Her history still says her name, and the journal says she was deactivated.
    let lines: Vec<JournalLine> = world
        .call_at(&owner, Call::JournalSearch(JournalQuery::default()))
        .await
        .unwrap();
    assert!(
        lines
            .iter()
            .any(|l| l.staff_id == rita.id && l.staff_name == "rita person"),
        "her own sign-in is still said with her name"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.action.as_str() == "deactivate" && l.entity_id == rita.id)
    );

    let back: StaffMember = world
        .call_at(
            &owner,
            Call::StaffSave(StaffInput {
                active: true,
                ..edited(&gone)
            }),
        )
        .await
        .unwrap();
    assert!(back.active && back.has_pin);
    desk_of(&world, "rita", "rita-password").await;

    // The last active owner can be neither deactivated nor demoted.
    let me: StaffMember = world
        .call_at::<Vec<StaffMember>>(&owner, Call::StaffList(NoArgs {}))
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.id == owner_id)
        .unwrap();
    let deactivate = world
        .call_at::<StaffMember>(
            &owner,
            Call::StaffSave(StaffInput {
                active: false,
                ..edited(&me)
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (deactivate.code, deactivate.field.as_deref()),
        (ErrorCode::Validation, Some("active"))
    );
    assert!(deactivate.message.contains("last active owner"));
    let demote = world
        .call_at::<StaffMember>(
            &owner,
            Call::StaffSave(StaffInput {
                roles: vec![Role::Therapist],
                ..edited(&me)
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(demote.field.as_deref(), Some("roles"));
}

fn new_password(staff_id: &str, current: Option<&str>, new: &str) -> Call {
    Call::StaffSetPassword(SetPassword {
        staff_id: staff_id.into(),
        current_password: current.map(str::to_owned),
        new_password: new.into(),
    })
}

#[tokio::test]
async fn a_reset_password_must_be_replaced_before_anything_else() {
    let world = World::new().await;
    let owner = Desk::new();
    let rita = crate::staff::clinic_with_reception(&world, &owner).await;
    let reset: StaffMember = world
        .call_at(&owner, new_password(&rita.id, None, "temporary-1"))
        .await
        .unwrap();
    assert!(reset.must_change_password);
    assert!(
        world
            .call_at::<DeskStatus>(&Desk::new(), sign_in("rita", "rita-password"))
            .await
            .is_err(),
        "the old password no longer works"
    );
    let desk = Desk::new();
    let status: DeskStatus = world
        .call_at(&desk, sign_in("rita", "temporary-1"))
        .await
        .unwrap();
    assert!(status.must_change_password);
    for call in [
        Call::SettingsGet(NoArgs {}),
        Call::ClientsSearch(palma::clients::SearchClients {
            text: "a".into(),
            limit: None,
        }),
        Call::StaffSetPin(SetPin {
            staff_id: rita.id.clone(),
            current_password: Some("temporary-1".into()),
            pin: Some("1357".into()),
        }),
    ] {
        let refused = world.call_at::<Value>(&desk, call).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::MustChangePassword);
        assert!(refused.message.contains("choose a new password"));
    }
    let same = world
        .call_at::<StaffMember>(
            &desk,
            new_password(&rita.id, Some("temporary-1"), "temporary-1"),
        )
        .await
        .unwrap_err();
    assert_eq!(same.field.as_deref(), Some("newPassword"));
    let wrong = world
        .call_at::<StaffMember>(
            &desk,
            new_password(&rita.id, Some("guess-it-1"), "mine-now-1"),
        )
        .await
        .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("currentPassword"));
    let own: StaffMember = world
        .call_at(
            &desk,
            new_password(&rita.id, Some("temporary-1"), "mine-now-1"),
        )
        .await
        .unwrap();
    assert!(!own.must_change_password);
    let _: Value = world
        .call_at(&desk, Call::SettingsGet(NoArgs {}))
        .await
        .unwrap();
    let status: DeskStatus = world
        .call_at(&desk, Call::StaffMe(NoArgs {}))
        .await
        .unwrap();
    assert!(!status.must_change_password);

    // Journaled as a reset, then her own change; no secret anywhere in the journal.
    let lines: Vec<JournalLine> = world
        .call_at(&owner, Call::JournalSearch(JournalQuery::default()))
        .await
        .unwrap();
    let actions: Vec<&str> = lines
        .iter()
        .filter(|l| l.entity_id == rita.id)
        .map(|l| l.action.as_str())
        .collect();
    assert!(actions.contains(&"reset_password") && actions.contains(&"set_password"));
    let raw: Vec<String> = sqlx::query_scalar("SELECT detail FROM journal")
        .fetch_all(world.clinic.pool())
        .await
        .unwrap();
    assert!(
        raw.iter()
            .all(|d| !d.contains("temporary") && !d.contains("mine-now"))
    );
}

#[tokio::test]
async fn new_staff_with_a_pin_can_switch_in_and_everyone_sets_their_own_pin() {
    let world = World::new().await;
    let owner = Desk::new();
    let rita = crate::staff::clinic_with_reception(&world, &owner).await;
    let lena: StaffMember = world
        .call_at(
            &owner,
            Call::StaffSave(StaffInput {
                new_column: Some(true),
                ..new_staff("lena", &[Role::Therapist])
            }),
        )
        .await
        .unwrap();
    let pin_for = |staff_id: &str, current: Option<&str>, pin: Option<&str>| {
        Call::StaffSetPin(SetPin {
            staff_id: staff_id.into(),
            current_password: current.map(str::to_owned),
            pin: pin.map(str::to_owned),
        })
    };
    // The owner sets Lena's PIN; Rita sets her own with her password.
    let _: StaffMember = world
        .call_at(&owner, pin_for(&lena.id, None, Some("1357")))
        .await
        .unwrap();
    let rita_desk = desk_of(&world, "rita", "rita-password").await;
    let own: StaffMember = world
        .call_at(
            &rita_desk,
            pin_for(&rita.id, Some("rita-password"), Some("8642")),
        )
        .await
        .unwrap();
    assert!(own.has_pin);
    let names =
        |list: Vec<SwitchCandidate>| list.into_iter().map(|c| c.display_name).collect::<Vec<_>>();
    let candidates: Vec<SwitchCandidate> = world
        .call_at(&owner, Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(names(candidates), ["lena person", "rita person"]);
    let status: DeskStatus = world
        .call_at(
            &owner,
            Call::StaffSwitch(Switch {
                staff_id: lena.id.clone(),
                pin: "1357".into(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(status.signed_in.unwrap().staff_id, lena.id);

    // Cleared by the owner: no longer offered.
    let cleared: StaffMember = world.call(pin_for(&lena.id, None, None)).await.unwrap();
    assert!(!cleared.has_pin);
    let candidates: Vec<SwitchCandidate> = world
        .call_at(&rita_desk, Call::StaffSwitchList(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(names(candidates), ["rita person"]);
    let lines: Vec<JournalLine> = world
        .call(Call::JournalSearch(JournalQuery::default()))
        .await
        .unwrap();
    assert!(
        lines
            .iter()
            .any(|l| l.action.as_str() == "clear_pin" && l.entity_id == lena.id)
    );
}

//! A guided start: a form's problems come back all at once, a clinic's time zone is a place
//! (never UTC), the "Getting started" checklist is ticked from the data, and backups with no
//! folder yet ask for one instead of reporting a failure.

use crate::world::{World, test_owner, test_settings};
use palma::ErrorCode;
use palma::api::{Call, NoArgs};
use palma::backup::{self, BackupNow, BackupReport, BackupSettings, BackupState};
use palma::clients::ClientInput;
use palma::error::ApiError;
use palma::scheduling::hours::{ClinicHours, TherapistHours, WeeklyBlock};
use palma::scheduling::{PractitionerInput, RoomInput, ServiceInput};
use palma::settings::checklist::{SetupChecklist, SetupStep};
use palma::settings::choices::SettingsChoices;
use palma::settings::{SettingsInput, StartClinic};
use palma::staff::{Actor, NewStaff, Role, StaffInput};
use serde_json::Value;

fn fields_of(error: &ApiError) -> Vec<&str> {
    error.problems.iter().map(|p| p.field.as_str()).collect()
}

#[tokio::test]
async fn first_run_names_every_problem_of_clinic_and_owner_at_once() {
    let world = World::new().await;
    let error = world
        .call::<Value>(Call::SetupStart(StartClinic::Empty {
            settings: SettingsInput {
                name: " ".into(),
                email: "desk-at-example".into(),
                currency: "ZZZ".into(),
                ..test_settings("UTC")
            },
            owner: NewStaff {
                password: "short".into(),
                ..test_owner()
            },
        }))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(
        fields_of(&error),
        ["name", "timeZone", "currency", "email", "owner.password"]
    );
    assert_eq!(
        (error.field.as_deref(), error.message.as_str()),
        (Some("name"), "Clinic name is required."),
        "the first problem is still the plain field and message"
    );
    let wire = serde_json::to_value(&error).unwrap();
    assert_eq!(wire["problems"][1]["field"], "timeZone");
    assert!(!world.status().await.configured);
    assert_eq!(world.count("journal").await, 0, "nothing written");
}

#[tokio::test]
async fn a_clinic_is_somewhere_utc_and_fixed_offsets_are_refused() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    for zone in ["UTC", "Etc/UTC", "Etc/GMT-2", "GMT", "US/Eastern"] {
        let error = world
            .call::<Value>(Call::SettingsUpdate(test_settings(zone)))
            .await
            .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("timeZone"), "{zone}");
        assert!(error.message.contains("Europe/London"), "{}", error.message);
    }
    let choices: SettingsChoices = world.call(Call::SettingsChoices(NoArgs {})).await.unwrap();
    assert!(choices.time_zones.iter().any(|z| z == "Europe/London"));
    assert!(choices.time_zones.iter().any(|z| z == "America/Toronto"));
    assert!(
        !choices
            .time_zones
            .iter()
            .any(|z| z == "UTC" || z.starts_with("Etc/") || z.starts_with("US/")),
        "only places are offered"
    );
    let pound = choices.currencies.iter().find(|c| c.code == "GBP").unwrap();
    assert_eq!(pound.name, "British Pound");
    let stored: palma::settings::ClinicSettings =
        world.call(Call::SettingsGet(NoArgs {})).await.unwrap();
    assert_eq!(stored.time_zone, "Europe/London");
}

#[tokio::test]
async fn room_service_therapist_client_and_staff_forms_report_every_problem() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    let journal = world.count("journal").await;
    let room = world
        .call::<Value>(Call::RoomsSave(RoomInput {
            id: None,
            name: String::new(),
            room_type: "x".repeat(41),
            active: true,
        }))
        .await
        .unwrap_err();
    assert_eq!(fields_of(&room), ["name", "roomType"]);
    let service = world
        .call::<Value>(Call::ServicesSave(ServiceInput {
            id: None,
            name: String::new(),
            duration_min: 0,
            buffer_min: 500,
            price_minor: -1,
            colour: "teal".into(),
            room_type: String::new(),
            practitioner_ids: vec!["nope".into()],
            active: true,
        }))
        .await
        .unwrap_err();
    assert_eq!(
        fields_of(&service),
        [
            "name",
            "durationMin",
            "bufferMin",
            "priceMinor",
            "colour",
            "practitionerIds"
        ]
    );
    let therapist = world
        .call::<Value>(Call::PractitionersSave(PractitionerInput {
            id: None,
            display_name: String::new(),
            colour: "green".into(),
            active: true,
        }))
        .await
        .unwrap_err();
    assert_eq!(fields_of(&therapist), ["displayName", "colour"]);
    let client = world
        .call::<Value>(Call::ClientsCreate(ClientInput {
            given_name: String::new(),
            family_name: String::new(),
            email: "not-an-email".into(),
            ..ClientInput::default()
        }))
        .await
        .unwrap_err();
    assert_eq!(fields_of(&client), ["givenName", "familyName", "email"]);
    let staff = world
        .call::<Value>(Call::StaffSave(StaffInput {
            id: None,
            display_name: String::new(),
            username: "a".into(),
            roles: vec![],
            practitioner_id: None,
            new_column: None,
            active: true,
            password: Some("long-enough-password".into()),
        }))
        .await
        .unwrap_err();
    assert_eq!(fields_of(&staff), ["displayName", "username", "roles"]);
    let practitioner: palma::scheduling::Practitioner = world
        .call(Call::PractitionersSave(PractitionerInput {
            id: None,
            display_name: "Maya Patel".into(),
            colour: "#2f7d6d".into(),
            active: true,
        }))
        .await
        .unwrap();
    let hours = world
        .call::<Value>(Call::TherapistHoursSave(TherapistHours {
            practitioner_id: practitioner.id,
            weekly: vec![block(1, "17:00", "09:00")],
            breaks: vec![block(9, "12:00", "13:00")],
            time_off: vec![],
            day_changes: vec![],
        }))
        .await
        .unwrap_err();
    assert_eq!(fields_of(&hours), ["weekly", "breaks"]);
    assert_eq!(
        world.count("journal").await,
        journal + 1,
        "only the valid therapist was written"
    );
}

fn block(weekday: i32, start: &str, end: &str) -> WeeklyBlock {
    WeeklyBlock {
        weekday,
        start: start.into(),
        end: end.into(),
    }
}

async fn undone(world: &World) -> Vec<SetupStep> {
    let checklist: SetupChecklist = world.call(Call::SetupChecklist(NoArgs {})).await.unwrap();
    assert_eq!(checklist.items.len(), 6);
    assert_eq!(
        checklist.complete,
        checklist.items.iter().all(|i| i.done),
        "complete means every step"
    );
    checklist
        .items
        .iter()
        .filter(|i| !i.done)
        .map(|i| i.step)
        .collect()
}

#[tokio::test]
async fn the_checklist_is_ticked_from_the_clinics_data() {
    use SetupStep::*;
    let world = World::new().await;
    world.set_up("Europe/London").await;
    assert_eq!(
        undone(&world).await,
        [Details, Rooms, Services, Therapists, OpeningHours, Backups]
    );

    let _: Value = world
        .call(Call::SettingsUpdate(SettingsInput {
            address: "1 Quay Street".into(),
            phone: "+44 20 7946 0958".into(),
            ..test_settings("Europe/London")
        }))
        .await
        .unwrap();
    let room: palma::scheduling::Room = world
        .call(Call::RoomsSave(RoomInput {
            id: None,
            name: "Willow room".into(),
            room_type: String::new(),
            active: true,
        }))
        .await
        .unwrap();
    assert_eq!(
        undone(&world).await,
        [Services, Therapists, OpeningHours, Backups]
    );
    let _: Value = world
        .call(Call::RoomsSave(RoomInput {
            id: Some(room.id.clone()),
            active: false,
            name: room.name.clone(),
            room_type: String::new(),
        }))
        .await
        .unwrap();
    assert!(
        undone(&world).await.contains(&Rooms),
        "an inactive room is no room to book"
    );
    let _: Value = world
        .call(Call::RoomsSave(RoomInput {
            id: Some(room.id),
            active: true,
            name: room.name,
            room_type: String::new(),
        }))
        .await
        .unwrap();

    let maya: palma::scheduling::Practitioner = world
        .call(Call::PractitionersSave(PractitionerInput {
            id: None,
            display_name: "Maya Patel".into(),
            colour: "#2f7d6d".into(),
            active: true,
        }))
        .await
        .unwrap();
    let _: Value = world
        .call(Call::ServicesSave(ServiceInput {
            id: None,
            name: "Deep tissue massage".into(),
            duration_min: 60,
            buffer_min: 15,
            price_minor: 6500,
            colour: "#3b7ea1".into(),
            room_type: String::new(),
            practitioner_ids: vec![maya.id.clone()],
            active: true,
        }))
        .await
        .unwrap();
    let _: Value = world
        .call(Call::TherapistHoursSave(TherapistHours {
            practitioner_id: maya.id.clone(),
            weekly: vec![block(1, "09:00", "17:00")],
            breaks: vec![],
            time_off: vec![],
            day_changes: vec![],
        }))
        .await
        .unwrap();
    assert!(
        undone(&world).await.contains(&Therapists),
        "hours without a sign-in are not enough"
    );
    let mut account = StaffInput {
        id: None,
        display_name: "Maya Patel".into(),
        username: "maya".into(),
        roles: vec![Role::Therapist],
        practitioner_id: Some(maya.id.clone()),
        new_column: None,
        active: true,
        password: Some("maya-password".into()),
    };
    let saved: palma::staff::StaffMember =
        world.call(Call::StaffSave(account.clone())).await.unwrap();
    assert_eq!(undone(&world).await, [OpeningHours, Backups]);
    account.id = Some(saved.id);
    // A leaver keeps their column until it is unlinked for someone else.
    account.active = false;
    account.practitioner_id = None;
    account.password = None;
    let _: Value = world.call(Call::StaffSave(account)).await.unwrap();
    assert!(
        undone(&world).await.contains(&Therapists),
        "a deactivated sign-in no longer counts"
    );
    let _: Value = world
        .call(Call::StaffSave(StaffInput {
            id: None,
            display_name: "Maya P".into(),
            username: "maya2".into(),
            roles: vec![Role::Therapist],
            practitioner_id: Some(maya.id),
            new_column: None,
            active: true,
            password: Some("maya-password".into()),
        }))
        .await
        .unwrap();

    let _: Value = world
        .call(Call::ClinicHoursSave(ClinicHours {
            weekly: vec![block(1, "08:00", "20:00")],
            closures: vec![],
        }))
        .await
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let _: BackupSettings = world
        .call(Call::BackupConfigure(schedule(
            &folder.path().display().to_string(),
        )))
        .await
        .unwrap();
    assert_eq!(undone(&world).await, []);
}

fn schedule(folder: &str) -> BackupSettings {
    BackupSettings {
        folder: folder.into(),
        keep: 14,
        daily: true,
        last_backup_ms: None,
        last_failure: None,
        state: None,
    }
}

async fn backups(world: &World) -> BackupSettings {
    world.call(Call::BackupSettings(NoArgs {})).await.unwrap()
}

#[tokio::test]
async fn backups_ask_for_a_folder_first_and_a_warning_clears_when_one_works() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    let fresh = backups(&world).await;
    assert_eq!(fresh.state, Some(BackupState::ChooseFolder));
    assert_eq!(fresh.last_failure, None);
    assert!(
        backup::backup_if_due(&world.clinic, &Actor::builtin_owner())
            .await
            .unwrap()
            .is_none(),
        "no folder: nothing is tried, nothing fails"
    );
    assert_eq!(backups(&world).await.last_failure, None);

    // A folder is chosen, then its disk goes away: the daily backup fails.
    let parent = tempfile::tempdir().unwrap();
    let gone = parent.path().join("usb");
    std::fs::create_dir(&gone).unwrap();
    let _: BackupSettings = world
        .call(Call::BackupConfigure(schedule(&gone.display().to_string())))
        .await
        .unwrap();
    assert_eq!(backups(&world).await.state, Some(BackupState::NoneYet));
    std::fs::remove_dir(&gone).unwrap();
    assert!(
        backup::backup_if_due(&world.clinic, &Actor::builtin_owner())
            .await
            .is_err()
    );
    assert_eq!(backups(&world).await.state, Some(BackupState::Failing));

    // Clearing the folder: the owner is asked to choose one, not told of an old failure.
    let cleared: BackupSettings = world
        .call(Call::BackupConfigure(schedule("")))
        .await
        .unwrap();
    assert_eq!(
        (cleared.state, cleared.last_failure),
        (Some(BackupState::ChooseFolder), None)
    );

    // A failure kept from before (a database where the folder was cleared) is not shown either.
    sqlx::query("UPDATE security_settings SET backup_failed_ms = 1, backup_failure = 'old'")
        .execute(world.clinic.pool())
        .await
        .unwrap();
    assert_eq!(backups(&world).await.last_failure, None);
    assert_eq!(backups(&world).await.state, Some(BackupState::ChooseFolder));

    // A folder chosen afresh starts without the old failure; failing again, then a backup
    // that works clears the warning.
    std::fs::create_dir(&gone).unwrap();
    let chosen: BackupSettings = world
        .call(Call::BackupConfigure(schedule(&gone.display().to_string())))
        .await
        .unwrap();
    assert_eq!(
        (chosen.state, chosen.last_failure),
        (Some(BackupState::NoneYet), None)
    );
    std::fs::remove_dir(&gone).unwrap();
    world.clock.advance(chrono::Duration::days(1));
    assert!(
        backup::backup_if_due(&world.clinic, &Actor::builtin_owner())
            .await
            .is_err()
    );
    assert_eq!(backups(&world).await.state, Some(BackupState::Failing));
    let elsewhere = tempfile::tempdir().unwrap();
    let _: BackupReport = world
        .call(Call::BackupNow(BackupNow {
            folder: Some(elsewhere.path().display().to_string()),
        }))
        .await
        .unwrap();
    let after = backups(&world).await;
    assert_eq!(
        (after.state, after.last_failure),
        (Some(BackupState::Working), None)
    );
}

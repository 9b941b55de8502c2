//! First run, settings and permissions.

use crate::world::World;
use palma::ErrorCode;
use palma::api::{Call, NoArgs, parse_call};
use palma::settings::{ClinicSettings, SettingsInput, StartClinic};
use palma::staff::Role;

fn settings(time_zone: &str) -> SettingsInput {
    SettingsInput {
        name: "Harbour Soft Tissue Clinic".into(),
        address: "1 Quay Street".into(),
        phone: "+44 20 7946 0958".into(),
        email: "desk@harbour.example".into(),
        website: String::new(),
        time_zone: time_zone.into(),
        currency: "gbp".into(),
        late_cancel_hours: 24,
        shared_care: None,
    }
}

#[tokio::test]
async fn first_run_creates_the_clinic_once() {
    let world = World::new().await;
    assert!(!world.status().await.configured);
    let _: palma::settings::SetupStatus = world
        .call(Call::SetupStart(StartClinic::Empty {
            settings: settings("Europe/London"),
            owner: crate::world::test_owner(),
        }))
        .await
        .unwrap();
    let status = world.status().await;
    assert_eq!(
        status.clinic_name.as_deref(),
        Some("Harbour Soft Tissue Clinic")
    );
    let again = world
        .call::<serde_json::Value>(Call::SetupStart(StartClinic::Empty {
            settings: settings("Europe/London"),
            owner: crate::world::test_owner(),
        }))
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    let stored: ClinicSettings = world.call(Call::SettingsGet(NoArgs {})).await.unwrap();
    assert_eq!(
        stored.currency, "GBP",
        "currency codes are stored in capitals"
    );
}

#[tokio::test]
async fn a_bad_time_zone_is_refused_by_name_and_nothing_is_written() {
    let world = World::new().await;
    let error = world
        .call::<serde_json::Value>(Call::SetupStart(StartClinic::Empty {
            settings: settings("Europe/Atlantis"),
            owner: crate::world::test_owner(),
        }))
        .await
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Validation, Some("timeZone"))
    );
    assert!(!world.status().await.configured);
    assert_eq!(world.count("journal").await, 0);
}

#[tokio::test]
async fn roles_are_checked_in_the_core_before_any_work() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    for role in [Role::Reception, Role::Therapist] {
        let error = world
            .call_as::<serde_json::Value>(
                &world.account(role).await,
                Call::SettingsUpdate(settings("Europe/Paris")),
            )
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::Forbidden, "{role:?}");
    }
    let stored: ClinicSettings = world.call(Call::SettingsGet(NoArgs {})).await.unwrap();
    assert_eq!(stored.time_zone, "Europe/London");
    let reception = world.account(Role::Reception).await;
    let _: ClinicSettings = world
        .call_as(&reception, Call::SettingsGet(NoArgs {}))
        .await
        .unwrap();
}

#[test]
fn malformed_calls_are_validation_errors_without_values() {
    let unknown =
        parse_call(serde_json::json!({ "op": "clients.delete_all", "args": {} })).unwrap_err();
    assert_eq!(unknown.code, ErrorCode::Validation);
    let missing = parse_call(serde_json::json!({ "op": "clients.get", "args": { "ident": "x" } }))
        .unwrap_err();
    assert_eq!(missing.field.as_deref(), Some("id"));
    let wrong = parse_call(serde_json::json!({ "op": "calendar.range", "args": { "from": "2026-11-18", "days": "secret-value" } }))
        .unwrap_err();
    assert!(!wrong.message.contains("secret-value"), "{}", wrong.message);
}

#[tokio::test]
async fn the_demo_clinic_is_complete_and_journaled() {
    let world = World::for_demo().await;
    let _: palma::settings::SetupStatus = world
        .call(Call::SetupStart(StartClinic::Demo))
        .await
        .unwrap();
    assert_eq!(world.count("practitioners").await, 3);
    assert_eq!(world.count("rooms").await, 2);
    assert_eq!(world.count("services").await, 6);
    assert_eq!(world.count("clients").await, 40);
    let appointments = world.count("appointments").await;
    assert!(
        appointments >= 60,
        "two weeks of appointments, got {appointments}"
    );
    assert_eq!(
        palma::audit::verify(world.clinic.pool()).await.unwrap(),
        palma::audit::Verdict::Intact {
            lines: world.count("journal").await
        }
    );
}

//! Client data requests: export of everything about a client (journaled), erasure that
//! removes contact details now and restricts the rest until the retention period ends, then
//! purges it, search included.

use crate::world::{Fixture, World};
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{ById, Call, NoArgs};
use palma::audit::{JournalLine, JournalQuery};
use palma::clients::requests::{ClientExport, Erasure, PurgeReport, RetentionSettings};
use palma::clients::{Client, ClientSummary, SearchClients};
use palma::scheduling::appointments::{Appointment, BookAppointment};
use palma::scheduling::changes::CancelAppointment;
use serde_json::Value;

async fn book(world: &World, f: &Fixture, client: usize, start: &str) -> Appointment {
    world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: f.clients[client].clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: start.into(),
        }))
        .await
        .unwrap()
}

async fn search(world: &World, text: &str) -> Vec<String> {
    let found: Vec<ClientSummary> = world
        .call(Call::ClientsSearch(SearchClients {
            text: text.into(),
            limit: Some(50),
        }))
        .await
        .unwrap();
    found.into_iter().map(|c| c.id).collect()
}

#[tokio::test]
async fn an_export_holds_everything_about_the_client_and_is_journaled() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let first = book(&world, &f, 0, "2026-11-18T14:00").await;
    let _ = book(&world, &f, 1, "2026-11-18T16:00").await;
    let export: ClientExport = world
        .call(Call::ClientsExport(ById {
            id: f.clients[0].clone(),
        }))
        .await
        .unwrap();
    assert_eq!(export.client.given_name, "Zoë");
    assert_eq!(
        export
            .appointments
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        [first.id.as_str()]
    );
    let actions: Vec<_> = export
        .journal
        .iter()
        .map(|l| (l.entity.as_str(), l.action.as_str()))
        .collect();
    assert_eq!(actions, [("appointment", "book"), ("client", "create")]);
    assert_eq!(
        (
            export.clinic_name.as_str(),
            export.exported_at.as_str(),
            export.purge_after
        ),
        ("Test Clinic", "2026-11-18T09:00", None)
    );
    let journal: Vec<JournalLine> = world
        .call(Call::JournalSearch(JournalQuery {
            client_id: Some(f.clients[0].clone()),
            ..JournalQuery::default()
        }))
        .await
        .unwrap();
    assert_eq!(
        journal[0].action, "export",
        "the export itself is journaled"
    );
}

#[tokio::test]
async fn erasure_removes_contact_details_now_and_purges_after_retention() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = f.clients[0].clone();
    let past = book(&world, &f, 0, "2026-11-18T10:00").await;
    let future = book(&world, &f, 0, "2026-11-25T10:00").await;
    let refused = world
        .call::<Value>(Call::ClientsErase(ById { id: zoe.clone() }))
        .await
        .unwrap_err();
    assert_eq!(
        refused.code,
        ErrorCode::Conflict,
        "appointments to come must be cancelled first"
    );
    let _: Appointment = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: future.id.clone(),
            reason: "Moving away".into(),
            scope: None,
        }))
        .await
        .unwrap();
    world.clock.advance(Duration::hours(3));
    assert_eq!(search(&world, "Lukasiewicz").await, vec![zoe.clone()]);
    let erased: Erasure = world
        .call(Call::ClientsErase(ById { id: zoe.clone() }))
        .await
        .unwrap();
    // Last contact: the cancelled appointment on 25 November 2026, plus 8 years.
    assert_eq!(
        (erased.purge_after.as_deref(), erased.purged),
        (Some("2034-11-25"), false)
    );
    let kept: Client = world
        .call(Call::ClientsGet(ById { id: zoe.clone() }))
        .await
        .unwrap();
    assert_eq!(
        (
            kept.phone.as_str(),
            kept.email.as_str(),
            kept.date_of_birth.as_deref()
        ),
        ("", "", None)
    );
    assert_eq!(
        kept.family_name, "Łukasiewicz-Ørsted",
        "names stay with the restricted records"
    );
    assert!(search(&world, "Lukasiewicz").await.is_empty());
    assert!(
        !search(&world, "").await.contains(&zoe),
        "hidden from the client list too"
    );
    assert_eq!(
        world.count("appointments").await,
        2,
        "records kept until retention ends"
    );
    let nothing: PurgeReport = world
        .call(Call::RetentionPurgeDue(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(nothing.purged, 0);
    world.clock.advance(Duration::days(8 * 365 + 2 + 6)); // 2034-11-24: one day early
    let early: PurgeReport = world
        .call(Call::RetentionPurgeDue(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(early.purged, 0);
    world.clock.advance(Duration::days(1));
    let purged: PurgeReport = world
        .call(Call::RetentionPurgeDue(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(purged.purged, 1);
    let gone = world
        .call::<Value>(Call::ClientsGet(ById { id: zoe.clone() }))
        .await
        .unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
    assert_eq!(world.count("appointments").await, 0);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE id = $1")
        .bind(&past.id)
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    assert_eq!(left, 0);
    assert!(matches!(
        palma::audit::verify(world.clinic.pool()).await.unwrap(),
        palma::audit::Verdict::Intact { .. }
    ));
}

#[tokio::test]
async fn a_client_not_seen_for_longer_than_retention_is_purged_at_once() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let shorter: RetentionSettings = world
        .call(Call::RetentionConfigure(RetentionSettings { years: 2 }))
        .await
        .unwrap();
    assert_eq!(shorter.years, 2);
    let zero = world
        .call::<Value>(Call::RetentionConfigure(RetentionSettings { years: 0 }))
        .await
        .unwrap_err();
    assert_eq!(zero.field.as_deref(), Some("years"));
    world.clock.advance(Duration::days(3 * 366));
    let erased: Erasure = world
        .call(Call::ClientsErase(ById {
            id: f.clients[2].clone(),
        }))
        .await
        .unwrap();
    assert_eq!((erased.purged, erased.purge_after), (true, None));
    assert_eq!(world.count("clients").await, 2);
}

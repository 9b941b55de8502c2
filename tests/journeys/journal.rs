//! The journal: every write chained; the chain detects tampering; the change feed.

use crate::world::World;
use palma::api::{Call, ChangesSince};
use palma::audit::{Changes, Verdict, verify};
use palma::db::Engine;
use palma::scheduling::appointments::{Appointment, BookAppointment};
use sqlx::Executor;

#[tokio::test]
async fn every_write_is_chained_and_the_feed_reports_it() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let before: Changes = world
        .call(Call::JournalChanges(ChangesSince { since: 0 }))
        .await
        .unwrap();
    // settings + owner account + the seeded handout library + 2 therapists + 2 rooms + 2 services
    // + 3 clients
    assert_eq!(before.latest, 12);
    assert_eq!(before.changes.len(), 12);
    let booked: Appointment = world
        .call(Call::AppointmentsBook(BookAppointment {
            client_id: f.clients[0].clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: "2026-11-19T10:00".into(),
            override_reason: None,
        }))
        .await
        .unwrap();
    let after: Changes = world
        .call(Call::JournalChanges(ChangesSince {
            since: before.latest,
        }))
        .await
        .unwrap();
    assert_eq!(after.latest, 13);
    assert_eq!(after.changes.len(), 1);
    assert_eq!(
        (
            after.changes[0].entity.as_str(),
            after.changes[0].entity_id.as_str()
        ),
        ("appointment", booked.id.as_str())
    );
    let quiet: Changes = world
        .call(Call::JournalChanges(ChangesSince {
            since: after.latest,
        }))
        .await
        .unwrap();
    assert_eq!((quiet.latest, quiet.changes.len()), (13, 0));
    assert_eq!(
        verify(world.clinic.pool()).await.unwrap(),
        Verdict::Intact { lines: 13 }
    );
}

#[tokio::test]
async fn the_database_refuses_changes_to_the_journal() {
    let world = World::new().await;
    world.small_clinic().await;
    let pool = world.clinic.pool();
    assert!(
        pool.execute("UPDATE journal SET actor_id = 'someone else' WHERE seq = 3")
            .await
            .is_err()
    );
    assert!(
        pool.execute("DELETE FROM journal WHERE seq = 10")
            .await
            .is_err()
    );
    assert_eq!(world.count("journal").await, 12);
}

#[tokio::test]
async fn tampering_past_the_triggers_is_found_at_the_changed_line() {
    let world = World::new().await;
    world.small_clinic().await;
    let pool = world.clinic.pool();
    let unlock = match world.engine() {
        Engine::Sqlite => "DROP TRIGGER journal_no_update",
        Engine::Postgres => "ALTER TABLE journal DISABLE TRIGGER journal_no_update",
    };
    pool.execute(unlock).await.unwrap();
    pool.execute("UPDATE journal SET entity_id = 'forged' WHERE seq = 4")
        .await
        .unwrap();
    assert_eq!(
        verify(pool).await.unwrap(),
        Verdict::Broken {
            seq: 4,
            reason: "its content was changed"
        }
    );
}

#[tokio::test]
async fn removing_the_newest_lines_is_found() {
    let world = World::new().await;
    world.small_clinic().await;
    let pool = world.clinic.pool();
    let unlock = match world.engine() {
        Engine::Sqlite => "DROP TRIGGER journal_no_delete",
        Engine::Postgres => "ALTER TABLE journal DISABLE TRIGGER journal_no_update",
    };
    pool.execute(unlock).await.unwrap();
    pool.execute("DELETE FROM journal WHERE seq >= 9")
        .await
        .unwrap();
    assert!(matches!(
        verify(pool).await.unwrap(),
        Verdict::Broken { seq: 9, .. }
    ));
}

/// A window polling the feed while another seat writes without pause sees every change: none
/// is counted in `latest` without being reported (the feed once read the head after the
/// changes, so a line committed in between was skipped for good).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_polling_while_another_seat_writes_misses_no_change() {
    let world = World::new().await;
    world.small_clinic().await;
    let writer = {
        let clinic = world.clinic.clone();
        tokio::spawn(async move {
            let desk = palma::staff::Desk::system(palma::staff::Actor::builtin_owner());
            for n in 0..150 {
                let client = palma::clients::ClientInput {
                    given_name: "Feed".into(),
                    family_name: format!("Writer {n}"),
                    phone: format!("07700 9{n:05}"),
                    confirmed_not_duplicate: true,
                    ..palma::clients::ClientInput::default()
                };
                palma::api::dispatch(&clinic, &desk, Call::ClientsCreate(client))
                    .await
                    .unwrap();
            }
        })
    };
    let mut since = 0;
    let mut seen = Vec::new();
    while !writer.is_finished() {
        let changes: Changes = world
            .call(Call::JournalChanges(ChangesSince { since }))
            .await
            .unwrap();
        seen.extend(changes.changes.iter().map(|c| c.seq));
        since = changes.latest;
    }
    writer.await.unwrap();
    let last: Changes = world
        .call(Call::JournalChanges(ChangesSince { since }))
        .await
        .unwrap();
    seen.extend(last.changes.iter().map(|c| c.seq));
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM journal WHERE action <> 'read'")
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    assert_eq!(seen, (1..=written).collect::<Vec<_>>());
}

/// The owner's journal names who did what to whose appointment, with whom and when — looked up
/// at read time (the journal holds ids), a move's before and after from the line itself.
#[tokio::test]
async fn the_owners_journal_says_each_line_with_names_and_clinic_times() {
    use palma::audit::{JournalAction, JournalLine, JournalQuery};
    use palma::scheduling::changes::{AppointmentChange, CancelAppointment, MoveAppointment};
    let world = World::new().await;
    let f = world.small_clinic().await;
    let desk = crate::closeout::reception(&world).await;
    let zoe = f.clients[0].clone();
    let booked: Appointment = world
        .call_as(
            &desk,
            Call::AppointmentsBook(BookAppointment {
                client_id: zoe.clone(),
                service_id: f.deep.clone(),
                practitioner_id: f.maya.clone(),
                room_id: f.willow.clone(),
                start: "2026-12-01T10:00".into(),
                override_reason: None,
            }),
        )
        .await
        .unwrap();
    let _: AppointmentChange = world
        .call_as(
            &desk,
            Call::AppointmentsMove(MoveAppointment {
                id: booked.id.clone(),
                practitioner_id: f.tom.clone(),
                room_id: f.cedar.clone(),
                start: "2026-12-01T11:00".into(),
                override_reason: None,
                scope: None,
            }),
        )
        .await
        .unwrap();
    // Moved again later: the first move still reads 10:00 → 11:00.
    let _: AppointmentChange = world
        .call(Call::AppointmentsMove(MoveAppointment {
            id: booked.id.clone(),
            practitioner_id: f.tom.clone(),
            room_id: f.cedar.clone(),
            start: "2026-12-01T14:00".into(),
            override_reason: None,
            scope: None,
        }))
        .await
        .unwrap();
    let _: AppointmentChange = world
        .call_as(
            &desk,
            Call::AppointmentsCancel(CancelAppointment {
                id: booked.id.clone(),
                reason: "Her car broke down".into(),
                scope: None,
            }),
        )
        .await
        .unwrap();
    let search = |action: JournalAction| {
        world.call::<Vec<JournalLine>>(Call::JournalSearch(JournalQuery {
            action: Some(action),
            ..JournalQuery::default()
        }))
    };

    let book = &search(JournalAction::Book).await.unwrap()[0];
    assert_eq!(
        (book.staff_name.as_str(), book.client_name.as_str()),
        ("Rita Desk", "Zoë Łukasiewicz-Ørsted")
    );
    let facts = book.appointment.as_ref().expect("an appointment line");
    assert_eq!(facts.service_name, "Deep tissue massage");
    assert_eq!(
        (
            facts.slot.start.as_str(),
            facts.slot.end.as_str(),
            facts.slot.practitioner_name.as_str(),
            facts.slot.room_name.as_str()
        ),
        (
            "2026-12-01T10:00",
            "2026-12-01T11:00",
            "Maya Patel",
            "Willow room"
        )
    );
    assert_eq!(facts.previous, None);

    let moves = search(JournalAction::Move).await.unwrap();
    assert_eq!(moves.len(), 2);
    let first = moves[1].appointment.as_ref().unwrap();
    let previous = first.previous.as_ref().expect("a move says where from");
    assert_eq!(
        (previous.start.as_str(), previous.practitioner_name.as_str()),
        ("2026-12-01T10:00", "Maya Patel")
    );
    assert_eq!(
        (
            first.slot.start.as_str(),
            first.slot.practitioner_name.as_str(),
            first.slot.room_name.as_str()
        ),
        ("2026-12-01T11:00", "Tom Okafor", "Cedar room")
    );
    assert_eq!(moves[1].staff_name, "Rita Desk");

    let cancel = &search(JournalAction::Cancel).await.unwrap()[0];
    let facts = cancel.appointment.as_ref().unwrap();
    assert_eq!(facts.cancel_reason.as_deref(), Some("Her car broke down"));
    assert_eq!(facts.slot.start, "2026-12-01T14:00", "as the record is now");
    // The reason is the appointment's, never written into the journal.
    let details: Vec<String> = sqlx::query_scalar("SELECT detail FROM journal")
        .fetch_all(world.clinic.pool())
        .await
        .unwrap();
    assert!(details.iter().all(|d| !d.contains("car")));

    // Lines about a therapist, a room, a service or a staff member name it.
    let created = search(JournalAction::Create).await.unwrap();
    let subject = |entity: &str| {
        created
            .iter()
            .filter(|line| line.entity == entity)
            .map(|line| line.subject_name.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(subject("practitioner"), ["Tom Okafor", "Maya Patel"]);
    assert_eq!(subject("room"), ["Cedar room", "Willow room"]);
    assert!(subject("staff").contains(&"Rita Desk"));
    assert!(created.iter().all(|line| line.appointment.is_none()));
}

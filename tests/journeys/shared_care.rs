//! Whose clinical record a therapist may open (issues 3 and 11): their own clients — booked
//! with them by someone else, or seen in a visit they signed a note for — or everyone's when
//! the clinic enables shared care; the owner always. A refusal names no client and journals
//! nothing. Breaking the glass and self-booking: `break_glass.rs`.

use crate::care::{by, save_intake};
use crate::referral::{consent_to_gp, documents_as, reprint_as, request};
use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::{ById, Call, NoArgs};
use palma::care::*;
use palma::documents::history::PdfFile;
use palma::scheduling::changes::{AppointmentChange, CancelAppointment};
use palma::staff::Actor;
use serde_json::Value;

/// A read and a write of the clinical record of `client`.
fn clinical_calls(client: &str) -> Vec<Call> {
    vec![
        Call::CareRecord(by(client)),
        Call::CareNotes(by(client)),
        Call::CareProgress(by(client)),
        Call::CareSetPreferences(PreferencesInput {
            client_id: client.into(),
            preferences: Preferences {
                pressure: Some(Pressure::Light),
                avoid_regions: Vec::new(),
                position: String::new(),
                conversation: "quiet".into(),
                sensory_needs: String::new(),
            },
        }),
    ]
}

/// Each clinical call as `actor`: `Ok` or the refusal, with whether the journal grew.
async fn try_all(world: &World, actor: &Actor, client: &str) -> Vec<(bool, bool)> {
    let mut out = Vec::new();
    for call in clinical_calls(client) {
        let before = world.count("journal").await;
        let result = world.call_as::<Value>(actor, call).await;
        if let Err(e) = &result {
            assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
            assert!(!e.message.contains("Zoë") && !e.message.contains(client));
        }
        out.push((result.is_ok(), world.count("journal").await > before));
    }
    out
}

/// Zoë is Maya's client (booked with her, intake taken by her); Tom has never seen her.
async fn clinic(world: &World) -> (Fixture, Actor, Actor) {
    let f = world.small_clinic().await;
    save_intake(world, &f, &f.clients[0], &[("blood_thinners", "yes")]).await;
    let maya = world.maya(&f).await;
    let tom = world.therapist("Tom Okafor", &f.tom).await;
    (f, maya, tom)
}

#[tokio::test]
async fn a_therapist_opens_their_own_clients_records_only_unless_care_is_shared() {
    let world = World::new().await;
    let (f, maya, tom) = clinic(&world).await;
    let zoe = &f.clients[0];
    let settings: palma::settings::ClinicSettings =
        world.call(Call::SettingsGet(NoArgs {})).await.unwrap();
    assert!(!settings.shared_care, "off by default");

    assert_eq!(try_all(&world, &maya, zoe).await, vec![(true, true); 4]);
    assert_eq!(
        try_all(&world, &tom, zoe).await,
        vec![(false, false); 4],
        "refused before any work: nothing journaled"
    );
    assert_eq!(
        try_all(&world, &world.owner.clone(), zoe).await,
        vec![(true, true); 4]
    );
    // The window asks first, to offer only what the core allows; asking reads and journals
    // nothing.
    let may_open = |actor: Actor| {
        let world = &world;
        async move {
            let before = world.count("journal").await;
            let answer: bool = world
                .call_as(&actor, Call::CareMayOpen(by(zoe)))
                .await
                .unwrap();
            assert_eq!(world.count("journal").await, before);
            answer
        }
    };
    assert!(may_open(maya.clone()).await);
    assert!(!may_open(tom.clone()).await);
    assert!(may_open(world.owner.clone()).await);

    world.set_shared_care(true).await;
    assert!(may_open(tom.clone()).await);
    let line: (String, String) = sqlx::query_as(
        "SELECT entity_id, detail FROM journal WHERE entity = 'settings' ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(line, ("sharedCare".into(), "sharedCare on".into()));
    assert_eq!(try_all(&world, &tom, zoe).await, vec![(true, true); 4]);

    world.set_shared_care(false).await;
    assert_eq!(try_all(&world, &tom, zoe).await, vec![(false, false); 4]);
    // A settings form that does not send the flag leaves it as it is.
    world.set_shared_care(true).await;
    let mut input = crate::world::test_settings("Europe/London");
    input.name = "Renamed Clinic".into();
    let saved: palma::settings::ClinicSettings =
        world.call(Call::SettingsUpdate(input)).await.unwrap();
    assert!(saved.shared_care);
}

/// Tom starts a note for `visit` (with her); signs it when `sign`.
async fn note_for(world: &World, tom: &Actor, zoe: &str, visit: &str, sign: bool) -> Note {
    let note: Note = world
        .call_as(
            tom,
            Call::CareStartNote(StartNote {
                client_id: zoe.into(),
                appointment_id: Some(visit.into()),
                session_on: String::new(),
                template_key: None,
            }),
        )
        .await
        .unwrap();
    if !sign {
        return note;
    }
    let content = NoteContent {
        subjective: "Neck stiff after a long drive.".into(),
        ..NoteContent::default()
    };
    let _: Note = world
        .call_as(
            tom,
            Call::CareSaveNote(NoteInput {
                id: note.id.clone(),
                content,
            }),
        )
        .await
        .unwrap();
    world
        .call_as(tom, Call::CareSignNote(ById { id: note.id }))
        .await
        .unwrap()
}

async fn cancel(world: &World, visit: &str) {
    let _: AppointmentChange = world
        .call(Call::AppointmentsCancel(CancelAppointment {
            id: visit.into(),
            reason: "Unwell".into(),
            scope: None,
        }))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_booking_or_a_signed_note_of_a_visit_makes_the_client_theirs() {
    let world = World::new().await;
    let (f, _maya, tom) = clinic(&world).await;
    let zoe = &f.clients[0];
    // Tom covers one session: booked with him (by the owner), he may open and write the record.
    let cover = world.book_with(&f, zoe, &f.tom, "2026-11-26T10:00").await;
    assert_eq!(try_all(&world, &tom, zoe).await, vec![(true, true); 4]);
    // He starts a draft note, then the booking is cancelled: a draft is not a visit he had,
    // so she is no longer his client.
    let draft = note_for(&world, &tom, zoe, &cover, false).await;
    cancel(&world, &cover).await;
    assert_eq!(try_all(&world, &tom, zoe).await[0], (false, false));
    let refused = world
        .call_as::<Note>(&tom, Call::CareNote(ById { id: draft.id }))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    // Booked again, he signs a note of the visit; after a later cancellation what he signed
    // keeps her his.
    let again = world.book_with(&f, zoe, &f.tom, "2026-11-27T10:00").await;
    let note = note_for(&world, &tom, zoe, &again, true).await;
    cancel(&world, &again).await;
    assert_eq!(try_all(&world, &tom, zoe).await, vec![(true, true); 4]);
    let _: Note = world
        .call_as(&tom, Call::CareNote(ById { id: note.id }))
        .await
        .unwrap();
    // Another client of Maya's stays closed to him, also through a note's own id.
    let other = &f.clients[1];
    save_intake(&world, &f, other, &[("epilepsy", "no")]).await;
    let hers: Note = world
        .call_as(
            &world.maya(&f).await,
            Call::CareStartNote(StartNote {
                client_id: other.clone(),
                appointment_id: None,
                session_on: String::new(),
                template_key: None,
            }),
        )
        .await
        .unwrap();
    for call in [
        Call::CareNote(ById {
            id: hers.id.clone(),
        }),
        Call::CareDiscardDraft(ById { id: hers.id }),
    ] {
        let refused = world.call_as::<Value>(&tom, call).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::Forbidden);
    }
}

#[tokio::test]
async fn another_therapists_clinical_letters_are_neither_listed_nor_reprinted() {
    let world = World::new().await;
    let (f, maya, tom) = clinic(&world).await;
    let zoe = &f.clients[0];
    let _: Consent = consent_to_gp(&world, &maya, zoe).await;
    let letter: PdfFile = world
        .call_as(&maya, Call::CareReferralLetterPdf(request(zoe)))
        .await
        .unwrap();
    let refused = world
        .call_as::<PdfFile>(&tom, Call::CareReferralLetterPdf(request(zoe)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(documents_as(&world, &tom, zoe).await.is_empty());
    assert_eq!(
        documents_as(&world, &maya, zoe).await,
        vec![letter.document.clone()]
    );
    let reprint = reprint_as(&world, &tom, &letter.document.id)
        .await
        .unwrap_err();
    assert_eq!(reprint.code, ErrorCode::Forbidden);
    world.set_shared_care(true).await;
    assert_eq!(
        documents_as(&world, &tom, zoe).await,
        vec![letter.document.clone()]
    );
    assert!(reprint_as(&world, &tom, &letter.document.id).await.is_ok());
}

#[tokio::test]
async fn demo_therapists_open_the_records_of_the_clients_they_treat() {
    let world = World::for_demo().await;
    let _: palma::settings::SetupStatus = world
        .call(Call::SetupStart(palma::settings::StartClinic::Demo))
        .await
        .unwrap();
    let pool = world.clinic.pool();
    let accounts: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, display_name, practitioner_id FROM staff WHERE practitioner_id IS NOT NULL \
         ORDER BY username",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(accounts.len(), 3, "maya, hannah, tom");
    // The owner (standing in for reception) books the demo's visits: a therapist's booking
    // with themselves would open nothing.
    let self_booked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments a LEFT JOIN staff s ON s.id = a.booked_by \
         WHERE s.is_owner IS NULL OR s.is_owner = 0",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(self_booked, 0);
    let mut refused = 0;
    for (staff_id, name, practitioner) in accounts {
        let therapist = Actor {
            staff_id: staff_id.clone(),
            display_name: name,
            roles: vec![palma::staff::Role::Therapist],
        };
        // Every demo note is written by the therapist whose calendar the visit is on.
        let (notes, foreign): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), SUM(CASE WHEN a.practitioner_id = $2 THEN 0 ELSE 1 END) \
             FROM care_notes n JOIN appointments a ON a.id = n.appointment_id WHERE n.author_id = $1",
        )
        .bind(&staff_id)
        .bind(&practitioner)
        .fetch_one(pool)
        .await
        .unwrap();
        assert!(
            notes > 0 && foreign == 0,
            "{notes} notes, {foreign} elsewhere"
        );
        let clients: Vec<(String, i64)> = sqlx::query_as(
            "SELECT c.id, (SELECT COUNT(*) FROM appointments a WHERE a.client_id = c.id \
             AND a.practitioner_id = $1 AND a.booked_by <> $2 AND (a.status <> 'cancelled' \
             OR EXISTS (SELECT 1 FROM care_notes n WHERE n.appointment_id = a.id \
             AND n.author_id = $2 AND n.status = 'signed'))) FROM clients c \
             WHERE EXISTS (SELECT 1 FROM care_notes n WHERE n.client_id = c.id)",
        )
        .bind(&practitioner)
        .bind(&staff_id)
        .fetch_all(pool)
        .await
        .unwrap();
        for (client, links) in clients {
            let result = world
                .call_as::<ClinicalRecord>(&therapist, Call::CareRecord(by(&client)))
                .await;
            assert_eq!(result.is_ok(), links > 0, "{result:?}");
            refused += usize::from(result.is_err());
        }
    }
    assert!(
        refused > 0,
        "the demo shows that records are not open to everyone"
    );
}

/// The self-care programme of a visit and its aftercare sheet are part of the clinical record:
/// the same rule decides who plans, reads and prints them.
#[tokio::test]
async fn a_visits_self_care_and_aftercare_follow_the_same_rule() {
    use palma::documents::PrintOptions;
    use palma::documents::history::IssueAftercare;
    use palma::handouts::programme::{AftercareNotes, SessionProgramme};
    let world = World::new().await;
    let (f, maya, tom) = clinic(&world).await;
    let visit = world
        .book_with(&f, &f.clients[0], &f.maya, "2026-11-26T10:00")
        .await;
    let calls = || {
        vec![
            Call::ProgrammeNotes(AftercareNotes {
                appointment_id: visit.clone(),
                worked_on: "Your neck and upper back.".into(),
                what_to_expect: String::new(),
            }),
            Call::ProgrammeGet(ById { id: visit.clone() }),
            Call::AftercarePreview(ById { id: visit.clone() }),
            Call::AftercareIssue(IssueAftercare {
                appointment_id: visit.clone(),
                options: PrintOptions::default(),
            }),
        ]
    };
    let outcomes = |actor: Actor| {
        let world = &world;
        async move {
            let mut out = Vec::new();
            for call in calls() {
                let before = world.count("journal").await;
                let result = world.call_as::<Value>(&actor, call).await;
                if let Err(e) = &result {
                    assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
                }
                out.push((result.is_ok(), world.count("journal").await > before));
            }
            out
        }
    };
    assert_eq!(outcomes(tom.clone()).await, vec![(false, false); 4]);
    assert_eq!(outcomes(maya).await, vec![(true, true); 4]);
    world.set_shared_care(true).await;
    assert_eq!(outcomes(tom).await, vec![(true, true); 4]);
    let programme: SessionProgramme = world
        .call(Call::ProgrammeGet(ById { id: visit }))
        .await
        .unwrap();
    assert_eq!(programme.worked_on, "Your neck and upper back.");
}

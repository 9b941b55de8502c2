//! Issue 12, clinical safety where the therapist writes: a blank intake is refused (the client
//! stays "intake not done", never "no precautions"); one rule set warns where a technique meets
//! a precaution — in the plan, in a note (its techniques, its template, a technique its text
//! names) and at booking, where reception gets the level only. And nothing typed is lost: the
//! intake's and the plan's unsaved work is kept as its author's draft in the database.

use crate::care::{by, save_intake};
use crate::world::World;
use palma::ErrorCode;
use palma::api::Call;
use palma::care::*;
use palma::staff::Role;
use serde_json::Value;
use std::collections::BTreeMap;

#[tokio::test]
async fn a_blank_intake_is_refused_and_the_intake_stays_not_done() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    let maya = world.maya_for(&f, zoe).await;
    let journal = world.count("journal").await;
    let blank = |answers: Vec<Answer>| {
        Call::CareSaveIntake(IntakeInput {
            client_id: zoe.clone(),
            taken_on: String::new(),
            answers,
        })
    };
    let unanswered = vec![Answer {
        key: "blood_thinners".into(),
        value: "  ".into(),
    }];
    for answers in [Vec::new(), unanswered] {
        let refused = world
            .call_as::<IntakeSaved>(&maya, blank(answers))
            .await
            .unwrap_err();
        assert_eq!(
            (refused.code, refused.field.as_deref()),
            (ErrorCode::Validation, Some("answers"))
        );
    }
    assert_eq!(world.count("journal").await, journal, "nothing written");
    let intake: Option<Intake> = world
        .call_as(&maya, Call::CareIntake(by(zoe)))
        .await
        .unwrap();
    assert!(intake.is_none(), "still no intake: precautions unknown");

    // Answered, even "no" to everything asked, it is an intake.
    let saved = save_intake(&world, &f, zoe, &[("blood_thinners", "no")]).await;
    assert!(saved.precautions.is_empty());
}

fn note_text(subjective: &str) -> NoteContent {
    NoteContent {
        subjective: subjective.into(),
        ..NoteContent::default()
    }
}

fn techniques(warnings: &[TechniqueWarning]) -> Vec<Option<Technique>> {
    warnings.iter().map(|w| w.technique).collect()
}

#[tokio::test]
async fn a_note_naming_a_ruled_out_technique_warns_in_the_note_and_when_signing() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    save_intake(&world, &f, zoe, &[("blood_thinners", "yes")]).await;
    let maya = world.maya_for(&f, zoe).await;
    let start = |template: Option<&str>| {
        Call::CareStartNote(StartNote {
            client_id: zoe.clone(),
            appointment_id: None,
            session_on: String::new(),
            template_key: template.map(str::to_owned),
        })
    };

    // The low back template plans deep tissue: the draft warns as it opens.
    let templated: Note = world.call_as(&maya, start(Some("low_back"))).await.unwrap();
    assert_eq!(
        techniques(&templated.warnings),
        [Some(Technique::DeepTissue)]
    );
    assert_eq!(templated.warnings[0].rule_key, "blood_thinners");
    assert_eq!(templated.warnings[0].level, Level::Modify);

    // A blank note does not; naming a ruled-out technique in the text does, as the plan's
    // rule set would for the same technique chosen.
    let note: Note = world.call_as(&maya, start(None)).await.unwrap();
    assert!(note.warnings.is_empty());
    let saved: Note = world
        .call_as(
            &maya,
            Call::CareSaveNote(NoteInput {
                id: note.id.clone(),
                content: note_text("Asked for Trigger-point work on the glutes; Swedish after."),
            }),
        )
        .await
        .unwrap();
    assert_eq!(techniques(&saved.warnings), [Some(Technique::TriggerPoint)]);
    let plan: PlanSaved = world
        .call_as(
            &maya,
            Call::CareSavePlan(PlanInput {
                client_id: zoe.clone(),
                starts_on: String::new(),
                frequency: "Weekly".into(),
                sessions_before_review: 6,
                techniques: vec![Technique::Swedish, Technique::TriggerPoint],
                precautions_noted: String::new(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(plan.warnings, saved.warnings, "one rule set");

    // The sign dialog reads the note: the warning is there, and stays on the signed note.
    let before_signing: Note = world
        .call_as(
            &maya,
            Call::CareNote(palma::api::ById {
                id: note.id.clone(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(before_signing.warnings, saved.warnings);
    let signed: Note = world
        .call_as(
            &maya,
            Call::CareSignNote(palma::api::ById {
                id: note.id.clone(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(
        (signed.status, signed.warnings.len()),
        (NoteStatus::Signed, 1)
    );
}

#[tokio::test]
async fn booking_a_ruled_out_service_warns_reception_with_the_level_only() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    let reception = world.account(Role::Reception).await;
    let caution = |service: &str| {
        Call::ClientsServiceCaution(ServiceCautionRequest {
            client_id: zoe.clone(),
            service_id: service.into(),
        })
    };
    let none: Value = world.call_as(&reception, caution(&f.deep)).await.unwrap();
    assert_eq!(none, serde_json::json!({ "levels": [] }), "no intake yet");

    let saved = save_intake(&world, &f, zoe, &[("blood_thinners", "yes")]).await;
    let reason = &saved.precautions[0].text;
    // "Deep tissue massage" names a technique the client's precaution rules out.
    let answer: Value = world.call_as(&reception, caution(&f.deep)).await.unwrap();
    assert_eq!(answer, serde_json::json!({ "levels": ["modify"] }));
    let text = answer.to_string();
    for secret in [reason.as_str(), "blood", "thinner", "bruising"] {
        assert!(!text.contains(secret), "{text} says {secret}");
    }
    // The demo's "Sports massage" is ruled out too (the same precaution); a service naming no
    // ruled-out technique is not.
    let sports: ServiceCaution = world.call_as(&reception, caution(&f.sports)).await.unwrap();
    assert_eq!(sports.levels, [Level::Modify]);
    let swedish: palma::scheduling::Service = world
        .call(Call::ServicesSave(palma::scheduling::ServiceInput {
            id: None,
            name: "Swedish massage".into(),
            duration_min: 60,
            buffer_min: 0,
            price_minor: 5000,
            colour: "#2f7d6d".into(),
            room_type: String::new(),
            practitioner_ids: Vec::new(),
            active: true,
        }))
        .await
        .unwrap();
    let fine: ServiceCaution = world
        .call_as(&reception, caution(&swedish.id))
        .await
        .unwrap();
    assert!(fine.levels.is_empty());
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn unsaved_intake_work_is_its_authors_draft_until_saved() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    let maya = world.maya_for(&f, zoe).await;
    let key = |form| {
        Call::CareFormDraft(FormDraftKey {
            client_id: zoe.clone(),
            form,
        })
    };
    let typed = fields(&[
        ("blood_thinners", "yes"),
        ("medications", "Warfarin since May"),
    ]);
    let _: FormDraft = world
        .call_as(
            &maya,
            Call::CareSaveFormDraft(FormDraftInput {
                client_id: zoe.clone(),
                form: DraftForm::Intake,
                fields: typed.clone(),
            }),
        )
        .await
        .unwrap();

    // Back on the screen, the typing is there — for its author, not another clinician.
    let found: Option<FormDraft> = world.call_as(&maya, key(DraftForm::Intake)).await.unwrap();
    assert_eq!(found.map(|d| d.fields), Some(typed));
    let plan: Option<FormDraft> = world.call_as(&maya, key(DraftForm::Plan)).await.unwrap();
    assert!(plan.is_none());
    let owners: Option<FormDraft> = world.call(key(DraftForm::Intake)).await.unwrap();
    assert!(owners.is_none(), "a draft is its author's");

    // The journal says which form, never what was typed.
    let details: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, entity_id, detail FROM journal WHERE entity = 'form_draft' ORDER BY seq",
    )
    .fetch_all(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(
        details,
        [
            ("save".into(), "intake".into(), String::new()),
            ("read".into(), "intake".into(), String::new()),
        ]
    );

    // Saving the intake for real removes the draft.
    save_intake(&world, &f, zoe, &[("blood_thinners", "yes")]).await;
    let gone: Option<FormDraft> = world.call_as(&maya, key(DraftForm::Intake)).await.unwrap();
    assert!(gone.is_none());
    assert_eq!(world.count("care_form_drafts").await, 0);

    // A badly shaped draft is refused naming the field.
    let refused = world
        .call_as::<FormDraft>(
            &maya,
            Call::CareSaveFormDraft(FormDraftInput {
                client_id: zoe.clone(),
                form: DraftForm::Plan,
                fields: fields(&[("not a name", "x")]),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("fields"));
}

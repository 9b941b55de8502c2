//! The clinical record, Assess: intake and precautions, consent, preferences, the body chart,
//! measures and progress, the plan's warnings — and who may see any of it.

use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::{ById, Call, NoArgs, OPERATIONS, Permission, parse_call, role_grants};
use palma::care::*;
use palma::staff::Role;
use serde_json::json;

pub fn by(client: &str) -> ByClient {
    ByClient {
        client_id: client.into(),
    }
}

/// The client's intake, taken by Maya (the client is booked in with her).
pub async fn save_intake(
    world: &World,
    f: &Fixture,
    client: &str,
    answers: &[(&str, &str)],
) -> IntakeSaved {
    let maya = world.maya_for(f, client).await;
    save_intake_as(world, &maya, client, answers).await
}

pub async fn save_intake_as(
    world: &World,
    therapist: &palma::staff::Actor,
    client: &str,
    answers: &[(&str, &str)],
) -> IntakeSaved {
    world
        .call_as(
            therapist,
            Call::CareSaveIntake(IntakeInput {
                client_id: client.into(),
                taken_on: String::new(),
                answers: answers
                    .iter()
                    .map(|(key, value)| Answer {
                        key: (*key).into(),
                        value: (*value).into(),
                    })
                    .collect(),
            }),
        )
        .await
        .unwrap()
}

/// What reception's screens receive about a client's precautions.
async fn flags_at_reception(world: &World, client: &str) -> AlertFlags {
    let reception = world.account(Role::Reception).await;
    world
        .call_as(
            &reception,
            Call::ClientsAlertFlags(ById { id: client.into() }),
        )
        .await
        .unwrap()
}

fn rule_keys(precautions: &[Precaution]) -> Vec<&str> {
    precautions.iter().map(|p| p.rule_key.as_str()).collect()
}

#[tokio::test]
async fn an_intake_raises_the_expected_precautions_and_reception_sees_only_flags() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    let saved = save_intake(
        &world,
        &f,
        client,
        &[
            ("blood_thinners", "yes"),
            ("pregnant", "yes"),
            ("pregnancy_trimester", "first"),
            ("cancer", "past"),
            ("allergy_nuts", "yes"),
            ("dvt_history", "no"),
            ("medications", "Apixaban 5 mg"),
        ],
    )
    .await;
    assert_eq!(saved.intake.questionnaire_version, 1);
    assert_eq!(saved.intake.taken_on, "2026-11-18");
    let mut keys = rule_keys(&saved.precautions);
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "allergy_nuts",
            "blood_thinners",
            "first_trimester",
            "pregnancy"
        ]
    );
    let thinners = saved
        .precautions
        .iter()
        .find(|p| p.rule_key == "blood_thinners")
        .unwrap();
    assert_eq!(thinners.level, Level::Modify);
    assert!(thinners.techniques.contains(&Technique::DeepTissue));

    let listed: Vec<Precaution> = world.call(Call::CarePrecautions(by(client))).await.unwrap();
    assert_eq!(listed.len(), 4);

    let reception = world.account(Role::Reception).await;
    let flags: serde_json::Value = world
        .call_as(
            &reception,
            Call::ClientsAlertFlags(ById { id: client.clone() }),
        )
        .await
        .unwrap();
    assert_eq!(
        flags,
        json!({ "hasPrecautions": true, "levels": ["modify"] })
    );

    // A new intake replaces the precautions: the fever is today's, the rest resolved.
    let again = save_intake(
        &world,
        &f,
        client,
        &[("fever_infection", "yes"), ("dvt_history", "yes")],
    )
    .await;
    assert_eq!(
        rule_keys(&again.precautions),
        ["fever_infection", "dvt_history"],
        "most serious first"
    );
    let flags = flags_at_reception(&world, client).await;
    assert_eq!(flags.levels, [Level::Avoid, Level::Clearance]);
    let quiet = flags_at_reception(&world, &f.clients[1]).await;
    assert!(!quiet.has_precautions && quiet.levels.is_empty());
    let latest: Option<Intake> = world.call(Call::CareIntake(by(client))).await.unwrap();
    assert_eq!(latest.unwrap().id, again.intake.id);
}

#[tokio::test]
async fn invalid_answers_write_nothing() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let journal = world.count("journal").await;
    let error = world
        .call::<IntakeSaved>(Call::CareSaveIntake(IntakeInput {
            client_id: f.clients[0].clone(),
            taken_on: String::new(),
            answers: vec![Answer {
                key: "pregnancy_trimester".into(),
                value: "fifth".into(),
            }],
        }))
        .await
        .unwrap_err();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::Validation, Some("answers"))
    );
    assert_eq!(world.count("care_intakes").await, 0);
    assert_eq!(world.count("journal").await, journal);
}

#[tokio::test]
async fn the_clinic_adjusts_a_rule_and_every_client_follows_it() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let rules: Vec<PrecautionRule> = world
        .call(Call::CarePrecautionRules(NoArgs {}))
        .await
        .unwrap();
    let mut thinners = rules
        .into_iter()
        .find(|r| r.key == "blood_thinners")
        .unwrap();
    thinners.level = Level::Clearance;
    let input = |rule: &PrecautionRule| PrecautionRuleInput {
        key: rule.key.clone(),
        question_key: rule.question_key.clone(),
        answers: rule.answers.clone(),
        level: rule.level,
        text: "GP to confirm before any massage.".into(),
        regions: rule.regions.clone(),
        techniques: rule.techniques.clone(),
        active: true,
    };
    let therapist = world.account(Role::Therapist).await;
    let refused = world
        .call_as::<PrecautionRule>(&therapist, Call::CarePrecautionRulesSave(input(&thinners)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    let earlier = save_intake(&world, &f, &f.clients[1], &[("blood_thinners", "yes")]).await;
    assert_eq!(earlier.precautions[0].level, Level::Modify);
    let _: PrecautionRule = world
        .call(Call::CarePrecautionRulesSave(input(&thinners)))
        .await
        .unwrap();
    let flags = flags_at_reception(&world, &f.clients[1]).await;
    assert_eq!(
        flags.levels,
        [Level::Clearance],
        "existing clients follow the changed rule"
    );
    let saved = save_intake(&world, &f, &f.clients[0], &[("blood_thinners", "yes")]).await;
    assert_eq!(saved.precautions[0].level, Level::Clearance);
    assert_eq!(
        saved.precautions[0].text,
        "GP to confirm before any massage."
    );
    let mut unknown = input(&thinners);
    unknown.question_key = "favourite_colour".into();
    let error = world
        .call::<PrecautionRule>(Call::CarePrecautionRulesSave(unknown))
        .await
        .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("questionKey"));
}

#[tokio::test]
async fn a_conflicting_plan_technique_warns() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    save_intake(&world, &f, client, &[("blood_thinners", "yes")]).await;
    let plan = |techniques: Vec<Technique>| PlanInput {
        client_id: client.clone(),
        starts_on: String::new(),
        frequency: "weekly".into(),
        sessions_before_review: 6,
        techniques,
        precautions_noted: String::new(),
    };
    let saved: PlanSaved = world
        .call(Call::CareSavePlan(plan(vec![
            Technique::Swedish,
            Technique::DeepTissue,
        ])))
        .await
        .unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert_eq!(
        (
            saved.warnings[0].technique,
            saved.warnings[0].rule_key.as_str(),
            saved.warnings[0].level
        ),
        (Some(Technique::DeepTissue), "blood_thinners", Level::Modify)
    );
    let current: Option<PlanSaved> = world.call(Call::CarePlan(by(client))).await.unwrap();
    assert_eq!(current.unwrap().warnings, saved.warnings);
    let calm: PlanSaved = world
        .call(Call::CareSavePlan(plan(vec![
            Technique::Swedish,
            Technique::Stretching,
        ])))
        .await
        .unwrap();
    assert!(calm.warnings.is_empty());
    assert_eq!(
        world.count("care_plans").await,
        2,
        "the earlier plan stays on the record"
    );
}

/// One request per clinical operation. The payloads are supersets that every request type
/// accepts (unknown fields are ignored), so the permission check is what is exercised.
fn clinical_calls(client: &str, some_id: &str) -> Vec<(&'static str, Call)> {
    let payload = |kind: &str| {
        json!({
            "clientId": client, "id": some_id, "answers": [], "kind": kind, "key": "k",
            "questionKey": "epilepsy", "level": "avoid", "text": "t", "active": true,
            "preferences": { "pressure": null, "avoidRegions": [], "position": "", "conversation": "", "sensoryNeeds": "" },
            "words": "w", "reviewOn": "2026-12-01", "outcome": "met", "frequency": "weekly",
            "sessionsBeforeReview": 6, "techniques": [], "content": {}, "reason": "r",
            "recommendations": "r", "recipient": { "kind": "gp", "name": "n", "address": "a" },
            "form": "intake", "fields": {}
        })
    };
    OPERATIONS
        .iter()
        .filter(|(name, permission)| {
            name.starts_with("care.")
                || matches!(
                    permission,
                    Permission::ViewClinical | Permission::EditClinical
                )
        })
        .map(|(name, _)| {
            let call = parse_call(json!({ "op": name, "args": payload("treatment") }))
                .or_else(|_| parse_call(json!({ "op": name, "args": payload("review") })))
                .or_else(|_| parse_call(json!({ "op": name, "args": {} })))
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            (*name, call)
        })
        .collect()
}

#[tokio::test]
async fn reception_is_forbidden_every_clinical_operation_before_any_work() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    save_intake(&world, &f, &f.clients[0], &[("epilepsy", "yes")]).await;
    let reception = world.account(Role::Reception).await;
    let journal = world.count("journal").await;
    let calls = clinical_calls(&f.clients[0], &f.clients[0]);
    assert!(calls.len() >= 30, "{}", calls.len());
    for (name, call) in calls {
        let error = world
            .call_as::<serde_json::Value>(&reception, call)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::Forbidden, "{name}");
    }
    assert_eq!(
        world.count("journal").await,
        journal,
        "no work, not even a journaled read"
    );
    for permission in [Permission::ViewClinical, Permission::EditClinical] {
        assert!(!role_grants(Role::Reception, permission));
        assert!(role_grants(Role::Therapist, permission));
        assert!(role_grants(Role::Owner, permission));
    }
}

#[tokio::test]
async fn every_read_of_a_clinical_record_is_journaled() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[1];
    save_intake(&world, &f, client, &[("osteoporosis", "yes")]).await;
    let therapist = world.maya(&f).await;
    let note: Note = world
        .call_as(
            &therapist,
            Call::CareStartNote(StartNote {
                client_id: client.clone(),
                appointment_id: None,
                session_on: String::new(),
                template_key: None,
            }),
        )
        .await
        .unwrap();
    let reads = [
        Call::CareIntake(by(client)),
        Call::CarePrecautions(by(client)),
        Call::CareConsents(by(client)),
        Call::CarePreferences(by(client)),
        Call::CareAssessments(by(client)),
        Call::CareProgress(by(client)),
        Call::CareGoals(by(client)),
        Call::CarePlan(by(client)),
        Call::CareNotes(by(client)),
        Call::CareNote(ById {
            id: note.id.clone(),
        }),
        Call::CareReviewSummary(by(client)),
        Call::CareRecord(by(client)),
    ];
    for call in reads {
        let name = call.name();
        let before = world.count("journal").await;
        let _: serde_json::Value = world.call_as(&therapist, call).await.unwrap();
        assert_eq!(world.count("journal").await, before + 1, "{name}");
        let row: (String, String, Option<String>, String) = sqlx::query_as(
            "SELECT action, entity, client_id, actor_id FROM journal ORDER BY seq DESC LIMIT 1",
        )
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
        assert_eq!(
            (row.0.as_str(), row.2.as_deref(), row.3.as_str()),
            ("read", Some(client.as_str()), therapist.staff_id.as_str()),
            "{name}"
        );
    }
    assert_eq!(
        palma::audit::verify(world.clinic.pool()).await.unwrap(),
        palma::audit::Verdict::Intact {
            lines: world.count("journal").await
        }
    );
    let feed: palma::audit::Changes = world
        .call(Call::JournalChanges(palma::api::ChangesSince { since: 0 }))
        .await
        .unwrap();
    assert!(
        feed.changes.iter().all(|c| c.action != "read"),
        "reads do not refresh screens"
    );
}

#[tokio::test]
async fn consent_is_dated_withdrawable_and_kept() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    let give = |kind: ConsentKind, scope: &[&str]| ConsentInput {
        client_id: client.clone(),
        kind,
        scope: scope.iter().map(|s| (*s).into()).collect(),
        note: String::new(),
        given_on: String::new(),
    };
    let treatment: Consent = world
        .call(Call::CareGiveConsent(give(ConsentKind::Treatment, &[])))
        .await
        .unwrap();
    let areas: Consent = world
        .call(Call::CareGiveConsent(give(
            ConsentKind::Areas,
            &["low_back", "glute_left"],
        )))
        .await
        .unwrap();
    assert_eq!(
        (treatment.given_on.as_str(), areas.scope.len()),
        ("2026-11-18", 2)
    );
    let bad = world
        .call::<Consent>(Call::CareGiveConsent(give(ConsentKind::Areas, &["tail"])))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("scope"));
    world.clock.advance(chrono::Duration::days(7));
    let withdraw = || WithdrawConsent {
        id: areas.id.clone(),
        withdrawn_on: String::new(),
    };
    let withdrawn: Consent = world
        .call(Call::CareWithdrawConsent(withdraw()))
        .await
        .unwrap();
    assert_eq!(withdrawn.withdrawn_on.as_deref(), Some("2026-11-25"));
    let again = world
        .call::<Consent>(Call::CareWithdrawConsent(withdraw()))
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    let history: Vec<Consent> = world.call(Call::CareConsents(by(client))).await.unwrap();
    assert_eq!(history.len(), 2, "withdrawn consent stays on the record");
    assert_eq!(history[1].given_on, "2026-11-18");
}

#[tokio::test]
async fn preferences_are_kept_and_checked() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let prefs = |avoid: &[&str]| PreferencesInput {
        client_id: f.clients[0].clone(),
        preferences: Preferences {
            pressure: Some(Pressure::Light),
            avoid_regions: avoid.iter().map(|s| (*s).into()).collect(),
            position: "side-lying".into(),
            conversation: "quiet".into(),
            sensory_needs: "Dim light, no music, tell me before moving to a new area.".into(),
        },
    };
    let _: Preferences = world
        .call(Call::CareSetPreferences(prefs(&["abdomen"])))
        .await
        .unwrap();
    let _: Preferences = world
        .call(Call::CareSetPreferences(prefs(&["abdomen", "head_face"])))
        .await
        .unwrap();
    let stored: Preferences = world
        .call(Call::CarePreferences(by(&f.clients[0])))
        .await
        .unwrap();
    assert_eq!(stored.pressure, Some(Pressure::Light));
    assert_eq!(stored.avoid_regions, ["abdomen", "head_face"]);
    assert_eq!(stored.conversation, "quiet");
    let bad = world
        .call::<Preferences>(Call::CareSetPreferences(prefs(&["wing"])))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("avoidRegions"));
    let empty: Preferences = world
        .call(Call::CarePreferences(by(&f.clients[1])))
        .await
        .unwrap();
    assert_eq!(empty.pressure, None);
}

pub fn assessment(client: &str, marks: Vec<BodyMark>) -> AssessmentInput {
    AssessmentInput {
        id: None,
        client_id: client.into(),
        assessed_on: String::new(),
        complaint: Complaint {
            description: "My neck and shoulders ache by the afternoon.".into(),
            location: "neck, both shoulders".into(),
            since: "March".into(),
            worse_with: "long days at the laptop".into(),
            better_with: "swimming".into(),
            effect_on_sleep: "wakes at night turning over".into(),
            ..Complaint::default()
        },
        observations: Observations {
            posture: "Head forward, shoulders rounded.".into(),
            range_of_movement: "Neck rotation to the left limited.".into(),
            palpation: "Tender upper trapezius both sides.".into(),
        },
        marks,
        links: vec![BodyLink {
            from: "chest_left".into(),
            to: "upper_trapezius_left".into(),
            note: "tight pecs pull shoulders forward".into(),
        }],
    }
}

pub fn mark(region: &str, symptom: Symptom, intensity: i32) -> BodyMark {
    BodyMark {
        region: region.into(),
        symptom,
        intensity,
        note: String::new(),
    }
}

#[tokio::test]
async fn the_body_chart_is_stored_as_validated_data() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[2];
    let marks = vec![
        mark("upper_trapezius_left", Symptom::Tight, 7),
        mark("upper_trapezius_right", Symptom::Ache, 5),
        mark("hand_right", Symptom::PinsAndNeedles, 3),
    ];
    let saved: Assessment = world
        .call(Call::CareSaveAssessment(assessment(client, marks.clone())))
        .await
        .unwrap();
    let listed: Vec<Assessment> = world.call(Call::CareAssessments(by(client))).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].marks, marks);
    assert_eq!(listed[0].links[0].to, "upper_trapezius_left");
    assert_eq!(listed[0].complaint.since, "March");
    let mut changed = assessment(client, vec![mark("low_back", Symptom::Sharp, 8)]);
    changed.id = Some(saved.id.clone());
    let _: Assessment = world.call(Call::CareSaveAssessment(changed)).await.unwrap();
    let listed: Vec<Assessment> = world.call(Call::CareAssessments(by(client))).await.unwrap();
    assert_eq!(
        (listed.len(), listed[0].marks[0].region.as_str()),
        (1, "low_back")
    );
    for bad in [
        mark("tail", Symptom::Ache, 3),
        mark("low_back", Symptom::Ache, 11),
    ] {
        let error = world
            .call::<Assessment>(Call::CareSaveAssessment(assessment(client, vec![bad])))
            .await
            .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("marks"));
    }
    let regions: Vec<serde_json::Value> =
        world.call(Call::CareBodyRegions(NoArgs {})).await.unwrap();
    assert!(regions.len() >= 40);
    assert!(
        regions
            .iter()
            .any(|r| r["key"] == "calf_left" && r["view"] == "back")
    );
}

//! The clinical record, Treat and Empower: session notes, signing, what the database refuses,
//! amendments, measures and progress, review, and the referral letter's consent rule.

use crate::care::{assessment, by, mark, save_intake};
use crate::world::{Fixture, World};
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::care::*;
use palma::scheduling::appointments::{Appointment, BookAppointment};

async fn book(world: &World, f: &Fixture, client: &str, start: &str) -> String {
    let booked: Appointment = world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: client.into(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: start.into(),
        }))
        .await
        .unwrap();
    booked.id
}

fn start(client: &str, appointment: Option<&str>) -> StartNote {
    StartNote {
        client_id: client.into(),
        appointment_id: appointment.map(str::to_owned),
        session_on: String::new(),
        template_key: None,
    }
}

fn content(pain: i32, stress: i32) -> NoteContent {
    NoteContent {
        pain: Some(pain),
        stress: Some(stress),
        subjective: "Neck better after last time; slept well.".into(),
        objective: "Less tone in upper trapezius.".into(),
        assessment: "Myofascial release, moderate pressure; client relaxed.".into(),
        plan: "Continue weekly; chest stretch daily.".into(),
        techniques: vec![Technique::MyofascialRelease, Technique::Stretching],
        regions: vec!["upper_trapezius_left".into(), "chest_left".into()],
        pressure: Some(Pressure::Medium),
        response: "Good".into(),
        education: vec!["Tension builds with stress and long desk hours.".into()],
        self_goals: vec!["Two walks at lunchtime a week.".into()],
    }
}

/// Starts, fills and signs a note for a new appointment; returns the signed note.
async fn signed_note(
    world: &World,
    f: &Fixture,
    client: &str,
    at: &str,
    pain: i32,
    stress: i32,
) -> Note {
    let therapist = world.maya(f).await;
    let appointment = book(world, f, client, at).await;
    let draft: Note = world
        .call_as(
            &therapist,
            Call::CareStartNote(start(client, Some(&appointment))),
        )
        .await
        .unwrap();
    assert_eq!(draft.session_on, &at[..10], "the appointment's day");
    let _: Note = world
        .call_as(
            &therapist,
            Call::CareSaveNote(NoteInput {
                id: draft.id.clone(),
                content: content(pain, stress),
            }),
        )
        .await
        .unwrap();
    world
        .call_as(&therapist, Call::CareSignNote(ById { id: draft.id }))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_signed_note_cannot_be_changed_through_the_api() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    save_intake(&world, &f, client, &[("blood_thinners", "yes")]).await;
    let note = signed_note(&world, &f, client, "2026-11-19T10:00", 5, 4).await;
    assert_eq!(note.status, NoteStatus::Signed);
    assert_eq!(note.signed_by.as_deref(), Some("Maya Patel"));
    assert_eq!(
        note.precautions[0].rule_key, "blood_thinners",
        "precautions show on every note"
    );
    let mut changed = content(1, 1);
    changed.subjective = "Rewritten".into();
    let refused = world
        .call::<Note>(Call::CareSaveNote(NoteInput {
            id: note.id.clone(),
            content: changed,
        }))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    let twice = world
        .call::<Note>(Call::CareSignNote(ById {
            id: note.id.clone(),
        }))
        .await
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);
    let stored: Note = world
        .call(Call::CareNote(ById {
            id: note.id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(stored.content, content(5, 4));
    let kept = world
        .call::<ById>(Call::CareDiscardDraft(ById {
            id: note.id.clone(),
        }))
        .await
        .unwrap_err();
    assert_eq!(
        kept.code,
        ErrorCode::Conflict,
        "a signed note cannot be discarded"
    );
    let mistake: Note = world
        .call(Call::CareStartNote(start(client, None)))
        .await
        .unwrap();
    let _: ById = world
        .call(Call::CareDiscardDraft(ById {
            id: mistake.id.clone(),
        }))
        .await
        .unwrap();
    let gone = world
        .call::<Note>(Call::CareNote(ById { id: mistake.id }))
        .await
        .unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
    let empty: Note = world
        .call(Call::CareStartNote(start(client, None)))
        .await
        .unwrap();
    let unsigned = world
        .call::<Note>(Call::CareSignNote(ById { id: empty.id }))
        .await
        .unwrap_err();
    assert_eq!(
        unsigned.code,
        ErrorCode::Validation,
        "an empty draft is not signed"
    );
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_a_signed_note() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    let note = signed_note(&world, &f, client, "2026-11-19T10:00", 5, 4).await;
    let amended: Note = world
        .call(Call::CareAmendNote(AmendNote {
            id: note.id.clone(),
            reason: "Late entry".into(),
            text: "Also worked on the left forearm.".into(),
        }))
        .await
        .unwrap();
    let pool = world.clinic.pool();
    for sql in [
        "UPDATE care_notes SET subjective = 'tampered' WHERE id = $1",
        "UPDATE care_notes SET status = 'draft' WHERE id = $1",
        "DELETE FROM care_notes WHERE id = $1",
    ] {
        let result = sqlx::query(sql).bind(&note.id).execute(pool).await;
        assert!(result.is_err(), "{:?}: {sql}", world.engine());
    }
    let amendment = &amended.amendments[0].id;
    for sql in [
        "UPDATE care_note_amendments SET text = 'tampered' WHERE id = $1",
        "DELETE FROM care_note_amendments WHERE id = $1",
    ] {
        assert!(
            sqlx::query(sql)
                .bind(amendment)
                .execute(pool)
                .await
                .is_err(),
            "{sql}"
        );
    }
    let draft: Note = world
        .call(Call::CareStartNote(start(client, None)))
        .await
        .unwrap();
    let changed = sqlx::query("UPDATE care_notes SET subjective = 'draft text' WHERE id = $1")
        .bind(&draft.id)
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected(), 1, "drafts stay editable");
    let stored: Note = world
        .call(Call::CareNote(ById {
            id: note.id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(
        (stored.content, stored.amendments.len()),
        (content(5, 4), 1)
    );
}

#[tokio::test]
async fn an_amendment_keeps_the_original() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[1];
    let note = signed_note(&world, &f, client, "2026-11-19T14:00", 6, 5).await;
    world.clock.advance(chrono::Duration::hours(3));
    // Tom has never seen Maya's client: he may amend only once the clinic shares care.
    let tom = world.therapist("Tom Okafor", &f.tom).await;
    let amend = |reason: &str| AmendNote {
        id: note.id.clone(),
        reason: reason.into(),
        text: "Pressure was light, not medium.".into(),
    };
    let refused = world
        .call_as::<Note>(&tom, Call::CareAmendNote(amend("Correction")))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    world.set_shared_care(true).await;
    let amended: Note = world
        .call_as(&tom, Call::CareAmendNote(amend("Correction")))
        .await
        .unwrap();
    assert_eq!(amended.content, note.content, "the original stays readable");
    let a = &amended.amendments[0];
    assert_eq!(
        (a.author_name.as_str(), a.reason.as_str()),
        ("Tom Okafor", "Correction")
    );
    assert_eq!(a.at_ms, note.signed_at.unwrap() + 3 * 3_600_000);
    let no_reason = world
        .call::<Note>(Call::CareAmendNote(amend(" ")))
        .await
        .unwrap_err();
    assert_eq!(no_reason.field.as_deref(), Some("reason"));
    let draft: Note = world
        .call(Call::CareStartNote(start(client, None)))
        .await
        .unwrap();
    let on_draft = world
        .call::<Note>(Call::CareAmendNote(AmendNote {
            id: draft.id,
            reason: "x".into(),
            text: "y".into(),
        }))
        .await
        .unwrap_err();
    assert_eq!(on_draft.code, ErrorCode::Conflict);
    let listed: Vec<NoteSummary> = world.call(Call::CareNotes(by(client))).await.unwrap();
    let summary = listed.iter().find(|n| n.id == note.id).unwrap();
    assert_eq!(summary.amendment_count, 1);
}

#[tokio::test]
async fn notes_start_from_a_template_or_from_the_last_signed_note() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[2];
    let none = world
        .call::<Note>(Call::CareStartFromLastNote(start(client, None)))
        .await
        .unwrap_err();
    assert_eq!(none.code, ErrorCode::NotFound);
    let mut templated = start(client, None);
    templated.template_key = Some("low_back".into());
    let draft: Note = world
        .call(Call::CareStartNote(templated.clone()))
        .await
        .unwrap();
    assert!(draft.content.subjective.starts_with("Low back pain since"));
    assert!(draft.content.techniques.contains(&Technique::DeepTissue));
    templated.template_key = Some("nonsense".into());
    let bad = world
        .call::<Note>(Call::CareStartNote(templated))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("templateKey"));
    let last = signed_note(&world, &f, client, "2026-11-20T09:00", 4, 3).await;
    let next: Note = world
        .call(Call::CareStartFromLastNote(start(client, None)))
        .await
        .unwrap();
    assert_eq!(next.status, NoteStatus::Draft);
    assert_eq!(next.content.techniques, last.content.techniques);
    assert_eq!(next.content.regions, last.content.regions);
    assert_eq!(next.content.plan, last.content.plan);
    assert_eq!(next.content.self_goals, last.content.self_goals);
    assert_eq!(
        (next.content.pain, next.content.subjective.as_str()),
        (None, ""),
        "today's report is new"
    );
    let other = book(&world, &f, &f.clients[0], "2026-11-23T09:00").await;
    let wrong = world
        .call::<Note>(Call::CareStartNote(start(client, Some(&other))))
        .await
        .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("appointmentId"));
}

/// The activities the next PSFS starts from, as the clinical record gives them.
async fn psfs_activities(world: &World, client: &str) -> Vec<String> {
    world
        .call::<ClinicalRecord>(Call::CareRecord(by(client)))
        .await
        .unwrap()
        .psfs_activities
}

async fn baseline(world: &World, client: &str, assessment_id: &str) -> Measurement {
    world
        .call(Call::CareRecordMeasures(MeasuresInput {
            client_id: client.into(),
            taken_on: "2026-11-18".into(),
            baseline: true,
            pain: Some(7),
            stress: Some(8),
            psfs: vec![
                PsfsItem {
                    activity: "Sitting at my desk all afternoon".into(),
                    score: 3,
                },
                PsfsItem {
                    activity: "Turning my head to reverse the car".into(),
                    score: 4,
                },
                PsfsItem {
                    activity: "Sleeping through the night".into(),
                    score: 2,
                },
            ],
            assessment_id: Some(assessment_id.into()),
            note_id: None,
        }))
        .await
        .unwrap()
}

#[tokio::test]
async fn psfs_and_the_progress_series_are_computed_from_the_visits() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    let first: Assessment = world
        .call(Call::CareSaveAssessment(assessment(
            client,
            vec![mark("neck_back", Symptom::Ache, 7)],
        )))
        .await
        .unwrap();
    let base = baseline(&world, client, &first.id).await;
    assert_eq!(base.psfs_score, Some(3.0));
    let goal: Goal = world
        .call(Call::CareSaveGoal(GoalInput {
            id: None,
            client_id: client.clone(),
            words: "Get through a work day without neck pain".into(),
            target: "pain 2 or less by the end of the day".into(),
            measure: Some(Measure::Pain),
            target_value: Some(2.0),
            review_on: "2026-12-16".into(),
        }))
        .await
        .unwrap();
    let _: Goal = world
        .call(Call::CareSaveGoal(GoalInput {
            id: None,
            client_id: client.clone(),
            words: "Sleep through the night".into(),
            target: String::new(),
            measure: Some(Measure::Psfs),
            target_value: Some(7.5),
            review_on: "2026-12-16".into(),
        }))
        .await
        .unwrap();
    let mut notes = Vec::new();
    for (day, pain, stress) in [
        ("2026-11-19", 6, 7),
        ("2026-11-26", 5, 5),
        ("2026-12-03", 3, 4),
    ] {
        notes.push(signed_note(&world, &f, client, &format!("{day}T10:00"), pain, stress).await);
    }
    // The visits rated pain and stress only: the next PSFS starts from the baseline's activities.
    let named: Vec<String> = base.psfs.iter().map(|i| i.activity.clone()).collect();
    assert_eq!(psfs_activities(&world, client).await, named);
    let follow_up: Measurement = world
        .call(Call::CareRecordMeasures(MeasuresInput {
            client_id: client.clone(),
            taken_on: "2026-12-03".into(),
            baseline: false,
            pain: None,
            stress: None,
            psfs: vec![
                PsfsItem {
                    activity: "Sitting at my desk all afternoon".into(),
                    score: 5,
                },
                PsfsItem {
                    activity: "Turning my head to reverse the car".into(),
                    score: 6,
                },
                PsfsItem {
                    activity: "Sleeping through the night".into(),
                    score: 6,
                },
            ],
            assessment_id: None,
            note_id: Some(notes[2].id.clone()),
        }))
        .await
        .unwrap();
    assert_eq!(
        follow_up.psfs_score,
        Some(5.7),
        "17 / 3 = 5.67, one decimal"
    );
    let progress: Progress = world.call(Call::CareProgress(by(client))).await.unwrap();
    let [pain, psfs, stress] = &progress.series[..] else {
        panic!("three series")
    };
    assert_eq!(
        (pain.measure, psfs.measure, stress.measure),
        (Measure::Pain, Measure::Psfs, Measure::Stress)
    );
    let values = |s: &MeasureSeries| s.points.iter().map(|p| p.value).collect::<Vec<_>>();
    assert_eq!(values(pain), [7.0, 6.0, 5.0, 3.0]);
    assert_eq!(values(stress), [8.0, 7.0, 5.0, 4.0]);
    assert_eq!(values(psfs), [3.0, 5.7]);
    assert_eq!(
        (pain.baseline, pain.latest, pain.change),
        (Some(7.0), Some(3.0), Some(-4.0))
    );
    assert_eq!(
        (psfs.change, psfs.goal_targets.clone()),
        (Some(2.7), vec![7.5])
    );
    assert_eq!(pain.goal_targets, [2.0]);
    assert!(pain.points[0].baseline && !pain.points[1].baseline);
    assert_eq!(
        pain.points[3].note_id.as_deref(),
        Some(notes[2].id.as_str())
    );

    for bad in [
        vec![PsfsItem {
            activity: "x".into(),
            score: 11,
        }],
        (0..6)
            .map(|i| PsfsItem {
                activity: format!("a{i}"),
                score: 5,
            })
            .collect(),
    ] {
        let error = world
            .call::<Measurement>(Call::CareRecordMeasures(MeasuresInput {
                client_id: client.clone(),
                taken_on: String::new(),
                baseline: false,
                pain: None,
                stress: None,
                psfs: bad,
                assessment_id: None,
                note_id: None,
            }))
            .await
            .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("psfs"));
    }

    let reviewed: Goal = world
        .call(Call::CareReviewGoal(GoalReview {
            id: goal.id,
            outcome: GoalOutcome::PartlyMet,
            reviewed_on: "2026-12-03".into(),
            note: "Most days".into(),
        }))
        .await
        .unwrap();
    assert_eq!(reviewed.outcome, Some(GoalOutcome::PartlyMet));
    let summary: ReviewSummary = world
        .call(Call::CareRecordReview(ReviewInput {
            client_id: client.clone(),
            kind: ReviewKind::Discharge,
            reviewed_on: String::new(),
            recommendations: "Monthly maintenance; keep the desk stretches.".into(),
        }))
        .await
        .unwrap();
    assert_eq!(
        (
            summary.signed_sessions,
            summary.goals_partly_met,
            summary.goals_met
        ),
        (3, 1, 0)
    );
    assert_eq!(summary.first_session.as_deref(), Some("2026-11-19"));
    let pain_row = &summary.measures[0];
    assert!(pain_row.improved && pain_row.meaningful, "7 → 3");
    assert_eq!(summary.kind, Some(ReviewKind::Discharge));
}

#[tokio::test]
async fn a_referral_letter_needs_the_clients_consent_to_share() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[0];
    save_intake(&world, &f, client, &[("blood_thinners", "yes")]).await;
    let _: Assessment = world
        .call(Call::CareSaveAssessment(assessment(
            client,
            vec![mark("hand_right", Symptom::PinsAndNeedles, 4)],
        )))
        .await
        .unwrap();
    signed_note(&world, &f, client, "2026-11-19T10:00", 6, 5).await;
    let request = |kind: RecipientKind| ReferralRequest {
        client_id: client.clone(),
        recipient: Recipient {
            kind,
            name: "Dr A. Shah".into(),
            address: "Riverside Surgery\nYork YO1 1AA".into(),
        },
        reason: "Pins and needles in the right hand persist; please assess.".into(),
    };
    let refused = world
        .call::<ReferralLetter>(Call::CareReferralLetter(request(RecipientKind::Gp)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    let consent = crate::referral::consent_to_gp(&world, &world.owner, client).await;
    let letter: ReferralLetter = world
        .call(Call::CareReferralLetter(request(RecipientKind::Gp)))
        .await
        .unwrap();
    assert_eq!(letter.salutation, "Dear Dr A. Shah,");
    assert_eq!(letter.client_name, "Zoë Łukasiewicz-Ørsted");
    assert_eq!(letter.clinic_name, "Test Clinic");
    let headings: Vec<&str> = letter.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings[..3],
        [
            "Reason for writing",
            "Presenting complaint",
            "Findings (18 November 2026)"
        ]
    );
    assert!(
        headings.contains(&"Precautions observed")
            && headings.contains(&"Progress")
            && headings.contains(&"Self-management")
    );
    let findings = &letter.sections[2].paragraphs;
    assert!(
        findings
            .iter()
            .any(|p| p.contains("hand and wrist, right (pins and needles, 4/10)")),
        "{findings:?}"
    );
    let physio = world
        .call::<ReferralLetter>(Call::CareReferralLetter(request(
            RecipientKind::Physiotherapist,
        )))
        .await
        .unwrap_err();
    assert_eq!(
        physio.code,
        ErrorCode::Conflict,
        "consent names the recipient kind"
    );
    let _: Consent = world
        .call(Call::CareWithdrawConsent(WithdrawConsent {
            id: consent.id,
            withdrawn_on: String::new(),
        }))
        .await
        .unwrap();
    let withdrawn = world
        .call::<ReferralLetter>(Call::CareReferralLetter(request(RecipientKind::Gp)))
        .await
        .unwrap_err();
    assert_eq!(withdrawn.code, ErrorCode::Conflict);
}

/// What the demo's clinical records add up to, as numbers that must not drift between runs.
async fn demo_records(world: &World) -> (Vec<i64>, Vec<String>, Vec<f64>) {
    let _: palma::settings::SetupStatus = world
        .call(Call::SetupStart(palma::settings::StartClinic::Demo))
        .await
        .unwrap();
    let mut counts = Vec::new();
    for table in [
        "care_intakes",
        "care_precautions",
        "care_assessments",
        "care_notes",
        "care_note_amendments",
        "care_measures",
        "care_goals",
        "care_plans",
        "care_consents",
    ] {
        counts.push(world.count(table).await);
    }
    let signed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM care_notes WHERE status = 'signed'")
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    counts.push(signed);
    let zoe: String = sqlx::query_scalar("SELECT id FROM clients WHERE given_name = 'Zoë'")
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    let minh: String = sqlx::query_scalar("SELECT id FROM clients WHERE given_name = 'Minh Khai'")
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    let precautions: Vec<Precaution> = world.call(Call::CarePrecautions(by(&minh))).await.unwrap();
    let record: ClinicalRecord = world.call(Call::CareRecord(by(&minh))).await.unwrap();
    assert_eq!(record.precautions.len(), precautions.len());
    assert_eq!(
        record.notes.len(),
        4,
        "assessment visit and three follow-ups"
    );
    assert!(record.notes.iter().all(|n| n.status == NoteStatus::Signed));
    assert_eq!(record.plan.as_ref().map(|p| p.warnings.len()), Some(1));
    assert_eq!(record.latest_assessment.map(|a| a.marks.len()), Some(3));
    assert_eq!(
        record.consents.len(),
        2,
        "treatment and sharing with the GP"
    );
    let progress: Progress = world.call(Call::CareProgress(by(&zoe))).await.unwrap();
    let pain = progress.series[0].points.iter().map(|p| p.value).collect();
    (
        counts,
        precautions.into_iter().map(|p| p.rule_key).collect(),
        pain,
    )
}

#[tokio::test]
async fn the_demo_gives_clients_realistic_deterministic_clinical_records() {
    let world = World::for_demo().await;
    let (counts, minh_precautions, zoe_pain) = demo_records(&world).await;
    assert_eq!(counts[0], 6, "six intakes");
    assert_eq!(counts[1], 9, "precautions the six intakes raise");
    assert_eq!(counts[2], 6, "six assessments with body charts");
    assert_eq!(counts[3], counts[9], "every demo note is signed");
    assert!(counts[3] >= 20 && counts[4] >= 3, "{counts:?}");
    assert_eq!(minh_precautions, ["blood_thinners", "high_blood_pressure"]);
    assert_eq!(
        zoe_pain,
        [6.0, 5.0, 5.0, 4.0, 3.0],
        "baseline then four follow-ups"
    );
    let plan: Option<PlanSaved> = world
        .call(Call::CarePlan(by(&sqlx::query_scalar::<_, String>(
            "SELECT id FROM clients WHERE given_name = 'Minh Khai'",
        )
        .fetch_one(world.clinic.pool())
        .await
        .unwrap())))
        .await
        .unwrap();
    assert_eq!(
        plan.unwrap().warnings[0].technique,
        Some(Technique::DeepTissue),
        "the demo shows a plan warning"
    );
    assert_eq!(
        palma::audit::verify(world.clinic.pool()).await.unwrap(),
        palma::audit::Verdict::Intact {
            lines: world.count("journal").await
        }
    );
    let again = World::for_demo().await;
    assert_eq!(
        demo_records(&again).await,
        (counts, minh_precautions, zoe_pain)
    );
}

#[tokio::test]
async fn the_next_psfs_starts_from_the_activities_named_last() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let client = &f.clients[1];
    save_intake(&world, &f, client, &[("epilepsy", "no")]).await;
    assert!(
        psfs_activities(&world, client).await.is_empty(),
        "no PSFS yet"
    );
    for (day, named) in [
        ("2026-11-18", ["Carrying shopping", "Gardening"]),
        ("2026-11-25", ["Carrying shopping", "Playing tennis"]),
    ] {
        let _: Measurement = world
            .call(Call::CareRecordMeasures(MeasuresInput {
                client_id: client.clone(),
                taken_on: day.into(),
                baseline: day == "2026-11-18",
                pain: Some(4),
                stress: None,
                psfs: named
                    .iter()
                    .map(|activity| PsfsItem {
                        activity: (*activity).into(),
                        score: 5,
                    })
                    .collect(),
                assessment_id: None,
                note_id: None,
            }))
            .await
            .unwrap();
        assert_eq!(psfs_activities(&world, client).await, named);
    }
}

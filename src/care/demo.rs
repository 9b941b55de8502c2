//! Demo clinical records for `palma demo`: six clients in a course of care, each with an
//! intake that raises precautions, an assessment with a body chart, baseline and follow-up
//! measures, goals, a plan, signed notes over several weekly visits before the demo's
//! calendar (some amended), consents and preferences. Made through the same operations as
//! real use, by the treating therapist; deterministic for a given "today".

use super::*;
use crate::api::ById;
use crate::clinic::Clinic;
use crate::error::ApiResult;
use crate::scheduling::appointments::{self, BookAppointment};
use crate::scheduling::closeout::{self, CloseOut, CloseOutItem, VisitOutcome};
use crate::staff::{Actor, Role};
use Technique::DeepTissue;
use chrono::{Duration, NaiveDate};

mod courses;
use courses::{COURSES, Course, NOTE_S};

/// A course client's date of birth (the other demo clients' are made up), by position.
pub fn born_on(client: usize) -> Option<String> {
    COURSES.get(client).map(|course| course.born.to_owned())
}

/// Whether the demo client at this position is pregnant (her intake says so).
pub fn expecting(client: usize) -> bool {
    COURSES
        .get(client)
        .is_some_and(|course| course.answers.contains(&("pregnant", "yes")))
}

/// Books one past weekly visit as `service`; returns the appointment id.
#[allow(clippy::too_many_arguments)]
async fn visit(
    clinic: &Clinic,
    actor: &Actor,
    ids: &DemoIds<'_>,
    service: &str,
    client: &str,
    day: NaiveDate,
    time: &str,
    room: &str,
) -> ApiResult<String> {
    let request = BookAppointment {
        client_id: client.to_owned(),
        service_id: service.to_owned(),
        practitioner_id: ids.therapist.to_owned(),
        room_id: room.to_owned(),
        start: format!("{day}T{time}"),
        override_reason: None,
    };
    Ok(appointments::book(clinic, actor, request).await?.id)
}

/// What a course needs from the demo clinic.
pub struct DemoIds<'a> {
    pub therapist: &'a str,
}

/// A demo therapist: their calendar (practitioner), their staff account and name.
pub struct Clinician {
    pub practitioner: String,
    pub staff: String,
    pub name: String,
}

/// Gives the first clients of the demo clinic their clinical records: an initial assessment,
/// then weekly visits of the course's service, all attended. `monday` is the Monday of the
/// demo calendar's first week; the courses end the week before. Returns how many clients
/// are in a course (the first ones).
pub async fn fill(
    clinic: &Clinic,
    owner: &Actor,
    therapists: &[Clinician],
    rooms: &[String],
    services: &[String],
    clients: &[String],
    monday: NaiveDate,
) -> ApiResult<usize> {
    for (n, (course, client)) in COURSES.iter().zip(clients).enumerate() {
        let therapist = &therapists[n % therapists.len()];
        let ids = DemoIds {
            therapist: &therapist.practitioner,
        };
        let clinician = Actor {
            staff_id: therapist.staff.clone(),
            display_name: therapist.name.clone(),
            roles: vec![Role::Therapist],
        };
        let weeks = i64::try_from(course.visits.len()).unwrap_or(1) + 1;
        let first =
            monday - Duration::weeks(weeks) + Duration::days(i64::try_from(n % 5).unwrap_or(0));
        let time = if n < 5 { "10:00" } else { "14:00" };
        let mut appointments = Vec::new();
        for week in 0..weeks {
            let day = first + Duration::weeks(week);
            let service = if week == 0 {
                crate::demo::service::INITIAL
            } else {
                course.service
            };
            appointments.push(
                visit(
                    clinic,
                    owner,
                    &ids,
                    &services[service],
                    client,
                    day,
                    time,
                    &rooms[n % rooms.len()],
                )
                .await?,
            );
        }
        attended(clinic, owner, &appointments).await?;
        record(clinic, &clinician, course, client, first, &appointments, n).await?;
    }
    Ok(COURSES.len().min(clients.len()))
}

/// Closes a course's visits as attended, as reception did after each one.
async fn attended(clinic: &Clinic, actor: &Actor, appointments: &[String]) -> ApiResult<()> {
    let items = appointments
        .iter()
        .map(|id| CloseOutItem {
            id: id.clone(),
            outcome: VisitOutcome::Attended,
            reason: None,
        })
        .collect();
    closeout::close_out(clinic, actor, CloseOut { items }).await?;
    Ok(())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

async fn record(
    clinic: &Clinic,
    actor: &Actor,
    course: &Course,
    client: &str,
    first: NaiveDate,
    appointments: &[String],
    n: usize,
) -> ApiResult<()> {
    let on = first.format("%Y-%m-%d").to_string();
    let consent = |kind, scope: &[&str]| ConsentInput {
        client_id: client.to_owned(),
        kind,
        scope: strings(scope),
        note: String::new(),
        given_on: on.clone(),
    };
    give_consent(clinic, actor, consent(ConsentKind::Treatment, &[])).await?;
    if course.share_with_gp {
        give_consent(
            clinic,
            actor,
            consent(ConsentKind::ShareInformation, &["gp"]),
        )
        .await?;
    }
    let answers = course
        .answers
        .iter()
        .map(|(k, v)| Answer {
            key: (*k).into(),
            value: (*v).into(),
        })
        .collect();
    save_intake(
        clinic,
        actor,
        IntakeInput {
            client_id: client.to_owned(),
            taken_on: on.clone(),
            answers,
        },
    )
    .await?;
    if n.is_multiple_of(2) {
        let preferences = Preferences {
            pressure: Some(if n == 0 {
                Pressure::Medium
            } else {
                Pressure::Light
            }),
            avoid_regions: if n == 2 {
                strings(&["abdomen"])
            } else {
                Vec::new()
            },
            position: if n == 2 {
                "Side-lying with pillows".into()
            } else {
                String::new()
            },
            conversation: "Quiet, please".into(),
            sensory_needs: if n == 0 {
                "Dim light; tell me before moving to a new area.".into()
            } else {
                String::new()
            },
        };
        set_preferences(
            clinic,
            actor,
            PreferencesInput {
                client_id: client.to_owned(),
                preferences,
            },
        )
        .await?;
    }
    let [description, location, since, worse, better, effect] = course.complaint;
    let [posture, rom, palpation] = course.observations;
    let assessment = save_assessment(
        clinic,
        actor,
        AssessmentInput {
            id: None,
            client_id: client.to_owned(),
            assessed_on: on.clone(),
            complaint: Complaint {
                description: description.into(),
                location: location.into(),
                since: since.into(),
                worse_with: worse.into(),
                better_with: better.into(),
                effect_on_sleep: effect.into(),
                ..Complaint::default()
            },
            observations: Observations {
                posture: posture.into(),
                range_of_movement: rom.into(),
                palpation: palpation.into(),
            },
            marks: course
                .marks
                .iter()
                .map(|(region, symptom, intensity)| BodyMark {
                    region: (*region).into(),
                    symptom: *symptom,
                    intensity: *intensity,
                    note: String::new(),
                })
                .collect(),
            links: course
                .links
                .iter()
                .map(|(from, to, note)| BodyLink {
                    from: (*from).into(),
                    to: (*to).into(),
                    note: (*note).into(),
                })
                .collect(),
        },
    )
    .await?;
    let (pain, stress, activities) = course.baseline;
    let psfs = |scores: &mut dyn Iterator<Item = i32>| {
        activities
            .iter()
            .zip(scores)
            .map(|((a, _), score)| PsfsItem {
                activity: (*a).into(),
                score,
            })
            .collect()
    };
    record_measures(
        clinic,
        actor,
        MeasuresInput {
            client_id: client.to_owned(),
            taken_on: on.clone(),
            baseline: true,
            pain: Some(pain),
            stress: Some(stress),
            psfs: psfs(&mut activities.iter().map(|(_, s)| *s)),
            assessment_id: Some(assessment.id.clone()),
            note_id: None,
        },
    )
    .await?;
    let review_on = (first + Duration::weeks(6)).format("%Y-%m-%d").to_string();
    let (words, measure, target) = course.goal;
    let goal = save_goal(
        clinic,
        actor,
        GoalInput {
            id: None,
            client_id: client.to_owned(),
            words: words.into(),
            target: String::new(),
            measure: Some(measure),
            target_value: Some(target),
            review_on,
        },
    )
    .await?;
    save_plan(
        clinic,
        actor,
        PlanInput {
            client_id: client.to_owned(),
            starts_on: on.clone(),
            frequency: "weekly".into(),
            sessions_before_review: i32::try_from(appointments.len()).unwrap_or(5),
            techniques: course.techniques.to_vec(),
            precautions_noted: String::new(),
        },
    )
    .await?;
    let mut last_note = String::new();
    for (k, appointment) in appointments.iter().enumerate() {
        let rating = k.checked_sub(1).and_then(|i| course.visits.get(i)).copied();
        let draft = if k == 0 {
            start_note(
                clinic,
                actor,
                StartNote {
                    client_id: client.to_owned(),
                    appointment_id: Some(appointment.clone()),
                    session_on: String::new(),
                    template_key: Some("follow_up".into()),
                },
            )
            .await?
        } else {
            start_from_last_note(
                clinic,
                actor,
                StartNote {
                    client_id: client.to_owned(),
                    appointment_id: Some(appointment.clone()),
                    session_on: String::new(),
                    template_key: None,
                },
            )
            .await?
        };
        let regions: Vec<String> = course
            .marks
            .iter()
            .map(|(r, _, _)| (*r).to_owned())
            .collect();
        let content = NoteContent {
            pain: rating.map(|r| r.0),
            stress: rating.map(|r| r.1),
            subjective: NOTE_S[k.min(NOTE_S.len() - 1)].into(),
            objective: if k == 0 {
                course.observations[2].into()
            } else {
                "Tissue softer than last visit; range improving.".into()
            },
            assessment: format!(
                "{} to the marked areas; client relaxed and comfortable.",
                course
                    .techniques
                    .iter()
                    .map(|t| t.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            plan: "Continue weekly; keep up the home programme.".into(),
            techniques: course
                .techniques
                .iter()
                .copied()
                .filter(|t| *t != DeepTissue)
                .collect(),
            regions,
            pressure: Some(if k == 0 {
                Pressure::Light
            } else {
                Pressure::Medium
            }),
            response: "Felt looser; no adverse reaction.".into(),
            education: if k == 0 {
                strings(course.education)
            } else {
                Vec::new()
            },
            self_goals: strings(course.self_goals),
        };
        save_note(
            clinic,
            actor,
            NoteInput {
                id: draft.id.clone(),
                content,
            },
        )
        .await?;
        sign_note(
            clinic,
            actor,
            ById {
                id: draft.id.clone(),
            },
        )
        .await?;
        if (n + k) % 4 == 1 {
            let text =
                "Client also mentioned occasional tingling in the fingers; to reassess next visit."
                    .to_owned();
            amend_note(
                clinic,
                actor,
                AmendNote {
                    id: draft.id.clone(),
                    reason: "Late entry".into(),
                    text,
                },
            )
            .await?;
        }
        last_note = draft.id;
    }
    record_measures(
        clinic,
        actor,
        MeasuresInput {
            client_id: client.to_owned(),
            taken_on: (first + Duration::weeks(i64::try_from(appointments.len()).unwrap_or(1) - 1))
                .format("%Y-%m-%d")
                .to_string(),
            baseline: false,
            pain: None,
            stress: None,
            psfs: psfs(&mut course.psfs_after.iter().copied()),
            assessment_id: None,
            note_id: Some(last_note),
        },
    )
    .await?;
    if n.is_multiple_of(3) {
        review_goal(
            clinic,
            actor,
            GoalReview {
                id: goal.id,
                outcome: if n == 0 {
                    GoalOutcome::Met
                } else {
                    GoalOutcome::PartlyMet
                },
                reviewed_on: String::new(),
                note: String::new(),
            },
        )
        .await?;
        let kind = if n == 3 {
            ReviewKind::Discharge
        } else {
            ReviewKind::Review
        };
        record_review(
            clinic,
            actor,
            ReviewInput {
                client_id: client.to_owned(),
                kind,
                reviewed_on: String::new(),
                recommendations: "Continue the home programme; maintenance sessions monthly."
                    .into(),
            },
        )
        .await?;
    }
    Ok(())
}

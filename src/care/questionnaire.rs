//! The intake and health-history questionnaire: its versioned definition (shipped as data),
//! and intakes — the answers a therapist records with the client, dated and signed by name.
//! Saving an intake recomputes the client's active precautions.

use super::form_drafts::DraftForm;
use super::precautions::{self, Precaution};
use super::{ByClient, Intent, existing_client, from_json, journal_write, to_json};
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Bump when a question is added, removed or reworded; old intakes keep their version.
pub const QUESTIONNAIRE_VERSION: i32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    Text,
    Choice,
    Date,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: QuestionKind,
    /// For `choice`: the allowed answers (stored as written here).
    pub options: Vec<&'static str>,
    /// Shown only when this yes/no question was answered "yes".
    pub shown_when: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub key: &'static str,
    pub title: &'static str,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub version: i32,
    pub sections: Vec<Section>,
}

type Q = (
    &'static str,
    &'static str,
    QuestionKind,
    &'static [&'static str],
    Option<&'static str>,
);

use QuestionKind::{Choice, Date, Text, YesNo};

const SECTIONS: &[(&str, &str, &[Q])] = &[
    (
        "conditions",
        "Health conditions",
        &[
            (
                "heart_condition",
                "Heart condition (including angina or a pacemaker)?",
                YesNo,
                &[],
                None,
            ),
            (
                "high_blood_pressure",
                "High blood pressure?",
                YesNo,
                &[],
                None,
            ),
            (
                "low_blood_pressure",
                "Low blood pressure or fainting?",
                YesNo,
                &[],
                None,
            ),
            ("epilepsy", "Epilepsy or seizures?", YesNo, &[], None),
            ("diabetes", "Diabetes?", YesNo, &[], None),
            (
                "sensation_loss",
                "Reduced feeling or numbness anywhere (for example the feet)?",
                YesNo,
                &[],
                None,
            ),
            (
                "osteoporosis",
                "Osteoporosis or fragile bones?",
                YesNo,
                &[],
                None,
            ),
            (
                "conditions_other",
                "Any other conditions we should know about?",
                Text,
                &[],
                None,
            ),
        ],
    ),
    (
        "medications",
        "Medication",
        &[
            (
                "medications",
                "Medicines you take regularly",
                Text,
                &[],
                None,
            ),
            (
                "blood_thinners",
                "Blood thinners (for example warfarin, apixaban, daily aspirin)?",
                YesNo,
                &[],
                None,
            ),
            ("steroids", "Long-term steroid tablets?", YesNo, &[], None),
        ],
    ),
    (
        "surgery_injury",
        "Surgery and injury",
        &[
            (
                "recent_surgery",
                "Surgery in the last six months?",
                YesNo,
                &[],
                None,
            ),
            (
                "recent_surgery_details",
                "What surgery, and when?",
                Text,
                &[],
                Some("recent_surgery"),
            ),
            (
                "recent_injury",
                "An injury in the last six weeks (sprain, strain, fracture, whiplash)?",
                YesNo,
                &[],
                None,
            ),
            (
                "recent_injury_details",
                "What injury, and when?",
                Text,
                &[],
                Some("recent_injury"),
            ),
        ],
    ),
    (
        "pregnancy",
        "Pregnancy",
        &[
            ("pregnant", "Are you pregnant?", YesNo, &[], None),
            (
                "pregnancy_trimester",
                "Which trimester?",
                Choice,
                &["first", "second", "third"],
                Some("pregnant"),
            ),
            ("due_date", "Due date", Date, &[], Some("pregnant")),
        ],
    ),
    (
        "cancer",
        "Cancer",
        &[
            (
                "cancer",
                "Cancer, now or in the past?",
                Choice,
                &["never", "past", "current"],
                None,
            ),
            (
                "cancer_treatment",
                "Treatment (surgery, chemotherapy, radiotherapy) and when",
                Text,
                &[],
                None,
            ),
            (
                "lymph_nodes_removed",
                "Lymph nodes removed?",
                YesNo,
                &[],
                None,
            ),
        ],
    ),
    (
        "circulation",
        "Circulation and clotting",
        &[
            (
                "dvt_history",
                "Ever had a blood clot (DVT) or a clot on the lung?",
                YesNo,
                &[],
                None,
            ),
            (
                "calf_pain_swelling",
                "Unexplained calf pain, warmth or swelling at the moment?",
                YesNo,
                &[],
                None,
            ),
            ("varicose_veins", "Varicose veins?", YesNo, &[], None),
        ],
    ),
    (
        "skin_infection",
        "Skin and infection",
        &[
            (
                "skin_condition",
                "Skin condition, rash, broken skin or recent burns?",
                YesNo,
                &[],
                None,
            ),
            (
                "fever_infection",
                "Fever, flu or an infection at the moment?",
                YesNo,
                &[],
                None,
            ),
        ],
    ),
    (
        "allergies",
        "Allergies",
        &[
            (
                "allergy_oils",
                "Allergy or sensitivity to oils, lotions or fragrance?",
                YesNo,
                &[],
                None,
            ),
            ("allergy_latex", "Latex allergy?", YesNo, &[], None),
            (
                "allergy_nuts",
                "Nut allergy (some oils contain nuts)?",
                YesNo,
                &[],
                None,
            ),
            ("allergy_details", "Allergy details", Text, &[], None),
        ],
    ),
    (
        "general",
        "Your GP",
        &[
            ("gp_name", "GP name and practice", Text, &[], None),
            ("last_gp_visit", "Last visit to the GP", Date, &[], None),
        ],
    ),
];

pub fn definition() -> Questionnaire {
    Questionnaire {
        version: QUESTIONNAIRE_VERSION,
        sections: SECTIONS
            .iter()
            .map(|(key, title, questions)| Section {
                key,
                title,
                questions: questions
                    .iter()
                    .map(|(key, label, kind, options, shown_when)| Question {
                        key,
                        label,
                        kind: *kind,
                        options: options.to_vec(),
                        shown_when: *shown_when,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn find_question(key: &str) -> Option<&'static Q> {
    SECTIONS
        .iter()
        .flat_map(|(_, _, questions)| questions.iter())
        .find(|q| q.0 == key)
}

pub fn question_exists(key: &str) -> bool {
    find_question(key).is_some()
}

/// One answer: yes/no as "yes"/"no", a choice as its option, a date as `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeInput {
    pub client_id: String,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub taken_on: String,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Intake {
    pub id: String,
    pub client_id: String,
    pub questionnaire_version: i32,
    pub taken_on: String,
    pub answers: Vec<Answer>,
    pub author_name: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeSaved {
    pub intake: Intake,
    pub precautions: Vec<Precaution>,
}

/// Checks every answer against its question; blank answers are dropped.
pub fn parse_answers(raw: &[Answer]) -> ApiResult<BTreeMap<String, String>> {
    let mut answers = BTreeMap::new();
    for answer in raw {
        let field = "answers";
        let Some((key, label, kind, options, _)) = find_question(&answer.key) else {
            return Err(ApiError::validation(
                field,
                "An answer names an unknown question.",
            ));
        };
        let value = match kind {
            YesNo => match answer.value.trim() {
                "" => String::new(),
                v @ ("yes" | "no") => v.to_owned(),
                _ => {
                    return Err(ApiError::validation(
                        field,
                        format!("“{label}”: answer yes or no."),
                    ));
                }
            },
            Choice => match answer.value.trim() {
                "" => String::new(),
                v if options.contains(&v) => v.to_owned(),
                _ => {
                    return Err(ApiError::validation(
                        field,
                        format!("“{label}”: choose one of the options."),
                    ));
                }
            },
            Date => fields::optional_date(field, label, &answer.value)?
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            Text => fields::multiline(field, label, &answer.value, 2000)?,
        };
        if answers.contains_key(*key) {
            return Err(ApiError::validation(
                field,
                format!("“{label}” is answered twice."),
            ));
        }
        if !value.is_empty() {
            answers.insert((*key).to_owned(), value);
        }
    }
    Ok(answers)
}

fn answer_list(map: &BTreeMap<String, String>) -> Vec<Answer> {
    map.iter()
        .map(|(key, value)| Answer {
            key: key.clone(),
            value: value.clone(),
        })
        .collect()
}

pub async fn questionnaire(
    _clinic: &Clinic,
    _actor: &Actor,
    _args: crate::api::NoArgs,
) -> ApiResult<Questionnaire> {
    Ok(definition())
}

pub async fn save_intake(
    clinic: &Clinic,
    actor: &Actor,
    args: IntakeInput,
) -> ApiResult<IntakeSaved> {
    let answers = parse_answers(&args.answers)?;
    if answers.is_empty() {
        // Saved blank, the intake would read as "no precautions" when nothing was asked.
        return Err(ApiError::validation(
            "answers",
            "Answer the health questions before saving: a blank intake would read as “no precautions”.",
        ));
    }
    let taken_on = fields::optional_date("takenOn", "Date", &args.taken_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let taken_on = match taken_on {
        Some(date) => date.format("%Y-%m-%d").to_string(),
        None => super::clinic_today(&mut tx)
            .await?
            .format("%Y-%m-%d")
            .to_string(),
    };
    let intake = Intake {
        id: new_id(),
        client_id,
        questionnaire_version: QUESTIONNAIRE_VERSION,
        taken_on,
        answers: answer_list(&answers),
        author_name: actor.display_name.clone(),
        created_at: tx.at_ms(),
    };
    sqlx::query(
        "INSERT INTO care_intakes (id, client_id, questionnaire_version, taken_on, answers, \
         author_id, author_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&intake.id)
    .bind(&intake.client_id)
    .bind(intake.questionnaire_version)
    .bind(&intake.taken_on)
    .bind(to_json(&answers)?)
    .bind(&actor.staff_id)
    .bind(&intake.author_name)
    .bind(intake.created_at)
    .execute(tx.conn())
    .await?;
    journal_write(
        &mut tx,
        "create",
        "intake",
        &intake.id,
        &intake.client_id,
        String::new(),
    )
    .await?;
    let precautions =
        precautions::recompute(&mut tx, &intake.client_id, &intake.id, &answers).await?;
    super::form_drafts::remove(&mut tx, actor, &intake.client_id, DraftForm::Intake).await?;
    tx.commit().await?;
    Ok(IntakeSaved {
        intake,
        precautions,
    })
}

/// The client's latest intake, if any.
pub async fn intake(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Option<Intake>> {
    super::read_part(clinic, actor, &args.client_id, "intake", async |tx, id| {
        latest(tx, id).await
    })
    .await
}

pub(super) async fn latest(tx: &mut WriteTx, client_id: &str) -> ApiResult<Option<Intake>> {
    let row = sqlx::query(
        "SELECT id, client_id, questionnaire_version, taken_on, answers, author_name, created_at \
         FROM care_intakes WHERE client_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let answers: BTreeMap<String, String> = from_json(&row.try_get::<String, _>("answers")?)?;
    Ok(Some(Intake {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        questionnaire_version: row.try_get("questionnaire_version")?,
        taken_on: row.try_get("taken_on")?,
        answers: answer_list(&answers),
        author_name: row.try_get("author_name")?,
        created_at: row.try_get("created_at")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(key: &str, value: &str) -> Answer {
        Answer {
            key: key.into(),
            value: value.into(),
        }
    }

    #[test]
    fn answers_are_checked_against_their_question() {
        let ok = parse_answers(&[
            answer("blood_thinners", "yes"),
            answer("pregnancy_trimester", "second"),
            answer("due_date", "2027-03-01"),
            answer("allergy_nuts", ""),
        ])
        .unwrap();
        assert_eq!(ok.len(), 3, "blank answers are dropped");
        for bad in [
            answer("blood_thinners", "maybe"),
            answer("pregnancy_trimester", "fourth"),
            answer("due_date", "soon"),
            answer("no_such_question", "yes"),
        ] {
            assert_eq!(
                parse_answers(&[bad]).unwrap_err().field.as_deref(),
                Some("answers")
            );
        }
        assert!(parse_answers(&[answer("epilepsy", "no"), answer("epilepsy", "yes")]).is_err());
    }

    #[test]
    fn every_shown_when_names_a_yes_no_question() {
        for section in definition().sections {
            for q in section.questions {
                if let Some(parent) = q.shown_when {
                    assert!(
                        matches!(find_question(parent), Some((_, _, YesNo, _, _))),
                        "{}",
                        q.key
                    );
                }
                assert_eq!(q.kind == Choice, !q.options.is_empty(), "{}", q.key);
            }
        }
    }
}

//! Note templates shipped with Palma: prompts for the common kinds of session, so a therapist
//! between back-to-back clients starts from structure rather than a blank page.

use super::NoteContent;
use crate::care::catalogue::Technique;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteTemplate {
    pub key: &'static str,
    pub name: &'static str,
    pub subjective: &'static str,
    pub objective: &'static str,
    pub assessment: &'static str,
    pub plan: &'static str,
    pub techniques: Vec<Technique>,
}

/// key, name, S, O, A, P prompts, techniques.
type TemplateRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [Technique],
);

const TEMPLATES: &[TemplateRow] = &[
    (
        "follow_up",
        "Follow-up session",
        "Since last time: \nSleep / work / activity: \nSelf-care done: ",
        "Posture: \nRange of movement: \nPalpation: ",
        "Worked on: \nClient response: ",
        "Next session: \nSelf-care: ",
        &[],
    ),
    (
        "neck_shoulders",
        "Neck and shoulder tension",
        "Neck/shoulder tension since: \nDesk hours per day: \nHeadaches: ",
        "Head-forward posture: \nCervical rotation L/R: \nUpper trapezius / levator scapulae: ",
        "Myofascial release upper trapezius and pectorals; trigger points: ",
        "Desk set-up advice; chest opener stretch; review in 2 weeks.",
        &[
            Technique::MyofascialRelease,
            Technique::TriggerPoint,
            Technique::Stretching,
        ],
    ),
    (
        "low_back",
        "Low back pain",
        "Low back pain since: \nWorse with: \nBetter with: \nRed flags screened (numbness, bladder/bowel): ",
        "Lumbar flexion/extension: \nHip flexor length: \nGluteal palpation: ",
        "Worked on lumbar erectors, QL, glutes, hip flexors: ",
        "Walking little and often; pacing; review after 5 sessions.",
        &[
            Technique::DeepTissue,
            Technique::MyofascialRelease,
            Technique::Stretching,
        ],
    ),
    (
        "sports_recovery",
        "Sports recovery",
        "Sport and training load: \nEvent date: \nNiggles: ",
        "Muscle tone: \nFlexibility tests: ",
        "Sports massage to: \nStretches: ",
        "Recovery plan before the event; hydration; foam roller.",
        &[Technique::SportsMassage, Technique::Stretching],
    ),
    (
        "relaxation",
        "Relaxation and stress",
        "Stress this week (0–10): \nSleep: \nWhat helps: ",
        "Breathing pattern: \nAreas of holding: ",
        "Swedish massage, slow pace; breathing cues.",
        "Breathing practice twice a day; sleep routine.",
        &[Technique::Swedish],
    ),
];

pub fn find(key: &str) -> Option<NoteTemplate> {
    all().into_iter().find(|t| t.key == key)
}

fn all() -> Vec<NoteTemplate> {
    TEMPLATES
        .iter()
        .map(|(key, name, s, o, a, p, techniques)| NoteTemplate {
            key,
            name,
            subjective: s,
            objective: o,
            assessment: a,
            plan: p,
            techniques: techniques.to_vec(),
        })
        .collect()
}

pub fn content(template: NoteTemplate) -> NoteContent {
    NoteContent {
        subjective: template.subjective.to_owned(),
        objective: template.objective.to_owned(),
        assessment: template.assessment.to_owned(),
        plan: template.plan.to_owned(),
        techniques: template.techniques,
        ..NoteContent::default()
    }
}

pub async fn note_templates(
    _clinic: &crate::Clinic,
    _actor: &crate::staff::Actor,
    _args: crate::api::NoArgs,
) -> crate::ApiResult<Vec<NoteTemplate>> {
    Ok(all())
}

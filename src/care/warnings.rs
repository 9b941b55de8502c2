//! One rule set for "this technique meets one of the client's precautions", used wherever a
//! technique is chosen: the plan's techniques, a session note's techniques and the techniques
//! its text names (a template's prompts too), and the service reception books. A warning, not a
//! refusal — the therapist decides, with the reason on screen. Reception gets the level only
//! ([`booking_caution`]): the reason names a condition, which is clinical content.

use super::catalogue::Technique;
use super::precautions::{Level, Precaution};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::matching::fold;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A technique the client's precautions advise against (or all treatment, for an "avoid"
/// precaution on the whole body).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueWarning {
    pub technique: Option<Technique>,
    pub rule_key: String,
    pub level: Level,
    pub text: String,
}

/// Where these techniques meet the precautions.
pub fn conflicts(techniques: &[Technique], precautions: &[Precaution]) -> Vec<TechniqueWarning> {
    let mut warnings = Vec::new();
    for precaution in precautions {
        let whole_body_avoid = precaution.level == Level::Avoid
            && precaution.regions.is_empty()
            && precaution.techniques.is_empty();
        if whole_body_avoid && !techniques.is_empty() {
            warnings.push(TechniqueWarning {
                technique: None,
                rule_key: precaution.rule_key.clone(),
                level: precaution.level,
                text: precaution.text.clone(),
            });
            continue;
        }
        for technique in techniques
            .iter()
            .filter(|t| precaution.techniques.contains(t))
        {
            warnings.push(TechniqueWarning {
                technique: Some(*technique),
                rule_key: precaution.rule_key.clone(),
                level: precaution.level,
                text: precaution.text.clone(),
            });
        }
    }
    warnings
}

/// The words (folded) that name each technique in free text: a note's lines, a template's
/// prompts, a service's name.
const NAMES: &[(Technique, &[&str])] = &[
    (Technique::Swedish, &["swedish"]),
    (Technique::DeepTissue, &["deep tissue", "deep-tissue"]),
    (Technique::MyofascialRelease, &["myofascial"]),
    (Technique::TriggerPoint, &["trigger point", "trigger-point"]),
    (
        Technique::SportsMassage,
        &["sports massage", "sport massage", "sports recovery"],
    ),
    (Technique::LymphaticDrainage, &["lymphatic"]),
    (Technique::Stretching, &["stretch"]),
    (Technique::Mobilisation, &["mobilisation", "mobilization"]),
    (Technique::Cupping, &["cupping"]),
    (Technique::HeatTherapy, &["heat therapy", "hot stone"]),
    (Technique::IndianHead, &["indian head"]),
];

/// The techniques a text names, in the catalogue's order.
pub fn named_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Technique> {
    let folded: Vec<String> = texts.into_iter().map(fold).collect();
    NAMES
        .iter()
        .filter(|(_, names)| {
            folded
                .iter()
                .any(|text| names.iter().any(|name| text.contains(name)))
        })
        .map(|(technique, _)| *technique)
        .collect()
}

/// The techniques chosen plus those the text names, each once.
pub fn chosen_and_named<'a>(
    chosen: &[Technique],
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<Technique> {
    let mut all = chosen.to_vec();
    for technique in named_in(texts) {
        if !all.contains(&technique) {
            all.push(technique);
        }
    }
    all
}

/// Booking a service for a client: which precaution levels its technique meets.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCautionRequest {
    pub client_id: String,
    pub service_id: String,
}

/// What the booker sees: the levels only, most serious first — never the reason.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCaution {
    pub levels: Vec<Level>,
}

/// The levels of the warnings this service's technique (named in the service's name) raises
/// for this client. Not clinical content (no reason, no rule), so not journaled — the same as
/// the client's alert flag.
pub async fn service_caution(
    clinic: &Clinic,
    _actor: &Actor,
    args: ServiceCautionRequest,
) -> ApiResult<ServiceCaution> {
    let client_id = fields::id("clientId", &args.client_id)?;
    let service_id = fields::id("serviceId", &args.service_id)?;
    let name: String = sqlx::query_scalar("SELECT name FROM services WHERE id = $1")
        .bind(&service_id)
        .fetch_optional(clinic.pool())
        .await?
        .ok_or_else(|| ApiError::not_found("service"))?;
    let techniques = named_in([name.as_str()]);
    if techniques.is_empty() {
        return Ok(ServiceCaution { levels: Vec::new() });
    }
    let mut conn = clinic.pool().acquire().await?;
    let precautions = super::precautions::active_in(&mut conn, &client_id).await?;
    let mut levels: Vec<Level> = conflicts(&techniques, &precautions)
        .into_iter()
        .map(|w| w.level)
        .collect();
    levels.sort();
    levels.dedup();
    Ok(ServiceCaution { levels })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn precaution(key: &str, level: Level, techniques: &[Technique]) -> Precaution {
        Precaution {
            id: key.into(),
            rule_key: key.into(),
            level,
            text: key.into(),
            regions: vec![],
            techniques: techniques.to_vec(),
            intake_id: "i".into(),
        }
    }

    #[test]
    fn conflicting_techniques_warn() {
        use Technique::*;
        let thinners = precaution("blood_thinners", Level::Modify, &[DeepTissue, TriggerPoint]);
        let fever = precaution("fever_infection", Level::Avoid, &[]);
        let warnings = conflicts(&[Swedish, DeepTissue], std::slice::from_ref(&thinners));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].technique, Some(DeepTissue));
        assert!(conflicts(&[Swedish, Stretching], &[thinners]).is_empty());
        let warnings = conflicts(&[Swedish], &[fever]);
        assert_eq!((warnings.len(), warnings[0].technique), (1, None));
    }

    #[test]
    fn text_names_techniques_whatever_the_case() {
        use Technique::*;
        assert_eq!(
            named_in(["Worked on glutes: DEEP TISSUE, then a hip flexor stretch."]),
            [DeepTissue, Stretching]
        );
        assert_eq!(named_in(["Deep-tissue massage 60 min"]), [DeepTissue]);
        assert!(named_in(["Neck stiff after driving.", ""]).is_empty());
        assert_eq!(
            chosen_and_named(&[TriggerPoint, DeepTissue], ["deep tissue", "swedish"]),
            [TriggerPoint, DeepTissue, Swedish]
        );
    }
}

//! The clinical record at a glance: what the record screen shows first (precautions, consent,
//! preferences, the latest intake and assessment, the plan and its warnings, goals, notes),
//! read in one journaled transaction so the screen opens with one call.

use super::ByClient;
use super::assessment::{self, Assessment};
use super::consent::{self, Consent, Preferences};
use super::goals::{self, Goal};
use super::measures;
use super::notes::{self, NoteSummary};
use super::plan::{self, PlanSaved};
use super::precautions::{self, Precaution};
use super::questionnaire::{self, Intake};
use crate::clinic::Clinic;
use crate::error::ApiResult;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicalRecord {
    pub client_id: String,
    pub precautions: Vec<Precaution>,
    /// Current and withdrawn, oldest first.
    pub consents: Vec<Consent>,
    pub preferences: Preferences,
    pub intake: Option<Intake>,
    pub latest_assessment: Option<Assessment>,
    pub assessment_count: i64,
    pub plan: Option<PlanSaved>,
    pub goals: Vec<Goal>,
    /// Newest first.
    pub notes: Vec<NoteSummary>,
    /// The activities of the latest PSFS, to be rated again at the next occasion.
    pub psfs_activities: Vec<String>,
}

pub async fn record(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<ClinicalRecord> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "record",
        async |tx, client_id| {
            let precautions = precautions::active(tx, client_id).await?;
            let mut assessments = assessment::all(tx, client_id).await?;
            let plan = plan::current(tx, client_id).await?.map(|plan| {
                let warnings = super::warnings::conflicts(&plan.techniques, &precautions);
                PlanSaved {
                    plan,
                    precautions: precautions.clone(),
                    warnings,
                }
            });
            Ok(ClinicalRecord {
                client_id: client_id.to_owned(),
                consents: consent::all(tx, client_id).await?,
                preferences: consent::load_preferences(tx, client_id).await?,
                intake: questionnaire::latest(tx, client_id).await?,
                assessment_count: i64::try_from(assessments.len()).unwrap_or(i64::MAX),
                latest_assessment: assessments.pop(),
                plan,
                goals: goals::all_goals(tx, client_id).await?,
                notes: notes::summaries(tx, client_id).await?,
                psfs_activities: measures::latest_psfs_activities(tx, client_id).await?,
                precautions,
            })
        },
    )
    .await
}

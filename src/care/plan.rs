//! The treatment plan: how often, how many sessions before review, which techniques, and
//! which precautions apply. Saving returns warnings where a planned technique conflicts with
//! one of the client's precautions (deep tissue with blood thinners, say), by the rule set in
//! [`super::warnings`]: a warning, not a refusal — the therapist decides, with the reason on
//! screen.

use super::catalogue::Technique;
use super::form_drafts::DraftForm;
use super::precautions::{self, Precaution};
use super::warnings::{TechniqueWarning, conflicts};
use super::{ByClient, Intent, existing_client, from_json, journal_write, to_json};
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::ApiResult;
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    pub client_id: String,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub starts_on: String,
    /// e.g. "weekly", "every two weeks".
    pub frequency: String,
    pub sessions_before_review: i32,
    pub techniques: Vec<Technique>,
    /// The therapist's own words on how precautions shape the plan.
    #[serde(default)]
    pub precautions_noted: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub starts_on: String,
    pub frequency: String,
    pub sessions_before_review: i32,
    pub techniques: Vec<Technique>,
    pub precautions_noted: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanSaved {
    pub plan: Plan,
    /// The client's precautions, for the plan screen.
    pub precautions: Vec<Precaution>,
    pub warnings: Vec<TechniqueWarning>,
}

pub async fn save_plan(clinic: &Clinic, actor: &Actor, args: PlanInput) -> ApiResult<PlanSaved> {
    let frequency = fields::required_line("frequency", "Frequency", &args.frequency, 100)?;
    let sessions = fields::within(
        "sessionsBeforeReview",
        "Sessions before review",
        i64::from(args.sessions_before_review),
        1..=52,
    )?;
    let noted = fields::multiline(
        "precautionsNoted",
        "Precautions",
        &args.precautions_noted,
        2000,
    )?;
    let starts_on = fields::optional_date("startsOn", "Start date", &args.starts_on)?;
    let mut techniques: Vec<Technique> = Vec::new();
    for t in &args.techniques {
        if !techniques.contains(t) {
            techniques.push(*t);
        }
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let starts_on = super::day_or_today(&mut tx, starts_on).await?;
    let plan = Plan {
        id: new_id(),
        starts_on: starts_on.clone(),
        frequency,
        sessions_before_review: i32::try_from(sessions).unwrap_or(1),
        techniques,
        precautions_noted: noted,
    };
    // A new plan each time: the previous plan stays on the record as it was.
    sqlx::query(
        "INSERT INTO care_plans (id, client_id, starts_on, frequency, sessions_before_review, \
         techniques, precautions_noted, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(&plan.id)
    .bind(&client_id)
    .bind(&plan.starts_on)
    .bind(&plan.frequency)
    .bind(plan.sessions_before_review)
    .bind(to_json(&plan.techniques)?)
    .bind(&plan.precautions_noted)
    .bind(&actor.staff_id)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    let precautions = precautions::active(&mut tx, &client_id).await?;
    let warnings = conflicts(&plan.techniques, &precautions);
    let detail = format!("warnings={}", warnings.len());
    journal_write(&mut tx, "create", "plan", &plan.id, &client_id, detail).await?;
    super::form_drafts::remove(&mut tx, actor, &client_id, DraftForm::Plan).await?;
    tx.commit().await?;
    Ok(PlanSaved {
        plan,
        precautions,
        warnings,
    })
}

pub(super) async fn current(tx: &mut WriteTx, client_id: &str) -> ApiResult<Option<Plan>> {
    let row = sqlx::query(
        "SELECT id, starts_on, frequency, sessions_before_review, techniques, precautions_noted \
         FROM care_plans WHERE client_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Plan {
        id: row.try_get("id")?,
        starts_on: row.try_get("starts_on")?,
        frequency: row.try_get("frequency")?,
        sessions_before_review: row.try_get("sessions_before_review")?,
        techniques: from_json(&row.try_get::<String, _>("techniques")?)?,
        precautions_noted: row.try_get("precautions_noted")?,
    }))
}

/// The current plan with today's precautions and warnings (precautions may have changed since).
pub async fn plan(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Option<PlanSaved>> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "plan",
        async |tx, client_id| {
            let found = current(tx, client_id).await?;
            let precautions = precautions::active(tx, client_id).await?;
            Ok(found.map(|plan| {
                let warnings = conflicts(&plan.techniques, &precautions);
                PlanSaved {
                    plan,
                    precautions,
                    warnings,
                }
            }))
        },
    )
    .await
}

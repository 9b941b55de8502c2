//! The client's goals, in their own words, with a target (optionally a value on one of the
//! outcome measures, drawn on the progress chart) and a review date; met, partly met or not
//! met at review.

use super::measures::{Measure, tenths_to_score};
use super::{ByClient, Intent, existing_client, from_json, journal_write, to_json};
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GoalOutcome {
    Met,
    PartlyMet,
    NotMet,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub id: String,
    /// In the client's words.
    pub words: String,
    pub target: String,
    pub measure: Option<Measure>,
    pub target_value: Option<f64>,
    pub review_on: String,
    pub outcome: Option<GoalOutcome>,
    pub reviewed_on: Option<String>,
    pub review_note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<String>,
    pub client_id: String,
    pub words: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub measure: Option<Measure>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub target_value: Option<f64>,
    /// `YYYY-MM-DD`.
    pub review_on: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalReview {
    pub id: String,
    pub outcome: GoalOutcome,
    #[serde(default)]
    pub reviewed_on: String,
    #[serde(default)]
    pub note: String,
}

fn goal_from(row: &AnyRow) -> ApiResult<Goal> {
    let measure: Option<String> = row.try_get("measure")?;
    let outcome: Option<String> = row.try_get("outcome")?;
    Ok(Goal {
        id: row.try_get("id")?,
        words: row.try_get("words")?,
        target: row.try_get("target")?,
        measure: measure
            .map(|m| from_json(&format!("\"{m}\"")))
            .transpose()?,
        target_value: row
            .try_get::<Option<i32>, _>("target_tenths")?
            .map(tenths_to_score),
        review_on: row.try_get("review_on")?,
        outcome: outcome
            .map(|o| from_json(&format!("\"{o}\"")))
            .transpose()?,
        reviewed_on: row.try_get("reviewed_on")?,
        review_note: row.try_get("review_note")?,
    })
}

const GOALS: &str = "SELECT id, words, target, measure, target_tenths, review_on, outcome, \
                     reviewed_on, review_note FROM care_goals WHERE client_id = $1 \
                     ORDER BY created_at, id";

pub(super) async fn all_goals(tx: &mut WriteTx, client_id: &str) -> ApiResult<Vec<Goal>> {
    let rows = sqlx::query(GOALS)
        .bind(client_id)
        .fetch_all(tx.conn())
        .await?;
    rows.iter().map(goal_from).collect()
}

pub async fn goals(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Vec<Goal>> {
    super::read_part(clinic, actor, &args.client_id, "goals", async |tx, id| {
        all_goals(tx, id).await
    })
    .await
}

pub async fn save_goal(clinic: &Clinic, actor: &Actor, args: GoalInput) -> ApiResult<Goal> {
    let words = fields::required_line("words", "Goal", &args.words, 300)?;
    let target = fields::optional_line("target", "Target", &args.target, 300)?;
    let review_on = fields::optional_date("reviewOn", "Review date", &args.review_on)?
        .ok_or_else(|| ApiError::validation("reviewOn", "Give a review date."))?;
    let target_tenths = match (args.measure, args.target_value) {
        (_, None) => None,
        (None, Some(_)) => {
            return Err(ApiError::validation(
                "measure",
                "Say which measure the target value is on.",
            ));
        }
        (Some(_), Some(v)) if !(0.0..=10.0).contains(&v) => {
            return Err(ApiError::validation(
                "targetValue",
                "Target value must be between 0 and 10.",
            ));
        }
        (Some(_), Some(v)) => Some((v * 10.0).round() as i32),
    };
    let existing_id = args
        .id
        .as_deref()
        .map(|id| fields::id("id", id))
        .transpose()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let id = existing_id.clone().unwrap_or_else(new_id);
    let sql = if existing_id.is_some() {
        "UPDATE care_goals SET words = $3, target = $4, measure = $5, target_tenths = $6, \
         review_on = $7, updated_at = $8 WHERE id = $1 AND client_id = $2"
    } else {
        "INSERT INTO care_goals (id, client_id, words, target, measure, target_tenths, review_on, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)"
    };
    let done = sqlx::query(sql)
        .bind(&id)
        .bind(&client_id)
        .bind(&words)
        .bind(&target)
        .bind(args.measure.map(Measure::as_str))
        .bind(target_tenths)
        .bind(review_on.format("%Y-%m-%d").to_string())
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
    if done.rows_affected() != 1 {
        return Err(ApiError::not_found("goal"));
    }
    let action = if existing_id.is_some() {
        "update"
    } else {
        "create"
    };
    journal_write(&mut tx, action, "goal", &id, &client_id, String::new()).await?;
    let goal = all_goals(&mut tx, &client_id)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok(goal)
}

pub async fn review_goal(clinic: &Clinic, actor: &Actor, args: GoalReview) -> ApiResult<Goal> {
    let id = fields::id("id", &args.id)?;
    let note = fields::multiline("note", "Review note", &args.note, 1000)?;
    let reviewed_on = fields::optional_date("reviewedOn", "Date", &args.reviewed_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = super::client_of(&mut tx, actor, super::Part::Goal, &id, Intent::Write).await?;
    let reviewed_on = super::day_or_today(&mut tx, reviewed_on).await?;
    let outcome = to_json(&args.outcome)?;
    sqlx::query(
        "UPDATE care_goals SET outcome = $2, reviewed_on = $3, review_note = $4, updated_at = $5 \
         WHERE id = $1",
    )
    .bind(&id)
    .bind(outcome.trim_matches('"'))
    .bind(reviewed_on.clone())
    .bind(&note)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    journal_write(
        &mut tx,
        "review",
        "goal",
        &id,
        &client_id,
        outcome.trim_matches('"').to_owned(),
    )
    .await?;
    let goal = all_goals(&mut tx, &client_id)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok(goal)
}

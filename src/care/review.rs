//! Review and discharge: measures against baseline, goals' outcomes and recommendations; and
//! the referral letter to a GP, physiotherapist or counsellor, composed from the record as
//! structured sections (the document engine prints it on the letterhead). A letter needs the
//! client's recorded, unwithdrawn consent to share with that kind of recipient.

use super::goals::{Goal, GoalOutcome};
use super::measures::{self, MeasureSeries};
use super::plan::{self, Plan};
use super::{ByClient, Intent, existing_client, journal_write};
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    Review,
    Discharge,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    pub client_id: String,
    pub kind: ReviewKind,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub reviewed_on: String,
    pub recommendations: String,
}

/// One measure at baseline and now.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureComparison {
    pub label: String,
    pub baseline: Option<f64>,
    pub latest: Option<f64>,
    pub change: Option<f64>,
    /// Moved in the right direction.
    pub improved: bool,
    /// By about two points or more: a change that matters to the client.
    pub meaningful: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSummary {
    pub kind: Option<ReviewKind>,
    pub reviewed_on: Option<String>,
    pub recommendations: String,
    pub measures: Vec<MeasureComparison>,
    pub goals: Vec<Goal>,
    pub goals_met: i32,
    pub goals_partly_met: i32,
    pub goals_not_met: i32,
    pub signed_sessions: i64,
    pub first_session: Option<String>,
    pub last_session: Option<String>,
    pub plan: Option<Plan>,
}

pub fn compare(series: &MeasureSeries) -> MeasureComparison {
    let change = series.change;
    let toward_better = change.map(|c| if series.higher_is_better { c } else { -c });
    MeasureComparison {
        label: series.label.clone(),
        baseline: series.baseline,
        latest: series.latest,
        change,
        improved: toward_better.is_some_and(|c| c > 0.0),
        meaningful: toward_better.is_some_and(|c| c >= 2.0),
    }
}

pub(super) async fn summary(tx: &mut WriteTx, client_id: &str) -> ApiResult<ReviewSummary> {
    let measurements = measures::all(tx, client_id).await?;
    let goals = super::goals::all_goals(tx, client_id).await?;
    let series = measures::series(&measurements, &goals);
    let sessions = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(session_on) AS first, MAX(session_on) AS last FROM care_notes \
         WHERE client_id = $1 AND status = 'signed'",
    )
    .bind(client_id)
    .fetch_one(tx.conn())
    .await?;
    let last_review = sqlx::query(
        "SELECT kind, reviewed_on, recommendations FROM care_reviews WHERE client_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    let count = |o: GoalOutcome| {
        i32::try_from(goals.iter().filter(|g| g.outcome == Some(o)).count()).unwrap_or(0)
    };
    let (kind, reviewed_on, recommendations) = match last_review {
        Some(row) => {
            let kind: String = row.try_get("kind")?;
            (
                Some(if kind == "discharge" {
                    ReviewKind::Discharge
                } else {
                    ReviewKind::Review
                }),
                Some(row.try_get("reviewed_on")?),
                row.try_get("recommendations")?,
            )
        }
        None => (None, None, String::new()),
    };
    Ok(ReviewSummary {
        kind,
        reviewed_on,
        recommendations,
        measures: series
            .iter()
            .filter(|s| !s.points.is_empty())
            .map(compare)
            .collect(),
        goals_met: count(GoalOutcome::Met),
        goals_partly_met: count(GoalOutcome::PartlyMet),
        goals_not_met: count(GoalOutcome::NotMet),
        goals,
        signed_sessions: sessions.try_get("n")?,
        first_session: sessions.try_get("first")?,
        last_session: sessions.try_get("last")?,
        plan: plan::current(tx, client_id).await?,
    })
}

pub async fn review_summary(
    clinic: &Clinic,
    actor: &Actor,
    args: ByClient,
) -> ApiResult<ReviewSummary> {
    super::read_part(clinic, actor, &args.client_id, "review", async |tx, id| {
        summary(tx, id).await
    })
    .await
}

pub async fn record_review(
    clinic: &Clinic,
    actor: &Actor,
    args: ReviewInput,
) -> ApiResult<ReviewSummary> {
    let recommendations = fields::multiline(
        "recommendations",
        "Recommendations",
        &args.recommendations,
        4000,
    )?;
    if recommendations.is_empty() {
        return Err(ApiError::validation(
            "recommendations",
            "Recommendations are required.",
        ));
    }
    let reviewed_on = fields::optional_date("reviewedOn", "Date", &args.reviewed_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let reviewed_on = super::day_or_today(&mut tx, reviewed_on).await?;
    let id = new_id();
    let kind = if args.kind == ReviewKind::Discharge {
        "discharge"
    } else {
        "review"
    };
    sqlx::query(
        "INSERT INTO care_reviews (id, client_id, kind, reviewed_on, recommendations, author_id, \
         author_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&client_id)
    .bind(kind)
    .bind(reviewed_on.clone())
    .bind(&recommendations)
    .bind(&actor.staff_id)
    .bind(&actor.display_name)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    journal_write(
        &mut tx,
        "create",
        "review",
        &id,
        &client_id,
        kind.to_owned(),
    )
    .await?;
    let found = summary(&mut tx, &client_id).await?;
    tx.commit().await?;
    Ok(found)
}

//! Outcome measures (pain 0–10, PSFS, stress/wellbeing 0–10), taken at baseline and at each
//! visit, and the progress series the charts draw — baseline and goal
//! targets marked.

use super::goals::{Goal, all_goals};
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

/// One PSFS activity the client named, rated 0 (unable) to 10 (as before).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PsfsItem {
    pub activity: String,
    pub score: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasuresInput {
    pub client_id: String,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub taken_on: String,
    /// Baseline (first assessment, or a new baseline at review) rather than a visit re-rating.
    #[serde(default)]
    pub baseline: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pain: Option<i32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub stress: Option<i32>,
    #[serde(default)]
    pub psfs: Vec<PsfsItem>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub assessment_id: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Measurement {
    pub id: String,
    pub taken_on: String,
    pub baseline: bool,
    pub pain: Option<i32>,
    pub stress: Option<i32>,
    pub psfs: Vec<PsfsItem>,
    /// The PSFS average to one decimal (half up), when activities were rated.
    pub psfs_score: Option<f64>,
    pub assessment_id: Option<String>,
    pub note_id: Option<String>,
}

/// The PSFS score in tenths: the average of the ratings, rounded half up to one decimal.
/// Integer arithmetic, so 2.25 rounds to 2.3 exactly as on paper.
pub fn psfs_tenths(scores: &[i32]) -> Option<i32> {
    if scores.is_empty() {
        return None;
    }
    let n = i64::try_from(scores.len()).ok()?;
    let sum: i64 = scores.iter().map(|s| i64::from(*s)).sum();
    i32::try_from((sum * 20 + n) / (2 * n)).ok()
}

pub(super) fn tenths_to_score(tenths: i32) -> f64 {
    f64::from(tenths) / 10.0
}

fn rating(field: &str, label: &str, value: Option<i32>) -> ApiResult<Option<i32>> {
    if let Some(v) = value {
        fields::within(field, label, i64::from(v), 0..=10)?;
    }
    Ok(value)
}

fn parse_psfs(items: &[PsfsItem]) -> ApiResult<Vec<PsfsItem>> {
    if items.len() > 5 {
        return Err(ApiError::validation(
            "psfs",
            "PSFS takes at most five activities.",
        ));
    }
    let mut out = Vec::new();
    for item in items {
        let activity = fields::required_line("psfs", "Activity", &item.activity, 120)?;
        fields::within("psfs", "Activity rating", i64::from(item.score), 0..=10)?;
        out.push(PsfsItem {
            activity,
            score: item.score,
        });
    }
    Ok(out)
}

/// Stores one occasion's measures (used by the operation and by signing a note).
pub(super) async fn insert(tx: &mut WriteTx, client_id: &str, m: &Measurement) -> ApiResult<()> {
    let scores: Vec<i32> = m.psfs.iter().map(|i| i.score).collect();
    sqlx::query(
        "INSERT INTO care_measures (id, client_id, taken_on, taken_at, baseline, pain, stress, \
         psfs_items, psfs_tenths, assessment_id, note_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&m.id)
    .bind(client_id)
    .bind(&m.taken_on)
    .bind(tx.at_ms())
    .bind(i32::from(m.baseline))
    .bind(m.pain)
    .bind(m.stress)
    .bind(to_json(&m.psfs)?)
    .bind(psfs_tenths(&scores))
    .bind(&m.assessment_id)
    .bind(&m.note_id)
    .execute(tx.conn())
    .await?;
    journal_write(tx, "create", "measures", &m.id, client_id, String::new()).await
}

/// Checks an optional reference to another part of this client's record.
async fn belongs(
    tx: &mut WriteTx,
    table: &'static str,
    field: &str,
    raw: Option<&str>,
    client_id: &str,
) -> ApiResult<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let id = fields::id(field, raw)?;
    let sql = match table {
        "care_assessments" => "SELECT client_id FROM care_assessments WHERE id = $1",
        _ => "SELECT client_id FROM care_notes WHERE id = $1",
    };
    let owner: Option<String> = sqlx::query_scalar(sql)
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?;
    match owner {
        Some(owner) if owner == client_id => Ok(Some(id)),
        _ => Err(ApiError::validation(
            field,
            "This does not belong to the client's record.",
        )),
    }
}

pub async fn record_measures(
    clinic: &Clinic,
    actor: &Actor,
    args: MeasuresInput,
) -> ApiResult<Measurement> {
    let pain = rating("pain", "Pain", args.pain)?;
    let stress = rating("stress", "Stress", args.stress)?;
    let psfs = parse_psfs(&args.psfs)?;
    if pain.is_none() && stress.is_none() && psfs.is_empty() {
        return Err(ApiError::validation("pain", "Record at least one measure."));
    }
    let taken_on = fields::optional_date("takenOn", "Date", &args.taken_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let assessment_id = belongs(
        &mut tx,
        "care_assessments",
        "assessmentId",
        args.assessment_id.as_deref(),
        &client_id,
    )
    .await?;
    let note_id = belongs(
        &mut tx,
        "care_notes",
        "noteId",
        args.note_id.as_deref(),
        &client_id,
    )
    .await?;
    let taken_on = super::day_or_today(&mut tx, taken_on).await?;
    let scores: Vec<i32> = psfs.iter().map(|i| i.score).collect();
    let measurement = Measurement {
        id: new_id(),
        taken_on: taken_on.clone(),
        baseline: args.baseline,
        pain,
        stress,
        psfs_score: psfs_tenths(&scores).map(tenths_to_score),
        psfs,
        assessment_id,
        note_id,
    };
    insert(&mut tx, &client_id, &measurement).await?;
    tx.commit().await?;
    Ok(measurement)
}

fn measurement_from(row: &AnyRow) -> ApiResult<Measurement> {
    Ok(Measurement {
        id: row.try_get("id")?,
        taken_on: row.try_get("taken_on")?,
        baseline: row.try_get::<i32, _>("baseline")? != 0,
        pain: row.try_get("pain")?,
        stress: row.try_get("stress")?,
        psfs: from_json(&row.try_get::<String, _>("psfs_items")?)?,
        psfs_score: row
            .try_get::<Option<i32>, _>("psfs_tenths")?
            .map(tenths_to_score),
        assessment_id: row.try_get("assessment_id")?,
        note_id: row.try_get("note_id")?,
    })
}

pub(super) async fn all(tx: &mut WriteTx, client_id: &str) -> ApiResult<Vec<Measurement>> {
    let rows = sqlx::query(
        "SELECT id, taken_on, baseline, pain, stress, psfs_items, psfs_tenths, assessment_id, \
         note_id FROM care_measures WHERE client_id = $1 ORDER BY taken_on, taken_at, id",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    rows.iter().map(measurement_from).collect()
}

/// The activities the client named at their latest PSFS: the next occasion re-rates the same
/// ones (the scale compares an activity with itself over time), so the form starts with them.
pub(super) async fn latest_psfs_activities(
    tx: &mut WriteTx,
    client_id: &str,
) -> ApiResult<Vec<String>> {
    let latest: Option<String> = sqlx::query_scalar(
        "SELECT psfs_items FROM care_measures WHERE client_id = $1 AND psfs_tenths IS NOT NULL \
         ORDER BY taken_on DESC, taken_at DESC, id DESC LIMIT 1",
    )
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    let items: Vec<PsfsItem> = latest
        .as_deref()
        .map(from_json)
        .transpose()?
        .unwrap_or_default();
    Ok(items.into_iter().map(|item| item.activity).collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Pain,
    Psfs,
    Stress,
}

impl Measure {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Measure::Pain => "pain",
            Measure::Psfs => "psfs",
            Measure::Stress => "stress",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Measure::Pain => "Pain (0–10)",
            Measure::Psfs => "Function, PSFS (0–10)",
            Measure::Stress => "Stress (0–10)",
        }
    }

    /// Pain and stress fall as things improve; PSFS rises.
    pub fn higher_is_better(self) -> bool {
        self == Measure::Psfs
    }

    fn value(self, m: &Measurement) -> Option<f64> {
        match self {
            Measure::Pain => m.pain.map(f64::from),
            Measure::Stress => m.stress.map(f64::from),
            Measure::Psfs => m.psfs_score,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasurePoint {
    pub taken_on: String,
    pub value: f64,
    pub baseline: bool,
    pub measurement_id: String,
    pub note_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureSeries {
    pub measure: Measure,
    pub label: String,
    pub higher_is_better: bool,
    /// The first baseline value (or the first value when none was marked baseline).
    pub baseline: Option<f64>,
    /// Goal targets set on this measure (for a line on the chart).
    pub goal_targets: Vec<f64>,
    pub latest: Option<f64>,
    /// latest − baseline, one decimal.
    pub change: Option<f64>,
    pub points: Vec<MeasurePoint>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub series: Vec<MeasureSeries>,
}

/// Builds the three series from the measurements (oldest first) and the goals.
pub fn series(measurements: &[Measurement], goals: &[Goal]) -> Vec<MeasureSeries> {
    [Measure::Pain, Measure::Psfs, Measure::Stress]
        .into_iter()
        .map(|measure| {
            let points: Vec<MeasurePoint> = measurements
                .iter()
                .filter_map(|m| {
                    measure.value(m).map(|value| MeasurePoint {
                        taken_on: m.taken_on.clone(),
                        value,
                        baseline: m.baseline,
                        measurement_id: m.id.clone(),
                        note_id: m.note_id.clone(),
                    })
                })
                .collect();
            let baseline = points
                .iter()
                .find(|p| p.baseline)
                .or(points.first())
                .map(|p| p.value);
            let latest = points.last().map(|p| p.value);
            let change = baseline
                .zip(latest)
                .map(|(b, l)| ((l - b) * 10.0).round() / 10.0);
            MeasureSeries {
                measure,
                label: measure.label().to_owned(),
                higher_is_better: measure.higher_is_better(),
                baseline,
                goal_targets: goals
                    .iter()
                    .filter(|g| g.measure == Some(measure))
                    .filter_map(|g| g.target_value)
                    .collect(),
                latest,
                change,
                points,
            }
        })
        .collect()
}

pub async fn progress(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Progress> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "progress",
        async |tx, client_id| {
            let measurements = all(tx, client_id).await?;
            let goals = all_goals(tx, client_id).await?;
            Ok(Progress {
                series: series(&measurements, &goals),
            })
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::goals::Goal;

    #[test]
    fn psfs_is_the_average_rounded_half_up_to_one_decimal() {
        for (scores, tenths) in [
            (&[][..], None),
            (&[7][..], Some(70)),
            (&[7, 8, 6][..], Some(70)),
            (&[3, 4][..], Some(35)),
            (&[1, 2, 2][..], Some(17)),    // 1.666…
            (&[1, 1, 2][..], Some(13)),    // 1.333…
            (&[1, 0, 0, 0][..], Some(3)),  // 0.25 rounds up
            (&[2, 3, 3, 3][..], Some(28)), // 2.75 rounds up
            (&[10, 10, 10, 10, 10][..], Some(100)),
            (&[0, 0, 0, 0, 1][..], Some(2)),
        ] {
            assert_eq!(psfs_tenths(scores), tenths, "{scores:?}");
        }
    }

    fn m(on: &str, baseline: bool, pain: Option<i32>, psfs: &[i32]) -> Measurement {
        let items: Vec<PsfsItem> = psfs
            .iter()
            .map(|s| PsfsItem {
                activity: "a".into(),
                score: *s,
            })
            .collect();
        Measurement {
            id: on.into(),
            taken_on: on.into(),
            baseline,
            pain,
            stress: None,
            psfs_score: psfs_tenths(psfs).map(tenths_to_score),
            psfs: items,
            assessment_id: None,
            note_id: None,
        }
    }

    #[test]
    fn series_mark_baseline_latest_change_and_goal() {
        let data = [
            m("2026-10-01", false, Some(9), &[]),
            m("2026-10-02", true, Some(8), &[2, 3]),
            m("2026-10-09", false, Some(6), &[]),
            m("2026-10-16", false, Some(4), &[5, 6, 6]),
        ];
        let goal = Goal {
            id: "g".into(),
            words: "w".into(),
            target: String::new(),
            measure: Some(Measure::Pain),
            target_value: Some(3.0),
            review_on: "2026-11-01".into(),
            outcome: None,
            reviewed_on: None,
            review_note: String::new(),
        };
        let all = series(&data, &[goal]);
        let pain = &all[0];
        assert_eq!(pain.points.len(), 4);
        assert_eq!(
            pain.baseline,
            Some(8.0),
            "the marked baseline, not the first point"
        );
        assert_eq!(pain.latest, Some(4.0));
        assert_eq!(pain.change, Some(-4.0));
        assert_eq!(pain.goal_targets, [3.0]);
        let psfs = &all[1];
        assert_eq!(
            psfs.points.iter().map(|p| p.value).collect::<Vec<_>>(),
            [2.5, 5.7]
        );
        assert_eq!(psfs.change, Some(3.2));
        assert!(psfs.higher_is_better);
        assert!(all[2].points.is_empty() && all[2].baseline.is_none());
    }
}

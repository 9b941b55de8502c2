//! Assessment: the presenting complaint in the client's words, observations, and the body
//! chart as data — marks on named regions (symptom, 0–10 intensity) and links between regions
//! where tension in one is driven from another — so visits can be compared and printed.

use super::catalogue::region_exists;
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Complaint {
    /// In the client's words.
    pub description: String,
    pub location: String,
    pub since: String,
    pub worse_with: String,
    pub better_with: String,
    pub effect_on_work: String,
    pub effect_on_sleep: String,
    pub effect_on_sport: String,
    pub effect_on_mood: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Observations {
    pub posture: String,
    pub range_of_movement: String,
    pub palpation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    Ache,
    Sharp,
    Tight,
    PinsAndNeedles,
    Numbness,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BodyMark {
    pub region: String,
    pub symptom: Symptom,
    /// 0–10.
    pub intensity: i32,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BodyLink {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub note: String,
}

/// A new assessment (no `id`) or a change to one.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<String>,
    pub client_id: String,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub assessed_on: String,
    #[serde(default)]
    pub complaint: Complaint,
    #[serde(default)]
    pub observations: Observations,
    #[serde(default)]
    pub marks: Vec<BodyMark>,
    #[serde(default)]
    pub links: Vec<BodyLink>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub id: String,
    pub client_id: String,
    pub assessed_on: String,
    pub complaint: Complaint,
    pub observations: Observations,
    pub marks: Vec<BodyMark>,
    pub links: Vec<BodyLink>,
    pub author_name: String,
}

fn line(field: &str, text: &str) -> ApiResult<String> {
    fields::multiline(field, "This field", text, 2000)
}

impl Complaint {
    fn parse(&self) -> ApiResult<Self> {
        Ok(Self {
            description: line("complaint.description", &self.description)?,
            location: line("complaint.location", &self.location)?,
            since: line("complaint.since", &self.since)?,
            worse_with: line("complaint.worseWith", &self.worse_with)?,
            better_with: line("complaint.betterWith", &self.better_with)?,
            effect_on_work: line("complaint.effectOnWork", &self.effect_on_work)?,
            effect_on_sleep: line("complaint.effectOnSleep", &self.effect_on_sleep)?,
            effect_on_sport: line("complaint.effectOnSport", &self.effect_on_sport)?,
            effect_on_mood: line("complaint.effectOnMood", &self.effect_on_mood)?,
        })
    }
}

impl Observations {
    fn parse(&self) -> ApiResult<Self> {
        Ok(Self {
            posture: line("observations.posture", &self.posture)?,
            range_of_movement: line("observations.rangeOfMovement", &self.range_of_movement)?,
            palpation: line("observations.palpation", &self.palpation)?,
        })
    }
}

/// Checks the body chart: known regions, intensity 0–10, one mark per region and symptom.
pub fn parse_chart(
    marks: &[BodyMark],
    links: &[BodyLink],
) -> ApiResult<(Vec<BodyMark>, Vec<BodyLink>)> {
    let mut clean_marks: Vec<BodyMark> = Vec::new();
    for mark in marks {
        if !region_exists(&mark.region) {
            return Err(ApiError::validation(
                "marks",
                "A mark is on a region the body chart does not have.",
            ));
        }
        fields::within("marks", "Intensity", i64::from(mark.intensity), 0..=10)?;
        if clean_marks
            .iter()
            .any(|m| m.region == mark.region && m.symptom == mark.symptom)
        {
            return Err(ApiError::validation(
                "marks",
                "A region has the same symptom marked twice.",
            ));
        }
        clean_marks.push(BodyMark {
            note: fields::optional_line("marks", "Mark note", &mark.note, 300)?,
            ..mark.clone()
        });
    }
    let mut clean_links = Vec::new();
    for link in links {
        if !region_exists(&link.from) || !region_exists(&link.to) {
            return Err(ApiError::validation(
                "links",
                "A link joins a region the body chart does not have.",
            ));
        }
        if link.from == link.to {
            return Err(ApiError::validation(
                "links",
                "A link joins two different regions.",
            ));
        }
        clean_links.push(BodyLink {
            note: fields::optional_line("links", "Link note", &link.note, 300)?,
            ..link.clone()
        });
    }
    Ok((clean_marks, clean_links))
}

fn assessment_from(row: &AnyRow) -> ApiResult<Assessment> {
    Ok(Assessment {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        assessed_on: row.try_get("assessed_on")?,
        complaint: from_json(&row.try_get::<String, _>("complaint")?)?,
        observations: from_json(&row.try_get::<String, _>("observations")?)?,
        marks: from_json(&row.try_get::<String, _>("marks")?)?,
        links: from_json(&row.try_get::<String, _>("links")?)?,
        author_name: row.try_get("author_name")?,
    })
}

/// The client's assessments, oldest first (no journal line).
pub(super) async fn all(tx: &mut WriteTx, client_id: &str) -> ApiResult<Vec<Assessment>> {
    let rows = sqlx::query(
        "SELECT id, client_id, assessed_on, complaint, observations, marks, links, author_name \
         FROM care_assessments WHERE client_id = $1 ORDER BY assessed_on, created_at",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    rows.iter().map(assessment_from).collect()
}

pub async fn assessments(
    clinic: &Clinic,
    actor: &Actor,
    args: ByClient,
) -> ApiResult<Vec<Assessment>> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "assessments",
        async |tx, id| all(tx, id).await,
    )
    .await
}

pub async fn save_assessment(
    clinic: &Clinic,
    actor: &Actor,
    args: AssessmentInput,
) -> ApiResult<Assessment> {
    let complaint = args.complaint.parse()?;
    let observations = args.observations.parse()?;
    let (marks, links) = parse_chart(&args.marks, &args.links)?;
    let existing_id = args
        .id
        .as_deref()
        .map(|id| fields::id("id", id))
        .transpose()?;
    let assessed_on = fields::optional_date("assessedOn", "Date", &args.assessed_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let assessed_on = super::day_or_today(&mut tx, assessed_on).await?;
    let assessment = Assessment {
        id: existing_id.clone().unwrap_or_else(new_id),
        client_id,
        assessed_on: assessed_on.clone(),
        complaint,
        observations,
        marks,
        links,
        author_name: actor.display_name.clone(),
    };
    let at = tx.at_ms();
    let sql = if existing_id.is_some() {
        "UPDATE care_assessments SET assessed_on = $3, complaint = $4, observations = $5, \
         marks = $6, links = $7, author_id = $8, author_name = $9, updated_at = $10 \
         WHERE id = $1 AND client_id = $2"
    } else {
        "INSERT INTO care_assessments (id, client_id, assessed_on, complaint, observations, marks, \
         links, author_id, author_name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
    };
    let done = sqlx::query(sql)
        .bind(&assessment.id)
        .bind(&assessment.client_id)
        .bind(&assessment.assessed_on)
        .bind(to_json(&assessment.complaint)?)
        .bind(to_json(&assessment.observations)?)
        .bind(to_json(&assessment.marks)?)
        .bind(to_json(&assessment.links)?)
        .bind(&actor.staff_id)
        .bind(&actor.display_name)
        .bind(at)
        .execute(tx.conn())
        .await?;
    if done.rows_affected() != 1 {
        return Err(ApiError::not_found("assessment"));
    }
    let action = if existing_id.is_some() {
        "update"
    } else {
        "create"
    };
    let detail = format!(
        "marks={},links={}",
        assessment.marks.len(),
        assessment.links.len()
    );
    journal_write(
        &mut tx,
        action,
        "assessment",
        &assessment.id,
        &assessment.client_id,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(assessment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(region: &str, intensity: i32) -> BodyMark {
        BodyMark {
            region: region.into(),
            symptom: Symptom::Tight,
            intensity,
            note: String::new(),
        }
    }

    #[test]
    fn the_chart_is_validated() {
        assert!(parse_chart(&[mark("low_back", 0), mark("calf_left", 10)], &[]).is_ok());
        for bad in [
            mark("elbow_of_doom", 3),
            mark("low_back", 11),
            mark("low_back", -1),
        ] {
            assert_eq!(
                parse_chart(&[bad], &[]).unwrap_err().field.as_deref(),
                Some("marks")
            );
        }
        assert!(parse_chart(&[mark("low_back", 3), mark("low_back", 4)], &[]).is_err());
        let link = |from: &str, to: &str| BodyLink {
            from: from.into(),
            to: to.into(),
            note: String::new(),
        };
        assert!(parse_chart(&[], &[link("chest_left", "upper_trapezius_left")]).is_ok());
        assert!(parse_chart(&[], &[link("low_back", "low_back")]).is_err());
        assert!(parse_chart(&[], &[link("low_back", "tail")]).is_err());
    }
}

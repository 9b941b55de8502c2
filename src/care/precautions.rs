//! Precautions: rules the clinic reads and adjusts (stored in the database, seeded with
//! defaults) turn intake answers into precautions — avoid, modify, or GP clearance first —
//! optionally tied to body regions or techniques. Clinicians see them in full; reception sees
//! only [`AlertFlags`] (that there are precautions, and their levels), never the reasons.

use super::catalogue::Technique;
use super::{ByClient, from_json, regions, to_json};
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Do not treat (or not that area).
    Avoid,
    /// Ask for the GP's agreement first.
    Clearance,
    /// Lighter pressure, position changes, shorter session.
    Modify,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Avoid => "avoid",
            Level::Clearance => "clearance",
            Level::Modify => "modify",
        }
    }

    fn parse(text: &str) -> ApiResult<Self> {
        from_json(&format!("\"{text}\""))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Precaution {
    pub id: String,
    pub rule_key: String,
    pub level: Level,
    pub text: String,
    pub regions: Vec<String>,
    pub techniques: Vec<Technique>,
    pub intake_id: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrecautionRule {
    pub key: String,
    /// The intake question the rule reads.
    pub question_key: String,
    /// Answers that raise it; empty = any answer other than "no".
    pub answers: Vec<String>,
    pub level: Level,
    pub text: String,
    pub regions: Vec<String>,
    pub techniques: Vec<Technique>,
    pub active: bool,
}

/// A new rule, or a change to one (by key).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrecautionRuleInput {
    pub key: String,
    pub question_key: String,
    #[serde(default)]
    pub answers: Vec<String>,
    pub level: Level,
    pub text: String,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub techniques: Vec<Technique>,
    pub active: bool,
}

/// What reception may see: that care is needed, not why.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertFlags {
    pub has_precautions: bool,
    /// Distinct levels, most serious first.
    pub levels: Vec<Level>,
}

fn rule_from(row: &AnyRow) -> ApiResult<PrecautionRule> {
    Ok(PrecautionRule {
        key: row.try_get("key")?,
        question_key: row.try_get("question_key")?,
        answers: from_json(&row.try_get::<String, _>("answers")?)?,
        level: Level::parse(&row.try_get::<String, _>("level")?)?,
        text: row.try_get("text")?,
        regions: from_json(&row.try_get::<String, _>("regions")?)?,
        techniques: from_json(&row.try_get::<String, _>("techniques")?)?,
        active: row.try_get::<i32, _>("active")? != 0,
    })
}

const RULES: &str = "SELECT key, question_key, answers, level, text, regions, techniques, active \
                     FROM care_precaution_rules ORDER BY sort_order, key";

impl PrecautionRule {
    fn applies(&self, answers: &BTreeMap<String, String>) -> bool {
        let Some(answer) = answers.get(&self.question_key) else {
            return false;
        };
        if self.answers.is_empty() {
            !answer.is_empty() && answer != "no"
        } else {
            self.answers.iter().any(|a| a == answer)
        }
    }
}

/// Replaces the client's precautions with those the rules raise from these answers.
pub(super) async fn recompute(
    tx: &mut WriteTx,
    client_id: &str,
    intake_id: &str,
    answers: &BTreeMap<String, String>,
) -> ApiResult<Vec<Precaution>> {
    let rows = sqlx::query(RULES).fetch_all(tx.conn()).await?;
    let rules = rows.iter().map(rule_from).collect::<ApiResult<Vec<_>>>()?;
    sqlx::query("DELETE FROM care_precautions WHERE client_id = $1")
        .bind(client_id)
        .execute(tx.conn())
        .await?;
    let mut raised = Vec::new();
    for rule in rules.into_iter().filter(|r| r.active && r.applies(answers)) {
        let precaution = Precaution {
            id: new_id(),
            rule_key: rule.key,
            level: rule.level,
            text: rule.text,
            regions: rule.regions,
            techniques: rule.techniques,
            intake_id: intake_id.to_owned(),
        };
        sqlx::query(
            "INSERT INTO care_precautions (id, client_id, intake_id, rule_key, level, text, \
             regions, techniques, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&precaution.id)
        .bind(client_id)
        .bind(intake_id)
        .bind(&precaution.rule_key)
        .bind(precaution.level.as_str())
        .bind(&precaution.text)
        .bind(to_json(&precaution.regions)?)
        .bind(to_json(&precaution.techniques)?)
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
        raised.push(precaution);
    }
    raised.sort_by_key(|p| p.level);
    // A rule's key names a condition ("pregnancy", "dvt"): the journal keeps only how many.
    tx.record(Entry {
        action: "recompute",
        entity: "precautions",
        entity_id: intake_id,
        client_id: Some(client_id),
        detail: format!("raised={}", raised.len()),
    })
    .await?;
    Ok(raised)
}

/// The client's active precautions, most serious first (no journal line: the caller's).
pub(super) async fn active(tx: &mut WriteTx, client_id: &str) -> ApiResult<Vec<Precaution>> {
    active_in(tx.conn(), client_id).await
}

/// [`active`] on any connection: for the booking caution, which reads outside a write.
pub(super) async fn active_in(
    conn: &mut sqlx::AnyConnection,
    client_id: &str,
) -> ApiResult<Vec<Precaution>> {
    let rows = sqlx::query(
        "SELECT id, rule_key, level, text, regions, techniques, intake_id FROM care_precautions \
         WHERE client_id = $1 ORDER BY rule_key",
    )
    .bind(client_id)
    .fetch_all(conn)
    .await?;
    let mut out = Vec::new();
    for row in &rows {
        out.push(Precaution {
            id: row.try_get("id")?,
            rule_key: row.try_get("rule_key")?,
            level: Level::parse(&row.try_get::<String, _>("level")?)?,
            text: row.try_get("text")?,
            regions: from_json(&row.try_get::<String, _>("regions")?)?,
            techniques: from_json(&row.try_get::<String, _>("techniques")?)?,
            intake_id: row.try_get("intake_id")?,
        });
    }
    out.sort_by_key(|p| p.level);
    Ok(out)
}

pub async fn precautions(
    clinic: &Clinic,
    actor: &Actor,
    args: ByClient,
) -> ApiResult<Vec<Precaution>> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "precautions",
        async |tx, id| active(tx, id).await,
    )
    .await
}

/// The flag reception and the calendar show. Not clinical content, so not journaled.
pub async fn alert_flags(
    clinic: &Clinic,
    _actor: &Actor,
    args: crate::api::ById,
) -> ApiResult<AlertFlags> {
    let id = fields::id("id", &args.id)?;
    let levels: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT level FROM care_precautions WHERE client_id = $1")
            .bind(&id)
            .fetch_all(clinic.pool())
            .await?;
    let mut levels = levels
        .iter()
        .map(|l| Level::parse(l))
        .collect::<ApiResult<Vec<_>>>()?;
    levels.sort();
    Ok(AlertFlags {
        has_precautions: !levels.is_empty(),
        levels,
    })
}

pub async fn precaution_rules(
    clinic: &Clinic,
    _actor: &Actor,
    _args: crate::api::NoArgs,
) -> ApiResult<Vec<PrecautionRule>> {
    let rows = sqlx::query(RULES).fetch_all(clinic.pool()).await?;
    rows.iter().map(rule_from).collect()
}

impl PrecautionRuleInput {
    fn parse(&self) -> ApiResult<PrecautionRule> {
        let key = self.key.trim();
        if key.is_empty()
            || key.len() > 60
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ApiError::validation(
                "key",
                "Use lower-case letters, digits and _ for the rule's key.",
            ));
        }
        if !super::questionnaire::question_exists(&self.question_key) {
            return Err(ApiError::validation(
                "questionKey",
                "Choose a question from the intake.",
            ));
        }
        let mut answers = Vec::new();
        for answer in &self.answers {
            answers.push(fields::required_line("answers", "Answer", answer, 80)?);
        }
        let mut techniques = self.techniques.clone();
        techniques.dedup();
        Ok(PrecautionRule {
            key: key.to_owned(),
            question_key: self.question_key.clone(),
            answers,
            level: self.level,
            text: fields::required_line("text", "Precaution", &self.text, 400)?,
            regions: regions("regions", &self.regions)?,
            techniques,
            active: self.active,
        })
    }
}

/// Adds or changes a rule; every client's precautions follow at once.
pub async fn save_precaution_rule(
    clinic: &Clinic,
    actor: &Actor,
    args: PrecautionRuleInput,
) -> ApiResult<PrecautionRule> {
    let rule = args.parse()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query(
        "INSERT INTO care_precaution_rules (key, question_key, answers, level, text, regions, \
         techniques, active, sort_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 100, $9) \
         ON CONFLICT (key) DO UPDATE SET question_key = $2, answers = $3, level = $4, text = $5, \
         regions = $6, techniques = $7, active = $8, updated_at = $9",
    )
    .bind(&rule.key)
    .bind(&rule.question_key)
    .bind(to_json(&rule.answers)?)
    .bind(rule.level.as_str())
    .bind(&rule.text)
    .bind(to_json(&rule.regions)?)
    .bind(to_json(&rule.techniques)?)
    .bind(i32::from(rule.active))
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "save",
        entity: "precaution_rule",
        entity_id: &rule.key,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    follow_rules(&mut tx).await?;
    tx.commit().await?;
    Ok(rule)
}

/// Recomputes every client's precautions from their latest intake, so a changed rule shows
/// at once (at booking too), in the same transaction as the change. An erased client's
/// retained record is read-only: it keeps the precautions it had.
async fn follow_rules(tx: &mut WriteTx) -> ApiResult<()> {
    let rows = sqlx::query(
        "SELECT i.id, i.client_id, i.answers FROM care_intakes i \
         JOIN clients c ON c.id = i.client_id AND c.restricted_at IS NULL WHERE i.id = (SELECT l.id \
         FROM care_intakes l WHERE l.client_id = i.client_id ORDER BY l.created_at DESC, l.id DESC \
         LIMIT 1) ORDER BY i.client_id",
    )
    .fetch_all(tx.conn())
    .await?;
    for row in &rows {
        let id: String = row.try_get("id")?;
        let client_id: String = row.try_get("client_id")?;
        let answers: BTreeMap<String, String> = from_json(&row.try_get::<String, _>("answers")?)?;
        recompute(tx, &client_id, &id, &answers).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_applies_to_its_answers_only() {
        let mut rule = PrecautionRule {
            key: "k".into(),
            question_key: "cancer".into(),
            answers: vec!["current".into()],
            level: Level::Clearance,
            text: "t".into(),
            regions: vec![],
            techniques: vec![],
            active: true,
        };
        let answers = |v: &str| BTreeMap::from([("cancer".to_owned(), v.to_owned())]);
        assert!(rule.applies(&answers("current")));
        assert!(!rule.applies(&answers("past")));
        assert!(!rule.applies(&BTreeMap::new()));
        rule.answers.clear();
        assert!(rule.applies(&answers("past")));
        assert!(!rule.applies(&answers("no")));
    }

    #[test]
    fn levels_sort_most_serious_first() {
        let mut levels = vec![Level::Modify, Level::Avoid, Level::Clearance];
        levels.sort();
        assert_eq!(levels, [Level::Avoid, Level::Clearance, Level::Modify]);
    }
}

//! Consent (to treatment, to areas of touch, to sharing information with other clinicians) and
//! the client's preferences. Consents are dated and can be withdrawn; withdrawing dates the
//! consent instead of deleting it, so the history stays on the record.

use super::{ByClient, Intent, existing_client, from_json, journal_write, regions, to_json};
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
pub enum ConsentKind {
    /// To assessment and treatment as planned.
    Treatment,
    /// To touch in specific areas (`scope`: body-chart regions).
    Areas,
    /// To share information with other clinicians (`scope`: gp, physiotherapist, counsellor).
    ShareInformation,
}

impl ConsentKind {
    fn as_str(self) -> &'static str {
        match self {
            ConsentKind::Treatment => "treatment",
            ConsentKind::Areas => "areas",
            ConsentKind::ShareInformation => "share_information",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    pub id: String,
    pub kind: ConsentKind,
    pub scope: Vec<String>,
    pub note: String,
    pub given_on: String,
    pub recorded_by: String,
    pub withdrawn_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentInput {
    pub client_id: String,
    pub kind: ConsentKind,
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub given_on: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawConsent {
    pub id: String,
    /// `YYYY-MM-DD`; today when empty.
    #[serde(default)]
    pub withdrawn_on: String,
}

const RECIPIENTS: [&str; 3] = ["gp", "physiotherapist", "counsellor"];

fn scope(kind: ConsentKind, raw: &[String]) -> ApiResult<Vec<String>> {
    match kind {
        ConsentKind::Treatment if raw.is_empty() => Ok(Vec::new()),
        ConsentKind::Treatment => Err(ApiError::validation(
            "scope",
            "Consent to treatment has no scope.",
        )),
        ConsentKind::Areas if raw.is_empty() => Err(ApiError::validation(
            "scope",
            "Choose the areas the client agrees to.",
        )),
        ConsentKind::Areas => regions("scope", raw),
        ConsentKind::ShareInformation => {
            if raw.is_empty() || raw.iter().any(|r| !RECIPIENTS.contains(&r.as_str())) {
                return Err(ApiError::validation(
                    "scope",
                    "Choose who may receive information: gp, physiotherapist or counsellor.",
                ));
            }
            Ok(raw.to_vec())
        }
    }
}

fn consent_from(row: &AnyRow) -> ApiResult<Consent> {
    let kind: String = row.try_get("kind")?;
    Ok(Consent {
        id: row.try_get("id")?,
        kind: from_json(&format!("\"{kind}\""))?,
        scope: from_json(&row.try_get::<String, _>("scope")?)?,
        note: row.try_get("note")?,
        given_on: row.try_get("given_on")?,
        recorded_by: row.try_get("recorded_by")?,
        withdrawn_on: row.try_get("withdrawn_on")?,
    })
}

const CONSENTS: &str = "SELECT id, kind, scope, note, given_on, recorded_by, withdrawn_on \
                        FROM care_consents WHERE client_id = $1 ORDER BY recorded_at, id";

/// Every consent on the record, current and withdrawn, oldest first (no journal line).
pub(super) async fn all(tx: &mut WriteTx, client_id: &str) -> ApiResult<Vec<Consent>> {
    let rows = sqlx::query(CONSENTS)
        .bind(client_id)
        .fetch_all(tx.conn())
        .await?;
    rows.iter().map(consent_from).collect()
}

pub async fn consents(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Vec<Consent>> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "consents",
        async |tx, id| all(tx, id).await,
    )
    .await
}

pub async fn give_consent(
    clinic: &Clinic,
    actor: &Actor,
    args: ConsentInput,
) -> ApiResult<Consent> {
    let scope = scope(args.kind, &args.scope)?;
    let note = fields::optional_line("note", "Note", &args.note, 300)?;
    let given_on = fields::optional_date("givenOn", "Date", &args.given_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let given_on = super::day_or_today(&mut tx, given_on).await?;
    let consent = Consent {
        id: new_id(),
        kind: args.kind,
        scope,
        note,
        given_on: given_on.clone(),
        recorded_by: actor.display_name.clone(),
        withdrawn_on: None,
    };
    sqlx::query(
        "INSERT INTO care_consents (id, client_id, kind, scope, note, given_on, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&consent.id)
    .bind(&client_id)
    .bind(consent.kind.as_str())
    .bind(to_json(&consent.scope)?)
    .bind(&consent.note)
    .bind(&consent.given_on)
    .bind(&consent.recorded_by)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    journal_write(
        &mut tx,
        "create",
        "consent",
        &consent.id,
        &client_id,
        consent.kind.as_str().to_owned(),
    )
    .await?;
    tx.commit().await?;
    Ok(consent)
}

pub async fn withdraw_consent(
    clinic: &Clinic,
    actor: &Actor,
    args: WithdrawConsent,
) -> ApiResult<Consent> {
    let id = fields::id("id", &args.id)?;
    let withdrawn_on = fields::optional_date("withdrawnOn", "Date", &args.withdrawn_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    super::client_of(&mut tx, actor, super::Part::Consent, &id, Intent::Write).await?;
    let row = sqlx::query("SELECT client_id, withdrawn_on FROM care_consents WHERE id = $1")
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found("consent"))?;
    let client_id: String = row.try_get("client_id")?;
    if row.try_get::<Option<String>, _>("withdrawn_on")?.is_some() {
        return Err(ApiError::conflict("This consent was already withdrawn."));
    }
    let on = super::day_or_today(&mut tx, withdrawn_on).await?;
    sqlx::query("UPDATE care_consents SET withdrawn_on = $2, withdrawn_at = $3 WHERE id = $1")
        .bind(&id)
        .bind(on.clone())
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
    journal_write(
        &mut tx,
        "withdraw",
        "consent",
        &id,
        &client_id,
        String::new(),
    )
    .await?;
    let consent = all(&mut tx, &client_id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok(consent)
}

/// Whether a current consent allows sharing with this kind of recipient.
pub(super) fn may_share(consents: &[Consent], recipient: &str) -> bool {
    consents.iter().any(|c| {
        c.kind == ConsentKind::ShareInformation
            && c.withdrawn_on.is_none()
            && c.scope.iter().any(|s| s == recipient)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Pressure {
    Light,
    Medium,
    Firm,
    Deep,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub pressure: Option<Pressure>,
    /// Body-chart regions not to touch.
    pub avoid_regions: Vec<String>,
    /// e.g. "side-lying, no face-down".
    pub position: String,
    /// "talk", "quiet", or free text.
    pub conversation: String,
    /// Light, sound, scent, touch, predictability: trauma-informed, neurodivergent-friendly care.
    pub sensory_needs: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesInput {
    pub client_id: String,
    pub preferences: Preferences,
}

impl Preferences {
    fn parse(&self) -> ApiResult<Self> {
        Ok(Self {
            pressure: self.pressure,
            avoid_regions: regions("avoidRegions", &self.avoid_regions)?,
            position: fields::optional_line("position", "Position", &self.position, 200)?,
            conversation: fields::optional_line(
                "conversation",
                "Conversation",
                &self.conversation,
                200,
            )?,
            sensory_needs: fields::multiline(
                "sensoryNeeds",
                "Sensory needs",
                &self.sensory_needs,
                1000,
            )?,
        })
    }
}

pub(super) async fn load_preferences(tx: &mut WriteTx, client_id: &str) -> ApiResult<Preferences> {
    let row = sqlx::query(
        "SELECT pressure, avoid_regions, position, conversation, sensory_needs \
         FROM care_preferences WHERE client_id = $1",
    )
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else {
        return Ok(Preferences {
            pressure: None,
            avoid_regions: Vec::new(),
            position: String::new(),
            conversation: String::new(),
            sensory_needs: String::new(),
        });
    };
    let pressure: String = row.try_get("pressure")?;
    Ok(Preferences {
        pressure: if pressure.is_empty() {
            None
        } else {
            Some(from_json(&format!("\"{pressure}\""))?)
        },
        avoid_regions: from_json(&row.try_get::<String, _>("avoid_regions")?)?,
        position: row.try_get("position")?,
        conversation: row.try_get("conversation")?,
        sensory_needs: row.try_get("sensory_needs")?,
    })
}

pub async fn preferences(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Preferences> {
    super::read_part(
        clinic,
        actor,
        &args.client_id,
        "preferences",
        async |tx, id| load_preferences(tx, id).await,
    )
    .await
}

pub async fn set_preferences(
    clinic: &Clinic,
    actor: &Actor,
    args: PreferencesInput,
) -> ApiResult<Preferences> {
    let preferences = args.preferences.parse()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let pressure = preferences
        .pressure
        .map(|p| to_json(&p))
        .transpose()?
        .unwrap_or_default();
    sqlx::query(
        "INSERT INTO care_preferences (client_id, pressure, avoid_regions, position, conversation, \
         sensory_needs, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (client_id) \
         DO UPDATE SET pressure = $2, avoid_regions = $3, position = $4, conversation = $5, \
         sensory_needs = $6, updated_at = $7",
    )
    .bind(&client_id)
    .bind(pressure.trim_matches('"'))
    .bind(to_json(&preferences.avoid_regions)?)
    .bind(&preferences.position)
    .bind(&preferences.conversation)
    .bind(&preferences.sensory_needs)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    journal_write(
        &mut tx,
        "update",
        "preferences",
        &client_id,
        &client_id,
        String::new(),
    )
    .await?;
    tx.commit().await?;
    Ok(preferences)
}

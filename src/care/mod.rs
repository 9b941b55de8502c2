//! The clinical record: Assess (intake, precautions, consent, preferences, assessment with the
//! body chart, outcome measures, goals), Treat (plan, SOAP session notes, signing, amendments)
//! and Empower (education points, self-management goals, review and referral letter).
//!
//! Every operation here needs `ViewClinical` or `EditClinical`, which reception never holds,
//! so clinical content never leaves the core for the front desk; reception sees only
//! [`precautions::alert_flags`]. On top of the role, [`access`] decides per client: a
//! therapist opens their own clients' records, or every record when the clinic enables
//! shared care; the owner opens all; for anyone else's client a therapist breaks the glass
//! ([`break_glass`]: a reason, journaled, for the day). Every read of a client's clinical
//! content is journaled (`action: "read"`) and therefore runs in a [`WriteTx`] like a write.
//! An erased client's retained record is read-only: every write refuses it.

mod access;
mod assessment;
mod break_glass;
mod catalogue;
mod consent;
pub mod demo;
mod form_drafts;
mod goals;
mod letter;
mod measures;
mod notes;
mod plan;
mod precautions;
mod questionnaire;
mod record;
mod review;
mod warnings;

pub use access::may_open_record;
pub(crate) use access::{Intent, Part, client_of, ensure as ensure_open, may_open};
pub use assessment::{
    Assessment, AssessmentInput, BodyLink, BodyMark, Complaint, Observations, Symptom, assessments,
    save_assessment,
};
pub use break_glass::{AccessGrant, BreakGlass, GlassBroken, access_grants, break_glass};
pub use catalogue::{BODY_REGIONS, BodyRegion, BodyView, Technique, body_regions, region_exists};
pub use consent::{
    Consent, ConsentInput, ConsentKind, Preferences, PreferencesInput, Pressure, WithdrawConsent,
    consents, give_consent, preferences, set_preferences, withdraw_consent,
};
pub use form_drafts::{
    DraftForm, FormDraft, FormDraftInput, FormDraftKey, discard_form_draft, form_draft,
    save_form_draft,
};
pub use goals::{Goal, GoalInput, GoalOutcome, GoalReview, goals, review_goal, save_goal};
pub(crate) use letter::compose as compose_referral;
pub use letter::{
    LetterSection, Recipient, RecipientKind, ReferralLetter, ReferralRequest, demo_request,
    referral_letter,
};
pub use measures::{
    Measure, MeasurePoint, MeasureSeries, Measurement, MeasuresInput, Progress, PsfsItem, progress,
    psfs_tenths, record_measures,
};
pub use notes::{
    AmendNote, Amendment, Note, NoteContent, NoteInput, NoteStatus, NoteSummary, NoteTemplate,
    StartNote, amend_note, discard_draft, note, note_templates, notes, save_note, sign_note,
    start_from_last_note, start_note,
};
pub use plan::{Plan, PlanInput, PlanSaved, plan, save_plan};
pub use precautions::{
    AlertFlags, Level, Precaution, PrecautionRule, PrecautionRuleInput, alert_flags,
    precaution_rules, precautions, save_precaution_rule,
};
pub use questionnaire::{
    Answer, Intake, IntakeInput, IntakeSaved, Question, QuestionKind, Questionnaire, Section,
    intake, questionnaire, save_intake,
};
pub use record::{ClinicalRecord, record};
pub use review::{
    MeasureComparison, ReviewInput, ReviewKind, ReviewSummary, record_review, review_summary,
};
pub use warnings::{ServiceCaution, ServiceCautionRequest, TechniqueWarning, service_caution};

use crate::audit::{Entry, WriteTx};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use ts_rs::TS;

/// A request about one client's record.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ByClient {
    pub client_id: String,
}

/// Checks the client exists (inside the transaction) and that `actor` may open their clinical
/// record for `intent` ([`access`]), and returns the client's canonical id.
async fn existing_client(
    tx: &mut WriteTx,
    actor: &crate::staff::Actor,
    raw: &str,
    intent: Intent,
) -> ApiResult<String> {
    let id = fields::id("clientId", raw)?;
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM clients WHERE id = $1")
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?;
    let id = found.ok_or_else(|| ApiError::not_found("client"))?;
    let at_ms = tx.at_ms();
    access::ensure(tx.conn(), actor, &id, at_ms, intent).await?;
    Ok(id)
}

/// Journals a read of clinical content: who looked at which part of whose record.
async fn journal_read(
    tx: &mut WriteTx,
    entity: &str,
    entity_id: &str,
    client_id: &str,
) -> ApiResult<()> {
    tx.record(Entry {
        action: "read",
        entity,
        entity_id,
        client_id: Some(client_id),
        detail: String::new(),
    })
    .await
}

/// Journals a write to the clinical record (detail: field names or ids, never client text).
async fn journal_write(
    tx: &mut WriteTx,
    action: &str,
    entity: &str,
    entity_id: &str,
    client_id: &str,
    detail: String,
) -> ApiResult<()> {
    tx.record(Entry {
        action,
        entity,
        entity_id,
        client_id: Some(client_id),
        detail,
    })
    .await
}

/// Lists and small records stored as JSON text columns.
fn to_json<T: Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|error| {
        let kind = crate::error::json_error_kind(&error);
        tracing::error!(kind, "could not encode a clinical field");
        ApiError::internal()
    })
}

fn from_json<T: DeserializeOwned>(text: &str) -> ApiResult<T> {
    serde_json::from_str(text).map_err(|error| {
        let kind = crate::error::json_error_kind(&error);
        tracing::error!(kind, "a stored clinical field is unreadable");
        ApiError::internal()
    })
}

/// Reads one part of a client's record in a transaction that journals the read.
async fn read_part<T>(
    clinic: &crate::Clinic,
    actor: &crate::staff::Actor,
    client: &str,
    entity: &str,
    load: impl AsyncFnOnce(&mut WriteTx, &str) -> ApiResult<T>,
) -> ApiResult<T> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, client, Intent::Read).await?;
    let found = load(&mut tx, &client_id).await?;
    journal_read(&mut tx, entity, &client_id, &client_id).await?;
    tx.commit().await?;
    Ok(found)
}

/// A date the UI gave, or the clinic's today, as `YYYY-MM-DD`.
async fn day_or_today(tx: &mut WriteTx, date: Option<chrono::NaiveDate>) -> ApiResult<String> {
    let date = match date {
        Some(date) => date,
        None => clinic_today(tx).await?,
    };
    Ok(date.format("%Y-%m-%d").to_string())
}

/// The transaction's date in the clinic's time zone.
async fn clinic_today(tx: &mut WriteTx) -> ApiResult<chrono::NaiveDate> {
    let tz = crate::settings::load(tx.conn()).await?.tz();
    let now = chrono::DateTime::from_timestamp_millis(tx.at_ms()).ok_or_else(ApiError::internal)?;
    Ok(now.with_timezone(&tz).date_naive())
}

/// A list of short free-text points (education points, goals), cleaned and bounded.
fn points(field: &str, label: &str, raw: &[String], max_items: usize) -> ApiResult<Vec<String>> {
    if raw.len() > max_items {
        return Err(ApiError::validation(
            field,
            format!("{label}: at most {max_items} items."),
        ));
    }
    let mut out = Vec::new();
    for item in raw {
        let text = fields::optional_line(field, label, item, 300)?;
        if !text.is_empty() {
            out.push(text);
        }
    }
    Ok(out)
}

/// Body-chart regions given by the UI: each must be in the fixed table; duplicates dropped.
fn regions(field: &str, raw: &[String]) -> ApiResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for key in raw {
        if !region_exists(key) {
            return Err(ApiError::validation(
                field,
                "Choose regions from the body chart.",
            ));
        }
        if !out.contains(key) {
            out.push(key.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::captured_log;

    /// serde_json's messages quote what failed to parse; a stored field that no longer reads
    /// must not put its text (a client's words) in the log.
    #[test]
    fn an_unreadable_stored_field_is_logged_without_its_text() {
        for stored in [
            r#"["Jane Fictional-Hughes says her left knee"]"#,
            r#"{"pressure": "Jane Fictional-Hughes"}"#,
            r#"["Jane Fictional-Hughes"#,
        ] {
            let (result, log) = captured_log::capture(|| from_json::<Vec<Technique>>(stored));
            assert!(result.is_err());
            assert!(log.contains("unreadable"), "{log}");
            assert!(!log.contains("Jane"), "{log}");
        }
    }
}

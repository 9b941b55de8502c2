//! The referral or report letter to the client's GP, physiotherapist or counsellor, composed
//! from the record as structured sections. Printing it on the clinic letterhead is the
//! document engine's job; this module decides what the letter says, and refuses to compose it
//! without the client's current consent to share with that kind of recipient.

use super::catalogue::region_label;
use super::review::{self, ReviewSummary};
use super::{Intent, assessment, consent, existing_client, journal_read, precautions};
use crate::audit::WriteTx;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    Gp,
    Physiotherapist,
    Counsellor,
}

impl RecipientKind {
    /// The key stored in a consent's scope and journaled with a printed letter.
    pub fn as_str(self) -> &'static str {
        match self {
            RecipientKind::Gp => "gp",
            RecipientKind::Physiotherapist => "physiotherapist",
            RecipientKind::Counsellor => "counsellor",
        }
    }

    fn label(self) -> &'static str {
        match self {
            RecipientKind::Gp => "GP",
            RecipientKind::Physiotherapist => "physiotherapist",
            RecipientKind::Counsellor => "counsellor",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub kind: RecipientKind,
    pub name: String,
    /// Lines separated by newlines.
    pub address: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralRequest {
    pub client_id: String,
    pub recipient: Recipient,
    /// Why the therapist is writing, in their words.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralLetter {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub clinic_name: String,
    pub clinic_address: String,
    pub clinic_phone: String,
    pub clinic_email: String,
    pub recipient: Recipient,
    pub client_name: String,
    pub client_date_of_birth: Option<String>,
    pub subject: String,
    pub salutation: String,
    pub sections: Vec<LetterSection>,
    pub closing: String,
    pub signatory: String,
}

fn section(heading: &str, paragraphs: Vec<String>) -> Option<LetterSection> {
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    (!paragraphs.is_empty()).then(|| LetterSection {
        heading: heading.to_owned(),
        paragraphs,
    })
}

fn one_decimal(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// `YYYY-MM-DD` as a letter writes it ("18 November 2026"); anything else as it is.
fn long_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

/// "Since: September." — without repeating the label when the words already start with it
/// ("Since 2022, worse this winter.").
fn labelled(label: &str, value: &str) -> String {
    let value = value.trim_end_matches('.');
    if value.to_lowercase().starts_with(&label.to_lowercase()) {
        format!("{value}.")
    } else {
        format!("{label}: {value}.")
    }
}

fn progress_lines(summary: &ReviewSummary) -> Vec<String> {
    let mut lines: Vec<String> = summary
        .measures
        .iter()
        .filter_map(|m| {
            let (b, l) = (m.baseline?, m.latest?);
            Some(format!(
                "{}: {} at baseline, {} now.",
                m.label,
                one_decimal(b),
                one_decimal(l)
            ))
        })
        .collect();
    if summary.signed_sessions > 0 {
        lines.insert(
            0,
            format!(
                "{} session(s) from {} to {}.",
                summary.signed_sessions,
                long_date(summary.first_session.as_deref().unwrap_or_default()),
                long_date(summary.last_session.as_deref().unwrap_or_default())
            ),
        );
    }
    lines
}

pub async fn referral_letter(
    clinic: &Clinic,
    actor: &Actor,
    args: ReferralRequest,
) -> ApiResult<ReferralLetter> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let (letter, client_id) = compose(&mut tx, actor, &args, Intent::Read).await?;
    journal_read(&mut tx, "referral_letter", &client_id, &client_id).await?;
    tx.commit().await?;
    Ok(letter)
}

/// Composes the letter inside `tx` (for the on-screen letter and for the printed one) and
/// returns it with the client's canonical id. Refuses without the client's current consent to
/// share with that kind of recipient. Journals nothing: the caller says what happened. A
/// printed letter is `Intent::Write` (it joins the client's document history).
pub(crate) async fn compose(
    tx: &mut WriteTx,
    actor: &Actor,
    args: &ReferralRequest,
    intent: Intent,
) -> ApiResult<(ReferralLetter, String)> {
    let name = fields::required_line(
        "recipient.name",
        "Recipient's name",
        &args.recipient.name,
        120,
    )?;
    let address = fields::multiline(
        "recipient.address",
        "Recipient's address",
        &args.recipient.address,
        400,
    )?;
    let reason = fields::multiline("reason", "Reason", &args.reason, 4000)?;
    if reason.is_empty() {
        return Err(ApiError::validation("reason", "Say why you are writing."));
    }
    let client_id = existing_client(tx, actor, &args.client_id, intent).await?;
    let kind = args.recipient.kind;
    if !consent::may_share(&consent::all(tx, &client_id).await?, kind.as_str()) {
        return Err(ApiError::conflict(format!(
            "Record the client's consent to share information with their {} first.",
            kind.label()
        )));
    }
    let settings = crate::settings::load(tx.conn()).await?;
    let client =
        sqlx::query("SELECT given_name, family_name, date_of_birth FROM clients WHERE id = $1")
            .bind(&client_id)
            .fetch_one(tx.conn())
            .await?;
    let client_name = format!(
        "{} {}",
        client.try_get::<String, _>("given_name")?,
        client.try_get::<String, _>("family_name")?
    );
    let assessments = assessment::all(tx, &client_id).await?;
    let precautions = precautions::active(tx, &client_id).await?;
    let summary = review::summary(tx, &client_id).await?;
    let last_note = sqlx::query(
        "SELECT education, self_goals FROM care_notes WHERE client_id = $1 AND status = 'signed' \
         ORDER BY session_on DESC, signed_at DESC LIMIT 1",
    )
    .bind(&client_id)
    .fetch_optional(tx.conn())
    .await?;
    let mut sections = vec![LetterSection {
        heading: "Reason for writing".into(),
        paragraphs: vec![reason],
    }];
    if let Some(first) = assessments.first() {
        let c = &first.complaint;
        sections.extend(section(
            "Presenting complaint",
            vec![
                c.description.clone(),
                [
                    ("Where", &c.location),
                    ("Since", &c.since),
                    ("Worse with", &c.worse_with),
                    ("Better with", &c.better_with),
                ]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| labelled(k, v))
                .collect::<Vec<_>>()
                .join(" "),
            ],
        ));
    }
    if let Some(latest) = assessments.last() {
        let o = &latest.observations;
        let chart = latest
            .marks
            .iter()
            .map(|m| {
                format!(
                    "{} ({:?}, {}/10)",
                    region_label(&m.region),
                    m.symptom,
                    m.intensity
                )
                .replace("PinsAndNeedles", "pins and needles")
            })
            .collect::<Vec<_>>()
            .join("; ");
        sections.extend(section(
            &format!("Findings ({})", long_date(&latest.assessed_on)),
            vec![
                o.posture.clone(),
                o.range_of_movement.clone(),
                o.palpation.clone(),
                if chart.is_empty() {
                    String::new()
                } else {
                    format!("Areas reported: {}.", chart.to_lowercase())
                },
            ],
        ));
    }
    sections.extend(section(
        "Precautions observed",
        precautions.iter().map(|p| p.text.clone()).collect(),
    ));
    if let Some(plan) = &summary.plan {
        let techniques = plan
            .techniques
            .iter()
            .map(|t| t.label())
            .collect::<Vec<_>>()
            .join(", ");
        sections.extend(section(
            "Treatment",
            vec![format!(
                "{} ({}), reviewed after {} sessions.",
                techniques, plan.frequency, plan.sessions_before_review
            )],
        ));
    }
    sections.extend(section("Progress", progress_lines(&summary)));
    sections.extend(section(
        "Goals",
        summary
            .goals
            .iter()
            .map(|g| match g.outcome {
                Some(o) => format!(
                    "“{}” — {}.",
                    g.words,
                    format!("{o:?}")
                        .replace("PartlyMet", "partly met")
                        .replace("NotMet", "not met")
                        .to_lowercase()
                ),
                None => format!("“{}” — to review on {}.", g.words, long_date(&g.review_on)),
            })
            .collect(),
    ));
    if let Some(row) = last_note {
        let education: Vec<String> = super::from_json(&row.try_get::<String, _>("education")?)?;
        let goals: Vec<String> = super::from_json(&row.try_get::<String, _>("self_goals")?)?;
        sections.extend(section(
            "Self-management",
            education.into_iter().chain(goals).collect(),
        ));
    }
    sections.extend(section(
        "Recommendations",
        vec![summary.recommendations.clone()],
    ));
    let date = super::clinic_today(tx)
        .await?
        .format("%Y-%m-%d")
        .to_string();
    let letter = ReferralLetter {
        date,
        clinic_name: settings.name,
        clinic_address: settings.address,
        clinic_phone: settings.phone,
        clinic_email: settings.email,
        recipient: Recipient { kind, name: name.clone(), address },
        subject: format!("Re: {client_name}"),
        client_date_of_birth: client.try_get("date_of_birth")?,
        client_name,
        salutation: format!("Dear {name},"),
        sections,
        closing: "With the client's consent, I am sharing this summary. Please contact me if you would like to discuss it.\n\nYours sincerely,".into(),
        signatory: actor.display_name.clone(),
    };
    Ok((letter, client_id))
}

/// A letter request for `palma referral --demo`: to the GP of the client whose consent to
/// share with their GP was recorded last (in the demo clinic, a client in a course of care),
/// written by the therapist who signed the client's latest note (the owner if none did).
pub async fn demo_request(clinic: &Clinic) -> ApiResult<Option<(ReferralRequest, Actor)>> {
    let client: Option<String> = sqlx::query_scalar(
        "SELECT client_id FROM care_consents WHERE kind = 'share_information' \
         AND withdrawn_on IS NULL AND scope LIKE '%\"gp\"%' ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .fetch_optional(clinic.pool())
    .await?;
    let Some(client_id) = client else {
        return Ok(None);
    };
    let author: Option<(String, String)> = sqlx::query_as(
        "SELECT author_id, author_name FROM care_notes WHERE client_id = $1 AND status = 'signed' \
         ORDER BY session_on DESC, signed_at DESC LIMIT 1",
    )
    .bind(&client_id)
    .fetch_optional(clinic.pool())
    .await?;
    let writer = author.map_or_else(Actor::builtin_owner, |(staff_id, display_name)| Actor {
        staff_id,
        display_name,
        roles: vec![crate::staff::Role::Therapist],
    });
    Ok(Some((
        ReferralRequest {
            client_id,
            recipient: Recipient {
                kind: RecipientKind::Gp,
                name: "Dr Aisha Shah".into(),
                address: "Riverside Surgery\n4 Water Lane\nYork YO1 7AA".into(),
            },
            reason: "Thank you for seeing this client, who has been coming to us for soft-tissue \
                 therapy. I am writing to update you on their care, and to ask you to review the \
                 symptoms noted below, which have not settled as well as we hoped."
                .into(),
        },
        writer,
    )))
}

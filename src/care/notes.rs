//! Session notes (SOAP) linked to an appointment: quick re-rating, S/O/A/P text, techniques and
//! body-chart areas, pressure, response, plan, and the Empower points (education,
//! self-management goals). A note is drafted, then signed. A signed note never changes — the
//! database refuses UPDATE and DELETE of signed rows on both engines, and the API answers
//! `conflict` — corrections are appended amendments with author, time and reason. A draft is
//! its author's: another therapist who may open the record still cannot edit, sign or discard
//! it (`forbidden`); the owner can, and the journal line names the draft's author.

use super::catalogue::Technique;
use super::consent::Pressure;
use super::precautions::{self, Precaution};
use super::warnings::{self, TechniqueWarning};
use super::{
    ByClient, Intent, existing_client, from_json, journal_read, journal_write, points, regions,
    to_json,
};
use crate::api::ById;
use crate::audit::WriteTx;
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

mod draft;
mod templates;
use draft::{Draft, editable_draft};
pub use templates::{NoteTemplate, note_templates};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoteStatus {
    Draft,
    Signed,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    pub id: String,
    pub author_name: String,
    pub at_ms: i64,
    pub reason: String,
    pub text: String,
}

/// The editable content of a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NoteContent {
    pub pain: Option<i32>,
    pub stress: Option<i32>,
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
    pub techniques: Vec<Technique>,
    /// Body-chart regions worked on.
    pub regions: Vec<String>,
    pub pressure: Option<Pressure>,
    pub response: String,
    /// Empower: what was explained (plain points).
    pub education: Vec<String>,
    /// Empower: what the client will do between sessions.
    pub self_goals: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub id: String,
    pub client_id: String,
    pub appointment_id: Option<String>,
    pub session_on: String,
    pub status: NoteStatus,
    pub content: NoteContent,
    pub author_name: String,
    pub updated_at: i64,
    pub signed_at: Option<i64>,
    pub signed_by: Option<String>,
    pub amendments: Vec<Amendment>,
    /// The client's precautions, shown on every note.
    pub precautions: Vec<Precaution>,
    /// Where a technique the note chooses or names in its text meets a precaution (the
    /// plan's rule set, [`super::warnings`]): shown in the note and when signing it.
    pub warnings: Vec<TechniqueWarning>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteSummary {
    pub id: String,
    pub appointment_id: Option<String>,
    pub session_on: String,
    pub status: NoteStatus,
    pub author_name: String,
    pub pain: Option<i32>,
    pub stress: Option<i32>,
    pub amendment_count: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartNote {
    pub client_id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub appointment_id: Option<String>,
    /// `YYYY-MM-DD`; the appointment's day, else today.
    #[serde(default)]
    pub session_on: String,
    /// A template from `care.note_templates` (ignored by `care.start_from_last_note`).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub template_key: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteInput {
    pub id: String,
    pub content: NoteContent,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AmendNote {
    pub id: String,
    pub reason: String,
    pub text: String,
}

fn text(field: &str, label: &str, raw: &str) -> ApiResult<String> {
    fields::multiline(field, label, raw, 8000)
}

impl NoteContent {
    fn parse(&self) -> ApiResult<Self> {
        for (field, value) in [("pain", self.pain), ("stress", self.stress)] {
            if let Some(v) = value {
                fields::within(field, "Rating", i64::from(v), 0..=10)?;
            }
        }
        let mut techniques: Vec<Technique> = Vec::new();
        for t in &self.techniques {
            if !techniques.contains(t) {
                techniques.push(*t);
            }
        }
        Ok(Self {
            pain: self.pain,
            stress: self.stress,
            subjective: text("subjective", "Subjective", &self.subjective)?,
            objective: text("objective", "Objective", &self.objective)?,
            assessment: text("assessment", "Assessment", &self.assessment)?,
            plan: text("plan", "Plan", &self.plan)?,
            techniques,
            regions: regions("regions", &self.regions)?,
            pressure: self.pressure,
            response: text("response", "Response", &self.response)?,
            education: points("education", "Education points", &self.education, 12)?,
            self_goals: points("selfGoals", "Self-management goals", &self.self_goals, 12)?,
        })
    }
}

const NOTE: &str = "SELECT id, client_id, appointment_id, session_on, status, pain, stress, \
                    subjective, objective, assessment, plan, techniques, regions, pressure, \
                    response, education, self_goals, author_name, updated_at, signed_at, signed_by \
                    FROM care_notes";

fn enum_text<T: serde::de::DeserializeOwned>(raw: &str) -> ApiResult<T> {
    from_json(&format!("\"{raw}\""))
}

fn note_from(row: &AnyRow) -> ApiResult<Note> {
    let pressure: String = row.try_get("pressure")?;
    Ok(Note {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        appointment_id: row.try_get("appointment_id")?,
        session_on: row.try_get("session_on")?,
        status: enum_text(&row.try_get::<String, _>("status")?)?,
        content: NoteContent {
            pain: row.try_get("pain")?,
            stress: row.try_get("stress")?,
            subjective: row.try_get("subjective")?,
            objective: row.try_get("objective")?,
            assessment: row.try_get("assessment")?,
            plan: row.try_get("plan")?,
            techniques: from_json(&row.try_get::<String, _>("techniques")?)?,
            regions: from_json(&row.try_get::<String, _>("regions")?)?,
            pressure: if pressure.is_empty() {
                None
            } else {
                Some(enum_text(&pressure)?)
            },
            response: row.try_get("response")?,
            education: from_json(&row.try_get::<String, _>("education")?)?,
            self_goals: from_json(&row.try_get::<String, _>("self_goals")?)?,
        },
        author_name: row.try_get("author_name")?,
        updated_at: row.try_get("updated_at")?,
        signed_at: row.try_get("signed_at")?,
        signed_by: row.try_get("signed_by")?,
        amendments: Vec::new(),
        precautions: Vec::new(),
        warnings: Vec::new(),
    })
}

/// The note with its amendments and the client's precautions (no journal line).
async fn load(tx: &mut WriteTx, id: &str) -> ApiResult<Note> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{NOTE} WHERE id = $1")))
        .bind(id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found("note"))?;
    let mut note = note_from(&row)?;
    let rows = sqlx::query(
        "SELECT id, author_name, at_ms, reason, text FROM care_note_amendments \
         WHERE note_id = $1 ORDER BY at_ms, id",
    )
    .bind(id)
    .fetch_all(tx.conn())
    .await?;
    for row in &rows {
        note.amendments.push(Amendment {
            id: row.try_get("id")?,
            author_name: row.try_get("author_name")?,
            at_ms: row.try_get("at_ms")?,
            reason: row.try_get("reason")?,
            text: row.try_get("text")?,
        });
    }
    note.precautions = precautions::active(tx, &note.client_id).await?;
    let c = &note.content;
    let texts = [
        &c.subjective,
        &c.objective,
        &c.assessment,
        &c.plan,
        &c.response,
    ];
    let techniques = warnings::chosen_and_named(&c.techniques, texts.map(String::as_str));
    note.warnings = warnings::conflicts(&techniques, &note.precautions);
    Ok(note)
}

pub async fn note(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<Note> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    super::client_of(&mut tx, actor, super::Part::Note, &id, Intent::Read).await?;
    let note = load(&mut tx, &id).await?;
    journal_read(&mut tx, "note", &note.id, &note.client_id).await?;
    tx.commit().await?;
    Ok(note)
}

pub async fn notes(clinic: &Clinic, actor: &Actor, args: ByClient) -> ApiResult<Vec<NoteSummary>> {
    super::read_part(clinic, actor, &args.client_id, "notes", async |tx, id| {
        summaries(tx, id).await
    })
    .await
}

/// The client's notes, newest first (no journal line).
pub(super) async fn summaries(tx: &mut WriteTx, client_id: &str) -> ApiResult<Vec<NoteSummary>> {
    let rows = sqlx::query(
        "SELECT n.id, n.appointment_id, n.session_on, n.status, n.author_name, n.pain, n.stress, \
         (SELECT COUNT(*) FROM care_note_amendments a WHERE a.note_id = n.id) AS amendments \
         FROM care_notes n WHERE n.client_id = $1 ORDER BY n.session_on DESC, n.created_at DESC",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    let mut out = Vec::new();
    for row in &rows {
        out.push(NoteSummary {
            id: row.try_get("id")?,
            appointment_id: row.try_get("appointment_id")?,
            session_on: row.try_get("session_on")?,
            status: enum_text(&row.try_get::<String, _>("status")?)?,
            author_name: row.try_get("author_name")?,
            pain: row.try_get("pain")?,
            stress: row.try_get("stress")?,
            amendment_count: row.try_get("amendments")?,
        });
    }
    Ok(out)
}

/// Checks the appointment is this client's; returns it and its day in the clinic's zone.
async fn appointment(
    tx: &mut WriteTx,
    raw: Option<&str>,
    client_id: &str,
) -> ApiResult<Option<(String, String)>> {
    let Some(raw) = raw else { return Ok(None) };
    let id = fields::id("appointmentId", raw)?;
    let row = sqlx::query("SELECT client_id, start_ms FROM appointments WHERE id = $1")
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found("appointment"))?;
    if row.try_get::<String, _>("client_id")? != client_id {
        return Err(ApiError::validation(
            "appointmentId",
            "This appointment is another client's.",
        ));
    }
    let tz = crate::settings::load(tx.conn()).await?.tz();
    let start = chrono::DateTime::from_timestamp_millis(row.try_get("start_ms")?)
        .ok_or_else(ApiError::internal)?;
    Ok(Some((
        id,
        start
            .with_timezone(&tz)
            .date_naive()
            .format("%Y-%m-%d")
            .to_string(),
    )))
}

/// Creates a draft with the given content.
async fn create_draft(
    clinic: &Clinic,
    actor: &Actor,
    args: &StartNote,
    content: impl FnOnce(Option<NoteContent>) -> ApiResult<NoteContent>,
    from_last: bool,
) -> ApiResult<Note> {
    let session_on = fields::optional_date("sessionOn", "Date", &args.session_on)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    let appointment = appointment(&mut tx, args.appointment_id.as_deref(), &client_id).await?;
    let session_on = match (session_on, &appointment) {
        (Some(d), _) => d.format("%Y-%m-%d").to_string(),
        (None, Some((_, day))) => day.clone(),
        (None, None) => super::clinic_today(&mut tx)
            .await?
            .format("%Y-%m-%d")
            .to_string(),
    };
    let last = if from_last {
        last_signed(&mut tx, &client_id).await?
    } else {
        None
    };
    let content = content(last)?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO care_notes (id, client_id, appointment_id, session_on, status, author_id, \
         author_name, created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $7)",
    )
    .bind(&id)
    .bind(&client_id)
    .bind(appointment.map(|(id, _)| id))
    .bind(&session_on)
    .bind(&actor.staff_id)
    .bind(&actor.display_name)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    write_content(&mut tx, &id, &content).await?;
    // Which template, not its key: a template's key names a complaint ("low_back").
    let detail = if from_last {
        "from_last"
    } else if args.template_key.as_deref().is_some_and(|k| !k.is_empty()) {
        "template"
    } else {
        ""
    };
    journal_write(
        &mut tx,
        "create",
        "note",
        &id,
        &client_id,
        detail.to_owned(),
    )
    .await?;
    let note = load(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(note)
}

pub async fn start_note(clinic: &Clinic, actor: &Actor, args: StartNote) -> ApiResult<Note> {
    let template =
        match args.template_key.as_deref() {
            None | Some("") => None,
            Some(key) => Some(templates::find(key).ok_or_else(|| {
                ApiError::validation("templateKey", "Choose one of the templates.")
            })?),
        };
    create_draft(
        clinic,
        actor,
        &args,
        |_| Ok(template.map(templates::content).unwrap_or_default()),
        false,
    )
    .await
}

/// A draft carrying over what usually repeats (techniques, areas, pressure, plan, self-care),
/// with the ratings and the client's report left blank for today.
pub async fn start_from_last_note(
    clinic: &Clinic,
    actor: &Actor,
    args: StartNote,
) -> ApiResult<Note> {
    create_draft(
        clinic,
        actor,
        &args,
        |last| {
            let last = last.ok_or_else(|| ApiError::not_found("earlier signed note"))?;
            Ok(NoteContent {
                pain: None,
                stress: None,
                subjective: String::new(),
                response: String::new(),
                ..last
            })
        },
        true,
    )
    .await
}

async fn last_signed(tx: &mut WriteTx, client_id: &str) -> ApiResult<Option<NoteContent>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{NOTE} WHERE client_id = $1 AND status = 'signed' ORDER BY session_on DESC, signed_at DESC LIMIT 1"
    )))
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    row.as_ref()
        .map(note_from)
        .transpose()
        .map(|n| n.map(|n| n.content))
}

async fn write_content(tx: &mut WriteTx, id: &str, c: &NoteContent) -> ApiResult<()> {
    let pressure = c
        .pressure
        .map(|p| to_json(&p))
        .transpose()?
        .unwrap_or_default();
    sqlx::query(
        "UPDATE care_notes SET pain = $2, stress = $3, subjective = $4, objective = $5, \
         assessment = $6, plan = $7, techniques = $8, regions = $9, pressure = $10, response = $11, \
         education = $12, self_goals = $13, updated_at = $14 WHERE id = $1",
    )
    .bind(id)
    .bind(c.pain)
    .bind(c.stress)
    .bind(&c.subjective)
    .bind(&c.objective)
    .bind(&c.assessment)
    .bind(&c.plan)
    .bind(to_json(&c.techniques)?)
    .bind(to_json(&c.regions)?)
    .bind(pressure.trim_matches('"'))
    .bind(&c.response)
    .bind(to_json(&c.education)?)
    .bind(to_json(&c.self_goals)?)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    Ok(())
}

pub async fn save_note(clinic: &Clinic, actor: &Actor, args: NoteInput) -> ApiResult<Note> {
    let id = fields::id("id", &args.id)?;
    let content = args.content.parse()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    super::client_of(&mut tx, actor, super::Part::Note, &id, Intent::Write).await?;
    let draft = editable_draft(&mut tx, actor, &id).await?;
    write_content(&mut tx, &id, &content).await?;
    journal_write(
        &mut tx,
        "update",
        "note",
        &id,
        &draft.client_id,
        draft.detail,
    )
    .await?;
    let note = load(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(note)
}

/// Signs a draft: from now on the database refuses any change to it. The visit's quick
/// re-rating joins the progress series.
pub async fn sign_note(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<Note> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    super::client_of(&mut tx, actor, super::Part::Note, &id, Intent::Write).await?;
    let Draft { client_id, detail } = editable_draft(&mut tx, actor, &id).await?;
    let draft = load(&mut tx, &id).await?;
    let c = &draft.content;
    if c.subjective.is_empty()
        && c.objective.is_empty()
        && c.assessment.is_empty()
        && c.plan.is_empty()
    {
        return Err(ApiError::validation(
            "subjective",
            "Write the note before signing it.",
        ));
    }
    if c.pain.is_some() || c.stress.is_some() {
        let visit = super::measures::Measurement {
            id: new_id(),
            taken_on: draft.session_on.clone(),
            baseline: false,
            pain: c.pain,
            stress: c.stress,
            psfs: Vec::new(),
            psfs_score: None,
            assessment_id: None,
            note_id: Some(id.clone()),
        };
        super::measures::insert(&mut tx, &client_id, &visit).await?;
    }
    sqlx::query(
        "UPDATE care_notes SET status = 'signed', signed_at = $2, signed_by = $3 WHERE id = $1",
    )
    .bind(&id)
    .bind(tx.at_ms())
    .bind(&actor.display_name)
    .execute(tx.conn())
    .await?;
    journal_write(&mut tx, "sign", "note", &id, &client_id, detail).await?;
    let note = load(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(note)
}

/// Appends a correction or late entry to a signed note; the original stays as it was.
pub async fn amend_note(clinic: &Clinic, actor: &Actor, args: AmendNote) -> ApiResult<Note> {
    let id = fields::id("id", &args.id)?;
    let reason = fields::required_line("reason", "Reason", &args.reason, 300)?;
    let text = fields::multiline("text", "Amendment", &args.text, 8000)?;
    if text.is_empty() {
        return Err(ApiError::validation("text", "Amendment is required."));
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    super::client_of(&mut tx, actor, super::Part::Note, &id, Intent::Write).await?;
    let row = sqlx::query("SELECT client_id, status FROM care_notes WHERE id = $1")
        .bind(&id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found("note"))?;
    if row.try_get::<String, _>("status")? != "signed" {
        return Err(ApiError::conflict(
            "This note is still a draft: edit it instead.",
        ));
    }
    let client_id: String = row.try_get("client_id")?;
    let amendment_id = new_id();
    sqlx::query(
        "INSERT INTO care_note_amendments (id, note_id, author_id, author_name, at_ms, reason, text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&amendment_id)
    .bind(&id)
    .bind(&actor.staff_id)
    .bind(&actor.display_name)
    .bind(tx.at_ms())
    .bind(&reason)
    .bind(&text)
    .execute(tx.conn())
    .await?;
    journal_write(&mut tx, "amend", "note", &id, &client_id, amendment_id).await?;
    let note = load(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(note)
}

/// Throws away a draft that was started by mistake; signed notes stay (`conflict`).
pub async fn discard_draft(clinic: &Clinic, actor: &Actor, args: ById) -> ApiResult<ById> {
    let id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    super::client_of(&mut tx, actor, super::Part::Note, &id, Intent::Write).await?;
    let Draft { client_id, detail } = editable_draft(&mut tx, actor, &id).await?;
    let measured: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM care_measures WHERE note_id = $1")
        .bind(&id)
        .fetch_one(tx.conn())
        .await?;
    if measured > 0 {
        return Err(ApiError::conflict(
            "Measures were recorded with this draft: sign it instead of discarding it.",
        ));
    }
    sqlx::query("DELETE FROM care_notes WHERE id = $1 AND status = 'draft'")
        .bind(&id)
        .execute(tx.conn())
        .await?;
    journal_write(&mut tx, "discard", "note", &id, &client_id, detail).await?;
    tx.commit().await?;
    Ok(ById { id })
}

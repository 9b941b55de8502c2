//! Composes a visit's aftercare sheet from the record: the clinic's letterhead, the client, the
//! therapist, the plain-words notes, the programme's handouts (at the versions given), the next
//! appointments and the clinic's standard advice.

use super::aftercare::{AftercareSheet, Letterhead, SelfCareItem};
use crate::error::{ApiError, ApiResult};
use crate::handouts::{load_version, programme};
use crate::settings::{self, ClinicSettings};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::Row;

/// The standard "next 24–48 hours" advice, used when the therapist wrote none.
const WHAT_TO_EXPECT: [&str; 4] = [
    "You may feel a little tender or tired for a day or two. This is normal and should ease by itself.",
    "Drink water as you normally would, and rest if you feel tired.",
    "Gentle movement, like a short walk, usually helps more than keeping still.",
    "A warm bath or shower can ease any soreness.",
];

/// The boxed "When to seek help" section.
const SEEK_HELP: [&str; 5] = [
    "Numbness, tingling or weakness that is new or getting worse.",
    "Pain that is severe, or still getting worse after 48 hours.",
    "Pain, warmth or swelling in your calf, or sudden shortness of breath: get urgent medical help straight away.",
    "A fever, or redness, heat or swelling where you were treated.",
    "Dizziness or feeling faint that does not pass.",
];

/// A visit as the sheet names it.
pub struct Visit {
    pub client_id: String,
    pub client_name: String,
    pub therapist_name: String,
    pub service_name: String,
    pub start_ms: i64,
}

pub async fn visit(conn: &mut sqlx::AnyConnection, appointment_id: &str) -> ApiResult<Visit> {
    let row = sqlx::query(
        "SELECT a.client_id, a.start_ms, c.given_name, c.family_name, c.preferred_name, \
         p.display_name, s.name AS service_name FROM appointments a \
         JOIN clients c ON c.id = a.client_id JOIN practitioners p ON p.id = a.practitioner_id \
         JOIN services s ON s.id = a.service_id WHERE a.id = $1",
    )
    .bind(appointment_id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::not_found("appointment"))?;
    let preferred: String = row.try_get("preferred_name")?;
    let given: String = row.try_get("given_name")?;
    let family: String = row.try_get("family_name")?;
    Ok(Visit {
        client_id: row.try_get("client_id")?,
        client_name: format!(
            "{} {family}",
            if preferred.is_empty() {
                given
            } else {
                preferred
            }
        ),
        therapist_name: row.try_get("display_name")?,
        service_name: row.try_get("service_name")?,
        start_ms: row.try_get("start_ms")?,
    })
}

fn long_date(ms: i64, tz: Tz) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&tz)
        .format("%A %-d %B %Y")
        .to_string()
}

/// The clinic's letterhead from its settings and stored logo.
pub(crate) fn letterhead(settings: &ClinicSettings, logo_png: Option<Vec<u8>>) -> Letterhead {
    Letterhead {
        clinic_name: settings.name.clone(),
        address_lines: settings
            .address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        phone: settings.phone.clone(),
        email: settings.email.clone(),
        website: settings.website.clone(),
        logo_png,
    }
}

fn contact_line(settings: &ClinicSettings) -> String {
    match (settings.phone.is_empty(), settings.email.is_empty()) {
        (false, false) => format!(
            "Questions about your care? Call us on {} or email {}.",
            settings.phone, settings.email
        ),
        (false, true) => format!("Questions about your care? Call us on {}.", settings.phone),
        (true, false) => format!("Questions about your care? Email us at {}.", settings.email),
        (true, true) => format!("Questions about your care? Ask us at {}.", settings.name),
    }
}

/// Paragraphs of a note, one per non-empty line.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The client's next (not cancelled) appointments after this visit, at most three.
async fn next_appointments(
    conn: &mut sqlx::AnyConnection,
    client_id: &str,
    after_ms: i64,
    tz: Tz,
) -> ApiResult<Vec<String>> {
    let rows = sqlx::query(
        "SELECT a.start_ms, s.name, p.display_name FROM appointments a \
         JOIN services s ON s.id = a.service_id JOIN practitioners p ON p.id = a.practitioner_id \
         WHERE a.client_id = $1 AND a.start_ms > $2 AND a.status NOT IN ('cancelled', 'no_show') \
         ORDER BY a.start_ms LIMIT 3",
    )
    .bind(client_id)
    .bind(after_ms)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let start: i64 = row.try_get("start_ms")?;
            let at = DateTime::<Utc>::from_timestamp_millis(start)
                .unwrap_or_default()
                .with_timezone(&tz);
            Ok(format!(
                "{} at {}: {} with {}",
                at.format("%A %-d %B %Y"),
                at.format("%H:%M"),
                row.try_get::<String, _>("name")?,
                row.try_get::<String, _>("display_name")?
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// The sheet for a visit, as it would be printed now under `document_id`.
pub async fn aftercare_sheet(
    conn: &mut sqlx::AnyConnection,
    appointment_id: &str,
    document_id: &str,
    issued_at: DateTime<Utc>,
) -> ApiResult<(AftercareSheet, Visit)> {
    let settings = settings::load(&mut *conn).await?;
    let tz = settings.tz();
    let visit = visit(conn, appointment_id).await?;
    let plan = programme::load(conn, appointment_id).await?;
    let mut items = Vec::with_capacity(plan.items.len());
    for item in &plan.items {
        let handout = load_version(conn, &item.handout_id, Some(item.handout_version)).await?;
        let content = handout.content;
        items.push(SelfCareItem {
            title: content.title,
            why: content.why,
            steps: content.steps,
            dosage: item.dosage_text.clone(),
            personal_note: Some(item.personal_note.clone()).filter(|n| !n.is_empty()),
            cautions: content.cautions,
            illustration_svg: Some(content.illustration_svg).filter(|s| !s.is_empty()),
        });
    }
    let worked_on = match paragraphs(&plan.worked_on) {
        notes if notes.is_empty() => vec![format!(
            "Today you had a {} with {}.",
            visit.service_name.to_lowercase(),
            visit.therapist_name
        )],
        notes => notes,
    };
    let what_to_expect = match paragraphs(&plan.what_to_expect) {
        notes if notes.is_empty() => WHAT_TO_EXPECT.iter().map(|s| (*s).to_owned()).collect(),
        notes => notes,
    };
    let sheet = AftercareSheet {
        document_id: document_id.to_owned(),
        issued_at,
        letterhead: letterhead(&settings, crate::letterhead::png(conn).await?),
        client_name: visit.client_name.clone(),
        therapist_name: visit.therapist_name.clone(),
        session_date: long_date(visit.start_ms, tz),
        worked_on,
        todays_measures: plan.from_note.measures,
        what_to_expect,
        between_visits: plan.from_note.between_visits,
        items,
        seek_help: SEEK_HELP.iter().map(|s| (*s).to_owned()).collect(),
        next_appointments: next_appointments(conn, &visit.client_id, visit.start_ms, tz).await?,
        contact_line: contact_line(&settings),
    };
    Ok((sheet, visit))
}

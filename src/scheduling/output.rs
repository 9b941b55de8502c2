//! What leaves the calendar: an `.ics` file (RFC 5545) for an appointment or a course, for the
//! client's own calendar, and the day sheet's data that the printed sheet renders.
//!
//! Neither carries clinical details or reception notes: the `.ics` holds the service, the
//! therapist and the clinic; the day sheet holds times, display names, services, rooms and a
//! precaution flag.

use super::appointments::{
    Appointment, AppointmentStatus, appointment_from, select_view, start_of_day,
};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IcsRequest {
    /// One appointment …
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// … or every active occurrence of a course.
    #[serde(default)]
    #[ts(optional)]
    pub series_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IcsFile {
    pub file_name: String,
    /// `text/calendar` content with CRLF line endings.
    pub content: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySheetRequest {
    /// `YYYY-MM-DD`, clinic time zone.
    pub date: String,
    /// One therapist's sheet; absent for everyone's.
    #[serde(default)]
    #[ts(optional)]
    pub practitioner_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySheetRow {
    pub start: String,
    pub end: String,
    pub practitioner_name: String,
    pub client_name: String,
    pub service_name: String,
    pub room_name: String,
    pub status: AppointmentStatus,
    /// The client has a precaution on file (from the clinical record; the reason is not shown).
    pub precaution: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySheet {
    pub date: String,
    pub clinic_name: String,
    /// By therapist, then time; cancelled appointments left out.
    pub rows: Vec<DaySheetRow>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a character (§3.1).
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn utc_stamp(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// The calendar text for `appointments` at `clinic_name` (with its one-line address).
pub fn ics(appointments: &[Appointment], clinic_name: &str, location: &str, now_ms: i64) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Palma//Practice manager//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    for a in appointments {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}@palma", a.id));
        push_line(&mut out, &format!("DTSTAMP:{}", utc_stamp(now_ms)));
        push_line(&mut out, &format!("DTSTART:{}", utc_stamp(a.start_ms)));
        push_line(&mut out, &format!("DTEND:{}", utc_stamp(a.end_ms)));
        push_line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                escape(&format!("{} with {}", a.service_name, a.practitioner_name))
            ),
        );
        push_line(&mut out, &format!("LOCATION:{}", escape(location)));
        push_line(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                escape(&format!("{clinic_name}: {}", a.service_name))
            ),
        );
        push_line(&mut out, "STATUS:CONFIRMED");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

pub async fn appointment_ics(
    clinic: &Clinic,
    _actor: &Actor,
    args: IcsRequest,
) -> ApiResult<IcsFile> {
    let settings = settings::load(clinic.pool()).await?;
    let tz = settings.tz();
    let (sql, key, file) = match (&args.id, &args.series_id) {
        (Some(id), _) => (
            concat!(select_view!(), " WHERE a.id = $1"),
            fields::id("id", id)?,
            "appointment.ics",
        ),
        (None, Some(series)) => (
            concat!(
                select_view!(),
                " WHERE a.series_id = $1 AND a.status NOT IN ('cancelled', 'no_show') ORDER BY a.start_ms"
            ),
            fields::id("seriesId", series)?,
            "course.ics",
        ),
        (None, None) => {
            return Err(ApiError::validation(
                "id",
                "Name an appointment or a course.",
            ));
        }
    };
    let rows = sqlx::query(sql).bind(&key).fetch_all(clinic.pool()).await?;
    let appointments: Vec<Appointment> = rows
        .iter()
        .map(|row| appointment_from(row, tz))
        .collect::<Result<_, _>>()?;
    if appointments.is_empty() {
        return Err(ApiError::not_found("appointment"));
    }
    let location = std::iter::once(settings.name.as_str())
        .chain(settings.address.lines())
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(IcsFile {
        file_name: file.to_owned(),
        content: ics(
            &appointments,
            &settings.name,
            &location,
            clinic.now().timestamp_millis(),
        ),
    })
}

pub async fn day_sheet(
    clinic: &Clinic,
    _actor: &Actor,
    args: DaySheetRequest,
) -> ApiResult<DaySheet> {
    let settings = settings::load(clinic.pool()).await?;
    let tz = settings.tz();
    let day = fields::optional_date("date", "Date", &args.date)?
        .ok_or_else(|| ApiError::validation("date", "Date is required."))?;
    let practitioner = args
        .practitioner_id
        .as_deref()
        .map(|p| fields::id("practitionerId", p))
        .transpose()?;
    let from = start_of_day(day, tz).timestamp_millis();
    let to = start_of_day(day + Duration::days(1), tz).timestamp_millis();
    let rows = sqlx::query(concat!(
        select_view!(),
        " WHERE a.start_ms >= $1 AND a.start_ms < $2 AND a.status <> 'cancelled' \
         AND ($3 = '' OR a.practitioner_id = $3) ORDER BY p.sort_order, p.display_name, a.start_ms"
    ))
    .bind(from)
    .bind(to)
    .bind(practitioner.unwrap_or_default())
    .fetch_all(clinic.pool())
    .await?;
    let rows = rows
        .iter()
        .map(|row| {
            // The sheet shows the precaution flag, never the reason.
            let a = appointment_from(row, tz)?;
            Ok(DaySheetRow {
                start: a.start[11..].to_owned(),
                end: a.end[11..].to_owned(),
                practitioner_name: a.practitioner_name,
                client_name: a.client_name,
                service_name: a.service_name,
                room_name: a.room_name,
                status: a.status,
                precaution: a.has_precaution,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(DaySheet {
        date: day.format("%Y-%m-%d").to_string(),
        clinic_name: settings.name,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_at_75_octets() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert!(out.contains("\r\n "), "folded with CRLF and a space");
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }
}

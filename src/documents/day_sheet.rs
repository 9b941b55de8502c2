//! The printed day list for reception: each therapist's appointments for one day, with times,
//! clients, services, rooms, status and a precaution flag — never clinical details.

use super::layout::{self, Block, HeadingLevel, Setup, Table, TableColumn};
use super::{DocumentError, PrintOptions};
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::scheduling::output::{self, DaySheet, DaySheetRequest};
use crate::staff::Actor;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintDaySheet {
    /// `YYYY-MM-DD`, clinic time zone.
    pub date: String,
    /// One therapist's sheet; absent for everyone's.
    #[serde(default)]
    #[ts(optional)]
    pub practitioner_id: Option<String>,
    #[serde(default)]
    pub options: PrintOptions,
}

/// A PDF that is not a client document, for the shell to open or save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenderedPdf {
    pub file_name: String,
    /// The PDF, base64-encoded.
    pub base64: String,
}

/// Prints a day sheet (journaled: who printed which day).
pub async fn print(clinic: &Clinic, actor: &Actor, args: PrintDaySheet) -> ApiResult<RenderedPdf> {
    let request = DaySheetRequest {
        date: args.date.clone(),
        practitioner_id: args.practitioner_id.clone(),
    };
    let sheet = output::day_sheet(clinic, actor, request).await?;
    let long_date = NaiveDate::parse_from_str(&sheet.date, "%Y-%m-%d")
        .map(|d| d.format("%A %-d %B %Y").to_string())
        .unwrap_or_else(|_| sheet.date.clone());
    let bytes = render(&sheet, &long_date, clinic.now(), &args.options).map_err(|error| {
        tracing::error!(%error, "rendering a day sheet failed");
        ApiError::internal()
    })?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    tx.record(Entry {
        action: "print",
        entity: "day_sheet",
        entity_id: &sheet.date,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    tx.commit().await?;
    Ok(RenderedPdf {
        file_name: format!("day-sheet-{}.pdf", sheet.date),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

pub(crate) fn status_label(
    status: crate::scheduling::appointments::AppointmentStatus,
) -> &'static str {
    use crate::scheduling::appointments::AppointmentStatus::{
        Arrived, Booked, Cancelled, Completed, Confirmed, InTreatment, NoShow,
    };
    match status {
        Booked => "Booked",
        Confirmed => "Confirmed",
        Arrived => "Arrived",
        InTreatment => "In treatment",
        Completed => "Completed",
        Cancelled => "Cancelled",
        NoShow => "No-show",
    }
}

/// Renders the day sheet. `long_date` is the day as printed ("Monday 23 November 2026");
/// `printed_at` is when it was printed (the PDF's date; a day sheet is not a client record).
pub fn render(
    sheet: &DaySheet,
    long_date: &str,
    printed_at: DateTime<Utc>,
    options: &PrintOptions,
) -> Result<Vec<u8>, DocumentError> {
    let columns = [
        ("Time", 1.7),
        ("Client", 2.4),
        ("Service", 2.4),
        ("Room", 1.5),
        ("Status", 1.3),
        ("Check", 1.0),
    ]
    .iter()
    .map(|(heading, weight)| TableColumn {
        heading: (*heading).to_owned(),
        weight: *weight,
    })
    .collect::<Vec<_>>();
    let mut blocks = vec![
        Block::heading(HeadingLevel::Title, format!("Day sheet: {long_date}")),
        Block::text(format!(
            "{}. \"Check\" marks a client with a precaution on file: ask their therapist before changing the booking.",
            sheet.clinic_name
        )),
    ];
    if sheet.rows.is_empty() {
        blocks.push(Block::text("No appointments are booked for this day."));
    }
    let mut therapists: Vec<&str> = sheet
        .rows
        .iter()
        .map(|r| r.practitioner_name.as_str())
        .collect();
    therapists.dedup();
    for therapist in therapists {
        let rows = sheet
            .rows
            .iter()
            .filter(|r| r.practitioner_name == therapist)
            .map(|r| {
                vec![
                    format!("{}–{}", r.start, r.end),
                    r.client_name.clone(),
                    r.service_name.clone(),
                    r.room_name.clone(),
                    status_label(r.status).to_owned(),
                    if r.precaution {
                        "Check".to_owned()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        blocks.push(Block::heading(HeadingLevel::Section, therapist));
        blocks.push(Block::Table(Table {
            columns: columns.clone(),
            rows,
        }));
    }
    let setup = Setup {
        options: *options,
        title: format!("Day sheet {}", sheet.date),
        author: sheet.clinic_name.clone(),
        subject: "Appointments for the day".into(),
        document_id: format!("day-sheet-{}", sheet.date),
        issued_at: printed_at,
        header_left: format!("Day sheet · {long_date}"),
        header_right: sheet.clinic_name.clone(),
        footer: format!("{} · for reception; no clinical details", sheet.clinic_name),
    };
    layout::render(&blocks, &setup)
}

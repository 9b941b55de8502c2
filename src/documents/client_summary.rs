//! The readable summary of a client data export: everything the clinic holds about one client
//! (contact details, appointments, documents issued, who used the record, and — when the person
//! exporting may read it — the clinical record), for the client to read without any software
//! but a PDF viewer. The export's `client.json` carries the same data for machines.

use super::layout::{self, Block, BoxStyle, Boxed, HeadingLevel, Paragraph, Setup, Table};
use super::layout::{TableColumn, TextStyle};
use super::{DocumentError, PrintOptions};
use crate::care::{ClinicalRecord, Note};
use crate::clients::requests::ClientExport;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// Renders the summary. `tz` is the clinic's time zone (for instants such as issue times);
/// `made_at` is when the export was made (the PDF's date).
pub fn render(
    export: &ClientExport,
    tz: Tz,
    made_at: DateTime<Utc>,
    options: &PrintOptions,
) -> Result<Vec<u8>, DocumentError> {
    let client = &export.client;
    let name = format!("{} {}", client.given_name, client.family_name);
    let mut blocks = vec![
        Block::heading(HeadingLevel::Title, format!("Your record: {name}")),
        Block::Paragraph(Paragraph::styled(
            TextStyle::Secondary,
            format!(
                "Everything {} holds about you, as it stood on {}. The file client.json holds the same information for other software.",
                export.clinic_name,
                export.exported_at.replace('T', " at ")
            ),
        )),
    ];
    if let Some(day) = &export.purge_after {
        blocks.push(Block::Boxed(Boxed {
            style: BoxStyle::Notice,
            blocks: vec![Block::text(format!(
                "Your contact details were erased at your request. The rest of this record is kept, restricted, only as long as the law requires health records to be kept, and will be deleted after {day}."
            ))],
        }));
    }
    blocks.extend(contact(export));
    blocks.extend(appointments(export));
    blocks.extend(documents(export, tz));
    if let Some(clinical) = &export.clinical {
        blocks.extend(clinical_record(&clinical.record, &clinical.notes));
    }
    blocks.extend(journal(export));
    let setup = Setup {
        options: *options,
        title: format!("Record of {name}"),
        author: export.clinic_name.clone(),
        subject: "Everything the clinic holds about a client".into(),
        document_id: format!("client-summary-{}-{}", client.id, export.exported_at),
        issued_at: made_at,
        header_left: format!("Record of {name}"),
        header_right: export.clinic_name.clone(),
        footer: format!(
            "{} · exported {}",
            export.clinic_name,
            export.exported_at.replace('T', " ")
        ),
    };
    layout::render(&blocks, &setup)
}

fn table(columns: &[(&str, f32)], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns: columns
            .iter()
            .map(|(heading, weight)| TableColumn {
                heading: (*heading).to_owned(),
                weight: *weight,
            })
            .collect(),
        rows,
    })
}

/// An enum as its wire name in words: `share_information` → "Share information".
fn words<T: Serialize>(value: &T) -> String {
    let raw = serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
        .replace('_', " ");
    let mut chars = raw.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

fn contact(export: &ClientExport) -> Vec<Block> {
    let c = &export.client;
    let rows = [
        ("First name", c.given_name.clone()),
        ("Last name", c.family_name.clone()),
        ("Preferred name", c.preferred_name.clone()),
        ("Date of birth", c.date_of_birth.clone().unwrap_or_default()),
        ("Phone", c.phone.clone()),
        ("Email", c.email.clone()),
        ("Address", c.address.clone()),
        ("Emergency contact", c.emergency_contact_name.clone()),
        ("Emergency contact phone", c.emergency_contact_phone.clone()),
        ("Preferred contact", words(&c.preferred_contact)),
        ("Alerts for reception", c.alerts.clone()),
        ("Notes for reception", c.notes_for_reception.clone()),
    ]
    .into_iter()
    .map(|(label, value)| vec![label.to_owned(), or_dash(&value)])
    .collect();
    vec![
        Block::heading(HeadingLevel::Section, "Contact details"),
        table(&[("Detail", 1.0), ("What we hold", 2.2)], rows),
    ]
}

fn appointments(export: &ClientExport) -> Vec<Block> {
    let mut blocks = vec![Block::heading(HeadingLevel::Section, "Appointments")];
    if export.appointments.is_empty() {
        blocks.push(Block::text("No appointments are recorded."));
        return blocks;
    }
    let rows = export
        .appointments
        .iter()
        .map(|a| {
            vec![
                a.start.replace('T', " "),
                a.service_name.clone(),
                a.practitioner_name.clone(),
                a.room_name.clone(),
                super::day_sheet::status_label(a.status).to_owned(),
            ]
        })
        .collect();
    blocks.push(table(
        &[
            ("When", 1.5),
            ("Service", 2.0),
            ("Therapist", 1.6),
            ("Room", 1.1),
            ("Status", 1.1),
        ],
        rows,
    ));
    blocks
}

fn documents(export: &ClientExport, tz: Tz) -> Vec<Block> {
    let mut blocks = vec![Block::heading(
        HeadingLevel::Section,
        "Documents given to you",
    )];
    if export.documents.is_empty() {
        blocks.push(Block::text("No documents have been issued."));
        return blocks;
    }
    let rows = export
        .documents
        .iter()
        .map(|d| {
            let at = DateTime::from_timestamp_millis(d.issued_at_ms)
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            vec![
                d.title.clone(),
                at,
                d.issued_by.clone(),
                d.sha256.chars().take(16).collect(),
            ]
        })
        .collect();
    blocks.push(table(
        &[
            ("Document", 1.8),
            ("Issued", 1.4),
            ("By", 1.4),
            ("Fingerprint (SHA-256)", 1.8),
        ],
        rows,
    ));
    blocks.push(Block::Paragraph(Paragraph::styled(
        TextStyle::Secondary,
        "A copy of each is in this folder; the fingerprint identifies the exact file.",
    )));
    blocks
}

fn clinical_record(record: &ClinicalRecord, notes: &[Note]) -> Vec<Block> {
    let mut blocks = vec![Block::heading(HeadingLevel::Section, "Clinical record")];
    blocks.push(Block::heading(HeadingLevel::Label, "Precautions"));
    blocks.push(bullets(
        record
            .precautions
            .iter()
            .map(|p| format!("{}: {}", words(&p.level), p.text)),
        "None recorded.",
    ));
    blocks.push(Block::heading(HeadingLevel::Label, "Consents"));
    blocks.push(bullets(
        record.consents.iter().map(|c| {
            let withdrawn = c
                .withdrawn_on
                .as_ref()
                .map(|d| format!(", withdrawn {d}"))
                .unwrap_or_default();
            format!("{} — given {}{withdrawn}", words(&c.kind), c.given_on)
        }),
        "None recorded.",
    ));
    if let Some(intake) = &record.intake {
        blocks.push(Block::text(format!(
            "Health questionnaire completed {} ({} answers); {} assessment(s) on file.",
            intake.taken_on,
            intake.answers.len(),
            record.assessment_count
        )));
    }
    if let Some(saved) = &record.plan {
        let plan = &saved.plan;
        let techniques: Vec<&str> = plan.techniques.iter().map(|t| t.label()).collect();
        blocks.push(Block::heading(HeadingLevel::Label, "Treatment plan"));
        blocks.push(Block::text(format!(
            "From {}, {}; review after {} sessions. Techniques: {}.",
            plan.starts_on,
            plan.frequency,
            plan.sessions_before_review,
            or_dash(&techniques.join(", "))
        )));
    }
    blocks.push(Block::heading(HeadingLevel::Label, "Goals"));
    blocks.push(bullets(
        record
            .goals
            .iter()
            .map(|g| format!("{} (review {})", g.words, g.review_on)),
        "None recorded.",
    ));
    blocks.push(Block::heading(HeadingLevel::Item, "Session notes"));
    if notes.is_empty() {
        blocks.push(Block::text("No session notes."));
    }
    for note in notes {
        blocks.push(Block::heading(
            HeadingLevel::Label,
            format!(
                "{} · {} · {}",
                note.session_on,
                note.author_name,
                words(&note.status)
            ),
        ));
        let content = &note.content;
        let parts = [
            ("Subjective", &content.subjective),
            ("Objective", &content.objective),
            ("Assessment", &content.assessment),
            ("Plan", &content.plan),
            ("Response", &content.response),
        ];
        for (label, text) in parts {
            if !text.trim().is_empty() {
                blocks.push(Block::Paragraph(
                    Paragraph::default()
                        .bold(format!("{label}: "))
                        .plain(text.clone()),
                ));
            }
        }
        for amendment in &note.amendments {
            blocks.push(Block::Paragraph(
                Paragraph::default()
                    .italic(format!(
                        "Amended by {} ({}): ",
                        amendment.author_name, amendment.reason
                    ))
                    .plain(amendment.text.clone()),
            ));
        }
    }
    blocks
}

fn journal(export: &ClientExport) -> Vec<Block> {
    let rows = export
        .journal
        .iter()
        .map(|line| {
            vec![
                line.at.replace('T', " "),
                or_dash(&line.staff_name),
                format!("{} {}", line.action, line.entity.replace('_', " ")),
                line.workstation.clone(),
            ]
        })
        .collect();
    vec![
        Block::heading(HeadingLevel::Section, "Who has used your record"),
        table(
            &[
                ("When", 1.3),
                ("Who", 1.4),
                ("What", 1.6),
                ("Computer", 1.4),
            ],
            rows,
        ),
    ]
}

fn bullets(items: impl Iterator<Item = String>, none: &str) -> Block {
    let items: Vec<Paragraph> = items.map(Paragraph::new).collect();
    if items.is_empty() {
        Block::text(none)
    } else {
        Block::BulletList(items)
    }
}

//! The aftercare sheet, printed at the end of a session.
//!
//! Page 1 opens with the clinic's letterhead, the title and who/when/with whom; then what was
//! worked on, today's measures, what to expect in the next 24–48 hours, what the client agreed
//! to do between sessions, the self-care programme (each item with
//! its illustration beside its numbered steps, the dose, the therapist's note and when to
//! stop), a boxed "When to seek help", the next appointment and how to reach the clinic. Each
//! self-care item is kept on one page where it fits. The input is plain data: dates and times
//! arrive already formatted, so this module has no clock and no locale.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::layout::{
    self, Block, BoxStyle, Boxed, Column, Continuing, Figure, HeadingLevel, Image, Paragraph,
    Setup, Style, TextStyle,
};
use super::svg::Drawing;
use super::{DocumentError, PrintOptions};

/// The clinic's letterhead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Letterhead {
    /// Clinic name, as printed.
    pub clinic_name: String,
    /// Postal address, one line each.
    pub address_lines: Vec<String>,
    /// Phone number, as printed.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// Website, without or with scheme.
    pub website: String,
    /// Optional logo as PNG bytes, printed at the top left at about 15 mm high (wider logos are
    /// capped at 40 % of the text width). A few hundred pixels across is plenty; the pixels
    /// are embedded losslessly, so a large photo-sized PNG makes a large file.
    #[ts(type = "number[] | null")]
    pub logo_png: Option<Vec<u8>>,
}

/// One item of the client's self-care programme, as assigned from the handout library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SelfCareItem {
    /// Title ("Upper trapezius stretch").
    pub title: String,
    /// Why it helps, in one or two plain sentences.
    pub why: String,
    /// Numbered steps.
    pub steps: Vec<String>,
    /// The dose the therapist set ("Hold 30 s, 3 times, twice a day").
    pub dosage: String,
    /// A personal note from the therapist.
    pub personal_note: Option<String>,
    /// "Stop and seek advice if…" points.
    pub cautions: Vec<String>,
    /// Illustration in the supported SVG subset (see [`super::svg`]).
    pub illustration_svg: Option<String>,
}

impl SelfCareItem {
    /// Nothing to print: every text empty and no picture.
    fn is_blank(&self) -> bool {
        let blank = |s: &str| s.trim().is_empty();
        blank(&self.title)
            && blank(&self.why)
            && blank(&self.dosage)
            && self.steps.iter().all(|s| blank(s))
            && self.cautions.iter().all(|s| blank(s))
            && self.personal_note.as_deref().is_none_or(blank)
            && self.illustration_svg.is_none()
    }
}

/// Everything printed on an aftercare sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AftercareSheet {
    /// Stable id from the record, e.g. the session id; the PDF's ids derive from it.
    pub document_id: String,
    /// PDF creation date, from the record (never "now"), so a reprint is identical.
    #[ts(type = "string")]
    pub issued_at: chrono::DateTime<chrono::Utc>,
    /// The clinic's letterhead.
    pub letterhead: Letterhead,
    /// Client's name, as printed.
    pub client_name: String,
    /// Therapist's name, as printed.
    pub therapist_name: String,
    /// Session date, already formatted ("Sunday 22 November 2026").
    pub session_date: String,
    /// What was worked on today, in plain-words sentences.
    pub worked_on: Vec<String>,
    /// Today's measures, one line each ("Pain: 5 out of 10"); may be empty.
    #[serde(default)]
    pub todays_measures: Vec<String>,
    /// What to expect in the next 24–48 hours.
    pub what_to_expect: Vec<String>,
    /// What the client agreed to do between sessions; may be empty.
    #[serde(default)]
    pub between_visits: Vec<String>,
    /// The self-care programme.
    pub items: Vec<SelfCareItem>,
    /// The boxed "When to seek help" points.
    pub seek_help: Vec<String>,
    /// Next appointments, formatted, one line each; may be empty.
    pub next_appointments: Vec<String>,
    /// How to contact the clinic ("Questions? Call us on …").
    pub contact_line: String,
}

/// Renders the sheet as a PDF.
///
/// # Errors
/// [`DocumentError::Illustration`] if an item's SVG is outside the supported subset,
/// [`DocumentError::Logo`] if the logo is not a readable PNG, and the engine's errors.
pub fn render(sheet: &AftercareSheet, options: &PrintOptions) -> Result<Vec<u8>, DocumentError> {
    let blocks = compose(sheet, *options)?;
    let letterhead = &sheet.letterhead;
    let footer = join(&[&letterhead.clinic_name, &letterhead.phone]);
    let setup = Setup {
        options: *options,
        title: format!("Your aftercare – {}", sheet.client_name),
        author: letterhead.clinic_name.clone(),
        subject: format!("Aftercare sheet, session of {}", sheet.session_date),
        document_id: sheet.document_id.clone(),
        issued_at: sheet.issued_at,
        header_left: join(&["Your aftercare", &sheet.client_name, &sheet.session_date]),
        header_right: letterhead.clinic_name.clone(),
        footer,
    };
    layout::render(&blocks, &setup)
}

/// Non-empty parts joined with a middle dot.
pub(crate) fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("  ·  ")
}

fn present(lines: &[String]) -> Vec<&String> {
    lines.iter().filter(|l| !l.trim().is_empty()).collect()
}

/// One sentence as a paragraph, several as a bulleted list.
fn sentences(lines: &[String]) -> Option<Block> {
    match present(lines).as_slice() {
        [] => None,
        [one] => Some(Block::text(*one)),
        many => Some(Block::BulletList(
            many.iter().map(|l| Paragraph::new(*l)).collect(),
        )),
    }
}

fn compose(sheet: &AftercareSheet, options: PrintOptions) -> Result<Vec<Block>, DocumentError> {
    let mut blocks = vec![
        letterhead(&sheet.letterhead, options)?,
        Block::Rule,
        Block::Spacer(0.6),
        Block::heading(HeadingLevel::Title, "Your aftercare"),
        Block::Spacer(0.5),
        who_and_when(sheet, options),
    ];
    for (title, lines) in [
        ("What we worked on today", &sheet.worked_on),
        ("How you were today", &sheet.todays_measures),
        (
            "What to expect in the next 24–48 hours",
            &sheet.what_to_expect,
        ),
        ("Between now and your next visit", &sheet.between_visits),
    ] {
        if let Some(body) = sentences(lines) {
            blocks.push(Block::heading(HeadingLevel::Section, title));
            blocks.push(body);
        }
    }
    let items: Vec<(usize, &SelfCareItem)> = (1..)
        .zip(&sheet.items)
        .filter(|(_, item)| !item.is_blank())
        .collect();
    let mut programme = Vec::with_capacity(items.len());
    for (number, item) in items {
        programme.push(self_care_item(number, item, sheet, options)?);
    }
    // The last item goes with the closing blocks: a page break before them would leave the
    // last page holding only the box and the appointment, mostly blank.
    let mut ending = programme.pop().into_iter().collect::<Vec<_>>();
    if !programme.is_empty() || !ending.is_empty() {
        blocks.push(Block::heading(
            HeadingLevel::Section,
            "Your self-care programme",
        ));
    }
    blocks.extend(programme);
    let mut closing = vec![Block::heading(
        HeadingLevel::Section,
        "Your next appointment",
    )];
    match present(&sheet.next_appointments).as_slice() {
        [] => closing.push(Block::text("No appointment is booked yet.")),
        lines => closing.extend(
            lines
                .iter()
                .map(|l| Block::Paragraph(Paragraph::default().bold(*l))),
        ),
    }
    if !sheet.contact_line.trim().is_empty() {
        closing.push(Block::Paragraph(Paragraph::styled(
            TextStyle::Accent,
            &sheet.contact_line,
        )));
    }
    let help = present(&sheet.seek_help);
    if !help.is_empty() {
        ending.push(Block::Boxed(Boxed {
            style: BoxStyle::Notice,
            blocks: vec![
                Block::heading(HeadingLevel::Item, "When to seek help"),
                Block::BulletList(help.iter().map(|l| Paragraph::new(*l)).collect()),
            ],
        }));
    }
    ending.push(Block::KeepTogether(closing));
    blocks.push(Block::KeepTogether(ending));
    Ok(blocks)
}

/// The letterhead block: the logo (if any) beside the clinic's name, address and contacts.
pub(crate) fn letterhead(head: &Letterhead, options: PrintOptions) -> Result<Block, DocumentError> {
    let mut text = vec![Block::Paragraph(Paragraph::styled(
        TextStyle::Display,
        &head.clinic_name,
    ))];
    let address: Vec<&str> = head.address_lines.iter().map(String::as_str).collect();
    for line in [
        join(&address),
        join(&[&head.phone, &head.email, &head.website]),
    ] {
        if !line.is_empty() {
            text.push(Block::Paragraph(Paragraph::styled(
                TextStyle::Secondary,
                line,
            )));
        }
    }
    let Some(png) = &head.logo_png else {
        return Ok(Block::KeepTogether(text));
    };
    let style = Style::new(options);
    let logo = Image::from_png(png, if options.large_print { 54.0 } else { 44.0 })?;
    #[allow(clippy::cast_precision_loss)]
    let aspect = logo.raw.width as f32 / logo.raw.height as f32;
    let logo_width = (logo.height * aspect).min(0.4 * style.content_width());
    Ok(Block::Columns(vec![
        Column {
            weight: logo_width,
            blocks: vec![Block::Image(logo)],
        },
        Column {
            weight: style.content_width() - logo_width,
            blocks: text,
        },
    ]))
}

fn who_and_when(sheet: &AftercareSheet, options: PrintOptions) -> Block {
    let facts = [
        ("Prepared for", &sheet.client_name),
        ("Session", &sheet.session_date),
        ("Your therapist", &sheet.therapist_name),
    ];
    if options.large_print {
        // Three columns are too narrow for names at 16 pt: one line each instead.
        return Block::KeepTogether(
            facts
                .iter()
                .map(|(label, value)| {
                    Block::Paragraph(Paragraph::new(format!("{label}: ")).bold(*value))
                })
                .collect(),
        );
    }
    let cell = |label: &str, value: &str| Column {
        weight: 1.0,
        blocks: vec![
            Block::Paragraph(Paragraph::styled(TextStyle::Secondary, label)),
            Block::Paragraph(Paragraph::default().bold(value)),
        ],
    };
    Block::Columns(
        facts
            .iter()
            .map(|(label, value)| cell(label, value))
            .collect(),
    )
}

fn self_care_item(
    number: usize,
    item: &SelfCareItem,
    sheet: &AftercareSheet,
    options: PrintOptions,
) -> Result<Block, DocumentError> {
    let mut core = vec![Block::heading(HeadingLevel::Item, &item.title)];
    if !item.why.trim().is_empty() {
        core.push(Block::text(&item.why));
    }
    let mut how = Vec::new();
    let steps: Vec<Paragraph> = present(&item.steps)
        .into_iter()
        .map(Paragraph::new)
        .collect();
    if !steps.is_empty() {
        how.push(Block::NumberedSteps(steps));
    }
    if !item.dosage.trim().is_empty() {
        how.push(Block::Paragraph(Paragraph {
            style: TextStyle::Accent,
            ..Paragraph::default().bold("How often: ").bold(&item.dosage)
        }));
    }
    let drawing = item
        .illustration_svg
        .as_deref()
        .map(Drawing::parse)
        .transpose()
        .map_err(|source| DocumentError::Illustration {
            item: number,
            source,
        })?;
    match drawing {
        Some(d) => {
            // Large print needs most of the width for text; the picture gets a quarter.
            let text_weight = if options.large_print { 3.0 } else { 2.0 };
            core.push(Block::Columns(vec![
                Column {
                    weight: text_weight,
                    blocks: how,
                },
                Column {
                    weight: 1.0,
                    blocks: vec![Block::Figure(Figure {
                        drawing: Arc::new(d),
                        width: 1.0,
                    })],
                },
            ]));
        }
        None => core.extend(how),
    }
    // Title, steps and picture stay together; the note and the cautions may follow on the
    // next page, which then starts with "<title> (continued)".
    let mut blocks = vec![Block::KeepTogether(core)];
    if let Some(note) = item
        .personal_note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        blocks.push(Block::Boxed(Boxed {
            style: BoxStyle::Aside,
            blocks: vec![Block::Paragraph(
                Paragraph::default()
                    .bold(format!("A note from {}: ", sheet.therapist_name))
                    .italic(note),
            )],
        }));
    }
    let cautions = present(&item.cautions);
    if !cautions.is_empty() {
        blocks.push(Block::KeepTogether(vec![
            Block::heading(HeadingLevel::Label, "Stop and seek advice if…"),
            Block::BulletList(cautions.into_iter().map(Paragraph::new).collect()),
        ]));
    }
    Ok(Block::Continuing(Continuing {
        label: item.title.clone(),
        blocks,
    }))
}

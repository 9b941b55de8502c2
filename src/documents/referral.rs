//! The referral or report letter to a client's GP, physiotherapist or counsellor, printed on
//! the clinic's letterhead.
//!
//! What the letter says is decided by `care::letter` (which also refuses without the client's
//! consent to share); this module only lays it out as a business letter: letterhead, the
//! recipient's address beside the date, the salutation and the "Re:" line, the sections, the
//! closing and the therapist's signature block. Every page's footer marks it confidential and
//! numbers the pages. The input is plain data with its own id and date, so a reprint is
//! byte-identical.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::aftercare::{self, Letterhead, join};
use super::layout::{self, Block, Column, HeadingLevel, Paragraph, Setup, TextStyle};
use super::{DocumentError, PrintOptions};
use crate::care::ReferralLetter;

/// Everything printed on a referral letter.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralDocument {
    /// Stable id of the issued document; the PDF's ids derive from it.
    pub document_id: String,
    /// PDF creation date, from the record (never "now"), so a reprint is identical.
    pub issued_at: DateTime<Utc>,
    /// The clinic's letterhead (the logo included).
    pub letterhead: Letterhead,
    /// The letter as composed from the clinical record.
    pub letter: ReferralLetter,
}

/// `YYYY-MM-DD` as "22 November 2026"; anything else as it was given.
fn long_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

/// The "Re:" line: the client's name and, when known, their date of birth.
fn regarding(letter: &ReferralLetter) -> String {
    match letter
        .client_date_of_birth
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        Some(born) => format!(
            "Re: {}, date of birth {}",
            letter.client_name,
            long_date(born)
        ),
        None => format!("Re: {}", letter.client_name),
    }
}

/// Renders the letter as a PDF.
///
/// # Errors
/// [`DocumentError::Logo`] if the logo is not a readable PNG, and the engine's errors.
pub fn render(doc: &ReferralDocument, options: &PrintOptions) -> Result<Vec<u8>, DocumentError> {
    let letter = &doc.letter;
    let clinic = &doc.letterhead.clinic_name;
    let date = long_date(&letter.date);
    let setup = Setup {
        options: *options,
        title: format!("Letter about {}", letter.client_name),
        author: clinic.clone(),
        subject: format!(
            "To {}, {} — {}",
            letter.recipient.name,
            date,
            regarding(letter)
        ),
        document_id: doc.document_id.clone(),
        issued_at: doc.issued_at,
        header_left: regarding(letter),
        header_right: clinic.clone(),
        footer: join(&["Confidential", clinic, "shared with the client's consent"]),
    };
    layout::render(&compose(doc, *options)?, &setup)
}

fn compose(doc: &ReferralDocument, options: PrintOptions) -> Result<Vec<Block>, DocumentError> {
    let letter = &doc.letter;
    let mut blocks = vec![
        aftercare::letterhead(&doc.letterhead, options)?,
        Block::Rule,
        Block::Spacer(1.0),
        address_and_date(letter),
        Block::Spacer(1.2),
        Block::text(&letter.salutation),
        Block::Paragraph(Paragraph::default().bold(regarding(letter))),
        Block::Spacer(0.4),
    ];
    for section in &letter.sections {
        let paragraphs: Vec<&String> = section
            .paragraphs
            .iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        let body = match paragraphs.as_slice() {
            [] => continue,
            [one] => Block::text(*one),
            many => Block::BulletList(many.iter().map(|p| Paragraph::new(*p)).collect()),
        };
        blocks.push(Block::heading(HeadingLevel::Label, &section.heading));
        blocks.push(body);
    }
    blocks.push(Block::Spacer(0.3));
    blocks.push(signature(doc));
    Ok(blocks)
}

/// The recipient's name and address on the left, the date on the right.
fn address_and_date(letter: &ReferralLetter) -> Block {
    let recipient = &letter.recipient;
    let mut address = Paragraph::default().bold(&recipient.name);
    for line in recipient
        .address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        address = address.plain(format!("\n{line}"));
    }
    Block::Columns(vec![
        Column {
            weight: 3.0,
            blocks: vec![Block::Paragraph(address)],
        },
        Column {
            weight: 1.4,
            blocks: vec![
                Block::Paragraph(Paragraph::styled(TextStyle::Secondary, "Date")),
                Block::text(long_date(&letter.date)),
            ],
        },
    ])
}

/// The closing words, room to sign, and who signs for which clinic.
fn signature(doc: &ReferralDocument) -> Block {
    let letter = &doc.letter;
    let head = &doc.letterhead;
    let mut blocks: Vec<Block> = letter
        .closing
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(Block::text)
        .collect();
    blocks.push(Block::Spacer(2.2));
    blocks.push(Block::Paragraph(
        Paragraph::default().bold(&letter.signatory),
    ));
    blocks.push(Block::Paragraph(Paragraph::styled(
        TextStyle::Secondary,
        &head.clinic_name,
    )));
    let contact = join(&[&head.phone, &head.email]);
    if !contact.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::styled(
            TextStyle::Secondary,
            contact,
        )));
    }
    Block::KeepTogether(blocks)
}

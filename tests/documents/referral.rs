//! The referral letter as its recipient reads it: the same poppler checks as the aftercare
//! sheet (fonts embedded, paper, margins), then what the letter must say and where.

use chrono::{TimeZone, Utc};
use palma::care::{LetterSection, Recipient, RecipientKind, ReferralLetter};
use palma::documents::referral::{ReferralDocument, render};

use super::fixture::{NAME_LATIN, sheet};
use super::{A4, Checked, LETTER, check_pdf, field};

const FINDING: &str = "Reduced rotation of the neck to the left, about 60 degrees.";

fn section(heading: &str, paragraphs: &[&str]) -> LetterSection {
    LetterSection {
        heading: heading.into(),
        paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
    }
}

/// A realistic letter to a GP, as `care.referral_letter` composes it.
pub fn letter() -> ReferralDocument {
    let head = sheet().letterhead;
    ReferralDocument {
        document_id: "doc-0192f0c4-7a1e-7c3d-9a54-3f1d2b8e6a77".into(),
        issued_at: Utc.with_ymd_and_hms(2026, 11, 22, 16, 45, 0).unwrap(),
        letter: ReferralLetter {
            date: "2026-11-22".into(),
            clinic_name: head.clinic_name.clone(),
            clinic_address: head.address_lines.join("\n"),
            clinic_phone: head.phone.clone(),
            clinic_email: head.email.clone(),
            recipient: Recipient {
                kind: RecipientKind::Gp,
                name: "Dr Aisha Shah".into(),
                address: "Riverside Surgery\n4 Water Lane\nYork YO1 1AA".into(),
            },
            client_name: NAME_LATIN.into(),
            client_date_of_birth: Some("1984-03-12".into()),
            subject: format!("Re: {NAME_LATIN}"),
            salutation: "Dear Dr Aisha Shah,".into(),
            sections: vec![
                section(
                    "Reason for writing",
                    &[
                        "Pins and needles in the right hand have persisted over four weeks \
                       despite improvement in the neck; I would be grateful if you could assess.",
                    ],
                ),
                section(
                    "Presenting complaint",
                    &[
                        "Neck and right shoulder ache after long days at the computer.",
                        "Where: neck and right shoulder. Since: September. Worse with: desk work.",
                    ],
                ),
                section(
                    "Findings (2026-10-20)",
                    &[
                        "Head held forward; right shoulder raised.",
                        FINDING,
                        "Areas reported: hand and wrist, right (pins and needles, 4/10).",
                    ],
                ),
                section(
                    "Precautions observed",
                    &["Takes blood thinners: lighter pressure, no deep tissue work."],
                ),
                section(
                    "Progress",
                    &[
                        "5 session(s) from 2026-10-20 to 2026-11-17.",
                        "Pain (0–10): 6 at baseline, 3 now.",
                        "PSFS (0–10): 4.3 at baseline, 7 now.",
                    ],
                ),
                section(
                    "Recommendations",
                    &["Continue fortnightly sessions with a home stretching programme."],
                ),
            ],
            closing: "With the client's consent, I am sharing this summary. Please contact me \
                      if you would like to discuss it.\n\nYours sincerely,"
                .into(),
            signatory: "Sam Okafor".into(),
        },
        letterhead: head,
    }
}

fn check_letter(
    doc: &ReferralDocument,
    options: palma::documents::PrintOptions,
    name: &str,
) -> Checked {
    let bytes = render(doc, &options).expect("render");
    let c = check_pdf(bytes, options, name, &doc.letterhead.clinic_name);
    assert_eq!(
        field(&c.info, "Title:"),
        format!("Letter about {}", doc.letter.client_name)
    );
    c
}

#[test]
fn a_letter_fits_one_page_with_everything_a_recipient_needs() {
    let doc = letter();
    for (options, name) in [(A4, "referral-a4"), (LETTER, "referral-letter")] {
        let c = check_letter(&doc, options, name);
        // One page on A4; US Letter is 5 cm shorter and may carry the signature over.
        assert!(
            c.pages == 1 || (options == LETTER && c.pages == 2),
            "{name}"
        );
        let text = c.flat_text();
        for needle in [
            "Harbour Street Massage & Soft-Tissue Clinic",
            "12 Harbour Street",
            "Dr Aisha Shah",
            "Riverside Surgery",
            "22 November 2026",
            "Dear Dr Aisha Shah,",
            &format!("Re: {NAME_LATIN}, date of birth 12 March 1984"),
            "Reason for writing",
            FINDING,
            "Takes blood thinners",
            "Pain (0–10): 6 at baseline, 3 now.",
            "Yours sincerely,",
            "Sam Okafor",
            "Confidential",
            &format!("Page 1 of {}", c.pages),
        ] {
            assert!(
                text.contains(needle),
                "{name}: {needle:?} not found in\n{text}"
            );
        }
        // The date sits beside the recipient, right of the address column.
        let date = c.words.iter().find(|w| w.text == "November").unwrap();
        let surgery = c.words.iter().find(|w| w.text == "Riverside").unwrap();
        assert!(date.x_min > surgery.x_max + 100.0, "{date:?} {surgery:?}");
        // The signature comes last in the body, with room to sign above the name.
        let sincerely = c.words.iter().find(|w| w.text == "sincerely,").unwrap();
        let signatory = c.words.iter().find(|w| w.text == "Okafor").unwrap();
        assert!(signatory.y_min - sincerely.y_max > 24.0, "room to sign");
    }
}

#[test]
fn a_long_letter_runs_onto_numbered_pages_with_a_running_header() {
    let mut doc = letter();
    let long = "The client reports the tingling mostly at night and on waking, easing within \
                an hour of moving about. ";
    doc.letter.sections[1].paragraphs.push(long.repeat(18));
    doc.letter.sections[4]
        .paragraphs
        .extend((1..=12).map(|n| format!("Session {n}: pain 5, stress 4; client relaxed.")));
    let c = check_letter(&doc, A4, "referral-long");
    assert_eq!(c.pages, 2);
    let text = c.flat_text();
    assert!(text.contains("Page 1 of 2") && text.contains("Page 2 of 2"));
    let page_two: String = c
        .words
        .iter()
        .filter(|w| w.page == 2)
        .take(6)
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        page_two.starts_with("Re: Zoë"),
        "running header: {page_two}"
    );
    assert!(text.contains("Sam Okafor"));
}

#[test]
fn a_letter_renders_identically_and_carries_the_logo() {
    let mut doc = letter();
    doc.letterhead.logo_png = Some(include_bytes!("logo.png").to_vec());
    let c = check_letter(&doc, A4, "referral-logo");
    assert!(
        c.bytes == render(&doc, &A4).unwrap(),
        "a reprint must be identical"
    );
    let images = super::poppler("pdfimages", &["-list"], &c.path);
    assert!(
        images.lines().nth(2).is_some_and(|l| l.contains("image")),
        "{images}"
    );
    doc.document_id = "doc-other".into();
    assert!(render(&doc, &A4).unwrap() != c.bytes);
}

#[test]
fn a_letter_without_date_of_birth_or_findings_still_reads_well() {
    let mut doc = letter();
    doc.letter.client_date_of_birth = None;
    doc.letter.sections.truncate(1);
    doc.letterhead.phone.clear();
    let c = check_letter(&doc, A4, "referral-minimal");
    let text = c.flat_text();
    assert!(text.contains(&format!("Re: {NAME_LATIN} ")), "{text}");
    assert!(!text.contains("date of birth"));
    assert!(!text.contains("Findings"));
}

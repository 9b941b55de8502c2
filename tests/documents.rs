//! The aftercare sheet and the referral letter as a reader sees them: rendered PDFs checked
//! with poppler (`pdfinfo`, `pdffonts`, `pdftotext`, `pdfimages`).
//!
//! Every render goes through [`check_pdf`], which asserts what must hold for any document (fonts
//! embedded and subset, exact paper size, metadata, size budget, every word inside the
//! margins) and returns what poppler saw for the test's own assertions. The PDFs are kept in
//! `target/tmp/documents/` for looking at.

use std::path::{Path, PathBuf};
use std::process::Command;

use palma::documents::*;

#[path = "documents/fixture.rs"]
mod fixture;
#[path = "documents/processes.rs"]
mod processes;
#[path = "documents/referral.rs"]
mod referral;
use fixture::{NAME_LATIN, NAME_VIETNAMESE, sheet};

const A4: PrintOptions = PrintOptions {
    paper: Paper::A4,
    large_print: false,
};
const LETTER: PrintOptions = PrintOptions {
    paper: Paper::Letter,
    large_print: false,
};
const LARGE: PrintOptions = PrintOptions {
    paper: Paper::A4,
    large_print: true,
};

// ---------------------------------------------------------------------------------------------
// Poppler

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{tool} could not run (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A word as `pdftotext -bbox` reports it, in points from the page's top-left corner.
#[derive(Debug)]
struct Word {
    page: usize,
    text: String,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

fn attr(tag: &str, name: &str) -> f32 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let len = tag[start..].find('"').unwrap();
    tag[start..start + len].parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn words(pdf: &Path) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox"], pdf);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(tag) = line.strip_prefix("<word ") {
            let (open, rest) = tag.split_once('>').unwrap();
            out.push(Word {
                page,
                text: unescape(rest.trim_end_matches("</word>")),
                x_min: attr(open, "xMin"),
                y_min: attr(open, "yMin"),
                x_max: attr(open, "xMax"),
                y_max: attr(open, "yMax"),
            });
        }
    }
    out
}

/// What poppler saw in one rendered sheet.
struct Checked {
    path: PathBuf,
    info: String,
    bytes: Vec<u8>,
    pages: usize,
    text: String,
    words: Vec<Word>,
}

impl Checked {
    /// The text with runs of whitespace collapsed, for phrase searches across line breaks.
    fn flat_text(&self) -> String {
        self.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn field<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(key).map(str::trim))
        .unwrap_or_else(|| panic!("pdfinfo has no {key}\n{info}"))
}

/// Renders `sheet`, saves it as `name.pdf`, and asserts the properties every sheet must have.
fn check(sheet: &AftercareSheet, options: PrintOptions, name: &str) -> Checked {
    let bytes = aftercare::render(sheet, &options).expect("render");
    let c = check_pdf(bytes, options, name, &sheet.letterhead.clinic_name);
    assert!(
        field(&c.info, "Title:").starts_with("Your aftercare – "),
        "{name}"
    );
    assert!(field(&c.info, "Subject:").contains(&sheet.session_date));
    c
}

/// Saves a rendered document as `name.pdf` and asserts what must hold for every printed
/// document: paper size, the clinic as author, the record's date, fonts embedded and subset,
/// size budget, every word inside the margins.
fn check_pdf(bytes: Vec<u8>, options: PrintOptions, name: &str, clinic: &str) -> Checked {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &bytes).unwrap();

    assert!(bytes.len() < 300 * 1024, "{name}: {} bytes", bytes.len());

    let info = poppler("pdfinfo", &[], &path);
    let size = match options.paper {
        Paper::A4 => "595.276 x 841.89 pts (A4)",
        Paper::Letter => "612 x 792 pts (letter)",
    };
    assert_eq!(field(&info, "Page size:"), size, "{name}");
    assert_eq!(field(&info, "Author:"), clinic);
    assert_eq!(
        field(&info, "CreationDate:"),
        "Sun Nov 22 16:45:00 2026 UTC"
    );
    assert!(!info.contains("PDF/X"), "{name}: no PDF/X claim\n{info}");
    let pages: usize = field(&info, "Pages:").parse().unwrap();

    let fonts = poppler("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object-id
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{name}: {row}");
        assert!(cols[0].starts_with(|c: char| c.is_ascii_uppercase()) && cols[0].contains('+'));
    }

    let (width, height) = options.paper.size_pt();
    let margin = SIDE_MARGIN_MM * 72.0 / 25.4;
    let edge = 10.0 * 72.0 / 25.4;
    let words = words(&path);
    for w in &words {
        assert!(
            w.x_min >= margin - 0.5
                && w.x_max <= width - margin + 0.5
                && w.y_min >= edge
                && w.y_max <= height - edge,
            "{name}: {w:?} crosses the margins of a {width} x {height} page"
        );
    }
    assert_eq!(words.last().map(|w| w.page), Some(pages));

    let text = poppler("pdftotext", &["-layout"], &path);
    Checked {
        path,
        info,
        bytes,
        pages,
        text,
        words,
    }
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn six_item_sheet_on_a4_and_letter() {
    let sheet = sheet();
    for (options, name) in [(A4, "six-items-a4"), (LETTER, "six-items-letter")] {
        let c = check(&sheet, options, name);
        assert!((2..=4).contains(&c.pages), "{name}: {} pages", c.pages);
        let text = c.flat_text();
        for needle in [
            NAME_LATIN,
            "Your aftercare",
            "What we worked on today",
            "What to expect in the next 24–48 hours",
            "Your self-care programme",
            "When to seek help",
            "Your next appointment",
            "Sunday 6 December 2026 at 10:30",
            &format!("Page 1 of {}", c.pages),
            &format!("Page {0} of {0}", c.pages),
        ] {
            assert!(text.contains(needle), "{name}: {needle:?} not found");
        }
        for item in &sheet.items {
            assert!(text.contains(&item.title), "{name}: {:?}", item.title);
            assert!(text.contains(&item.dosage), "{name}: {:?}", item.dosage);
        }
    }
}

#[test]
fn unicode_names_extract_as_written() {
    // Decomposed input (base letter + combining marks) must print as the composed letters.
    for (name, decomposed, file) in [
        (
            NAME_LATIN,
            "Zoe\u{308} \u{141}ukasiewicz-\u{d8}rsted",
            "name-latin",
        ),
        (
            NAME_VIETNAMESE,
            "Nguye\u{302}\u{303}n Thi\u{323} Minh Khai",
            "name-vietnamese",
        ),
    ] {
        let mut sheet = sheet();
        sheet.client_name = decomposed.into();
        sheet.items.truncate(1);
        let c = check(&sheet, A4, file);
        assert!(
            c.flat_text().contains(name),
            "{file}: {name} not in\n{}",
            c.text
        );
        assert_eq!(field(&c.info, "Title:"), format!("Your aftercare – {name}"));
    }
}

#[test]
fn long_note_and_unbroken_word_stay_inside_the_margins() {
    let mut sheet = sheet();
    let sentence = "Keep the movement slow and easy, and stop before it hurts. ";
    let note: String = sentence.repeat(40).chars().take(2000).collect();
    sheet.items[1].personal_note = Some(note);
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
    let word = &word[..120];
    sheet.items[2]
        .steps
        .push(format!("Then read {word} aloud."));
    sheet.contact_line = format!(
        "Videos: https://harbourstreetclinic.example/handouts/{}/print",
        "x".repeat(90)
    );
    for (options, name) in [
        (A4, "long-a4"),
        (LETTER, "long-letter"),
        (LARGE, "long-large"),
    ] {
        let c = check(&sheet, options, name);
        // The unbroken word was split over lines, not dropped.
        let joined: String = c.words.iter().map(|w| w.text.as_str()).collect();
        assert!(joined.contains(word), "{name}: the long word is incomplete");
        assert!(c.flat_text().contains("stop before it hurts"));
    }
}

#[test]
fn markup_prints_as_plain_text() {
    let mut sheet = sheet();
    sheet.items.truncate(1);
    sheet.worked_on = vec!["<script>alert(1)</script> & <b>not bold</b>".into()];
    let c = check(&sheet, A4, "markup");
    assert!(
        c.text
            .contains("<script>alert(1)</script> & <b>not bold</b>")
    );
}

#[test]
fn characters_missing_from_the_font_are_substituted_not_boxed() {
    let mut sheet = sheet();
    sheet.items.truncate(1);
    sheet.worked_on = vec!["✓ Neck and shoulders 😀 done".into()];
    let c = check(&sheet, A4, "substitution");
    assert!(c.text.contains("- Neck and shoulders ? done"), "{}", c.text);
}

#[test]
fn rendering_is_byte_identical_and_keyed_by_the_record() {
    let sheet = sheet();
    let first = check(&sheet, A4, "deterministic-1");
    let again = aftercare::render(&sheet, &A4).unwrap();
    assert!(first.bytes == again, "a reprint must be identical");
    let mut other = sheet.clone();
    other.document_id = "session-other".into();
    assert!(aftercare::render(&other, &A4).unwrap() != again);
    // Check that the path was written (for looking at) and nothing else varies.
    assert!(first.path.exists());
}

#[test]
fn large_print_sets_body_text_at_16_pt_or_more() {
    let sheet = sheet();
    let body_word_height = |c: &Checked| {
        c.words
            .iter()
            .find(|w| w.text == "tenderness")
            .map(|w| w.y_max - w.y_min)
            .expect("body word")
    };
    let normal = check(&sheet, A4, "print-normal");
    let large = check(&sheet, LARGE, "print-large");
    // poppler's word box is the font's ascent + descent: 1.069 + 0.293 em for Noto Sans.
    let size = |h: f32| h / 1.362;
    assert!((size(body_word_height(&normal)) - 11.0).abs() < 0.3);
    assert!(size(body_word_height(&large)) >= 16.0 - 0.05);
    assert!(large.pages > normal.pages);
    let letter = PrintOptions {
        paper: Paper::Letter,
        large_print: true,
    };
    let large_letter = check(&sheet, letter, "print-large-letter");
    assert!(size(body_word_height(&large_letter)) >= 16.0 - 0.05);
}

#[test]
fn logo_is_embedded_as_an_image() {
    let mut sheet = sheet();
    sheet.items.truncate(2);
    sheet.letterhead.logo_png = Some(include_bytes!("documents/logo.png").to_vec());
    let c = check(&sheet, A4, "logo");
    let images = poppler("pdfimages", &["-list"], &c.path);
    // Header, rule, then the image and its alpha mask.
    assert!(
        images.lines().nth(2).is_some_and(|l| l.contains("image")),
        "{images}"
    );

    sheet.letterhead.logo_png = Some(b"GIF89a".to_vec());
    assert!(matches!(
        aftercare::render(&sheet, &A4),
        Err(DocumentError::Logo(_))
    ));
}

#[test]
fn an_illustration_outside_the_subset_is_reported_with_its_item() {
    let mut sheet = sheet();
    sheet.items[3].illustration_svg = Some(
        r#"<svg viewBox="0 0 10 10"><text>hi</text><path d="M0 0 A1 1 0 0 1 5 5"/></svg>"#.into(),
    );
    match aftercare::render(&sheet, &A4) {
        Err(DocumentError::Illustration {
            item: 4,
            source: svg::SvgError::Unsupported(list),
        }) => assert_eq!(list.len(), 2, "{list:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_library_illustration_is_in_the_subset() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handouts/illustrations");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = svg::Drawing::parse(&source) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn empty_sections_are_left_out() {
    let mut sheet = sheet();
    sheet.items.clear();
    sheet.worked_on.clear();
    sheet.next_appointments.clear();
    let c = check(&sheet, LETTER, "minimal");
    let text = c.flat_text();
    assert_eq!(c.pages, 1);
    assert!(!text.contains("What we worked on today"));
    assert!(!text.contains("Your self-care programme"));
    assert!(text.contains("No appointment is booked yet."));

    // Blank strings everywhere are skipped, not printed as empty bullets or a crash.
    let blank = SelfCareItem {
        title: String::new(),
        why: " ".into(),
        steps: vec![String::new(), "  ".into()],
        dosage: String::new(),
        personal_note: Some(String::new()),
        cautions: vec![String::new()],
        illustration_svg: None,
    };
    sheet.items = vec![blank.clone(), blank];
    sheet.what_to_expect = vec![String::new()];
    sheet.seek_help = vec![" ".into()];
    sheet.contact_line = String::new();
    let c = check(&sheet, A4, "blank");
    assert_eq!(c.pages, 1);
    assert!(!c.flat_text().contains("When to seek help"));
    assert!(!c.flat_text().contains("Your self-care programme"));
}

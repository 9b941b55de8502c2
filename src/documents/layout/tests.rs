//! Layout rules checked on the positioned pages, before any PDF is written.

use chrono::{TimeZone, Utc};

use super::*;
use crate::documents::fonts::fonts;
use crate::documents::pdf::Item;
use crate::documents::{Paper, PrintOptions};

fn setup(large_print: bool) -> Setup {
    Setup {
        options: PrintOptions {
            paper: Paper::A4,
            large_print,
        },
        title: "Test".into(),
        author: "Clinic".into(),
        subject: "Layout".into(),
        document_id: "layout-test".into(),
        issued_at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
        header_left: "Running header".into(),
        header_right: "Clinic".into(),
        footer: "Footer".into(),
    }
}

/// One positioned line of text.
#[derive(Debug)]
struct TextLine {
    page: usize,
    text: String,
    x: f32,
    right: f32,
    baseline: f32,
    size: f32,
}

/// Lays `blocks` out on A4 and returns the body text (header and footer left out) and the
/// page count, after checking that nothing crosses the side margins or the text area.
fn check(blocks: &[Block], large_print: bool) -> (Vec<TextLine>, usize) {
    let setup = setup(large_print);
    let style = Style::new(setup.options);
    let pages = lay_out(blocks, &setup).unwrap();
    let f = fonts().unwrap();
    let mut lines = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x,
                baseline,
                face,
                size,
                text,
                ..
            } = item
            {
                let right = x + f.width(*face, *size, text);
                assert!(
                    *x >= style.margin - 0.01,
                    "{text:?} starts left of the margin"
                );
                assert!(
                    right <= style.page_width - style.margin + 0.01,
                    "{text:?} ends at {right}, past the margin"
                );
                let furniture = *size == style.furniture
                    && (*baseline < style.body_top || *baseline > style.body_bottom);
                if !furniture {
                    assert!(
                        *baseline <= style.body_bottom,
                        "{text:?} below the text area"
                    );
                    lines.push(TextLine {
                        page: n,
                        text: text.clone(),
                        x: *x,
                        right,
                        baseline: *baseline,
                        size: *size,
                    });
                }
            }
        }
    }
    (lines, pages.len())
}

fn page_of(lines: &[TextLine], text: &str) -> usize {
    lines
        .iter()
        .find(|l| l.text == text)
        .unwrap_or_else(|| panic!("{text:?} not laid out"))
        .page
}

#[test]
fn known_content_gives_a_known_page_count() {
    let style = Style::new(setup(false).options);
    let blocks: Vec<Block> = (0..100).map(|i| Block::text(format!("Line {i}"))).collect();
    let (lines, pages) = check(&blocks, false);
    let line = style.body * style.leading;
    let gap = 0.6 * style.body;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let per_page = ((style.body_height() + gap) / (line + gap)).floor() as usize;
    assert_eq!(pages, 100usize.div_ceil(per_page));
    assert_eq!(page_of(&lines, &format!("Line {per_page}")), 1);
    assert_eq!(page_of(&lines, &format!("Line {}", per_page - 1)), 0);
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    // Fill the first page with paragraphs, then try every amount of filler so the heading
    // falls at each possible position near the foot of the page.
    for filler in 28..34 {
        let mut blocks: Vec<Block> = (0..filler).map(|i| Block::text(format!("F{i}"))).collect();
        blocks.push(Block::heading(HeadingLevel::Section, "The heading"));
        blocks.push(Block::text("The paragraph after it"));
        let (lines, _) = check(&blocks, false);
        assert_eq!(
            page_of(&lines, "The heading"),
            page_of(&lines, "The paragraph after it"),
            "with {filler} filler paragraphs"
        );
    }
}

#[test]
fn keep_together_moves_a_group_whole() {
    let mut blocks: Vec<Block> = (0..28).map(|i| Block::text(format!("F{i}"))).collect();
    let group: Vec<Block> = (0..8).map(|i| Block::text(format!("G{i}"))).collect();
    blocks.push(Block::KeepTogether(group));
    let (lines, _) = check(&blocks, false);
    let pages: Vec<usize> = (0..8).map(|i| page_of(&lines, &format!("G{i}"))).collect();
    assert!(pages.iter().all(|&p| p == 1), "{pages:?}");
}

#[test]
fn long_words_and_long_paragraphs_stay_in_the_column() {
    let word = "x".repeat(60);
    let url = format!("https://example.org/{}", "path/".repeat(30));
    let blocks = vec![
        Block::text(format!("{word} {url}")),
        Block::BulletList(vec![Paragraph::new("word ".repeat(300))]),
        Block::NumberedSteps(vec![Paragraph::new(word.repeat(3))]),
        Block::Boxed(Boxed {
            style: BoxStyle::Notice,
            blocks: vec![Block::text(word.repeat(4))],
        }),
    ];
    for large_print in [false, true] {
        let (lines, _) = check(&blocks, large_print);
        assert!(lines.len() > 20);
    }
}

#[test]
fn table_header_repeats_on_every_page() {
    let table = Table {
        columns: vec![
            TableColumn {
                heading: "Time".into(),
                weight: 1.0,
            },
            TableColumn {
                heading: "Client".into(),
                weight: 3.0,
            },
        ],
        rows: (0..90)
            .map(|i| vec![format!("{:02}:00", i % 24), format!("Client number {i}")])
            .collect(),
    };
    let (lines, pages) = check(&[Block::Table(table)], false);
    assert!(pages >= 3);
    for page in 0..pages {
        let first = lines.iter().find(|l| l.page == page).unwrap();
        assert_eq!(first.text, "Time", "page {page} starts with the header row");
    }
    // Every row is there once, and a row's cells share a baseline.
    let time = lines.iter().find(|l| l.text == "05:00").unwrap();
    let client = lines.iter().find(|l| l.text == "Client number 5").unwrap();
    assert!((time.baseline - client.baseline).abs() < 0.01);
    assert!(client.x > time.right);
}

#[test]
fn a_group_split_over_pages_is_labelled_where_it_continues() {
    let mut blocks: Vec<Block> = (0..25).map(|i| Block::text(format!("F{i}"))).collect();
    blocks.push(Block::Continuing(Continuing {
        label: "Chin tuck".into(),
        blocks: (0..12).map(|i| Block::text(format!("C{i}"))).collect(),
    }));
    let (lines, _) = check(&blocks, false);
    let label = lines
        .iter()
        .find(|l| l.text == "Chin tuck (continued)")
        .expect("continued label");
    assert_eq!(label.page, 1);
    let first_on_page_2 = lines.iter().find(|l| l.page == 1).unwrap();
    assert_eq!(first_on_page_2.text, "Chin tuck (continued)");
}

#[test]
fn large_print_body_is_16_pt() {
    let (lines, _) = check(&[Block::text("Body text")], true);
    assert_eq!(lines[0].size, 16.0);
    let (lines, _) = check(&[Block::text("Body text")], false);
    assert_eq!(lines[0].size, 11.0);
}

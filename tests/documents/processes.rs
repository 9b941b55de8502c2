//! The same record renders to the same bytes in another process: nothing per-process (hash
//! seeds, counters, addresses) reaches the PDF, so a reprint after a restart, on another
//! computer, matches the hash kept when the document was issued.
//!
//! The test runs this test binary again, twice, with `PALMA_RENDER_TO` set: in those child
//! processes [`render_in_this_process`] writes the documents there.

use std::path::Path;
use std::process::Command;

use palma::documents::{aftercare, referral as letter};

use super::fixture::{NAME_VIETNAMESE, sheet};
use super::{A4, LARGE, LETTER};

const RENDER_TO: &str = "PALMA_RENDER_TO";

/// Every kind of content the engine prints: both name scripts, every face, figures, the
/// logo (an image and its mask), both papers, large print, and the letter.
fn documents() -> Vec<(&'static str, Vec<u8>)> {
    let mut with_logo = sheet();
    with_logo.letterhead.logo_png = Some(include_bytes!("logo.png").to_vec());
    let mut vietnamese = sheet();
    NAME_VIETNAMESE.clone_into(&mut vietnamese.client_name);
    let mut doc = super::referral::letter();
    doc.letterhead.logo_png = with_logo.letterhead.logo_png.clone();
    vec![
        ("sheet-a4", aftercare::render(&with_logo, &A4).unwrap()),
        (
            "sheet-letter",
            aftercare::render(&vietnamese, &LETTER).unwrap(),
        ),
        ("sheet-large", aftercare::render(&sheet(), &LARGE).unwrap()),
        ("letter", letter::render(&doc, &A4).unwrap()),
    ]
}

/// In a child process: writes the documents to `PALMA_RENDER_TO`. Otherwise nothing to do.
#[test]
fn render_in_this_process() {
    let Some(folder) = std::env::var_os(RENDER_TO) else {
        return;
    };
    for (name, bytes) in documents() {
        std::fs::write(Path::new(&folder).join(format!("{name}.pdf")), bytes).unwrap();
    }
}

#[test]
fn separate_processes_render_identical_bytes() {
    let here = documents();
    for child in 1..=2 {
        let folder = tempfile::tempdir().unwrap();
        let run = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "processes::render_in_this_process",
                "--test-threads=1",
            ])
            .env(RENDER_TO, folder.path())
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stdout)
        );
        for (name, bytes) in &here {
            let there = std::fs::read(folder.path().join(format!("{name}.pdf")))
                .unwrap_or_else(|_| panic!("child {child} wrote {name}"));
            assert!(
                &there == bytes,
                "{name}: process {child} rendered other bytes than this one"
            );
        }
    }
}

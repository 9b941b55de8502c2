//! Issuing a visit's aftercare sheet, the client's document history, and reprints.

use crate::world::World;
use base64::Engine;
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::documents::history::{ClientDocuments, IssueAftercare, IssuedDocument, PdfFile};
use palma::documents::{Paper, PrintOptions};
use palma::handouts::programme::{AftercareNotes, AssignHandout, SessionProgramme};
use palma::handouts::{Dosage, HandoutFilter, HandoutSummary};
use palma::scheduling::appointments::{Appointment, BookAppointment};
use palma::staff::Role;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::process::{Command, Stdio};

/// What `pdftotext` reads in a PDF.
pub fn text_of(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("poppler's pdftotext is installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The PDF an operation returned, decoded.
pub fn bytes(file: &PdfFile) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(&file.base64)
        .unwrap()
}

#[tokio::test]
async fn a_visit_sheet_is_issued_recorded_and_reprinted_identically() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let visit: Appointment = world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: f.clients[0].clone(),
            service_id: f.deep.clone(),
            practitioner_id: f.maya.clone(),
            room_id: f.willow.clone(),
            start: "2026-11-18T10:00".into(),
        }))
        .await
        .unwrap();
    let library: Vec<HandoutSummary> = world
        .call(Call::HandoutsList(HandoutFilter::default()))
        .await
        .unwrap();
    let pick = |slug: &str| library.iter().find(|h| h.slug == slug).unwrap().clone();
    let chosen = [
        pick("neck-side-stretch"),
        pick("belly-breathing"),
        pick("tennis-ball-shoulder-blade"),
    ];
    for (n, handout) in chosen.iter().enumerate() {
        let dosage = (n == 0).then(|| Dosage {
            hold_seconds: Some(45),
            repetitions: Some(2),
            times_per_day: Some(3),
            ..Dosage::default()
        });
        let _: SessionProgramme = world
            .call(Call::ProgrammeAssign(AssignHandout {
                appointment_id: visit.id.clone(),
                handout_id: handout.id.clone(),
                dosage,
                personal_note: if n == 1 {
                    "<b>Before bed</b> helps most.".into()
                } else {
                    String::new()
                },
            }))
            .await
            .unwrap();
    }
    let _: SessionProgramme = world
        .call(Call::ProgrammeNotes(AftercareNotes {
            appointment_id: visit.id.clone(),
            worked_on: "Your neck and upper back.".into(),
            what_to_expect: String::new(),
        }))
        .await
        .unwrap();
    let issue = |paper| {
        Call::AftercareIssue(IssueAftercare {
            appointment_id: visit.id.clone(),
            options: PrintOptions {
                paper,
                large_print: false,
            },
        })
    };
    let issued: PdfFile = world.call(issue(Paper::A4)).await.unwrap();
    let pdf = bytes(&issued);
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(issued.document.sha256, hex::encode(Sha256::digest(&pdf)));
    let text = text_of(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Zoë Łukasiewicz-Ørsted",
        "Maya Patel",
        "Wednesday 18 November 2026",
        "Your neck and upper back.",
        "Hold for 45 seconds, 2 times, 3 times a day",
        "<b>Before bed</b> helps most.",
        "When to seek help",
    ] {
        assert!(text.contains(expected), "{expected:?} is on the sheet");
    }
    for handout in &chosen {
        assert!(
            text.contains(&handout.title),
            "{} is on the sheet",
            handout.title
        );
    }

    let history: Vec<IssuedDocument> = world
        .call(Call::DocumentsList(ClientDocuments {
            client_id: f.clients[0].clone(),
        }))
        .await
        .unwrap();
    assert_eq!(history, vec![issued.document.clone()]);
    // Reception hands over sheets: it may reprint, and the reprint is the same bytes.
    let reception = world.account(Role::Reception).await;
    let reprint: PdfFile = world
        .call_as(
            &reception,
            Call::DocumentsReprint(ById {
                id: issued.document.id.clone(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(bytes(&reprint), pdf);
    let refused = world
        .call_as::<PdfFile>(&reception, issue(Paper::A4))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert_eq!(
        world.count("journal WHERE entity = 'document'").await,
        2,
        "the issue and the reprint"
    );
}

#[tokio::test]
async fn the_letterhead_logo_is_checked_and_printed_on_the_sheet() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let png =
        base64::engine::general_purpose::STANDARD.encode(include_bytes!("../documents/logo.png"));
    let refused = world
        .call::<palma::settings::ClinicSettings>(Call::SettingsLogoSet(
            palma::letterhead::SetLogo {
                base64: "bm90IGEgcG5n".into(),
            },
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code, refused.field.as_deref()),
        (ErrorCode::Validation, Some("base64"))
    );
    let reception = world.account(Role::Reception).await;
    let forbidden = world
        .call_as::<palma::settings::ClinicSettings>(
            &reception,
            Call::SettingsLogoSet(palma::letterhead::SetLogo {
                base64: png.clone(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
    let saved: palma::settings::ClinicSettings = world
        .call(Call::SettingsLogoSet(palma::letterhead::SetLogo {
            base64: png.clone(),
        }))
        .await
        .unwrap();
    assert!(saved.has_logo);
    let logo: palma::letterhead::Logo = world
        .call(Call::SettingsLogo(palma::api::NoArgs {}))
        .await
        .unwrap();
    assert_eq!(logo.base64, png);

    let visit: Appointment = world
        .call(Call::AppointmentsBook(BookAppointment {
            override_reason: None,
            client_id: f.clients[1].clone(),
            service_id: f.sports.clone(),
            practitioner_id: f.tom.clone(),
            room_id: f.cedar.clone(),
            start: "2026-11-18T12:00".into(),
        }))
        .await
        .unwrap();
    let issue = || {
        Call::AftercareIssue(IssueAftercare {
            appointment_id: visit.id.clone(),
            options: PrintOptions::default(),
        })
    };
    let with_logo: PdfFile = world.call(issue()).await.unwrap();
    let images = |file: &PdfFile| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.pdf");
        std::fs::write(&path, bytes(file)).unwrap();
        let listed = Command::new("pdfimages")
            .arg("-list")
            .arg(&path)
            .output()
            .expect("poppler's pdfimages");
        // Rows after the two header lines; a transparent PNG's mask is listed as "smask".
        let listing = String::from_utf8(listed.stdout).unwrap();
        listing
            .lines()
            .skip(2)
            .filter(|row| row.split_whitespace().nth(2) == Some("image"))
            .count()
    };
    assert_eq!(
        images(&with_logo),
        1,
        "the logo is the sheet's one raster image"
    );
    let cleared: palma::settings::ClinicSettings = world
        .call(Call::SettingsLogoClear(palma::api::NoArgs {}))
        .await
        .unwrap();
    assert!(!cleared.has_logo);
    let without: PdfFile = world.call(issue()).await.unwrap();
    assert_eq!(images(&without), 0);
}

#[tokio::test]
async fn the_day_sheet_prints_each_therapists_day_with_flags_but_no_clinical_detail() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    for (client, practitioner, room, start) in [
        (0, &f.maya, &f.willow, "2026-11-19T09:00"),
        (1, &f.tom, &f.cedar, "2026-11-19T10:00"),
    ] {
        let _: Appointment = world
            .call(Call::AppointmentsBook(BookAppointment {
                override_reason: None,
                client_id: f.clients[client].clone(),
                service_id: f.sports.clone(),
                practitioner_id: practitioner.clone(),
                room_id: room.clone(),
                start: start.into(),
            }))
            .await
            .unwrap();
    }
    crate::care::save_intake(&world, &f, &f.clients[0], &[("blood_thinners", "yes")]).await;
    let reception = world.account(Role::Reception).await;
    let printed: palma::documents::day_sheet::RenderedPdf = world
        .call_as(
            &reception,
            Call::ScheduleDaySheetPdf(palma::documents::day_sheet::PrintDaySheet {
                date: "2026-11-19".into(),
                practitioner_id: None,
                options: PrintOptions {
                    paper: Paper::Letter,
                    large_print: false,
                },
            }),
        )
        .await
        .unwrap();
    assert_eq!(printed.file_name, "day-sheet-2026-11-19.pdf");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(&printed.base64)
        .unwrap();
    let text = text_of(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Day sheet: Thursday 19 November 2026",
        "Maya Patel",
        "Tom Okafor",
        "09:00–09:45",
        "Zoë Łukasiewicz-Ørsted",
        "Minh Khai Nguyễn Thị",
        "Willow room",
        "Check",
    ] {
        assert!(text.contains(expected), "{expected:?} is on the day sheet");
    }
    assert!(
        !text.to_lowercase().contains("blood"),
        "no clinical reason is printed"
    );
    assert_eq!(world.count("journal WHERE entity = 'day_sheet'").await, 1);
}

//! A client data export written into a chosen folder: `client.json` (complete), a readable
//! `summary.pdf`, and a copy of every PDF issued to the client, journaled without client text;
//! the clinical record only for people who may read it. Also the end of such a record: erased,
//! listed as restricted, then purged whole — signed notes and issued documents included.
//! Exports never write through a link or over a file already in the folder.

use crate::world::{Fixture, World};
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{ById, Call, NoArgs};
use palma::audit::{JournalLine, JournalQuery};
use palma::care::{Note, NoteContent, NoteInput, StartNote};
use palma::clients::export_folder::{ExportToFolder, ExportedFolder, SavedFile, ToFolder};
use palma::clients::requests::{ClientExport, Erasure, PurgeReport, RestrictedClient};
use palma::documents::history::{IssueAftercare, PdfFile};
use palma::handouts::programme::{AssignHandout, SessionProgramme};
use palma::handouts::{HandoutFilter, HandoutSummary};
use palma::scheduling::appointments::{Appointment, BookAppointment};
use palma::staff::Role;
use std::path::Path;
use std::process::Command;

fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("poppler's pdftotext is installed");
    assert!(
        out.status.success(),
        "{} is not a readable PDF",
        pdf.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Zoë's visit with an aftercare sheet issued and a session note written.
async fn visited(world: &World, f: &Fixture) -> (Appointment, PdfFile) {
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
    let _: SessionProgramme = world
        .call(Call::ProgrammeAssign(AssignHandout {
            appointment_id: visit.id.clone(),
            handout_id: library[0].id.clone(),
            dosage: None,
            personal_note: String::new(),
        }))
        .await
        .unwrap();
    let sheet: PdfFile = world
        .call(Call::AftercareIssue(IssueAftercare {
            appointment_id: visit.id.clone(),
            options: Default::default(),
        }))
        .await
        .unwrap();
    let draft: Note = world
        .call(Call::CareStartNote(StartNote {
            client_id: f.clients[0].clone(),
            appointment_id: Some(visit.id.clone()),
            session_on: String::new(),
            template_key: None,
        }))
        .await
        .unwrap();
    let _: Note = world
        .call(Call::CareSaveNote(NoteInput {
            id: draft.id.clone(),
            content: NoteContent {
                subjective: "Stiff neck after long drives".into(),
                ..NoteContent::default()
            },
        }))
        .await
        .unwrap();
    let _: Note = world
        .call(Call::CareSignNote(ById { id: draft.id }))
        .await
        .unwrap();
    (visit, sheet)
}

fn request(f: &Fixture, folder: &Path) -> Call {
    Call::ClientsExportTo(ExportToFolder {
        client_id: f.clients[0].clone(),
        folder: folder.display().to_string(),
    })
}

#[tokio::test]
async fn the_export_folder_holds_json_summary_and_every_issued_pdf() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let (visit, sheet) = visited(&world, &f).await;
    let parent = tempfile::tempdir().unwrap();
    let done: ExportedFolder = world.call(request(&f, parent.path())).await.unwrap();
    let folder = Path::new(&done.folder);
    let short = &f.clients[0][f.clients[0].len() - 8..];
    assert_eq!(
        folder.file_name().unwrap().to_string_lossy(),
        format!("palma-export-2026-11-18-{short}")
    );
    let names: Vec<String> = done
        .files
        .iter()
        .map(|p| {
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["client.json", "summary.pdf", sheet.file_name.as_str()]
    );
    for file in &done.files {
        assert!(Path::new(file).starts_with(folder) && Path::new(file).is_file());
    }
    // The issued sheet is the very file the client was given.
    let copy = std::fs::read(&done.files[2]).unwrap();
    assert_eq!(
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&copy)),
        sheet.document.sha256
    );

    let json: ClientExport =
        serde_json::from_slice(&std::fs::read(&done.files[0]).unwrap()).unwrap();
    assert_eq!(json.client.given_name, "Zoë");
    assert_eq!(json.appointments.len(), 1);
    assert_eq!(json.appointments[0].id, visit.id);
    assert_eq!(json.documents.len(), 1);
    assert_eq!(json.documents[0].sha256, sheet.document.sha256);
    let clinical = json
        .clinical
        .expect("the owner may read the clinical record");
    assert_eq!(clinical.notes.len(), 1);
    assert_eq!(
        clinical.notes[0].content.subjective,
        "Stiff neck after long drives"
    );
    assert!(json.journal.iter().any(|l| l.action == "issue"));

    let summary = text_of(Path::new(&done.files[1]));
    for expected in [
        "Zoë",
        "Contact details",
        "Appointments",
        "Documents given to you",
        "Aftercare sheet",
        "Clinical record",
        "Stiff neck after long drives",
        "Who has used your record",
    ] {
        assert!(
            summary.contains(expected),
            "summary lacks {expected:?}:\n{summary}"
        );
    }
    assert!(text_of(Path::new(&done.files[2])).contains("Zoë"));

    let journal: Vec<JournalLine> = world
        .call(Call::JournalSearch(JournalQuery {
            action: Some(palma::audit::JournalAction::Export),
            ..JournalQuery::default()
        }))
        .await
        .unwrap();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].client_id.as_deref(), Some(f.clients[0].as_str()));
    let detail = &journal[0].detail;
    assert!(
        detail.contains("3 files") && detail.contains(short),
        "{detail}"
    );
    assert!(
        !detail.contains("Zoë") && !detail.contains("Stiff"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_second_export_gets_its_own_folder_and_a_bad_folder_is_refused_by_name() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let parent = tempfile::tempdir().unwrap();
    let first: ExportedFolder = world.call(request(&f, parent.path())).await.unwrap();
    let second: ExportedFolder = world.call(request(&f, parent.path())).await.unwrap();
    assert_eq!(second.folder, format!("{}-2", first.folder));
    // No half-written staging folder is left behind.
    let entries = std::fs::read_dir(parent.path()).unwrap().count();
    assert_eq!(entries, 2);
    let nowhere = parent.path().join("missing");
    let refused = world
        .call::<ExportedFolder>(request(&f, &nowhere))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code, refused.field.as_deref()),
        (ErrorCode::Validation, Some("folder"))
    );
}

#[tokio::test]
async fn exports_never_write_through_a_link_or_over_a_file() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let folder = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim.csv");
    // Someone who can write to the folder plants a link at the name the export will use.
    let list_name = "palma-clients-2026-11-18.csv";
    std::os::unix::fs::symlink(&victim, folder.path().join(list_name)).unwrap();
    let csv_to = || {
        Call::ClientsExportCsvTo(ToFolder {
            folder: folder.path().display().to_string(),
        })
    };
    let refused = world.call::<SavedFile>(csv_to()).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains(list_name), "{}", refused.message);
    assert!(!victim.exists(), "nothing was written through the link");
    // An ordinary file at the name is kept; the list goes to the next free name.
    std::fs::remove_file(folder.path().join(list_name)).unwrap();
    std::fs::write(folder.path().join(list_name), "mine").unwrap();
    let saved: SavedFile = world.call(csv_to()).await.unwrap();
    assert!(
        saved.file.ends_with("palma-clients-2026-11-18-2.csv"),
        "{}",
        saved.file
    );
    assert_eq!(
        std::fs::read_to_string(folder.path().join(list_name)).unwrap(),
        "mine"
    );

    // The same for a client's export folder: a link at its name is refused, by name.
    let short = &f.clients[0][f.clients[0].len() - 8..];
    let export_name = format!("palma-export-2026-11-18-{short}");
    std::os::unix::fs::symlink(elsewhere.path(), folder.path().join(&export_name)).unwrap();
    let refused = world
        .call::<ExportedFolder>(request(&f, folder.path()))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(
        refused.message.contains(&export_name),
        "{}",
        refused.message
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    let left: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(left.is_empty(), "no staging folder is left: {left:?}");
}

#[tokio::test]
async fn without_clinical_access_the_export_has_no_clinical_record() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let _ = visited(&world, &f).await;
    let reception = world.account(Role::Reception).await;
    let refused = world
        .call_as::<ExportedFolder>(&reception, request(&f, Path::new("/tmp")))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    // Should a role without clinical access ever be allowed to export, the handler itself
    // leaves the clinical record out.
    let export = palma::clients::requests::export(
        &world.clinic,
        &reception,
        ById {
            id: f.clients[0].clone(),
        },
    )
    .await
    .unwrap();
    assert!(export.clinical.is_none());
    assert_eq!(export.documents.len(), 1);
}

#[tokio::test]
async fn an_erased_record_is_listed_then_purged_whole_signed_notes_included() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let _ = visited(&world, &f).await;
    world.clock.advance(Duration::days(1));
    let erasure: Erasure = world
        .call(Call::ClientsErase(ById {
            id: f.clients[0].clone(),
        }))
        .await
        .unwrap();
    assert_eq!(erasure.purge_after.as_deref(), Some("2034-11-18"));
    let listed: Vec<RestrictedClient> = world
        .call(Call::RetentionRestricted(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].name.as_str(),
            listed[0].restricted_on.as_str(),
            listed[0].purge_after.as_str(),
            listed[0].due
        ),
        ("Zoë Łukasiewicz-Ørsted", "2026-11-19", "2034-11-18", false)
    );
    world.clock.advance(Duration::days(8 * 366));
    let listed: Vec<RestrictedClient> = world
        .call(Call::RetentionRestricted(NoArgs {}))
        .await
        .unwrap();
    assert!(listed[0].due);
    let report: PurgeReport = world
        .call(Call::RetentionPurgeDue(NoArgs {}))
        .await
        .unwrap();
    assert_eq!(report.purged, 1);
    for table in [
        "care_notes",
        "issued_documents",
        "appointments",
        "programme_items",
    ] {
        assert_eq!(
            world.count(table).await,
            0,
            "{table} still holds the client's rows"
        );
    }
    let none: Vec<RestrictedClient> = world
        .call(Call::RetentionRestricted(NoArgs {}))
        .await
        .unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_signed_note_of_a_client_in_care_still_cannot_be_deleted() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let _ = visited(&world, &f).await;
    let refused = sqlx::query("DELETE FROM care_notes")
        .execute(world.clinic.pool())
        .await;
    assert!(refused.is_err(), "the database refuses");
    assert_eq!(world.count("care_notes").await, 1);
}

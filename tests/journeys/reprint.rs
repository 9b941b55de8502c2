//! A document issued before the app restarts reprints identically after it: the `palma`
//! command line — a new process opening the database with a new `Clinic` — reprints the
//! demo clinic's aftercare sheet and referral letter, twice each, to the bytes issued here and
//! the SHA-256 in the client's document history.

use crate::aftercare::bytes;
use crate::referral::documents_as;
use crate::world::World;
use palma::api::Call;
use palma::documents::history::{self, IssueAftercare, IssuedDocument, PdfFile};
use palma::documents::{Paper, PrintOptions};
use palma::settings::StartClinic;
use sha2::{Digest, Sha256};
use std::process::Command;

/// Reprints document `id` with `palma reprint` in a process of its own; the PDF's bytes.
fn reprint_in_new_process(world: &World, id: &str, out: &std::path::Path) -> Vec<u8> {
    let done = Command::new(env!("CARGO_BIN_EXE_palma"))
        .args([
            "--database",
            world.clinic.url(),
            "reprint",
            "--document",
            id,
        ])
        .arg("--out")
        .arg(out)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    std::fs::read(out).unwrap()
}

#[tokio::test]
async fn issued_documents_reprint_identically_in_a_new_process() {
    let world = World::new().await;
    let _: serde_json::Value = world
        .call(Call::SetupStart(StartClinic::Demo))
        .await
        .unwrap();
    let now_ms = world.clinic.now().timestamp_millis();
    let visit = history::latest_planned_visit(&world.clinic, now_ms)
        .await
        .unwrap()
        .expect("the demo has a visit with a self-care programme");
    let sheet: PdfFile = world
        .call(Call::AftercareIssue(IssueAftercare {
            appointment_id: visit,
            options: PrintOptions {
                paper: Paper::Letter,
                large_print: true,
            },
        }))
        .await
        .unwrap();
    let (request, therapist) = palma::care::demo_request(&world.clinic)
        .await
        .unwrap()
        .expect("a demo client consented to sharing with their GP");
    let letter: PdfFile = world
        .call_as(&therapist, Call::CareReferralLetterPdf(request))
        .await
        .unwrap();

    let folder = tempfile::tempdir().unwrap();
    for issued in [&sheet, &letter] {
        let history: Vec<IssuedDocument> =
            documents_as(&world, &world.owner, &issued.document.client_id).await;
        let kept = history
            .iter()
            .find(|d| d.id == issued.document.id)
            .expect("in the client's documents");
        for run in 1..=2 {
            let out = folder
                .path()
                .join(format!("{}-{run}.pdf", issued.document.kind));
            let again = reprint_in_new_process(&world, &issued.document.id, &out);
            assert!(
                again == bytes(issued),
                "{} reprinted by process {run} differs from the issued bytes",
                issued.document.kind
            );
            assert_eq!(hex::encode(Sha256::digest(&again)), kept.sha256);
        }
    }
}

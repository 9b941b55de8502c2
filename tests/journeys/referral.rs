//! The referral letter printed on the letterhead: issued from the record with the client's
//! consent, kept in the client's documents, reprinted identically — and never shown to
//! reception, whose document list stays open for aftercare sheets.

use crate::aftercare::bytes;
use crate::care::{assessment, mark, save_intake_as};
use crate::world::{Fixture, World};
use palma::api::{ById, Call};
use palma::care::*;
use palma::documents::history::{ClientDocuments, IssuedDocument, PdfFile};
use palma::staff::{Actor, Role};
use palma::{ApiError, ErrorCode};
use sha2::{Digest, Sha256};

fn text_of(pdf: &[u8]) -> String {
    let text = crate::aftercare::text_of(pdf);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn request(client: &str) -> ReferralRequest {
    ReferralRequest {
        client_id: client.into(),
        recipient: Recipient {
            kind: RecipientKind::Gp,
            name: "Dr A. Shah".into(),
            address: "Riverside Surgery\nYork YO1 1AA".into(),
        },
        reason: "Pins and needles in the right hand persist; please assess.".into(),
    }
}

/// The client's consent, recorded by `actor`, to share information with their GP.
pub async fn consent_to_gp(world: &World, actor: &Actor, client: &str) -> Consent {
    world
        .call_as(
            actor,
            Call::CareGiveConsent(ConsentInput {
                client_id: client.into(),
                kind: ConsentKind::ShareInformation,
                scope: vec!["gp".into()],
                note: String::new(),
                given_on: String::new(),
            }),
        )
        .await
        .unwrap()
}

/// The client's documents as `actor` may see them.
pub async fn documents_as(world: &World, actor: &Actor, client: &str) -> Vec<IssuedDocument> {
    world
        .call_as(
            actor,
            Call::DocumentsList(ClientDocuments {
                client_id: client.into(),
            }),
        )
        .await
        .unwrap()
}

pub async fn reprint_as(world: &World, actor: &Actor, id: &str) -> Result<PdfFile, ApiError> {
    world
        .call_as(actor, Call::DocumentsReprint(ById { id: id.into() }))
        .await
}

/// Maya's client with an intake, an assessment and (when `consent`) consent to share with
/// the GP. Returns Maya's account and the client.
async fn maya_and_her_client(world: &World, f: &Fixture, consent: bool) -> (Actor, String) {
    let maya = world.therapist("Maya Patel", &f.maya).await;
    let client = f.clients[0].clone();
    world
        .book_with(f, &client, &f.maya, "2026-11-18T14:00")
        .await;
    save_intake_as(world, &maya, &client, &[("blood_thinners", "yes")]).await;
    let _: Assessment = world
        .call_as(
            &maya,
            Call::CareSaveAssessment(assessment(
                &client,
                vec![mark("hand_right", Symptom::PinsAndNeedles, 4)],
            )),
        )
        .await
        .unwrap();
    if consent {
        let _: Consent = consent_to_gp(world, &maya, &client).await;
    }
    (maya, client)
}

async fn journal_lines(world: &World) -> i64 {
    world.count("journal").await
}

#[tokio::test]
async fn a_referral_letter_is_printed_listed_and_reprinted_identically() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let (maya, client) = maya_and_her_client(&world, &f, true).await;
    let issued: PdfFile = world
        .call_as(&maya, Call::CareReferralLetterPdf(request(&client)))
        .await
        .unwrap();
    let pdf = bytes(&issued);
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(issued.document.sha256, hex::encode(Sha256::digest(&pdf)));
    assert_eq!(issued.document.kind, "referral_letter");
    assert_eq!(issued.document.client_id, client);
    assert_eq!(issued.document.issued_by, "Maya Patel");
    assert!(issued.file_name.ends_with(".pdf"));
    let text = text_of(&pdf);
    for expected in [
        "Test Clinic",
        "Dr A. Shah",
        "Riverside Surgery",
        "18 November 2026",
        "Re: Zoë Łukasiewicz-Ørsted",
        "Pins and needles in the right hand persist",
        "hand and wrist, right (pins and needles, 4/10)",
        "Yours sincerely,",
        "Maya Patel",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }

    let listed = documents_as(&world, &maya, &client).await;
    assert_eq!(listed, vec![issued.document.clone()]);
    let reprint = reprint_as(&world, &maya, &issued.document.id)
        .await
        .unwrap();
    assert_eq!(bytes(&reprint), pdf, "a reprint is the same bytes");
    assert_eq!(reprint.document.sha256, issued.document.sha256);

    // The print and the reprint are journaled with who and which client, never client text.
    let rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT action, actor_id, client_id, detail FROM journal WHERE entity = 'document' ORDER BY seq",
    )
    .fetch_all(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (rows[0].0.as_str(), rows[1].0.as_str()),
        ("issue", "reprint")
    );
    for (_, actor, about, detail) in &rows {
        assert_eq!(actor, &maya.staff_id);
        assert_eq!(about.as_deref(), Some(client.as_str()));
        assert!(detail.contains(&issued.document.sha256));
        // Nor to whom: a letter to a counsellor would say something about the client's health.
        assert!(
            !detail.contains("Shah") && !detail.contains("Zoë") && !detail.contains("gp"),
            "{detail}"
        );
    }
}

#[tokio::test]
async fn reception_can_neither_print_list_nor_reprint_a_clinical_letter() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let (maya, client) = maya_and_her_client(&world, &f, true).await;
    let reception = world.account(Role::Reception).await;
    let before = (
        world.count("issued_documents").await,
        journal_lines(&world).await,
    );
    let refused = world
        .call_as::<PdfFile>(&reception, Call::CareReferralLetterPdf(request(&client)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert_eq!(
        (
            world.count("issued_documents").await,
            journal_lines(&world).await
        ),
        before,
        "nothing printed, nothing journaled"
    );

    let issued: PdfFile = world
        .call_as(&maya, Call::CareReferralLetterPdf(request(&client)))
        .await
        .unwrap();
    let for_reception = documents_as(&world, &reception, &client).await;
    assert!(for_reception.is_empty(), "{for_reception:?}");
    let for_owner: Vec<IssuedDocument> = world
        .call(Call::DocumentsList(ClientDocuments {
            client_id: client.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(for_owner, vec![issued.document.clone()]);

    let lines = journal_lines(&world).await;
    let reprint = reprint_as(&world, &reception, &issued.document.id)
        .await
        .unwrap_err();
    assert_eq!(reprint.code, ErrorCode::Forbidden);
    assert!(!reprint.message.contains("Zoë"));
    assert_eq!(
        journal_lines(&world).await,
        lines,
        "a refused reprint is not journaled"
    );
}

#[tokio::test]
async fn without_consent_to_share_no_letter_is_printed() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let (maya, client) = maya_and_her_client(&world, &f, false).await;
    let lines = journal_lines(&world).await;
    let refused = world
        .call_as::<PdfFile>(&maya, Call::CareReferralLetterPdf(request(&client)))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("consent"), "{}", refused.message);
    assert_eq!(world.count("issued_documents").await, 0);
    assert_eq!(journal_lines(&world).await, lines);
    let unknown = world
        .call_as::<PdfFile>(
            &maya,
            Call::CareReferralLetterPdf(request(&palma::clinic::new_id())),
        )
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

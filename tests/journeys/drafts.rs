//! Issue 11: a draft session note is its author's until signed. Another therapist — even one
//! who may open the record (shared care) — cannot edit, sign or discard it; the owner can, and
//! the journal line names the draft's author.

use crate::break_glass::wire;
use crate::world::World;
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::care::{Note, NoteContent, NoteInput, NoteStatus, StartNote};
use serde_json::{Value, json};

fn save(id: &str, subjective: &str) -> Call {
    Call::CareSaveNote(NoteInput {
        id: id.into(),
        content: NoteContent {
            subjective: subjective.into(),
            ..NoteContent::default()
        },
    })
}

#[tokio::test]
async fn only_its_author_or_the_owner_changes_a_draft() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    let maya = world.maya_for(&f, zoe).await;
    let tom = world.therapist("Tom Okafor", &f.tom).await;
    world.set_shared_care(true).await;
    let start = || {
        Call::CareStartNote(StartNote {
            client_id: zoe.clone(),
            appointment_id: None,
            session_on: String::new(),
            template_key: None,
        })
    };
    let draft: Note = world.call_as(&maya, start()).await.unwrap();

    // Tom may read the record, not change Maya's draft.
    let journal = world.count("journal").await;
    for call in [
        save(&draft.id, "Tom's words"),
        Call::CareSignNote(ById {
            id: draft.id.clone(),
        }),
        Call::CareDiscardDraft(ById {
            id: draft.id.clone(),
        }),
    ] {
        let refused = world.call_as::<Value>(&tom, call).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::Forbidden, "{refused:?}");
    }
    assert_eq!(world.count("journal").await, journal, "nothing written");
    let unchanged: Note = world
        .call_as(
            &tom,
            Call::CareNote(ById {
                id: draft.id.clone(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(
        (unchanged.status, unchanged.content.subjective.as_str()),
        (NoteStatus::Draft, "")
    );

    // Maya edits her own; the owner edits and signs it, recorded against the author.
    let _: Note = world
        .call_as(&maya, save(&draft.id, "Neck stiff."))
        .await
        .unwrap();
    let _: Note = world
        .call(save(&draft.id, "Neck stiff after driving."))
        .await
        .unwrap();
    let signed: Note = world
        .call(Call::CareSignNote(ById {
            id: draft.id.clone(),
        }))
        .await
        .unwrap();
    assert_eq!(signed.status, NoteStatus::Signed);
    let lines: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT actor_id, action, detail FROM journal WHERE entity = 'note' AND entity_id = $1 \
         AND action <> 'read' ORDER BY seq",
    )
    .bind(&draft.id)
    .fetch_all(world.clinic.pool())
    .await
    .unwrap();
    let author = format!("author={}", maya.staff_id);
    assert_eq!(
        lines,
        [
            (maya.staff_id.clone(), "create".into(), String::new()),
            (maya.staff_id.clone(), "update".into(), String::new()),
            (
                world.owner.staff_id.clone(),
                "update".into(),
                author.clone()
            ),
            (world.owner.staff_id.clone(), "sign".into(), author),
        ]
    );

    // A draft of her own, Maya may throw away.
    let mistake: Note = world.call_as(&maya, start()).await.unwrap();
    let _: Value = world
        .call_as(
            &maya,
            wire("care.discard_draft", json!({ "id": mistake.id })),
        )
        .await
        .unwrap();
}

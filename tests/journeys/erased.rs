//! Issue 11: once a client's data is erased, what is kept of their record is read-only. Every
//! kind of write about them — contact details, bookings, the clinical record, their self-care
//! and documents — is refused with the same `conflict`, which names nothing of the client, and
//! writes nothing; reading the retained record still works for those who may open it.

use crate::break_glass::wire;
use crate::world::World;
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{ById, Call};
use palma::clients::requests::Erasure;
use palma::staff::Actor;
use serde_json::{Value, json};

#[tokio::test]
async fn an_erased_clients_record_is_read_only_everywhere() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = f.clients[0].as_str();
    let maya = world.maya(&f).await;
    let owner = world.owner.clone();
    let visit = world.book_with(&f, zoe, &f.maya, "2026-11-18T10:00").await;
    // While she is a client: a consent, a goal, a draft, a signed note, a self-care item, a
    // place on the waiting list.
    let as_maya = async |op: &str, args: Value| -> Value {
        world
            .call_as(&maya, wire(op, args))
            .await
            .unwrap_or_else(|e| panic!("{op}: {e:?}"))
    };
    let consent = as_maya(
        "care.give_consent",
        json!({ "clientId": zoe, "kind": "treatment", "scope": [], "note": "", "givenOn": "2026-11-18" }),
    )
    .await;
    let goal = as_maya(
        "care.save_goal",
        json!({ "clientId": zoe, "words": "Sleep through", "target": "", "reviewOn": "2026-12-18" }),
    )
    .await;
    let draft = as_maya(
        "care.start_note",
        json!({ "clientId": zoe, "appointmentId": visit }),
    )
    .await;
    let signed = as_maya("care.start_note", json!({ "clientId": zoe })).await;
    crate::care::save_intake_as(&world, &maya, zoe, &[("blood_thinners", "yes")]).await;
    let content = json!({ "subjective": "Sleeping better." });
    as_maya(
        "care.save_note",
        json!({ "id": signed["id"], "content": content }),
    )
    .await;
    as_maya("care.sign_note", json!({ "id": signed["id"] })).await;
    let handouts: Value = world.call(wire("handouts.list", json!({}))).await.unwrap();
    let programme = as_maya(
        "programme.assign",
        json!({ "appointmentId": visit, "handoutId": handouts[0]["id"] }),
    )
    .await;
    let item = &programme["items"][0]["id"];
    let entry: Value = world
        .call(wire(
            "waitlist.add",
            json!({ "clientId": zoe, "serviceId": f.deep }),
        ))
        .await
        .unwrap();

    // The next day (the visit is over) the owner erases her data.
    world.clock.advance(Duration::days(1));
    let erased: Erasure = world
        .call(Call::ClientsErase(ById { id: zoe.into() }))
        .await
        .unwrap();
    assert!(!erased.purged, "kept, restricted, for the retention period");

    let on = "2026-11-19";
    let course = json!({ "clientId": zoe, "serviceId": f.deep, "practitionerId": f.maya,
                         "roomId": f.willow, "start": "2026-11-26T10:00", "everyWeeks": 1,
                         "count": 2 });
    let writes: Vec<(&Actor, &str, Value)> = vec![
        // Contact details and bookings.
        (
            &owner,
            "clients.update",
            json!({ "id": zoe, "client": { "givenName": "Zoë", "familyName": "Ł", "phone": "07700 900999" } }),
        ),
        (
            &owner,
            "appointments.book",
            json!({ "clientId": zoe, "serviceId": f.deep,
            "practitionerId": f.maya, "roomId": f.willow, "start": "2026-11-25T10:00" }),
        ),
        (&owner, "appointments.book_series", course),
        (
            &owner,
            "waitlist.add",
            json!({ "clientId": zoe, "serviceId": f.deep }),
        ),
        (
            &owner,
            "waitlist.book",
            json!({ "entryId": entry["id"], "practitionerId": f.maya,
            "roomId": f.willow, "start": "2026-11-25T11:00" }),
        ),
        (
            &owner,
            "appointments.move",
            json!({ "id": visit, "practitionerId": f.maya,
            "roomId": f.willow, "start": "2026-11-25T12:00" }),
        ),
        (
            &owner,
            "appointments.resize",
            json!({ "id": visit, "end": "2026-11-18T11:30" }),
        ),
        (
            &owner,
            "appointments.set_status",
            json!({ "id": visit, "status": "no_show" }),
        ),
        (
            &owner,
            "appointments.cancel",
            json!({ "id": visit, "reason": "Erased" }),
        ),
        // The clinical record, by the client and by its parts' own ids.
        (
            &maya,
            "care.save_intake",
            json!({ "clientId": zoe, "takenOn": on, "answers": [{ "key": "epilepsy", "value": "no" }] }),
        ),
        (
            &maya,
            "care.give_consent",
            json!({ "clientId": zoe, "kind": "treatment", "scope": [],
            "note": "", "givenOn": on }),
        ),
        (
            &maya,
            "care.withdraw_consent",
            json!({ "id": consent["id"], "withdrawnOn": on }),
        ),
        (
            &maya,
            "care.set_preferences",
            json!({ "clientId": zoe, "preferences": {
            "pressure": null, "avoidRegions": [], "position": "", "conversation": "",
            "sensoryNeeds": "" } }),
        ),
        (
            &maya,
            "care.save_assessment",
            json!({ "clientId": zoe, "assessedOn": on,
            "complaint": {}, "observations": {}, "marks": [], "links": [] }),
        ),
        (
            &maya,
            "care.record_measures",
            json!({ "clientId": zoe, "takenOn": on,
            "baseline": true, "pain": 5, "psfs": [] }),
        ),
        (
            &maya,
            "care.save_goal",
            json!({ "clientId": zoe, "words": "Walk", "target": "",
            "reviewOn": "2026-12-19" }),
        ),
        (
            &maya,
            "care.review_goal",
            json!({ "id": goal["id"], "outcome": "met",
            "reviewedOn": on, "note": "" }),
        ),
        (
            &maya,
            "care.save_plan",
            json!({ "clientId": zoe, "startsOn": on,
            "frequency": "Weekly", "sessionsBeforeReview": 6, "techniques": ["swedish"],
            "precautionsNoted": "" }),
        ),
        (&maya, "care.start_note", json!({ "clientId": zoe })),
        (
            &maya,
            "care.start_from_last_note",
            json!({ "clientId": zoe }),
        ),
        (
            &maya,
            "care.save_note",
            json!({ "id": draft["id"], "content": content }),
        ),
        (&maya, "care.sign_note", json!({ "id": draft["id"] })),
        (&maya, "care.discard_draft", json!({ "id": draft["id"] })),
        (
            &maya,
            "care.amend_note",
            json!({ "id": signed["id"], "reason": "Late entry",
            "text": "Also the calves." }),
        ),
        (
            &maya,
            "care.record_review",
            json!({ "clientId": zoe, "kind": "review",
            "reviewedOn": on, "recommendations": "Continue weekly." }),
        ),
        // Self-care and documents.
        (
            &maya,
            "programme.assign",
            json!({ "appointmentId": visit,
            "handoutId": handouts[1]["id"] }),
        ),
        (
            &maya,
            "programme.update",
            json!({ "id": item, "dosage": {} }),
        ),
        (&maya, "programme.remove", json!({ "id": item })),
        (
            &maya,
            "programme.notes",
            json!({ "appointmentId": visit, "workedOn": "Your back." }),
        ),
        (&maya, "aftercare.issue", json!({ "appointmentId": visit })),
        (
            &maya,
            "care.referral_letter_pdf",
            json!({ "clientId": zoe,
            "recipient": { "kind": "gp", "name": "Dr Ahmed", "address": "1 High St" },
            "reason": "Persistent neck pain" }),
        ),
    ];
    let journal = world.count("journal").await;
    let mut wrong = Vec::new();
    for (actor, op, args) in writes {
        match world.call_as::<Value>(actor, wire(op, args)).await {
            Err(e) if e.code == ErrorCode::Conflict && e.message.contains("erased") => {
                assert!(
                    !e.message.contains("Zoë") && !e.message.contains(zoe),
                    "{e:?}"
                );
            }
            other => wrong.push(format!("{op}: {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(world.count("journal").await, journal, "nothing written");

    // A new precaution rule is applied to every client's intake, but not to hers.
    let precautions = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM care_precautions WHERE client_id = $1")
            .bind(zoe)
            .fetch_one(world.clinic.pool())
            .await
            .unwrap()
    };
    let kept = precautions().await;
    let _: Value = world
        .call(wire(
            "care.precaution_rules.save",
            json!({ "key": "anticoagulants_any_pressure", "questionKey": "blood_thinners",
                    "answers": ["yes"], "level": "modify", "text": "Lighter pressure.",
                    "regions": [], "techniques": [], "active": true }),
        ))
        .await
        .unwrap();
    assert_eq!(precautions().await, kept);
    let touched: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM journal WHERE action = 'recompute' AND client_id = $1 AND seq > $2",
    )
    .bind(zoe)
    .bind(journal)
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(touched, 0);

    // What is kept can still be read by those who may open it.
    let _: Value = world
        .call_as(&maya, wire("care.record", json!({ "clientId": zoe })))
        .await
        .unwrap();
    let _: Value = world
        .call_as(&maya, wire("care.note", json!({ "id": signed["id"] })))
        .await
        .unwrap();
    let _: Value = world
        .call_as(&maya, wire("programme.get", json!({ "id": visit })))
        .await
        .unwrap();
    let _: Value = world
        .call(wire("clients.get", json!({ "id": zoe })))
        .await
        .unwrap();
}

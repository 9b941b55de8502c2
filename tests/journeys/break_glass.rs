//! Issue 11: nothing a therapist does alone makes a client theirs. Booking a client with
//! themselves (one visit, a course, a waiting-list offer, a colleague's booking moved onto
//! their calendar) opens no record; opening someone else's client's record takes breaking the
//! glass — a reason, journaled without its text, valid until the clinic's day ends — and the
//! owner sees every such opening.

use crate::care::by;
use crate::world::{Fixture, World};
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{Call, NoArgs, parse_call};
use palma::care::{AccessGrant, BreakGlass, ClinicalRecord, GlassBroken};
use palma::staff::{Actor, Role};
use serde_json::{Value, json};

/// A call from its wire form (the window's JSON), for requests with many fields.
pub fn wire(op: &str, args: Value) -> Call {
    parse_call(json!({ "op": op, "args": args })).unwrap_or_else(|e| panic!("{op}: {e:?}"))
}

async fn may_open(world: &World, actor: &Actor, client: &str) -> bool {
    world
        .call_as(actor, Call::CareMayOpen(by(client)))
        .await
        .unwrap()
}

/// Opening the record: the core's answer, not only the window's.
async fn opens(world: &World, actor: &Actor, client: &str) -> bool {
    let result = world
        .call_as::<ClinicalRecord>(actor, Call::CareRecord(by(client)))
        .await;
    if let Err(e) = &result {
        assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
    }
    let asked = may_open(world, actor, client).await;
    assert_eq!(asked, result.is_ok(), "care.may_open agrees with the core");
    result.is_ok()
}

fn booking(f: &Fixture, client: &str, practitioner: &str, start: &str) -> Value {
    json!({
        "clientId": client, "serviceId": f.deep, "practitionerId": practitioner,
        "roomId": f.cedar, "start": start
    })
}

#[tokio::test]
async fn a_therapist_booking_a_client_with_themselves_opens_nothing() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let tom = world.therapist("Tom Okafor", &f.tom).await;
    let (zoe, minh) = (&f.clients[0], &f.clients[1]);
    assert!(!opens(&world, &tom, zoe).await);

    // One visit and a course, booked by Tom with himself.
    let visit: Value = world
        .call_as(
            &tom,
            wire(
                "appointments.book",
                booking(&f, zoe, &f.tom, "2026-11-19T10:00"),
            ),
        )
        .await
        .unwrap();
    let mut course = booking(&f, zoe, &f.tom, "2026-11-26T10:00");
    course["everyWeeks"] = json!(1);
    course["count"] = json!(3);
    let _: Value = world
        .call_as(&tom, wire("appointments.book_series", course))
        .await
        .unwrap();
    let booked_by: String = sqlx::query_scalar("SELECT booked_by FROM appointments WHERE id = $1")
        .bind(visit["id"].as_str().unwrap())
        .fetch_one(world.clinic.pool())
        .await
        .unwrap();
    assert_eq!(booked_by, tom.staff_id, "who booked is recorded");
    assert!(!opens(&world, &tom, zoe).await, "self-booked: still closed");

    // A waiting-list offer he books for himself.
    let entry: Value = world
        .call(wire(
            "waitlist.add",
            json!({ "clientId": minh, "serviceId": f.deep }),
        ))
        .await
        .unwrap();
    let _: Value = world
        .call_as(
            &tom,
            wire(
                "waitlist.book",
                json!({ "entryId": entry["id"], "practitionerId": f.tom, "roomId": f.cedar,
                        "start": "2026-11-20T10:00" }),
            ),
        )
        .await
        .unwrap();
    assert!(!opens(&world, &tom, minh).await);

    // A colleague's client, booked by reception with Maya, moved by Tom onto his calendar.
    let oliver = &f.clients[2];
    let hers = world
        .book_with(&f, oliver, &f.maya, "2026-11-23T10:00")
        .await;
    let _: Value = world
        .call_as(
            &tom,
            wire(
                "appointments.move",
                json!({ "id": hers, "practitionerId": f.tom, "roomId": f.willow,
                        "start": "2026-11-23T10:00" }),
            ),
        )
        .await
        .unwrap();
    assert!(!opens(&world, &tom, oliver).await);
    // Moved onto him by someone else (reception, here the owner), it is a booking with him.
    for practitioner in [&f.maya, &f.tom] {
        let _: Value = world
            .call(wire(
                "appointments.move",
                json!({ "id": hers, "practitionerId": practitioner, "roomId": f.willow,
                        "start": "2026-11-23T11:00" }),
            ))
            .await
            .unwrap();
    }
    assert!(opens(&world, &tom, oliver).await);

    // Someone else books Zoë with him: now she is his client.
    world.book_with(&f, zoe, &f.tom, "2026-11-19T14:00").await;
    assert!(opens(&world, &tom, zoe).await);
}

fn glass(client: &str, reason: &str) -> Call {
    Call::CareBreakGlass(BreakGlass {
        client_id: client.into(),
        reason: reason.into(),
    })
}

const REASON: &str = "Covering Maya's 5:30 session: she is off sick";

#[tokio::test]
async fn breaking_the_glass_opens_a_record_until_the_clinic_day_ends() {
    let world = World::new().await;
    // 09:00 UTC is 04:00 in Toronto: the clinic's day is not the UTC day.
    let f = world.clinic_in("America/Toronto").await;
    let tom = world.therapist("Tom Okafor", &f.tom).await;
    let zoe = &f.clients[0];
    assert!(!opens(&world, &tom, zoe).await);

    // A reason is required, and a word is not one; nothing is written.
    let journal = world.count("journal").await;
    for reason in ["", "   ", "need it"] {
        let refused = world
            .call_as::<GlassBroken>(&tom, glass(zoe, reason))
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        assert_eq!(refused.field.as_deref(), Some("reason"));
    }
    assert_eq!(world.count("care_access_grants").await, 0);
    assert_eq!(world.count("journal").await, journal);

    let broken: GlassBroken = world.call_as(&tom, glass(zoe, REASON)).await.unwrap();
    assert_eq!(broken.valid_on, "2026-11-18");
    assert!(opens(&world, &tom, zoe).await);
    // Journaled: who, which client, when; the reason is not in the journal.
    let line: (String, String, String, Option<String>, String) = sqlx::query_as(
        "SELECT actor_id, action, entity, client_id, detail FROM journal \
         WHERE action = 'break_glass'",
    )
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(
        (line.0, line.1, line.2, line.3),
        (
            tom.staff_id.clone(),
            "break_glass".into(),
            "access_grant".into(),
            Some(zoe.clone())
        )
    );
    let quoted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM journal WHERE detail LIKE '%sick%' OR detail LIKE '%Covering%'",
    )
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert_eq!(quoted, 0, "{}", line.4);

    // Late that evening in Toronto (already the next day in UTC): still open.
    world.clock.advance(Duration::hours(18));
    assert!(opens(&world, &tom, zoe).await);
    // Past midnight in Toronto: closed again, until he gives a reason for the new day.
    world.clock.advance(Duration::minutes(150));
    assert!(!opens(&world, &tom, zoe).await);
    let again: GlassBroken = world
        .call_as(&tom, glass(zoe, "Her usual therapist is still away"))
        .await
        .unwrap();
    assert_eq!(again.valid_on, "2026-11-19");
    assert!(opens(&world, &tom, zoe).await);

    // The owner sees every opening: who, which client, when, why. Newest first.
    let grants: Vec<AccessGrant> = world.call(Call::CareAccessGrants(NoArgs {})).await.unwrap();
    let seen: Vec<(&str, &str, &str, &str)> = grants
        .iter()
        .map(|g| {
            (
                g.staff_name.as_str(),
                g.client_name.as_str(),
                g.at.as_str(),
                g.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Tom Okafor",
                "Zoë Łukasiewicz-Ørsted",
                "2026-11-19T00:30",
                "Her usual therapist is still away"
            ),
            (
                "Tom Okafor",
                "Zoë Łukasiewicz-Ørsted",
                "2026-11-18T04:00",
                REASON
            ),
        ]
    );
}

#[tokio::test]
async fn only_therapists_break_the_glass_and_only_the_owner_lists_it() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    let reception = world.account(Role::Reception).await;
    let tom = world.therapist("Tom Okafor", &f.tom).await;
    let refused = world
        .call_as::<GlassBroken>(&reception, glass(zoe, REASON))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    for actor in [&reception, &tom] {
        let refused = world
            .call_as::<Vec<AccessGrant>>(actor, Call::CareAccessGrants(NoArgs {}))
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::Forbidden);
    }
    // The owner opens every record: there is no glass to break, and nothing is recorded.
    let journal = world.count("journal").await;
    let _: GlassBroken = world.call(glass(zoe, REASON)).await.unwrap();
    assert_eq!(world.count("care_access_grants").await, 0);
    assert_eq!(world.count("journal").await, journal);
    // An unknown client is not found.
    let unknown = world
        .call_as::<GlassBroken>(&tom, glass("0190f0a0-0000-7000-8000-00000000dead", REASON))
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

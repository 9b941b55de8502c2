//! A window's desk after the review of issue 11: an account whose row is gone signs that desk
//! out, and a locked desk's calendar keeps no free text anyone typed about a booking.

use crate::break_glass::wire;
use crate::world::World;
use chrono::Duration;
use palma::ErrorCode;
use palma::api::{Call, NoArgs};
use palma::scheduling::appointments::{CalendarRange, CalendarView};
use palma::staff::session::Unlock;
use palma::staff::{Desk, DeskStatus, Role};
use serde_json::{Value, json};

async fn delete_account(world: &World, staff_id: &str) {
    sqlx::query("DELETE FROM staff WHERE id = $1")
        .bind(staff_id)
        .execute(world.clinic.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_desk_whose_account_row_is_gone_is_signed_out() {
    let world = World::new().await;
    world.set_up("Europe/London").await;
    let rita = world.account(Role::Reception).await;
    let desk = Desk::signed_in(rita.clone(), world.clinic.now());
    let _: Value = world
        .call_at(&desk, Call::SettingsGet(NoArgs {}))
        .await
        .unwrap();
    delete_account(&world, &rita.staff_id).await;
    let gone = world
        .call_at::<Value>(&desk, Call::SettingsGet(NoArgs {}))
        .await
        .unwrap_err();
    assert_eq!(gone.code, ErrorCode::Unauthenticated);
    assert!(desk.actor().is_none(), "signed out, not only refused once");
    let status: DeskStatus = world
        .call_at(&desk, Call::StaffMe(NoArgs {}))
        .await
        .unwrap();
    assert!(status.signed_in.is_none());

    // A locked desk cannot be unlocked as an account that no longer exists.
    let tom = world.account(Role::Therapist).await;
    let desk = Desk::signed_in(tom.clone(), world.clinic.now());
    let _: DeskStatus = world
        .call_at(&desk, Call::StaffLock(NoArgs {}))
        .await
        .unwrap();
    delete_account(&world, &tom.staff_id).await;
    let refused = world
        .call_at::<DeskStatus>(
            &desk,
            Call::StaffUnlock(Unlock {
                secret: "anything-at-all".into(),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthenticated);
    assert!(desk.actor().is_none());
}

#[tokio::test]
async fn a_locked_calendar_shows_no_reason_typed_for_a_booking() {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let zoe = &f.clients[0];
    // The owner books outside hours with a reason; another booking is cancelled with one.
    let _: Value = world
        .call(wire(
            "appointments.book",
            json!({ "clientId": zoe, "serviceId": f.deep, "practitionerId": f.maya,
                    "roomId": f.willow, "start": "2026-11-18T20:00",
                    "overrideReason": "Zoë can only come after her chemotherapy" }),
        ))
        .await
        .unwrap();
    let cancelled = world
        .book_with(&f, &f.clients[1], &f.tom, "2026-11-18T15:00")
        .await;
    let _: Value = world
        .call(wire(
            "appointments.cancel",
            json!({ "id": cancelled, "reason": "Minh is in hospital" }),
        ))
        .await
        .unwrap();
    let reception = world.account(Role::Reception).await;
    let desk = Desk::signed_in(reception, world.clinic.now());
    let day = || {
        Call::CalendarRange(CalendarRange {
            from: "2026-11-18".into(),
            days: 1,
            include_cancelled: true,
        })
    };
    let open: CalendarView = world.call_at(&desk, day()).await.unwrap();
    assert!(open.appointments.iter().any(|a| {
        a.override_reason
            .as_deref()
            .is_some_and(|r| r.contains("chemotherapy"))
    }));
    // Idle past the lock (5 minutes by default): the calendar still shows, without any of it.
    world.clock.advance(Duration::minutes(6));
    let locked: CalendarView = world.call_at(&desk, day()).await.unwrap();
    assert_eq!(locked.appointments.len(), 2);
    let shown = serde_json::to_string(&locked).unwrap();
    for typed in ["chemotherapy", "hospital", "Zoë", "Minh"] {
        assert!(!shown.contains(typed), "{typed} in {shown}");
    }
    for appointment in &locked.appointments {
        assert_eq!(appointment.override_reason, None);
        assert_eq!(appointment.cancel_reason, None);
    }
}

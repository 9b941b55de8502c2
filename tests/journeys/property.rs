//! Property: any sequence of book / move / resize / cancel — accepted or refused — never leaves
//! two active appointments overlapping for a therapist or a room (through turnover) or for a
//! client. Checked with a SQL self-join after every step, on whichever engine the run uses.

use crate::rules::request;
use crate::world::World;
use palma::api::Call;
use palma::scheduling::appointments::Appointment;
use palma::scheduling::changes::{
    AppointmentChange, CancelAppointment, MoveAppointment, ResizeAppointment,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Book {
        client: usize,
        who: usize,
        room: usize,
        service: usize,
        at: (u8, u8),
    },
    Move {
        pick: usize,
        who: usize,
        room: usize,
        at: (u8, u8),
    },
    Resize {
        pick: usize,
        quarters: i64,
    },
    Cancel {
        pick: usize,
    },
}

/// A day (0–1) and a quarter hour from 09:00 (0–23) on 19–20 November 2026.
fn when() -> impl Strategy<Value = (u8, u8)> {
    (0u8..2, 0u8..24)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..3, 0usize..2, 0usize..2, 0usize..2, when())
            .prop_map(|(client, who, room, service, at)| Step::Book { client, who, room, service, at }),
        2 => (any::<usize>(), 0usize..2, 0usize..2, when())
            .prop_map(|(pick, who, room, at)| Step::Move { pick, who, room, at }),
        1 => (any::<usize>(), 1i64..10).prop_map(|(pick, quarters)| Step::Resize { pick, quarters }),
        1 => any::<usize>().prop_map(|pick| Step::Cancel { pick }),
    ]
}

fn local((day, quarter): (u8, u8)) -> String {
    let minutes = 9 * 60 + u32::from(quarter) * 15;
    format!(
        "2026-11-{}T{:02}:{:02}",
        19 + day,
        minutes / 60,
        minutes % 60
    )
}

const OVERLAPS: &str = "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id \
    WHERE a.status NOT IN ('cancelled', 'no_show') AND b.status NOT IN ('cancelled', 'no_show') \
    AND (((a.practitioner_id = b.practitioner_id OR a.room_id = b.room_id) \
          AND a.start_ms < b.block_end_ms AND b.start_ms < a.block_end_ms) \
      OR (a.client_id = b.client_id AND a.start_ms < b.end_ms AND b.start_ms < a.end_ms))";

async fn run(steps: Vec<Step>) {
    let world = World::new().await;
    let f = world.small_clinic().await;
    let (who, rooms, services) = (
        [&f.maya, &f.tom],
        [&f.willow, &f.cedar],
        [&f.deep, &f.sports],
    );
    let mut booked: Vec<Appointment> = Vec::new();
    for step in steps {
        match step {
            Step::Book {
                client,
                who: w,
                room,
                service,
                at,
            } => {
                let r = request(
                    &f,
                    client,
                    who[w],
                    rooms[room],
                    services[service],
                    &local(at),
                );
                if let Ok(a) = world.call::<Appointment>(Call::AppointmentsBook(r)).await {
                    booked.push(a);
                }
            }
            Step::Move {
                pick,
                who: w,
                room,
                at,
            } if !booked.is_empty() => {
                let id = booked[pick % booked.len()].id.clone();
                let _ = world
                    .call::<AppointmentChange>(Call::AppointmentsMove(MoveAppointment {
                        id,
                        practitioner_id: who[w].clone(),
                        room_id: rooms[room].clone(),
                        start: local(at),
                        override_reason: None,
                        scope: None,
                    }))
                    .await;
            }
            Step::Resize { pick, quarters } if !booked.is_empty() => {
                let a = &booked[pick % booked.len()];
                let current: i64 =
                    sqlx::query_scalar("SELECT start_ms FROM appointments WHERE id = $1")
                        .bind(&a.id)
                        .fetch_one(world.clinic.pool())
                        .await
                        .unwrap();
                let end = chrono::DateTime::from_timestamp_millis(current + quarters * 15 * 60_000)
                    .unwrap()
                    .with_timezone(&chrono_tz::Europe::London)
                    .format("%Y-%m-%dT%H:%M")
                    .to_string();
                let _ = world
                    .call::<AppointmentChange>(Call::AppointmentsResize(ResizeAppointment {
                        id: a.id.clone(),
                        end,
                        override_reason: None,
                    }))
                    .await;
            }
            Step::Cancel { pick } if !booked.is_empty() => {
                let id = booked[pick % booked.len()].id.clone();
                let _ = world
                    .call::<AppointmentChange>(Call::AppointmentsCancel(CancelAppointment {
                        id,
                        reason: "Property".into(),
                        scope: None,
                    }))
                    .await;
            }
            _ => {}
        }
        let overlaps: i64 = sqlx::query_scalar(OVERLAPS)
            .fetch_one(world.clinic.pool())
            .await
            .unwrap();
        assert_eq!(overlaps, 0, "two active appointments overlap");
    }
    assert!(!booked.is_empty() || world.count("appointments").await == 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_changes_leaves_an_overlap(steps in proptest::collection::vec(step(), 5..40)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        runtime.block_on(run(steps));
    }
}

//! Reception's speed goals on the large demo clinic (SQLite, release build): week view for all
//! therapists, client search as you type, booking with every check, and find-a-time over four
//! weeks. Besides criterion's report, each prints its p95 to stderr.
//!
//! The database is generated once into `target/palma-large-bench.sqlite` (or
//! `PALMA_BENCH_DB`) and kept; each run works on a copy of it. Delete it to regenerate.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use palma::api::{Call, dispatch};
use palma::clients::ClientInput;
use palma::clock::FixedClock;
use palma::scheduling::appointments::{BookAppointment, CalendarRange};
use palma::scheduling::changes::CancelAppointment;
use palma::scheduling::find::{FindTimes, FreeTime};
use palma::staff::Actor;
use palma::{Clinic, db};
use std::cell::RefCell;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn database() -> std::path::PathBuf {
    std::env::var("PALMA_BENCH_DB").map_or_else(
        |_| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/palma-large-bench.sqlite")
        },
        std::path::PathBuf::from,
    )
}

async fn open(owner: &Actor) -> Clinic {
    // A fixed "now" keeps a reused database meaningful: Wednesday 18 November 2026, 09:00.
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap(),
    ));
    let kept = database();
    if !kept.exists() {
        let clinic = Clinic::open(&db::sqlite_url(&kept), clock.clone(), "bench")
            .await
            .unwrap();
        let started = Instant::now();
        let made = palma::demo_large::create(&clinic, owner).await.unwrap();
        eprintln!(
            "generated {} clients and {} appointments in {:.1} s",
            made.clients,
            made.appointments,
            started.elapsed().as_secs_f64()
        );
        clinic.close().await;
    }
    // Each run works on a fresh copy: booking leaves a cancelled appointment behind per
    // iteration (thousands per run), and a reused database would slow every later week view.
    let scratch = kept.with_extension("run.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let from = std::path::PathBuf::from(format!("{}{suffix}", kept.display()));
        let to = std::path::PathBuf::from(format!("{}{suffix}", scratch.display()));
        let _ = std::fs::remove_file(&to);
        if from.exists() {
            std::fs::copy(&from, &to).unwrap();
        }
    }
    Clinic::open(&db::sqlite_url(&scratch), clock, "bench")
        .await
        .unwrap()
}

fn p95(name: &str, samples: &RefCell<Vec<Duration>>) {
    let mut all = samples.borrow_mut();
    all.sort_unstable();
    if let Some(at) = all.get(all.len() * 95 / 100) {
        eprintln!(
            "{name}: p95 {:.2} ms over {} runs",
            at.as_secs_f64() * 1000.0,
            all.len()
        );
    }
    all.clear();
}

fn reception(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let desk = palma::staff::Desk::system(Actor::builtin_owner());
    let clinic = runtime.block_on(open(&Actor::builtin_owner()));
    let call = |call: Call| runtime.block_on(dispatch(&clinic, &desk, call)).unwrap();
    let read =
        |reply: palma::api::Reply| serde_json::from_str::<serde_json::Value>(reply.get()).unwrap();
    let samples = RefCell::new(Vec::new());
    let timed = |name: &str, c: &mut Criterion, mut run: Box<dyn FnMut(u64) -> Duration + '_>| {
        c.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for i in 0..iterations {
                    let took = run(i);
                    samples.borrow_mut().push(took);
                    total += took;
                }
                total
            });
        });
        p95(name, &samples);
    };

    timed(
        "week view, all therapists",
        c,
        Box::new(|_| {
            let started = Instant::now();
            call(Call::CalendarRange(CalendarRange {
                from: "2026-11-16".into(),
                days: 7,
                include_cancelled: false,
            }));
            started.elapsed()
        }),
    );

    let typed: Vec<String> = ["martínez", "zoë łuk", "07700 9012", "siobhan o"]
        .iter()
        .flat_map(|word| {
            (1..=word.chars().count()).map(|n| word.chars().take(n).collect::<String>())
        })
        .collect();
    timed(
        "client search as you type",
        c,
        Box::new(|i| {
            let text = typed[usize::try_from(i).unwrap_or(0) % typed.len()].clone();
            let started = Instant::now();
            call(Call::ClientsSearch(palma::clients::SearchClients {
                text,
                limit: Some(20),
            }));
            started.elapsed()
        }),
    );

    let services: Vec<palma::scheduling::Service> =
        serde_json::from_value(read(call(Call::ServicesList(palma::api::NoArgs {})))).unwrap();
    let service_id = services[0].id.clone();
    let find = FindTimes {
        service_id: service_id.clone(),
        limit: Some(10),
        ..FindTimes::default()
    };
    timed(
        "find a time, next 4 weeks",
        c,
        Box::new(|_| {
            let started = Instant::now();
            call(Call::AppointmentsFindTimes(find.clone()));
            started.elapsed()
        }),
    );
    let evening_saturdays = FindTimes {
        weekdays: vec![6],
        times_of_day: vec!["evening".into()],
        ..find.clone()
    };
    timed(
        "find a time, Saturday evenings only",
        c,
        Box::new(|_| {
            let started = Instant::now();
            call(Call::AppointmentsFindTimes(evening_saturdays.clone()));
            started.elapsed()
        }),
    );

    let free: Vec<FreeTime> =
        serde_json::from_value(read(call(Call::AppointmentsFindTimes(FindTimes {
            limit: Some(50),
            ..find.clone()
        }))))
        .unwrap();
    let client: palma::clients::Client =
        serde_json::from_value(read(call(Call::ClientsCreate(ClientInput {
            given_name: "Bench".into(),
            family_name: format!("Client {}", palma::clinic::new_id()),
            phone: "07700 900000".into(),
            confirmed_not_duplicate: true,
            ..ClientInput::default()
        }))))
        .unwrap();
    timed(
        "book with all checks",
        c,
        Box::new(|i| {
            let slot = &free[usize::try_from(i).unwrap_or(0) % free.len()];
            let started = Instant::now();
            let booked = call(Call::AppointmentsBook(BookAppointment {
                client_id: client.id.clone(),
                service_id: service_id.clone(),
                practitioner_id: slot.practitioner_id.clone(),
                room_id: slot.room_id.clone(),
                start: slot.start.clone(),
                override_reason: None,
            }));
            let took = started.elapsed();
            let booked = read(booked);
            // Free the slot again, untimed, so every run books the same way.
            call(Call::AppointmentsCancel(CancelAppointment {
                id: booked["id"].as_str().unwrap().to_owned(),
                reason: "bench".into(),
                scope: None,
            }));
            took
        }),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(4));
    targets = reception
}
criterion_main!(benches);

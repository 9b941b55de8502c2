//! The demo clinic as a clinician would read it, at several fixed instants (the demo is made
//! around its clock's today): services fit the client, at most one visit per client per day,
//! one initial assessment per client and it comes first, and visits that are over have been
//! closed out — except one or two of yesterday's, left for the close-out list.

use crate::world::{World, demo_instant};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use palma::api::Call;
use palma::scheduling::appointments::{
    Appointment, AppointmentStatus, CalendarRange, CalendarView,
};
use palma::scheduling::closeout::{Unclosed, UnclosedQuery};
use palma::settings::StartClinic;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every appointment of the demo (courses start up to eight weeks before the calendar's two).
async fn every_appointment(world: &World, today: NaiveDate) -> Vec<Appointment> {
    let mut all = Vec::new();
    let mut from = today - Duration::weeks(10);
    while from < today + Duration::weeks(3) {
        let view: CalendarView = world
            .call(Call::CalendarRange(CalendarRange {
                from: from.to_string(),
                days: 14,
                include_cancelled: true,
            }))
            .await
            .unwrap();
        all.extend(view.appointments);
        from += Duration::days(14);
    }
    all
}

fn day_of(appointment: &Appointment) -> NaiveDate {
    NaiveDate::parse_from_str(&appointment.start[..10], "%Y-%m-%d").unwrap()
}

/// Years between a date of birth and a day.
fn age_on(born: NaiveDate, day: NaiveDate) -> i32 {
    let had_birthday = (day.month(), day.day()) >= (born.month(), born.day());
    day.year() - born.year() - i32::from(!had_birthday)
}

async fn check_demo_at(at: DateTime<Utc>) {
    let world = World::at(at).await;
    let _: palma::settings::SetupStatus = world
        .call(Call::SetupStart(StartClinic::Demo))
        .await
        .unwrap();
    let today = at.with_timezone(&chrono_tz::Europe::London).date_naive();
    let appointments = every_appointment(&world, today).await;
    assert!(appointments.len() >= 60, "{at}: {}", appointments.len());

    let pregnant: HashSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT client_id FROM care_precautions WHERE rule_key = 'pregnancy'",
    )
    .fetch_all(world.clinic.pool())
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert!(!pregnant.is_empty(), "{at}: the demo has a pregnant client");
    let born: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT id, date_of_birth FROM clients")
            .fetch_all(world.clinic.pool())
            .await
            .unwrap()
            .into_iter()
            .collect();

    let mut per_day = HashSet::new();
    let mut by_client: BTreeMap<&str, Vec<&Appointment>> = BTreeMap::new();
    for a in &appointments {
        assert!(
            per_day.insert((a.client_id.clone(), day_of(a))),
            "{at}: {} has two visits on {}",
            a.client_name,
            day_of(a)
        );
        by_client.entry(&a.client_id).or_default().push(a);
        let expecting = pregnant.contains(&a.client_id);
        if a.service_name == "Pregnancy massage" {
            assert!(expecting, "{at}: pregnancy massage for {}", a.client_name);
            let born = NaiveDate::parse_from_str(&born[&a.client_id], "%Y-%m-%d").unwrap();
            let age = age_on(born, day_of(a));
            assert!((18..=45).contains(&age), "{at}: pregnant at {age}");
        } else if expecting {
            assert_eq!(
                a.service_name, "Initial assessment and treatment",
                "{at}: a pregnant client has pregnancy massage"
            );
        }
    }
    for visits in by_client.values_mut() {
        visits.sort_by_key(|a| a.start_ms);
        let assessments: Vec<usize> = visits
            .iter()
            .enumerate()
            .filter(|(_, a)| a.service_name == "Initial assessment and treatment")
            .map(|(n, _)| n)
            .collect();
        assert!(
            assessments.is_empty() || assessments == [0usize],
            "{at}: {}'s initial assessments at visits {assessments:?}",
            visits[0].client_name
        );
    }
    let in_care: Vec<String> = sqlx::query_scalar("SELECT DISTINCT client_id FROM care_notes")
        .fetch_all(world.clinic.pool())
        .await
        .unwrap();
    assert!(!in_care.is_empty());
    for client in &in_care {
        assert_eq!(
            by_client[client.as_str()][0].service_name,
            "Initial assessment and treatment",
            "{at}: a course of care starts with the initial assessment"
        );
    }

    // Visits that are over were closed out, bar the last one or two of yesterday.
    let unclosed: Unclosed = world
        .call(Call::AppointmentsUnclosed(UnclosedQuery::default()))
        .await
        .unwrap();
    assert!(
        unclosed.count <= 2,
        "{at}: {} left to close",
        unclosed.count
    );
    let yesterday = today - Duration::days(1);
    for open in &unclosed.appointments {
        assert_eq!(day_of(open), yesterday, "{at}: left open on {}", open.start);
    }
    let now = at.timestamp_millis();
    let over: Vec<&Appointment> = appointments.iter().filter(|a| a.end_ms <= now).collect();
    let attended = over
        .iter()
        .filter(|a| a.status == AppointmentStatus::Completed)
        .count();
    assert!(
        attended * 10 >= over.len() * 8,
        "{at}: {attended} of {} past visits attended",
        over.len()
    );
}

/// A Monday morning (nothing in the calendar's weeks is over yet), a Wednesday evening (the
/// close-out test's), a Sunday noon, and whatever instant the test command gives.
#[tokio::test]
async fn the_demo_diary_is_believable_whenever_it_is_made() {
    let instants = [
        Utc.with_ymd_and_hms(2026, 11, 16, 8, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 18, 20, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 6, 13, 11, 0, 0).unwrap(),
        demo_instant(),
    ];
    for at in instants {
        check_demo_at(at).await;
    }
}

/// A few visits that are over were missed or cancelled, and yesterday's last visits wait to be
/// closed out (the Wednesday evening of the close-out test).
#[tokio::test]
async fn the_demo_keeps_a_few_no_shows_and_leaves_yesterday_to_close() {
    let at = Utc.with_ymd_and_hms(2026, 11, 18, 20, 0, 0).unwrap();
    let world = World::at(at).await;
    let _: palma::settings::SetupStatus = world
        .call(Call::SetupStart(StartClinic::Demo))
        .await
        .unwrap();
    let unclosed: Unclosed = world
        .call(Call::AppointmentsUnclosed(UnclosedQuery::default()))
        .await
        .unwrap();
    assert!(unclosed.count >= 1, "yesterday's visits show the close-out");
    let missed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE status IN ('no_show', 'cancelled') AND end_ms <= $1",
    )
    .bind(at.timestamp_millis())
    .fetch_one(world.clinic.pool())
    .await
    .unwrap();
    assert!(missed >= 1, "some past visits were missed or cancelled");
}

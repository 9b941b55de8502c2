//! The demo clinic: three therapists, two rooms, six services, forty clients and two weeks of
//! appointments around today, made through the same operations as real use (so it is
//! validated and journaled like any other data). Deterministic for a given "today".

use crate::clients::{self, ClientInput};
use crate::clinic::Clinic;
use crate::error::{ApiResult, ErrorCode};
use crate::scheduling::appointments::{self, BookAppointment};
use crate::scheduling::changes::{self, CancelAppointment};
use crate::scheduling::{self, PractitionerInput, RoomInput, ServiceInput};
use crate::settings::{self, ClinicSettings};
use crate::staff::Actor;
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub fn settings() -> ClinicSettings {
    ClinicSettings {
        name: "Riverside Massage & Movement".into(),
        address: "12 Mill Lane\nYork YO1 7HH".into(),
        phone: "+44 1904 555 012".into(),
        email: "hello@riverside-massage.example".into(),
        website: "riverside-massage.example".into(),
        time_zone: "Europe/London".into(),
        currency: "GBP".into(),
        late_cancel_hours: 24,
    }
}

const THERAPISTS: [(&str, &str); 3] = [
    ("Maya Patel", "#2f7d6d"),
    ("Tom Okafor", "#6a57a5"),
    ("Hannah Berg", "#b5602c"),
];

const ROOMS: [&str; 2] = ["Willow room", "Cedar room"];

/// name, minutes, turnover minutes, price in pence, colour
const SERVICES: [(&str, i32, i32, i64, &str); 6] = [
    ("Initial assessment and treatment", 75, 15, 7500, "#3b7ea1"),
    ("Deep tissue massage", 60, 15, 6500, "#2f7d6d"),
    ("Sports massage", 45, 15, 5500, "#a0522d"),
    ("Swedish relaxation massage", 60, 15, 6000, "#7b68ae"),
    ("Myofascial release", 60, 15, 6500, "#4f7942"),
    ("Pregnancy massage", 60, 15, 6500, "#c0607a"),
];

const CLIENTS: [(&str, &str, &str); 40] = [
    ("Zoë", "Łukasiewicz-Ørsted", "Zoë"),
    ("Minh Khai", "Nguyễn Thị", ""),
    ("Siobhán", "O'Connell", ""),
    ("José", "Álvarez", "Pepe"),
    ("Amara", "Okonkwo", ""),
    ("Oliver", "Hughes", "Ollie"),
    ("Priya", "Raman", ""),
    ("Liam", "Fitzgerald", ""),
    ("Chloé", "Dubois", ""),
    ("Mohammed", "Al-Sayed", ""),
    ("Grace", "Thompson", ""),
    ("Henrik", "Lindqvist", ""),
    ("Aisha", "Bello", ""),
    ("Daniel", "Cohen", "Dan"),
    ("Mei", "Chen", ""),
    ("Rhys", "Morgan", ""),
    ("Fatima", "Rahman", ""),
    ("Jakub", "Nowak", "Kuba"),
    ("Eleanor", "Clarke", "Ellie"),
    ("Kwame", "Mensah", ""),
    ("Sofia", "Rossi", ""),
    ("Callum", "MacLeod", ""),
    ("Yuki", "Tanaka", ""),
    ("Isabel", "Fernández", "Isa"),
    ("Noah", "Williams", ""),
    ("Anika", "Sharma", ""),
    ("Ruairí", "Byrne", ""),
    ("Helen", "Baker", ""),
    ("Tariq", "Hussain", ""),
    ("Ingrid", "Solberg", ""),
    ("Marcus", "Reid", ""),
    ("Leah", "Goldberg", ""),
    ("Emeka", "Eze", ""),
    ("Charlotte", "Evans", "Lottie"),
    ("Björn", "Svensson", ""),
    ("Nadia", "Petrova", ""),
    ("George", "Wright", ""),
    ("Hana", "Novák", ""),
    ("Samuel", "Adeyemi", "Sam"),
    ("Ruth", "Campbell", ""),
];

/// Start times a therapist's day is made of (clinic wall clock).
const DAY_SLOTS: [&str; 6] = ["09:00", "10:30", "12:00", "14:00", "15:30", "17:00"];

const CANCEL_REASONS: [&str; 3] = ["Client unwell", "Work commitment", "Travel disruption"];

/// Fills a freshly set-up clinic. Returns how many appointments were booked.
pub async fn fill(clinic: &Clinic, actor: &Actor) -> ApiResult<usize> {
    let mut rng = StdRng::seed_from_u64(0x9a1a);
    let tz = settings::load(clinic.pool()).await?.tz();
    let mut therapists = Vec::new();
    for (name, colour) in THERAPISTS {
        let input = PractitionerInput {
            id: None,
            display_name: name.into(),
            colour: colour.into(),
            active: true,
        };
        therapists.push(
            scheduling::save_practitioner(clinic, actor, input)
                .await?
                .id,
        );
    }
    let mut rooms = Vec::new();
    for name in ROOMS {
        rooms.push(
            scheduling::save_room(
                clinic,
                actor,
                RoomInput {
                    id: None,
                    name: name.into(),
                    room_type: String::new(),
                    active: true,
                },
            )
            .await?
            .id,
        );
    }
    let mut services = Vec::new();
    for (name, duration_min, buffer_min, price_minor, colour) in SERVICES {
        let input = ServiceInput {
            id: None,
            name: name.into(),
            duration_min,
            buffer_min,
            price_minor,
            colour: colour.into(),
            room_type: String::new(),
            practitioner_ids: Vec::new(),
            active: true,
        };
        services.push(scheduling::save_service(clinic, actor, input).await?.id);
    }
    let mut clients = Vec::new();
    for (n, (given, family, preferred)) in CLIENTS.iter().enumerate() {
        let input = ClientInput {
            given_name: (*given).into(),
            family_name: (*family).into(),
            preferred_name: (*preferred).into(),
            date_of_birth: format!(
                "{}-{:02}-{:02}",
                1950 + (n * 7) % 52,
                1 + n % 12,
                1 + (n * 3) % 28
            ),
            phone: format!("07700 900{n:03}"),
            email: format!("client{n:02}@example.org"),
            ..ClientInput::default()
        };
        clients.push(clients::create(clinic, actor, input).await?.id);
    }

    let today = clinic.now().with_timezone(&tz).date_naive();
    let monday = today - Duration::days(today.weekday().num_days_from_monday().into());
    let mut booked = 0;
    for day in (0..14).map(|d| monday + Duration::days(d)) {
        if day.weekday().num_days_from_monday() == 6 {
            continue; // closed on Sundays
        }
        for therapist in &therapists {
            booked += book_day(
                clinic, actor, &mut rng, day, today, therapist, &rooms, &services, &clients,
            )
            .await?;
        }
    }
    Ok(booked)
}

#[allow(clippy::too_many_arguments)]
async fn book_day(
    clinic: &Clinic,
    actor: &Actor,
    rng: &mut StdRng,
    day: NaiveDate,
    today: NaiveDate,
    therapist: &str,
    rooms: &[String],
    services: &[String],
    clients: &[String],
) -> ApiResult<usize> {
    let mut booked = 0;
    for slot in DAY_SLOTS {
        if !rng.random_bool(0.7) {
            continue;
        }
        let request = BookAppointment {
            client_id: clients[rng.random_range(0..clients.len())].clone(),
            service_id: services[rng.random_range(0..services.len())].clone(),
            practitioner_id: therapist.to_owned(),
            room_id: rooms[rng.random_range(0..rooms.len())].clone(),
            start: format!("{day}T{slot}"),
            override_reason: None,
        };
        // Try the other room when the first is taken; skip the slot when both are.
        let mut result = appointments::book(clinic, actor, request.clone()).await;
        if matches!(&result, Err(e) if e.code == ErrorCode::Conflict) {
            let other = rooms
                .iter()
                .find(|r| **r != request.room_id)
                .cloned()
                .unwrap_or_default();
            result = appointments::book(
                clinic,
                actor,
                BookAppointment {
                    room_id: other,
                    ..request
                },
            )
            .await;
        }
        let appointment = match result {
            Ok(appointment) => appointment,
            Err(error) if error.code == ErrorCode::Conflict => continue,
            Err(error) => return Err(error),
        };
        booked += 1;
        if day >= today && rng.random_bool(0.06) {
            let reason = CANCEL_REASONS[rng.random_range(0..CANCEL_REASONS.len())];
            changes::cancel(
                clinic,
                actor,
                CancelAppointment {
                    id: appointment.id,
                    reason: reason.into(),
                    scope: None,
                },
            )
            .await?;
        }
    }
    Ok(booked)
}

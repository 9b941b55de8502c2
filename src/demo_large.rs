//! The large demo clinic, for speed work: 12 therapists, 6 rooms, 40,000 clients and about
//! 300,000 appointments over ten years (the last four weeks ahead of today, partly free).
//!
//! Set-up records go through the ordinary operations; clients and appointments are written with
//! multi-row inserts in a few large transactions, journaled once per batch (not per row). The
//! timetable is collision-free by construction: six therapists work 06:00–14:00 and six
//! 14:00–22:00, Monday to Saturday, each in their own room, in hourly 45-minute appointments
//! with 15 minutes' turnover; the clients of simultaneous appointments always differ.

use crate::audit::{Entry, WriteTx};
use crate::clients::{Client, search_key};
use crate::clinic::{Clinic, new_id};
use crate::error::ApiResult;
use crate::scheduling::hours::{TherapistHours, WeeklyBlock, save_therapist_hours};
use crate::scheduling::{self, PractitionerInput, RoomInput, ServiceInput};
use crate::settings::{self, SettingsInput, StartClinic};
use crate::staff::{Actor, Desk, NewStaff};
use chrono::{Datelike, Duration, LocalResult, TimeZone};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub const CLIENTS: usize = 40_000;
const THERAPISTS: usize = 12;
const ROOMS: usize = 6;
const YEARS_DAYS: i64 = 3652;
const AHEAD_DAYS: i64 = 28;
/// Rows per multi-row insert, and inserts per transaction.
const BATCH: usize = 500;
const BATCHES_PER_TX: usize = 40;

const GIVEN: [&str; 24] = [
    "Zoë", "Amara", "Oliver", "Priya", "Liam", "Chloé", "Mohammed", "Grace", "Henrik", "Aisha",
    "Daniel", "Mei", "Rhys", "Fatima", "Jakub", "Eleanor", "Kwame", "Sofia", "Siobhán", "José",
    "Björn", "Nadia", "Martin", "Marta",
];
const FAMILY: [&str; 24] = [
    "Łukasiewicz",
    "Nguyễn",
    "O'Connell",
    "Álvarez",
    "Okonkwo",
    "Hughes",
    "Raman",
    "Fitzgerald",
    "Dubois",
    "Al-Sayed",
    "Thompson",
    "Lindqvist",
    "Bello",
    "Cohen",
    "Chen",
    "Morgan",
    "Rahman",
    "Nowak",
    "Clarke",
    "Mensah",
    "Rossi",
    "MacLeod",
    "Martínez",
    "Svensson",
];

/// What the generator wrote.
pub struct LargeDemo {
    pub clients: usize,
    pub appointments: usize,
}

pub async fn create(clinic: &Clinic, actor: &Actor) -> ApiResult<LargeDemo> {
    let settings = SettingsInput {
        name: "Riverside Massage & Movement (large)".into(),
        address: "12 Mill Lane\nYork YO1 7HH".into(),
        phone: "+44 1904 555 012".into(),
        email: "hello@riverside-massage.example".into(),
        website: String::new(),
        time_zone: "Europe/London".into(),
        currency: "GBP".into(),
        late_cancel_hours: 24,
        shared_care: None,
    };
    let owner = NewStaff {
        display_name: "Clinic owner".into(),
        username: "owner".into(),
        password: "palma-large-demo".into(),
    };
    let desk = Desk::system(actor.clone());
    settings::start(clinic, &desk, StartClinic::Empty { settings, owner }).await?;
    let mut rooms = Vec::new();
    for n in 0..ROOMS {
        let input = RoomInput {
            id: None,
            name: format!("Room {}", n + 1),
            room_type: String::new(),
            active: true,
        };
        rooms.push(scheduling::save_room(clinic, actor, input).await?.id);
    }
    let mut therapists = Vec::new();
    for n in 0..THERAPISTS {
        let input = PractitionerInput {
            id: None,
            display_name: format!(
                "{} {}",
                GIVEN[n * 2 % GIVEN.len()],
                FAMILY[(n * 5 + 3) % FAMILY.len()]
            ),
            colour: "#2f7d6d".into(),
            active: true,
        };
        let id = scheduling::save_practitioner(clinic, actor, input)
            .await?
            .id;
        let (start, end) = if n < ROOMS {
            ("06:00", "14:00")
        } else {
            ("14:00", "22:00")
        };
        let weekly = (1..=6)
            .map(|weekday| WeeklyBlock {
                weekday,
                start: start.into(),
                end: end.into(),
            })
            .collect();
        let hours = TherapistHours {
            practitioner_id: id.clone(),
            weekly,
            breaks: Vec::new(),
            time_off: Vec::new(),
            day_changes: Vec::new(),
        };
        save_therapist_hours(clinic, actor, hours).await?;
        therapists.push(id);
    }
    let mut services = Vec::new();
    for (name, colour) in [
        ("Deep tissue massage", "#2f7d6d"),
        ("Sports massage", "#a0522d"),
        ("Myofascial release", "#4f7942"),
    ] {
        let input = ServiceInput {
            id: None,
            name: name.into(),
            duration_min: 45,
            buffer_min: 15,
            price_minor: 6000,
            colour: colour.into(),
            room_type: String::new(),
            practitioner_ids: Vec::new(),
            active: true,
        };
        services.push(scheduling::save_service(clinic, actor, input).await?.id);
    }
    let clients = insert_clients(clinic, actor).await?;
    let appointments =
        insert_appointments(clinic, actor, &therapists, &rooms, &services, &clients).await?;
    Ok(LargeDemo {
        clients: clients.len(),
        appointments,
    })
}

/// Writes rows in batches of [`BATCH`], [`BATCHES_PER_TX`] batches to a transaction, one
/// journal line per batch. `columns` are the insert's column names; each row gives its values.
async fn bulk<R>(
    clinic: &Clinic,
    actor: &Actor,
    table: &'static str,
    columns: &'static [&'static str],
    rows: &[R],
    bind: impl for<'q> Fn(
        sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
        &R,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
) -> ApiResult<()> {
    let width = columns.len();
    let statement = |count: usize| {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        for row in 0..count {
            let marks: Vec<String> = (1..=width)
                .map(|c| format!("${}", row * width + c))
                .collect();
            sql.push_str(if row == 0 { "(" } else { ", (" });
            sql.push_str(&marks.join(", "));
            sql.push(')');
        }
        sql
    };
    for (tx_index, chunk) in rows.chunks(BATCH * BATCHES_PER_TX).enumerate() {
        let mut tx = WriteTx::begin(clinic, actor).await?;
        for (batch_index, batch) in chunk.chunks(BATCH).enumerate() {
            // Built only from the table and column literals and placeholder numbers.
            let sql = statement(batch.len());
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in batch {
                query = bind(query, row);
            }
            query.execute(tx.conn()).await?;
            tx.record(Entry {
                action: "bulk_create",
                entity: table,
                entity_id: &format!("demo-batch-{tx_index}-{batch_index}"),
                client_id: None,
                detail: format!("rows={}", batch.len()),
            })
            .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn insert_clients(clinic: &Clinic, actor: &Actor) -> ApiResult<Vec<String>> {
    let at = clinic.now().timestamp_millis();
    let clients: Vec<Client> = (0..CLIENTS)
        .map(|n| Client {
            id: new_id(),
            given_name: GIVEN[n % GIVEN.len()].into(),
            family_name: format!("{}{}", FAMILY[(n / GIVEN.len()) % FAMILY.len()], suffix(n)),
            date_of_birth: Some(format!(
                "{}-{:02}-{:02}",
                1940 + n % 65,
                1 + n % 12,
                1 + n % 28
            )),
            phone: format!("07700 9{n:05}"),
            email: format!("client{n}@example.org"),
            ..Client::default()
        })
        .collect();
    const COLUMNS: &[&str] = &[
        "id",
        "given_name",
        "family_name",
        "preferred_name",
        "date_of_birth",
        "phone",
        "email",
        "search_key",
        "folded_name",
        "created_at",
        "updated_at",
    ];
    bulk(clinic, actor, "clients", COLUMNS, &clients, |q, c| {
        let folded = format!(
            "{} {}",
            crate::matching::fold(&c.given_name),
            crate::matching::fold(&c.family_name)
        );
        q.bind(c.id.clone())
            .bind(c.given_name.clone())
            .bind(c.family_name.clone())
            .bind(String::new())
            .bind(c.date_of_birth.clone())
            .bind(c.phone.clone())
            .bind(c.email.clone())
            .bind(search_key(c))
            .bind(folded)
            .bind(at)
            .bind(at)
    })
    .await?;
    Ok(clients.into_iter().map(|c| c.id).collect())
}

/// Family names repeat every 576 clients; a short suffix keeps 40,000 people distinct.
fn suffix(n: usize) -> String {
    let round = n / (GIVEN.len() * FAMILY.len());
    if round == 0 {
        String::new()
    } else {
        format!("-{}", FAMILY[round % FAMILY.len()])
    }
}

struct Row {
    id: String,
    client: usize,
    service: usize,
    therapist: usize,
    start_ms: i64,
    status: &'static str,
}

async fn insert_appointments(
    clinic: &Clinic,
    actor: &Actor,
    therapists: &[String],
    rooms: &[String],
    services: &[String],
    clients: &[String],
) -> ApiResult<usize> {
    let tz = settings::load(clinic.pool()).await?.tz();
    let mut rng = StdRng::seed_from_u64(0x1a79e);
    let now = clinic.now();
    let today = now.with_timezone(&tz).date_naive();
    let first = today - Duration::days(YEARS_DAYS - AHEAD_DAYS);
    let mut rows = Vec::new();
    let mut hour_index = 0usize;
    for offset in 0..YEARS_DAYS {
        let day = first + Duration::days(offset);
        if day.weekday().number_from_monday() == 7 {
            continue;
        }
        for hour in 6..22u32 {
            hour_index += 1;
            let naive = day.and_hms_opt(hour, 0, 0).unwrap_or_default();
            let start = match tz.from_local_datetime(&naive) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
                LocalResult::None => continue,
            };
            let future = start > now;
            for room in 0..ROOMS {
                if future && rng.random_bool(0.4) {
                    continue;
                }
                let therapist = if hour < 14 { room } else { ROOMS + room };
                let roll: f64 = rng.random();
                let status = match (future, roll) {
                    (_, r) if r < 0.05 => "cancelled",
                    (false, r) if r < 0.07 => "no_show",
                    (false, _) => "completed",
                    (true, _) => "booked",
                };
                rows.push(Row {
                    id: new_id(),
                    client: (hour_index * ROOMS + room) % clients.len(),
                    service: rng.random_range(0..services.len()),
                    therapist,
                    start_ms: start.timestamp_millis(),
                    status,
                });
            }
        }
    }
    let at = now.timestamp_millis();
    const COLUMNS: &[&str] = &[
        "id",
        "client_id",
        "service_id",
        "practitioner_id",
        "room_id",
        "start_ms",
        "end_ms",
        "block_end_ms",
        "status",
        "cancel_reason",
        "late_cancel",
        "created_at",
        "updated_at",
    ];
    bulk(clinic, actor, "appointments", COLUMNS, &rows, |q, r| {
        let cancelled = r.status == "cancelled";
        q.bind(r.id.clone())
            .bind(clients[r.client].clone())
            .bind(services[r.service].clone())
            .bind(therapists[r.therapist].clone())
            .bind(rooms[r.therapist % ROOMS].clone())
            .bind(r.start_ms)
            .bind(r.start_ms + 45 * 60_000)
            .bind(r.start_ms + 60 * 60_000)
            .bind(r.status)
            .bind(cancelled.then(|| "Client unwell".to_owned()))
            .bind(0i32)
            .bind(at)
            .bind(at)
    })
    .await?;
    Ok(rows.len())
}

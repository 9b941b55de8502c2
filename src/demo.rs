//! The demo clinic: an owner, a receptionist and three therapists with fixed sign-in details,
//! two rooms, six services, forty clients and two weeks of appointments around today, made
//! through the same operations as real use (so it is validated and journaled like any other
//! data). Deterministic for a given "today".
//!
//! The demo's sign-in details are shown on its start screen through `setup.demo_accounts`,
//! which answers only while the clinic is the demo (a flag set when the demo is created), so a
//! real clinic never advertises any password.

use crate::api::NoArgs;
use crate::audit::WriteTx;
use crate::clients::{self, ClientInput};
use crate::clinic::{Clinic, new_id};
use crate::documents::PrintOptions;
use crate::documents::history::{self, IssueAftercare};
use crate::error::ApiResult;
use crate::handouts::programme::{self, AftercareNotes, AssignHandout};
use crate::handouts::{self, HandoutFilter};
use crate::scheduling::appointments::{Appointment, AppointmentStatus};
use crate::scheduling::{self, PractitionerInput, RoomInput, ServiceInput};
use crate::settings::{self, ClinicSettings};
use crate::staff::accounts::{self, Parsed};
use crate::staff::{Actor, NewStaff, Role, passwords};
use chrono::{Datelike, Duration};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::HashSet;
use ts_rs::TS;

mod diary;
use diary::Diary;

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
        has_logo: false,
        shared_care: false,
    }
}

const THERAPISTS: [(&str, &str); 3] = [
    ("Maya Patel", "#2f7d6d"),
    ("Tom Okafor", "#6a57a5"),
    ("Hannah Berg", "#b5602c"),
];

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "palma-demo";

/// Sign-in details of one demo account, for the demo's start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccount {
    pub display_name: String,
    pub username: String,
    pub password: String,
    pub pin: String,
    pub roles: Vec<Role>,
}

/// name, username, PIN, roles; therapists are the first three and link to THERAPISTS in order.
const ACCOUNTS: [(&str, &str, &str, Role); 5] = [
    ("Maya Patel", "maya", "3333", Role::Therapist),
    ("Tom Okafor", "tom", "4444", Role::Therapist),
    ("Hannah Berg", "hannah", "5555", Role::Therapist),
    ("Rosa Lindgren", "owner", "1111", Role::Owner),
    ("Sam Whitaker", "reception", "2222", Role::Reception),
];
const OWNER: usize = 3;

/// The demo's sign-in details, or none when this clinic is not the demo.
pub async fn accounts(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<Vec<DemoAccount>> {
    let row = sqlx::query("SELECT demo_accounts FROM security_settings WHERE id = 1")
        .fetch_one(clinic.pool())
        .await?;
    if row.try_get::<i32, _>("demo_accounts")? == 0 {
        return Ok(Vec::new());
    }
    let mut list: Vec<_> = ACCOUNTS
        .iter()
        .map(|(name, username, pin, role)| DemoAccount {
            display_name: (*name).into(),
            username: (*username).into(),
            password: DEMO_PASSWORD.into(),
            pin: (*pin).into(),
            roles: vec![*role],
        })
        .collect();
    list.rotate_left(OWNER); // owner and reception first
    Ok(list)
}

/// The demo owner with its hashed password and PIN (made with the clinic at set-up).
pub(crate) async fn prepare_owner(clinic: &Clinic) -> ApiResult<(NewStaff, String, String)> {
    let (name, username, pin, _) = ACCOUNTS[OWNER];
    let owner = NewStaff {
        display_name: name.into(),
        username: username.into(),
        password: DEMO_PASSWORD.into(),
    };
    let hash = passwords::hash(clinic.hash_cost(), DEMO_PASSWORD).await?;
    let pin = passwords::hash(clinic.hash_cost(), pin).await?;
    Ok((owner, hash, pin))
}

/// The receptionist and the therapists' accounts, each therapist linked to their calendar.
/// Returns the therapists' staff ids, in the order of `therapists`.
async fn create_staff(
    clinic: &Clinic,
    actor: &Actor,
    therapists: &[String],
) -> ApiResult<Vec<String>> {
    let mut therapist_accounts = Vec::new();
    for (n, (name, username, pin, role)) in ACCOUNTS.iter().enumerate() {
        if n == OWNER {
            continue;
        }
        let account = Parsed {
            display_name: (*name).into(),
            username: (*username).into(),
            roles: vec![*role],
            practitioner_id: therapists
                .get(n)
                .filter(|_| *role == Role::Therapist)
                .cloned(),
            active: true,
        };
        let hash = passwords::hash(clinic.hash_cost(), DEMO_PASSWORD).await?;
        let pin = passwords::hash(clinic.hash_cost(), pin).await?;
        let id = new_id();
        let mut tx = WriteTx::begin(clinic, actor).await?;
        accounts::insert(&mut tx, &id, &account, &hash, Some(&pin)).await?;
        tx.commit().await?;
        if account.practitioner_id.is_some() {
            therapist_accounts.push(id);
        }
    }
    Ok(therapist_accounts)
}

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

/// Positions in `SERVICES` that the diary and the courses of care book by kind.
pub(crate) mod service {
    pub const INITIAL: usize = 0;
    /// The massages anyone may be booked for run from here up to (not including) pregnancy.
    pub const FIRST_MASSAGE: usize = 1;
    pub const SPORTS: usize = 2;
    pub const SWEDISH: usize = 3;
    pub const MYOFASCIAL: usize = 4;
    pub const PREGNANCY: usize = 5;
}

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

/// For each service (same order as `SERVICES`): what the sheet says was worked on, and the
/// handouts a therapist typically gives after it.
const SELF_CARE: [(&str, [&str; 3]); 6] = [
    (
        "We talked through your history and goals, then eased tight muscles in your neck and shoulders.",
        ["chin-tuck", "desk-micro-breaks", "soreness-after-massage"],
    ),
    (
        "We worked slowly and firmly on the muscles of your upper back and neck.",
        [
            "neck-side-stretch",
            "tennis-ball-shoulder-blade",
            "water-and-rest-after-massage",
        ],
    ),
    (
        "We loosened your thighs and calves after training.",
        [
            "foam-roller-thighs",
            "calf-wall-stretch",
            "returning-to-activity",
        ],
    ),
    (
        "A calm, whole-body massage to help you unwind.",
        [
            "belly-breathing",
            "wind-down-routine",
            "gentle-movement-day-after",
        ],
    ),
    (
        "We released tight tissue around your lower back and hips.",
        ["cat-cow", "seated-twist", "warm-pack-low-back"],
    ),
    (
        "Gentle side-lying massage for your back and hips.",
        [
            "sleeping-positions-low-back",
            "four-six-breathing",
            "water-and-rest-after-massage",
        ],
    ),
];

/// How many of the most recent visits get a printed aftercare sheet in the demo.
const SHEETS_ISSUED: usize = 6;

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
    let staff_ids = create_staff(clinic, actor, &therapists).await?;
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
            date_of_birth: crate::care::demo::born_on(n).unwrap_or_else(|| {
                format!(
                    "{}-{:02}-{:02}",
                    1950 + (n * 7) % 52,
                    1 + n % 12,
                    1 + (n * 3) % 28
                )
            }),
            phone: format!("07700 900{n:03}"),
            email: format!("client{n:02}@example.org"),
            ..ClientInput::default()
        };
        clients.push(clients::create(clinic, actor, input).await?.id);
    }

    let today = clinic.now().with_timezone(&tz).date_naive();
    let monday = today - Duration::days(today.weekday().num_days_from_monday().into());
    // Each course is booked with a therapist's calendar and written by that therapist's own
    // account, so the records are theirs (see `care::access`).
    let named: Vec<crate::care::demo::Clinician> = therapists
        .iter()
        .zip(&staff_ids)
        .zip(THERAPISTS)
        .map(
            |((practitioner, staff), (name, _))| crate::care::demo::Clinician {
                practitioner: practitioner.clone(),
                staff: staff.clone(),
                name: name.to_owned(),
            },
        )
        .collect();
    let in_care =
        crate::care::demo::fill(clinic, actor, &named, &rooms, &services, &clients, monday).await?;
    let mut diary = Diary {
        rooms: &rooms,
        services: &services,
        clients: &clients,
        expecting: crate::care::demo::expecting,
        seen: (0..in_care).collect(),
        visits: HashSet::new(),
        booked: Vec::new(),
    };
    for day in (0..14).map(|d| monday + Duration::days(d)) {
        for therapist in &therapists {
            diary
                .book_day(clinic, actor, &mut rng, day, today, therapist)
                .await?;
        }
    }
    diary
        .close_past(clinic, actor, &mut rng, today - Duration::days(1))
        .await?;
    let mut booked = diary.booked;
    let count = booked.len();
    plan_self_care(clinic, actor, &mut booked, &services).await?;
    Ok(count)
}

/// Gives the past week's visits a self-care programme, and prints the latest visits' sheets.
async fn plan_self_care(
    clinic: &Clinic,
    actor: &Actor,
    booked: &mut [Appointment],
    services: &[String],
) -> ApiResult<()> {
    let now = clinic.now().timestamp_millis();
    let week_ago = now - 7 * 24 * 3_600_000;
    let library = handouts::list(clinic, actor, HandoutFilter::default()).await?;
    let slug_id = |slug: &str| {
        library
            .iter()
            .find(|h| h.slug == slug)
            .map(|h| h.id.clone())
    };
    booked.sort_by_key(|a| std::cmp::Reverse(a.start_ms));
    let past = booked.iter().filter(|a| {
        a.status == AppointmentStatus::Completed && a.start_ms < now && a.start_ms > week_ago
    });
    for (n, visit) in past.enumerate() {
        let Some(kind) = services.iter().position(|s| *s == visit.service_id) else {
            continue;
        };
        let (worked_on, slugs) = SELF_CARE[kind];
        let notes = AftercareNotes {
            appointment_id: visit.id.clone(),
            worked_on: worked_on.into(),
            what_to_expect: String::new(),
        };
        programme::set_notes(clinic, actor, notes).await?;
        for slug in slugs.iter().take(2 + n % 2) {
            let Some(handout_id) = slug_id(slug) else {
                continue;
            };
            let item = AssignHandout {
                appointment_id: visit.id.clone(),
                handout_id,
                dosage: None,
                personal_note: String::new(),
            };
            programme::assign(clinic, actor, item).await?;
        }
        if n < SHEETS_ISSUED {
            let issue = IssueAftercare {
                appointment_id: visit.id.clone(),
                options: PrintOptions::default(),
            };
            history::issue_aftercare(clinic, actor, issue).await?;
        }
    }
    Ok(())
}

//! The test world: a clinic on a fresh database, a fixed clock, and typed calls.

use chrono::{DateTime, TimeZone, Utc};
use palma::api::{Call, NoArgs, Origin, dispatch_from};
use palma::clients::ClientInput;
use palma::clock::FixedClock;
use palma::db::Engine;
use palma::scheduling::{PractitionerInput, RoomInput, ServiceInput};
use palma::settings::{SettingsInput, StartClinic};
use palma::staff::{Actor, Desk, NewStaff, Role};
use palma::{ApiError, Clinic};
use serde::de::DeserializeOwned;
use std::sync::Arc;

pub struct World {
    pub clinic: Clinic,
    pub owner: Actor,
    pub clock: Arc<FixedClock>,
    _dir: Option<tempfile::TempDir>,
}

/// Wednesday 18 November 2026, 09:00 UTC (09:00 in London).
pub fn start_of_tests() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// When the demo journeys run: `PALMA_NOW` (RFC 3339) when set — the test command runs them at
/// several instants, since the demo clinic is generated around its clock's today — else the
/// fixed start of every other test.
pub fn demo_instant() -> DateTime<Utc> {
    match std::env::var("PALMA_NOW") {
        Ok(at) => DateTime::parse_from_rfc3339(&at)
            .unwrap_or_else(|e| panic!("PALMA_NOW must be an RFC 3339 instant ({e})"))
            .with_timezone(&Utc),
        Err(_) => start_of_tests(),
    }
}

impl World {
    pub async fn new() -> Self {
        Self::at(start_of_tests()).await
    }

    /// A world for the demo clinic, on the day `demo_instant` says.
    pub async fn for_demo() -> Self {
        Self::at(demo_instant()).await
    }

    pub async fn at(start: DateTime<Utc>) -> Self {
        let clock = Arc::new(FixedClock::new(start));
        let (url, dir) = match std::env::var("PALMA_TEST_POSTGRES") {
            Ok(server) => (fresh_postgres_database(&server).await, None),
            Err(_) => {
                let dir = tempfile::tempdir().unwrap();
                (
                    palma::db::sqlite_url(&dir.path().join("palma.sqlite")),
                    Some(dir),
                )
            }
        };
        let clinic = Clinic::open(&url, clock.clone(), "test-desk")
            .await
            .unwrap()
            .with_light_password_hashing();
        Self {
            clinic,
            owner: Actor::builtin_owner(),
            clock,
            _dir: dir,
        }
    }

    /// The SQLite database file (none on PostgreSQL).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        self._dir
            .as_ref()
            .map(|dir| dir.path().join("palma.sqlite"))
    }

    pub fn engine(&self) -> Engine {
        self.clinic.engine()
    }

    /// Calls an operation as the owner and reads the reply as `T`.
    pub async fn call<T: DeserializeOwned>(&self, call: Call) -> Result<T, ApiError> {
        self.call_as(&self.owner, call).await
    }

    /// Calls an operation at a desk where `actor` has just signed in. The built-in owner is
    /// not an account: it acts as the command line does, at a system desk (a window's desk
    /// signs out anyone whose account is gone).
    pub async fn call_as<T: DeserializeOwned>(
        &self,
        actor: &Actor,
        call: Call,
    ) -> Result<T, ApiError> {
        let desk = if *actor == Actor::builtin_owner() {
            Desk::system(actor.clone())
        } else {
            Desk::signed_in(actor.clone(), self.clinic.now())
        };
        self.call_at(&desk, call).await
    }

    /// A real staff account holding just `role` (no calendar linked), acting as it.
    pub async fn account(&self, role: Role) -> Actor {
        let n = self.count("staff").await;
        let name = format!("{role:?} {n}");
        self.new_account(&name, role, None).await
    }

    /// Creates a staff account as the owner does on the staff screen, and acts as it.
    async fn new_account(&self, name: &str, role: Role, practitioner_id: Option<&str>) -> Actor {
        let account: palma::staff::StaffMember = self
            .call(Call::StaffSave(palma::staff::StaffInput {
                id: None,
                display_name: name.into(),
                username: name.to_lowercase().replace(' ', "."),
                roles: vec![role],
                practitioner_id: practitioner_id.map(str::to_owned),
                new_column: None,
                active: true,
                password: Some("a-long-password".into()),
            }))
            .await
            .unwrap();
        Actor {
            staff_id: account.id,
            display_name: account.display_name,
            roles: account.roles,
        }
    }

    /// Calls an operation at a given desk (window), as whoever is signed in there.
    pub async fn call_at<T: DeserializeOwned>(
        &self,
        desk: &Desk,
        call: Call,
    ) -> Result<T, ApiError> {
        self.call_from(desk, call, Origin::Person).await
    }

    /// Calls an operation at a given desk, as a person's action or as the window refreshing
    /// by itself.
    pub async fn call_from<T: DeserializeOwned>(
        &self,
        desk: &Desk,
        call: Call,
        origin: Origin,
    ) -> Result<T, ApiError> {
        let reply = dispatch_from(&self.clinic, desk, call, origin).await?;
        Ok(serde_json::from_str(reply.get()).expect("reply matches its declared type"))
    }

    /// A clinic in London with two therapists, two rooms, two services and three clients.
    pub async fn small_clinic(&self) -> Fixture {
        self.clinic_in("Europe/London").await
    }

    /// The same clinic in another time zone.
    pub async fn clinic_in(&self, time_zone: &str) -> Fixture {
        self.set_up(time_zone).await;
        let therapist = |name: &str| PractitionerInput {
            id: None,
            display_name: name.into(),
            colour: "#2f7d6d".into(),
            active: true,
        };
        let maya: palma::scheduling::Practitioner = self
            .call(Call::PractitionersSave(therapist("Maya Patel")))
            .await
            .unwrap();
        let tom: palma::scheduling::Practitioner = self
            .call(Call::PractitionersSave(therapist("Tom Okafor")))
            .await
            .unwrap();
        let room = |name: &str| RoomInput {
            id: None,
            name: name.into(),
            room_type: String::new(),
            active: true,
        };
        let willow: palma::scheduling::Room = self
            .call(Call::RoomsSave(room("Willow room")))
            .await
            .unwrap();
        let cedar: palma::scheduling::Room = self
            .call(Call::RoomsSave(room("Cedar room")))
            .await
            .unwrap();
        let service = |name: &str, minutes: i32, buffer: i32| ServiceInput {
            id: None,
            name: name.into(),
            duration_min: minutes,
            buffer_min: buffer,
            price_minor: 6500,
            colour: "#3b7ea1".into(),
            room_type: String::new(),
            practitioner_ids: Vec::new(),
            active: true,
        };
        let deep: palma::scheduling::Service = self
            .call(Call::ServicesSave(service("Deep tissue massage", 60, 15)))
            .await
            .unwrap();
        let sports: palma::scheduling::Service = self
            .call(Call::ServicesSave(service("Sports massage", 45, 0)))
            .await
            .unwrap();
        let mut clients = Vec::new();
        for (given, family) in [
            ("Zoë", "Łukasiewicz-Ørsted"),
            ("Minh Khai", "Nguyễn Thị"),
            ("Oliver", "Hughes"),
        ] {
            clients.push(self.client(given, family).await.id);
        }
        Fixture {
            maya: maya.id,
            tom: tom.id,
            willow: willow.id,
            cedar: cedar.id,
            deep: deep.id,
            sports: sports.id,
            clients,
        }
    }

    pub async fn set_up(&self, time_zone: &str) {
        let settings = test_settings(time_zone);
        let _: palma::settings::SetupStatus = self
            .call(Call::SetupStart(StartClinic::Empty {
                settings,
                owner: test_owner(),
            }))
            .await
            .unwrap();
    }

    pub async fn client(&self, given: &str, family: &str) -> palma::clients::Client {
        let n = self.count("clients").await;
        self.call(Call::ClientsCreate(ClientInput {
            given_name: given.into(),
            family_name: family.into(),
            phone: format!("07700 900{n:03}"),
            ..ClientInput::default()
        }))
        .await
        .unwrap()
    }

    /// A therapist's real staff account, linked to the bookable practitioner `practitioner_id`
    /// (as the owner sets it up on the staff screen), acting as that therapist.
    /// Made once per practitioner: a second call returns the same account.
    pub async fn therapist(&self, name: &str, practitioner_id: &str) -> Actor {
        let existing: Option<(String, String)> =
            sqlx::query_as("SELECT id, display_name FROM staff WHERE practitioner_id = $1")
                .bind(practitioner_id)
                .fetch_optional(self.clinic.pool())
                .await
                .unwrap();
        if let Some((staff_id, display_name)) = existing {
            return Actor {
                staff_id,
                display_name,
                roles: vec![Role::Therapist],
            };
        }
        self.new_account(name, Role::Therapist, Some(practitioner_id))
            .await
    }

    /// Maya Patel's account, linked to her calendar in the small clinic.
    pub async fn maya(&self, f: &Fixture) -> Actor {
        self.therapist("Maya Patel", &f.maya).await
    }

    /// Maya's account, with `client` booked in with her (a first visit next Wednesday) unless the client already has an appointment with her: the client is hers.
    pub async fn maya_for(&self, f: &Fixture, client: &str) -> Actor {
        let booked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM appointments WHERE client_id = $1 AND practitioner_id = $2",
        )
        .bind(client)
        .bind(&f.maya)
        .fetch_one(self.clinic.pool())
        .await
        .unwrap();
        if booked == 0 {
            let n = f.clients.iter().position(|c| c == client).unwrap_or(0);
            let start = format!("2026-11-25T{:02}:00", 9 + 2 * n);
            self.book_with(f, client, &f.maya, &start).await;
        }
        self.maya(f).await
    }

    /// The owner turns shared care on or off (the other settings stay as they are).
    pub async fn set_shared_care(&self, on: bool) {
        let now: palma::settings::ClinicSettings =
            self.call(Call::SettingsGet(NoArgs {})).await.unwrap();
        let saved: palma::settings::ClinicSettings = self
            .call(Call::SettingsUpdate(SettingsInput {
                name: now.name,
                address: now.address,
                phone: now.phone,
                email: now.email,
                website: now.website,
                time_zone: now.time_zone,
                currency: now.currency,
                late_cancel_hours: now.late_cancel_hours,
                shared_care: Some(on),
            }))
            .await
            .unwrap();
        assert_eq!(saved.shared_care, on);
    }

    /// Books `client` with `practitioner` (deep tissue, Willow room) at a clinic wall-clock
    /// time `YYYY-MM-DDTHH:MM`; returns the appointment id.
    pub async fn book_with(
        &self,
        f: &Fixture,
        client: &str,
        practitioner: &str,
        start: &str,
    ) -> String {
        let booked: palma::scheduling::appointments::Appointment = self
            .call(Call::AppointmentsBook(
                palma::scheduling::appointments::BookAppointment {
                    override_reason: None,
                    client_id: client.into(),
                    service_id: f.deep.clone(),
                    practitioner_id: practitioner.into(),
                    room_id: f.willow.clone(),
                    start: start.into(),
                },
            ))
            .await
            .unwrap();
        booked.id
    }

    /// Rows in a table, read directly (to prove nothing was written half-way).
    pub async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
            .fetch_one(self.clinic.pool())
            .await
            .unwrap()
    }

    pub async fn status(&self) -> palma::settings::SetupStatus {
        self.call(Call::SetupStatus(NoArgs {})).await.unwrap()
    }
}

/// The settings every test clinic starts with.
pub fn test_settings(time_zone: &str) -> SettingsInput {
    SettingsInput {
        name: "Test Clinic".into(),
        address: String::new(),
        phone: String::new(),
        email: String::new(),
        website: String::new(),
        time_zone: time_zone.into(),
        currency: "GBP".into(),
        late_cancel_hours: 24,
        shared_care: None,
    }
}

/// The owner account every test clinic starts with.
pub fn test_owner() -> NewStaff {
    NewStaff {
        display_name: "Olive Owner".into(),
        username: "olive".into(),
        password: "olive-password".into(),
    }
}

pub struct Fixture {
    pub maya: String,
    pub tom: String,
    pub willow: String,
    pub cedar: String,
    pub deep: String,
    pub sports: String,
    pub clients: Vec<String>,
}

async fn fresh_postgres_database(server: &str) -> String {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let name = format!("palma_test_{}", palma::clinic::new_id().replace('-', ""));
    let admin = sqlx::AnyPool::connect(server)
        .await
        .expect("PostgreSQL test server reachable");
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    admin.close().await;
    let (base, _) = server
        .rsplit_once('/')
        .expect("server URL ends with /database");
    format!("{base}/{name}")
}

//! Therapists (practitioners), rooms and services: what a booking is made of.

use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::settings;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};
use ts_rs::TS;

/// The columns [`service_from`] reads.
macro_rules! select_service {
    () => {
        "SELECT id, name, duration_min, buffer_min, price_minor, currency, colour, room_type, \
         active FROM services"
    };
}
pub(crate) use select_service;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Practitioner {
    pub id: String,
    pub display_name: String,
    pub colour: String,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PractitionerInput {
    /// Absent to create, present to change.
    #[ts(optional)]
    pub id: Option<String>,
    pub display_name: String,
    pub colour: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Room {
    pub id: String,
    pub name: String,
    /// What kind of room it is (e.g. "treatment", "hydro"); empty when it has no particular type.
    pub room_type: String,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub room_type: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub id: String,
    pub name: String,
    pub duration_min: i32,
    /// Turnover time after the appointment during which therapist and room stay held.
    pub buffer_min: i32,
    /// Integer minor units (pence, cents) of `currency`.
    pub price_minor: i64,
    pub currency: String,
    pub colour: String,
    /// The room type the service needs; empty when any room will do.
    pub room_type: String,
    /// The therapists who offer it; empty when every therapist does.
    pub practitioner_ids: Vec<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub name: String,
    pub duration_min: i32,
    pub buffer_min: i32,
    pub price_minor: i64,
    pub colour: String,
    #[serde(default)]
    pub room_type: String,
    #[serde(default)]
    pub practitioner_ids: Vec<String>,
    pub active: bool,
}

fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    Ok(row.try_get::<i32, _>(column)? != 0)
}

fn practitioner_from(row: &AnyRow) -> Result<Practitioner, sqlx::Error> {
    Ok(Practitioner {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        colour: row.try_get("colour")?,
        active: flag(row, "active")?,
    })
}

fn room_from(row: &AnyRow) -> Result<Room, sqlx::Error> {
    Ok(Room {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        room_type: row.try_get("room_type")?,
        active: flag(row, "active")?,
    })
}

pub(crate) fn service_from(row: &AnyRow) -> Result<Service, sqlx::Error> {
    Ok(Service {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        duration_min: row.try_get("duration_min")?,
        buffer_min: row.try_get("buffer_min")?,
        price_minor: row.try_get("price_minor")?,
        currency: row.try_get("currency")?,
        colour: row.try_get("colour")?,
        room_type: row.try_get("room_type")?,
        practitioner_ids: Vec::new(),
        active: flag(row, "active")?,
    })
}

async fn list<T>(
    conn: impl sqlx::AnyExecutor<'_>,
    sql: &'static str,
    map: fn(&AnyRow) -> Result<T, sqlx::Error>,
) -> ApiResult<Vec<T>> {
    let rows = sqlx::query(sql).fetch_all(conn).await?;
    Ok(rows.iter().map(map).collect::<Result<_, _>>()?)
}

/// Every therapist, active ones first, in the clinic's order.
const PRACTITIONERS: &str = "SELECT id, display_name, colour, active FROM practitioners \
                             ORDER BY active DESC, sort_order, display_name";
/// Every room, active ones first, in the clinic's order.
const ROOMS: &str = "SELECT id, name, room_type, active FROM rooms \
                     ORDER BY active DESC, sort_order, name";

pub async fn list_practitioners(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<Vec<Practitioner>> {
    list(clinic.pool(), PRACTITIONERS, practitioner_from).await
}

pub async fn list_rooms(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<Vec<Room>> {
    list(clinic.pool(), ROOMS, room_from).await
}

/// Every therapist, room and service (id, name, colour), read on a connection the caller
/// already holds: the calendar names its appointments from these and shows the active ones.
pub(crate) struct CalendarResources {
    pub practitioners: Vec<Practitioner>,
    pub rooms: Vec<Room>,
    pub services: Vec<(String, String, String)>,
}

pub(crate) async fn calendar_resources(
    conn: &mut sqlx::AnyConnection,
) -> ApiResult<CalendarResources> {
    let practitioners = list(&mut *conn, PRACTITIONERS, practitioner_from).await?;
    let rooms = list(&mut *conn, ROOMS, room_from).await?;
    let services = list(&mut *conn, "SELECT id, name, colour FROM services", |row| {
        Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
    })
    .await?;
    Ok(CalendarResources {
        practitioners,
        rooms,
        services,
    })
}

pub async fn list_services(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<Vec<Service>> {
    let mut services = list(
        clinic.pool(),
        concat!(select_service!(), " ORDER BY active DESC, name"),
        service_from,
    )
    .await?;
    let offered = sqlx::query(
        "SELECT sp.service_id, sp.practitioner_id FROM service_practitioners sp \
         JOIN practitioners p ON p.id = sp.practitioner_id ORDER BY p.sort_order, p.display_name",
    )
    .fetch_all(clinic.pool())
    .await?;
    for row in &offered {
        let service_id: String = row.try_get("service_id")?;
        if let Some(service) = services.iter_mut().find(|s| s.id == service_id) {
            service
                .practitioner_ids
                .push(row.try_get("practitioner_id")?);
        }
    }
    Ok(services)
}

/// The therapists who offer a service; empty when every therapist does.
pub(crate) async fn offered_by(
    conn: &mut sqlx::AnyConnection,
    service_id: &str,
) -> ApiResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT practitioner_id FROM service_practitioners WHERE service_id = $1",
    )
    .bind(service_id)
    .fetch_all(conn)
    .await?)
}

type AnyQuery<'q> = Query<'q, Any, AnyArguments>;

/// One record's save: `$1` is the id in both statements, the rest bound by `bind` in the same
/// order for both, and the last parameter is the time of the write.
struct Save<'a> {
    entity: &'static str,
    id: Option<&'a str>,
    insert: &'static str,
    update: &'static str,
}

impl Save<'_> {
    async fn run(
        self,
        clinic: &Clinic,
        actor: &Actor,
        bind: impl for<'q> Fn(AnyQuery<'q>) -> AnyQuery<'q>,
    ) -> ApiResult<String> {
        let mut tx = WriteTx::begin(clinic, actor).await?;
        let id = self.write(&mut tx, bind).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The save inside a caller's transaction, for records with parts in other tables.
    async fn write(
        self,
        tx: &mut WriteTx,
        bind: impl for<'q> Fn(AnyQuery<'q>) -> AnyQuery<'q>,
    ) -> ApiResult<String> {
        let (id, sql, action) = match self.id {
            Some(id) => (fields::id("id", id)?, self.update, "update"),
            None => (new_id(), self.insert, "create"),
        };
        let at = tx.at_ms();
        let done = bind(sqlx::query(sql).bind(id.clone()))
            .bind(at)
            .execute(tx.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(ApiError::not_found(self.entity));
        }
        tx.record(Entry {
            action,
            entity: self.entity,
            entity_id: &id,
            client_id: None,
            detail: String::new(),
        })
        .await?;
        Ok(id)
    }
}

pub async fn save_practitioner(
    clinic: &Clinic,
    actor: &Actor,
    args: PractitionerInput,
) -> ApiResult<Practitioner> {
    let mut problems = fields::Problems::default();
    let display_name = problems.take(fields::required_line(
        "displayName",
        "Name",
        &args.display_name,
        80,
    ));
    let colour = problems.take(fields::colour("colour", &args.colour));
    let (display_name, colour) = problems.settle(|| Some((display_name?, colour?)))?;
    let save = Save {
        entity: "practitioner",
        id: args.id.as_deref(),
        insert: "INSERT INTO practitioners (id, display_name, colour, active, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
        update: "UPDATE practitioners SET display_name = $2, colour = $3, active = $4, updated_at = $5 \
                 WHERE id = $1",
    };
    let id = save
        .run(clinic, actor, |q| {
            q.bind(display_name.clone())
                .bind(colour.clone())
                .bind(i32::from(args.active))
        })
        .await?;
    Ok(Practitioner {
        id,
        display_name,
        colour,
        active: args.active,
    })
}

/// Colours a new diary column made from the Staff screen gets, in turn (the owner can change it
/// in Settings).
const COLUMN_COLOURS: [&str; 6] = [
    "#2f7d6d", "#3b7ea1", "#a0522d", "#7b68ae", "#4f7942", "#c0607a",
];

/// A new, active diary column named as the therapist it is for, inside the caller's write (a
/// new staff member and their column are saved together or not at all); its id.
pub(crate) async fn create_column(tx: &mut WriteTx, display_name: &str) -> ApiResult<String> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM practitioners")
        .fetch_one(tx.conn())
        .await?;
    let colour = COLUMN_COLOURS[usize::try_from(count).unwrap_or(0) % COLUMN_COLOURS.len()];
    let id = new_id();
    sqlx::query(
        "INSERT INTO practitioners (id, display_name, colour, active, created_at, updated_at) \
         VALUES ($1, $2, $3, 1, $4, $4)",
    )
    .bind(&id)
    .bind(display_name)
    .bind(colour)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "create",
        entity: "practitioner",
        entity_id: &id,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    Ok(id)
}

pub async fn save_room(clinic: &Clinic, actor: &Actor, args: RoomInput) -> ApiResult<Room> {
    let mut problems = fields::Problems::default();
    let name = problems.take(fields::required_line("name", "Room name", &args.name, 80));
    let room_type = problems.take(room_type("roomType", &args.room_type));
    let (name, room_type) = problems.settle(|| Some((name?, room_type?)))?;
    let save = Save {
        entity: "room",
        id: args.id.as_deref(),
        insert: "INSERT INTO rooms (id, name, room_type, active, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
        update: "UPDATE rooms SET name = $2, room_type = $3, active = $4, updated_at = $5 \
                 WHERE id = $1",
    };
    let id = save
        .run(clinic, actor, |q| {
            q.bind(name.clone())
                .bind(room_type.clone())
                .bind(i32::from(args.active))
        })
        .await?;
    Ok(Room {
        id,
        name,
        room_type,
        active: args.active,
    })
}

pub async fn save_service(
    clinic: &Clinic,
    actor: &Actor,
    args: ServiceInput,
) -> ApiResult<Service> {
    let checked = ServiceFields::check(&args)?;
    let ServiceFields {
        name,
        duration_min,
        buffer_min,
        price_minor,
        colour,
        room_type,
        mut practitioner_ids,
    } = checked;
    practitioner_ids.sort();
    practitioner_ids.dedup();
    let currency = settings::load(clinic.pool()).await?.currency;
    let save = Save {
        entity: "service",
        id: args.id.as_deref(),
        insert: "INSERT INTO services (id, name, duration_min, buffer_min, price_minor, currency, colour, \
                 room_type, active, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        update: "UPDATE services SET name = $2, duration_min = $3, buffer_min = $4, price_minor = $5, \
                 currency = $6, colour = $7, room_type = $8, active = $9, updated_at = $10 WHERE id = $1",
    };
    let (duration, buffer) = (narrow(duration_min), narrow(buffer_min));
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let id = save
        .write(&mut tx, |q| {
            q.bind(name.clone())
                .bind(duration)
                .bind(buffer)
                .bind(price_minor)
                .bind(currency.clone())
                .bind(colour.clone())
                .bind(room_type.clone())
                .bind(i32::from(args.active))
        })
        .await?;
    sqlx::query("DELETE FROM service_practitioners WHERE service_id = $1")
        .bind(&id)
        .execute(tx.conn())
        .await?;
    for practitioner_id in &practitioner_ids {
        let known = sqlx::query("SELECT id FROM practitioners WHERE id = $1")
            .bind(practitioner_id)
            .fetch_optional(tx.conn())
            .await?;
        if known.is_none() {
            return Err(ApiError::validation(
                "practitionerIds",
                "One of those therapists does not exist.",
            ));
        }
        sqlx::query(
            "INSERT INTO service_practitioners (service_id, practitioner_id) VALUES ($1, $2)",
        )
        .bind(&id)
        .bind(practitioner_id)
        .execute(tx.conn())
        .await?;
    }
    tx.commit().await?;
    Ok(Service {
        id,
        name,
        duration_min: duration,
        buffer_min: buffer,
        price_minor,
        currency,
        colour,
        room_type,
        practitioner_ids,
        active: args.active,
    })
}

/// A service's fields, checked whole (every problem in one error).
struct ServiceFields {
    name: String,
    duration_min: i64,
    buffer_min: i64,
    price_minor: i64,
    colour: String,
    room_type: String,
    practitioner_ids: Vec<String>,
}

impl ServiceFields {
    fn check(args: &ServiceInput) -> ApiResult<Self> {
        let mut problems = fields::Problems::default();
        let name = problems.take(fields::required_line(
            "name",
            "Service name",
            &args.name,
            80,
        ));
        let duration_min = problems.take(fields::within(
            "durationMin",
            "Duration (minutes)",
            args.duration_min.into(),
            5..=480,
        ));
        let buffer_min = problems.take(fields::within(
            "bufferMin",
            "Turnover time (minutes)",
            args.buffer_min.into(),
            0..=120,
        ));
        let price_minor = problems.take(fields::within(
            "priceMinor",
            "Price",
            args.price_minor,
            0..=100_000_000,
        ));
        let colour = problems.take(fields::colour("colour", &args.colour));
        let room_type = problems.take(room_type("roomType", &args.room_type));
        let practitioner_ids = problems.take(
            args.practitioner_ids
                .iter()
                .map(|id| fields::id("practitionerIds", id))
                .collect::<ApiResult<Vec<_>>>(),
        );
        problems.settle(|| {
            Some(Self {
                name: name?,
                duration_min: duration_min?,
                buffer_min: buffer_min?,
                price_minor: price_minor?,
                colour: colour?,
                room_type: room_type?,
                practitioner_ids: practitioner_ids?,
            })
        })
    }
}

/// A room type as typed by the owner: one short line, compared case-insensitively.
fn room_type(field: &str, raw: &str) -> ApiResult<String> {
    Ok(fields::optional_line(field, "Room type", raw, 40)?.to_lowercase())
}

/// A value already checked to lie within a small range.
fn narrow(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

//! Clinic settings (name, contact details, time zone, currency) and first-run set-up.

use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::demo;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicSettings {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// IANA time zone, e.g. `Europe/London`: day boundaries and recurrences are computed in it.
    pub time_zone: String,
    /// ISO 4217 code; prices are integer minor units of it.
    pub currency: String,
    /// A cancellation closer than this to the start is flagged as late.
    pub late_cancel_hours: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    pub time_zone: String,
    pub currency: String,
    pub late_cancel_hours: i32,
}

/// First run: start with the demo clinic, or with an empty clinic of one's own.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum StartClinic {
    Demo,
    Empty { settings: SettingsInput },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupStatus {
    pub configured: bool,
    pub clinic_name: Option<String>,
}

impl ClinicSettings {
    pub fn tz(&self) -> Tz {
        // Stored values were validated on the way in; UTC is the safe reading otherwise.
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }
}

impl SettingsInput {
    fn parse(&self) -> ApiResult<ClinicSettings> {
        let time_zone = self.time_zone.trim();
        if time_zone.parse::<Tz>().is_err() {
            return Err(ApiError::validation(
                "timeZone",
                "Time zone should be a place name like Europe/London.",
            ));
        }
        let currency = self.currency.trim().to_ascii_uppercase();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(ApiError::validation(
                "currency",
                "Currency should be a code like GBP.",
            ));
        }
        Ok(ClinicSettings {
            name: fields::required_line("name", "Clinic name", &self.name, 120)?,
            address: fields::multiline("address", "Address", &self.address, 400)?,
            phone: fields::phone("phone", &self.phone)?,
            email: fields::email("email", &self.email)?,
            website: fields::optional_line("website", "Website", &self.website, 200)?,
            time_zone: time_zone.to_owned(),
            currency,
            late_cancel_hours: i32::try_from(fields::within(
                "lateCancelHours",
                "Late-cancellation notice (hours)",
                i64::from(self.late_cancel_hours),
                0..=168,
            )?)
            .unwrap_or(24),
        })
    }
}

fn from_row(row: &AnyRow) -> Result<ClinicSettings, sqlx::Error> {
    Ok(ClinicSettings {
        name: row.try_get("name")?,
        address: row.try_get("address")?,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        website: row.try_get("website")?,
        time_zone: row.try_get("time_zone")?,
        currency: row.try_get("currency")?,
        late_cancel_hours: row.try_get("late_cancel_hours")?,
    })
}

const SELECT: &str = "SELECT name, address, phone, email, website, time_zone, currency, \
                      late_cancel_hours FROM clinic_settings WHERE id = 1";

/// The clinic's settings, or `None` before first-run set-up.
pub async fn find(conn: impl sqlx::AnyExecutor<'_>) -> ApiResult<Option<ClinicSettings>> {
    let row = sqlx::query(SELECT).fetch_optional(conn).await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// The clinic's settings; an error before set-up.
pub async fn load(conn: impl sqlx::AnyExecutor<'_>) -> ApiResult<ClinicSettings> {
    find(conn)
        .await?
        .ok_or_else(|| ApiError::conflict("The clinic has not been set up yet."))
}

pub async fn status(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<SetupStatus> {
    let settings = find(clinic.pool()).await?;
    Ok(SetupStatus {
        configured: settings.is_some(),
        clinic_name: settings.map(|s| s.name),
    })
}

pub async fn start(clinic: &Clinic, actor: &Actor, args: StartClinic) -> ApiResult<SetupStatus> {
    let settings = match &args {
        StartClinic::Demo => demo::settings(),
        StartClinic::Empty { settings } => settings.parse()?,
    };
    let mut tx = WriteTx::begin(clinic, actor).await?;
    if find(tx.conn()).await?.is_some() {
        return Err(ApiError::conflict("This clinic has already been set up."));
    }
    write(&mut tx, &settings, "create").await?;
    crate::handouts::seed_library(&mut tx, &actor.staff_id).await?;
    tx.commit().await?;
    if matches!(args, StartClinic::Demo) {
        demo::fill(clinic, actor).await?;
    }
    Ok(SetupStatus {
        configured: true,
        clinic_name: Some(settings.name),
    })
}

pub async fn get(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<ClinicSettings> {
    load(clinic.pool()).await
}

pub async fn update(
    clinic: &Clinic,
    actor: &Actor,
    args: SettingsInput,
) -> ApiResult<ClinicSettings> {
    let settings = args.parse()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    load(tx.conn()).await?;
    write(&mut tx, &settings, "update").await?;
    tx.commit().await?;
    Ok(settings)
}

async fn write(tx: &mut WriteTx, settings: &ClinicSettings, action: &str) -> ApiResult<()> {
    let at = tx.at_ms();
    sqlx::query(
        "INSERT INTO clinic_settings (id, name, address, phone, email, website, time_zone, currency, \
         late_cancel_hours, updated_at) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (id) DO UPDATE SET name = $1, address = $2, phone = $3, email = $4, \
         website = $5, time_zone = $6, currency = $7, late_cancel_hours = $8, updated_at = $9",
    )
    .bind(&settings.name)
    .bind(&settings.address)
    .bind(&settings.phone)
    .bind(&settings.email)
    .bind(&settings.website)
    .bind(&settings.time_zone)
    .bind(&settings.currency)
    .bind(settings.late_cancel_hours)
    .bind(at)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action,
        entity: "settings",
        entity_id: "clinic",
        client_id: None,
        detail: String::new(),
    })
    .await
}

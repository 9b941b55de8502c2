//! Clinic settings (name, contact details, time zone, currency) and first-run set-up.

use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::clinic::new_id;
use crate::demo;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::{Actor, Desk, NewStaff, accounts};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

pub mod checklist;
pub mod choices;

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
    /// Whether a letterhead logo is set (see `settings.logo`).
    pub has_logo: bool,
    /// Shared care: every therapist may open every client's clinical record. Off by default:
    /// a therapist opens only their own clients' records (see `care::access`).
    pub shared_care: bool,
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
    /// Shared care on or off; absent keeps the stored setting (off for a new clinic).
    #[serde(default)]
    #[ts(optional)]
    pub shared_care: Option<bool>,
}

/// First run: start with the demo clinic, or with an empty clinic of one's own.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[allow(clippy::large_enum_variant)] // sent once per clinic; boxing would only add noise
pub enum StartClinic {
    Demo,
    /// An empty clinic and its first owner account (signed in at this window once made).
    Empty {
        settings: SettingsInput,
        owner: NewStaff,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupStatus {
    pub configured: bool,
    pub clinic_name: Option<String>,
    /// The clinic exists but has no staff account yet (a database from before accounts):
    /// the start screen asks for the owner's account (`setup.create_owner`).
    pub needs_owner: bool,
}

impl ClinicSettings {
    pub fn tz(&self) -> Tz {
        // Stored values were validated on the way in; UTC is the safe reading otherwise.
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }
}

impl SettingsInput {
    /// The settings checked whole: every field's problem in one error.
    fn parse(&self) -> ApiResult<ClinicSettings> {
        let mut problems = fields::Problems::default();
        let name = problems.take(fields::required_line(
            "name",
            "Clinic name",
            &self.name,
            120,
        ));
        let time_zone = problems.take(choices::time_zone("timeZone", &self.time_zone));
        let currency = problems.take(choices::currency("currency", &self.currency));
        let phone = problems.take(fields::phone("phone", &self.phone));
        let email = problems.take(fields::email("email", &self.email));
        let website = problems.take(fields::optional_line(
            "website",
            "Website",
            &self.website,
            200,
        ));
        let address = problems.take(fields::multiline("address", "Address", &self.address, 400));
        let late_cancel_hours = problems.take(fields::within(
            "lateCancelHours",
            "Late-cancellation notice (hours)",
            i64::from(self.late_cancel_hours),
            0..=168,
        ));
        problems.settle(|| {
            Some(ClinicSettings {
                name: name?,
                address: address?,
                phone: phone?,
                email: email?,
                website: website?,
                time_zone: time_zone?,
                currency: currency?,
                late_cancel_hours: i32::try_from(late_cancel_hours?).ok()?,
                has_logo: false,
                shared_care: self.shared_care.unwrap_or(false),
            })
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
        has_logo: row.try_get::<i32, _>("has_logo")? != 0,
        shared_care: row.try_get::<i32, _>("shared_care")? != 0,
    })
}

const SELECT: &str = "SELECT name, address, phone, email, website, time_zone, currency, \
                      late_cancel_hours, CASE WHEN logo_png = '' THEN 0 ELSE 1 END AS has_logo, \
                      shared_care FROM clinic_settings WHERE id = 1";

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
    let staff: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(clinic.pool())
        .await?;
    Ok(SetupStatus {
        configured: settings.is_some(),
        needs_owner: settings.is_some() && staff == 0,
        clinic_name: settings.map(|s| s.name),
    })
}

pub async fn start(clinic: &Clinic, desk: &Desk, args: StartClinic) -> ApiResult<SetupStatus> {
    // Everything is checked, and the password hashed, before the write begins.
    let (settings, owner, password_hash, pin_hash) = match &args {
        StartClinic::Demo => {
            let (owner, hash, pin) = demo::prepare_owner(clinic).await?;
            (demo::settings(), owner, hash, Some(pin))
        }
        StartClinic::Empty { settings, owner } => {
            // The clinic's and the owner's fields are one form: all their problems at once.
            let mut problems = fields::Problems::default();
            let settings = problems.take(settings.parse());
            problems.take(accounts::check_owner(owner));
            let settings = problems.settle(|| settings)?;
            let hash = accounts::prepare_owner(clinic, owner).await?;
            (settings, owner.clone(), hash, None)
        }
    };
    let owner_id = new_id();
    let actor = accounts::owner_actor(&owner_id, &owner);
    let mut tx = WriteTx::begin(clinic, &actor).await?;
    if find(tx.conn()).await?.is_some() {
        return Err(ApiError::conflict("This clinic has already been set up."));
    }
    write(&mut tx, &settings, "create").await?;
    accounts::create_owner(
        &mut tx,
        &owner_id,
        &owner,
        &password_hash,
        pin_hash.as_deref(),
    )
    .await?;
    if matches!(args, StartClinic::Demo) {
        sqlx::query("UPDATE security_settings SET demo_accounts = 1 WHERE id = 1")
            .execute(tx.conn())
            .await?;
    }
    crate::handouts::seed_library(&mut tx, &actor.staff_id).await?;
    tx.commit().await?;
    if matches!(args, StartClinic::Demo) {
        demo::fill(clinic, &actor).await?;
    } else {
        accounts::sign_in_new_owner(clinic, desk, &owner_id, &owner);
    }
    Ok(SetupStatus {
        configured: true,
        clinic_name: Some(settings.name),
        needs_owner: false,
    })
}

/// Creates the first owner of a clinic that has none (set up before staff accounts existed),
/// and signs this window in as them. Refused once any account exists.
pub async fn create_owner(clinic: &Clinic, desk: &Desk, owner: NewStaff) -> ApiResult<SetupStatus> {
    let hash = accounts::prepare_owner(clinic, &owner).await?;
    let owner_id = new_id();
    let actor = accounts::owner_actor(&owner_id, &owner);
    let mut tx = WriteTx::begin(clinic, &actor).await?;
    let settings = load(tx.conn()).await?;
    let staff: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(tx.conn())
        .await?;
    if staff > 0 {
        return Err(ApiError::conflict(
            "This clinic already has staff accounts; ask its owner.",
        ));
    }
    accounts::create_owner(&mut tx, &owner_id, &owner, &hash, None).await?;
    tx.commit().await?;
    accounts::sign_in_new_owner(clinic, desk, &owner_id, &owner);
    Ok(SetupStatus {
        configured: true,
        clinic_name: Some(settings.name),
        needs_owner: false,
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
    let mut settings = args.parse()?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let stored = load(tx.conn()).await?;
    settings.shared_care = args.shared_care.unwrap_or(stored.shared_care);
    write(&mut tx, &settings, "update").await?;
    if settings.shared_care != stored.shared_care {
        let state = if settings.shared_care { "on" } else { "off" };
        journal_change(&mut tx, "sharedCare", format!("sharedCare {state}")).await?;
    }
    // Read back: the logo is not part of the form, so the stored flag is the truth.
    let saved = load(tx.conn()).await?;
    tx.commit().await?;
    Ok(saved)
}

async fn write(tx: &mut WriteTx, settings: &ClinicSettings, action: &str) -> ApiResult<()> {
    let at = tx.at_ms();
    sqlx::query(
        "INSERT INTO clinic_settings (id, name, address, phone, email, website, time_zone, currency, \
         late_cancel_hours, updated_at, shared_care) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (id) DO UPDATE SET name = $1, address = $2, phone = $3, email = $4, \
         website = $5, time_zone = $6, currency = $7, late_cancel_hours = $8, updated_at = $9, \
         shared_care = $10",
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
    .bind(i32::from(settings.shared_care))
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

/// Journals a change to one part of the clinic's settings (desk policy, backups, retention).
pub(crate) async fn journal_change(tx: &mut WriteTx, part: &str, detail: String) -> ApiResult<()> {
    tx.record(Entry {
        action: "update",
        entity: "settings",
        entity_id: part,
        client_id: None,
        detail,
    })
    .await
}

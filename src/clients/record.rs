//! The client's contact record: create, read, change. Every write is journaled.

use super::search::search_key;
use crate::api::ById;
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::matching::fold;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Client {
    pub id: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    /// `YYYY-MM-DD`, or null when not recorded.
    pub date_of_birth: Option<String>,
    pub phone: String,
    pub email: String,
    pub notes_for_reception: String,
    pub address: String,
    pub emergency_contact_name: String,
    pub emergency_contact_phone: String,
    pub preferred_contact: ContactMethod,
    /// Short warnings reception must see when booking (e.g. "wheelchair user", "call, don't text").
    pub alerts: String,
}

/// How the client prefers to be contacted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    #[default]
    Unspecified,
    Phone,
    Sms,
    Email,
    Post,
}

impl ContactMethod {
    fn as_str(self) -> &'static str {
        match self {
            Self::Unspecified => "",
            Self::Phone => "phone",
            Self::Sms => "sms",
            Self::Email => "email",
            Self::Post => "post",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "phone" => Self::Phone,
            "sms" => Self::Sms,
            "email" => Self::Email,
            "post" => Self::Post,
            _ => Self::Unspecified,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientInput {
    pub given_name: String,
    pub family_name: String,
    #[serde(default)]
    pub preferred_name: String,
    /// `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub notes_for_reception: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub emergency_contact_name: String,
    #[serde(default)]
    pub emergency_contact_phone: String,
    #[serde(default)]
    pub preferred_contact: ContactMethod,
    #[serde(default)]
    pub alerts: String,
    /// Reception has checked a possible duplicate and it is a different person.
    #[serde(default)]
    pub confirmed_not_duplicate: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientUpdate {
    pub id: String,
    pub client: ClientInput,
}

impl ClientInput {
    /// Checks every field and returns the record to store (without its id); the error names
    /// every problem found (the first as its `field`).
    pub(crate) fn parse(&self, today: chrono::NaiveDate) -> ApiResult<Client> {
        self.check(today).map_err(|problems| {
            let all: fields::Problems = problems.into_iter().collect();
            all.finish().err().unwrap_or_else(ApiError::internal)
        })
    }

    /// Checks every field and returns the record to store (without its id), or every problem
    /// found, one per field, in form order (the CSV import's dry run lists them all).
    pub(crate) fn check(&self, today: chrono::NaiveDate) -> Result<Client, Vec<ApiError>> {
        let mut problems = Vec::new();
        let mut keep = |result: ApiResult<String>| {
            result.unwrap_or_else(|error| {
                problems.push(error);
                String::new()
            })
        };
        let given_name = keep(fields::required_line(
            "givenName",
            "First name",
            &self.given_name,
            80,
        ));
        let family_name = keep(fields::required_line(
            "familyName",
            "Last name",
            &self.family_name,
            80,
        ));
        let preferred_name = keep(fields::optional_line(
            "preferredName",
            "Preferred name",
            &self.preferred_name,
            80,
        ));
        let date_of_birth = keep(date_of_birth(&self.date_of_birth, today));
        let phone = keep(fields::phone("phone", &self.phone));
        let email = keep(fields::email("email", &self.email));
        let notes_for_reception = keep(fields::multiline(
            "notesForReception",
            "Notes for reception",
            &self.notes_for_reception,
            2000,
        ));
        let address = keep(fields::multiline("address", "Address", &self.address, 400));
        let emergency_contact_name = keep(fields::optional_line(
            "emergencyContactName",
            "Emergency contact",
            &self.emergency_contact_name,
            120,
        ));
        let emergency_contact_phone = keep(fields::phone(
            "emergencyContactPhone",
            &self.emergency_contact_phone,
        ));
        let alerts = keep(fields::optional_line("alerts", "Alerts", &self.alerts, 300));
        let unreachable = phone.is_empty()
            && email.is_empty()
            && !problems
                .iter()
                .any(|p| matches!(p.field.as_deref(), Some("phone" | "email")));
        if unreachable {
            problems.push(ApiError::validation(
                "phone",
                "Give a phone number or an email address, so the clinic can reach the client.",
            ));
        }
        if !problems.is_empty() {
            // Form order, so a field's problem shows where a person reads it.
            problems.sort_by_key(|p| {
                FORM_ORDER
                    .iter()
                    .position(|f| Some(*f) == p.field.as_deref())
            });
            return Err(problems);
        }
        Ok(Client {
            id: String::new(),
            given_name,
            family_name,
            preferred_name,
            date_of_birth: (!date_of_birth.is_empty()).then_some(date_of_birth),
            phone,
            email,
            notes_for_reception,
            address,
            emergency_contact_name,
            emergency_contact_phone,
            preferred_contact: self.preferred_contact,
            alerts,
        })
    }
}

/// The fields in the order the client form (and a CSV row) shows them.
const FORM_ORDER: [&str; 11] = [
    "givenName",
    "familyName",
    "preferredName",
    "dateOfBirth",
    "phone",
    "email",
    "notesForReception",
    "address",
    "emergencyContactName",
    "emergencyContactPhone",
    "alerts",
];

/// A date of birth as `YYYY-MM-DD`, or empty when not given.
fn date_of_birth(raw: &str, today: chrono::NaiveDate) -> ApiResult<String> {
    let Some(born) = fields::optional_date("dateOfBirth", "Date of birth", raw)? else {
        return Ok(String::new());
    };
    if born > today || born < today - chrono::Duration::days(130 * 366) {
        return Err(ApiError::validation(
            "dateOfBirth",
            "Date of birth must be in the past (and within 130 years).",
        ));
    }
    Ok(born.format("%Y-%m-%d").to_string())
}

pub(crate) fn client_from(row: &AnyRow) -> Result<Client, sqlx::Error> {
    Ok(Client {
        id: row.try_get("id")?,
        given_name: row.try_get("given_name")?,
        family_name: row.try_get("family_name")?,
        preferred_name: row.try_get("preferred_name")?,
        date_of_birth: row.try_get("date_of_birth")?,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        notes_for_reception: row.try_get("notes_for_reception")?,
        address: row.try_get("address")?,
        emergency_contact_name: row.try_get("emergency_contact_name")?,
        emergency_contact_phone: row.try_get("emergency_contact_phone")?,
        preferred_contact: ContactMethod::parse(&row.try_get::<String, _>("preferred_contact")?),
        alerts: row.try_get("alerts")?,
    })
}

const SELECT: &str = "SELECT id, given_name, family_name, preferred_name, date_of_birth, phone, \
                      email, notes_for_reception, address, emergency_contact_name, \
                      emergency_contact_phone, preferred_contact, alerts FROM clients WHERE id = $1";

pub async fn get(clinic: &Clinic, _actor: &Actor, args: ById) -> ApiResult<Client> {
    let id = fields::id("id", &args.id)?;
    let row = sqlx::query(SELECT)
        .bind(id)
        .fetch_optional(clinic.pool())
        .await?;
    row.as_ref()
        .map(client_from)
        .transpose()?
        .ok_or_else(|| ApiError::not_found("client"))
}

pub async fn create(clinic: &Clinic, actor: &Actor, args: ClientInput) -> ApiResult<Client> {
    let mut client = args.parse(today(clinic))?;
    client.id = new_id();
    let mut tx = WriteTx::begin(clinic, actor).await?;
    if !args.confirmed_not_duplicate {
        check_duplicate(tx.conn(), &client).await?;
    }
    insert(&mut tx, &client, "").await?;
    tx.commit().await?;
    Ok(client)
}

/// Writes a checked client (with its id) inside `tx` and journals it.
pub(crate) async fn insert(tx: &mut WriteTx, client: &Client, detail: &str) -> ApiResult<()> {
    let at = tx.at_ms();
    sqlx::query(
        "INSERT INTO clients (id, given_name, family_name, preferred_name, date_of_birth, phone, \
         email, notes_for_reception, search_key, created_at, updated_at, address, \
         emergency_contact_name, emergency_contact_phone, preferred_contact, alerts, folded_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(&client.id)
    .bind(&client.given_name)
    .bind(&client.family_name)
    .bind(&client.preferred_name)
    .bind(&client.date_of_birth)
    .bind(&client.phone)
    .bind(&client.email)
    .bind(&client.notes_for_reception)
    .bind(search_key(client))
    .bind(at)
    .bind(&client.address)
    .bind(&client.emergency_contact_name)
    .bind(&client.emergency_contact_phone)
    .bind(client.preferred_contact.as_str())
    .bind(&client.alerts)
    .bind(folded_name(client))
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "create",
        entity: "client",
        entity_id: &client.id,
        client_id: Some(&client.id),
        detail: detail.to_owned(),
    })
    .await
}

/// Today in UTC, for the date-of-birth check.
pub(crate) fn today(clinic: &Clinic) -> chrono::NaiveDate {
    clinic.now().date_naive()
}

pub async fn update(clinic: &Clinic, actor: &Actor, args: ClientUpdate) -> ApiResult<Client> {
    let mut client = args.client.parse(today(clinic))?;
    client.id = fields::id("id", &args.id)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let before = sqlx::query(SELECT)
        .bind(&client.id)
        .fetch_optional(tx.conn())
        .await?;
    let before = before
        .as_ref()
        .map(client_from)
        .transpose()?
        .ok_or_else(|| ApiError::not_found("client"))?;
    super::requests::ensure_not_erased(tx.conn(), &client.id).await?;
    let at = tx.at_ms();
    sqlx::query(
        "UPDATE clients SET given_name = $2, family_name = $3, preferred_name = $4, \
         date_of_birth = $5, phone = $6, email = $7, notes_for_reception = $8, search_key = $9, \
         updated_at = $10, address = $11, emergency_contact_name = $12, \
         emergency_contact_phone = $13, preferred_contact = $14, alerts = $15, folded_name = $16 \
         WHERE id = $1",
    )
    .bind(&client.id)
    .bind(&client.given_name)
    .bind(&client.family_name)
    .bind(&client.preferred_name)
    .bind(&client.date_of_birth)
    .bind(&client.phone)
    .bind(&client.email)
    .bind(&client.notes_for_reception)
    .bind(search_key(&client))
    .bind(at)
    .bind(&client.address)
    .bind(&client.emergency_contact_name)
    .bind(&client.emergency_contact_phone)
    .bind(client.preferred_contact.as_str())
    .bind(&client.alerts)
    .bind(folded_name(&client))
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "update",
        entity: "client",
        entity_id: &client.id,
        client_id: Some(&client.id),
        detail: changed_fields(&before, &client),
    })
    .await?;
    tx.commit().await?;
    Ok(client)
}

/// Given and family name, folded (case and accents ignored), for spotting duplicates.
fn folded_name(client: &Client) -> String {
    format!("{} {}", fold(&client.given_name), fold(&client.family_name))
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Refuses a new client who looks like one already on file: the same folded name and the same
/// date of birth, phone number or email. Names the field that matched; says nothing of the other.
async fn check_duplicate(conn: &mut sqlx::AnyConnection, client: &Client) -> ApiResult<()> {
    let rows =
        sqlx::query("SELECT date_of_birth, phone, email FROM clients WHERE folded_name = $1")
            .bind(folded_name(client))
            .fetch_all(conn)
            .await?;
    for row in &rows {
        let born: Option<String> = row.try_get("date_of_birth")?;
        let phone: String = row.try_get("phone")?;
        let email: String = row.try_get("email")?;
        let field = if client.date_of_birth.is_some() && born == client.date_of_birth {
            "dateOfBirth"
        } else if !client.phone.is_empty() && digits(&phone) == digits(&client.phone) {
            "phone"
        } else if !client.email.is_empty() && fold(&email) == fold(&client.email) {
            "email"
        } else {
            continue;
        };
        return Err(ApiError {
            field: Some(field.to_owned()),
            ..ApiError::conflict(
                "A client with the same name and details is already on file. Check it is not \
                 the same person; if it is not, confirm to create this one.",
            )
        });
    }
    Ok(())
}

/// Names (never values) of the fields an update changed, for the journal.
fn changed_fields(before: &Client, after: &Client) -> String {
    let pairs = [
        ("givenName", before.given_name == after.given_name),
        ("familyName", before.family_name == after.family_name),
        (
            "preferredName",
            before.preferred_name == after.preferred_name,
        ),
        ("dateOfBirth", before.date_of_birth == after.date_of_birth),
        ("phone", before.phone == after.phone),
        ("email", before.email == after.email),
        (
            "notesForReception",
            before.notes_for_reception == after.notes_for_reception,
        ),
        ("address", before.address == after.address),
        (
            "emergencyContactName",
            before.emergency_contact_name == after.emergency_contact_name,
        ),
        (
            "emergencyContactPhone",
            before.emergency_contact_phone == after.emergency_contact_phone,
        ),
        (
            "preferredContact",
            before.preferred_contact == after.preferred_contact,
        ),
        ("alerts", before.alerts == after.alerts),
    ];
    pairs
        .iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(",")
}

//! Staff accounts: who may sign in, with which roles, and the owner's management of them.
//! A person may hold several roles; a therapist account links to the bookable practitioner
//! (diary column) it is — one column to one person, and a new therapist can get a new column
//! in the same write — which is what makes a client "theirs" (`care::access`). The clinic always
//! keeps at least one active owner. A leaver is deactivated, never deleted: their name stays on
//! what they did. Passwords and PINs after creation are in `secrets.rs`.

use super::passwords;
use super::{Actor, Desk, Role};
use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::{Clinic, new_id};
use crate::error::{ApiError, ApiResult};
use crate::fields;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

/// The first account, made with the clinic at first run (always an owner).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewStaff {
    pub display_name: String,
    pub username: String,
    pub password: String,
}

/// A staff account as the owner's staff screen shows it (never a hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    pub id: String,
    pub display_name: String,
    pub username: String,
    pub roles: Vec<Role>,
    pub practitioner_id: Option<String>,
    pub active: bool,
    pub has_pin: bool,
    /// The owner reset the password: its holder must choose a new one before anything else.
    pub must_change_password: bool,
    /// Set while sign-in is refused after repeated failures (epoch ms).
    pub locked_until_ms: Option<i64>,
}

/// Creating (no `id`) or changing an account. A new account needs a password.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub display_name: String,
    pub username: String,
    pub roles: Vec<Role>,
    #[ts(optional)]
    pub practitioner_id: Option<String>,
    /// Link a new diary column, named as the person, made in the same write (instead of
    /// `practitionerId`).
    #[ts(optional)]
    pub new_column: Option<bool>,
    pub active: bool,
    /// Required when creating; ignored when changing (use `staff.set_password`).
    #[ts(optional)]
    pub password: Option<String>,
}

/// An account's checked fields.
pub(crate) struct Parsed {
    pub display_name: String,
    pub username: String,
    pub roles: Vec<Role>,
    pub practitioner_id: Option<String>,
    pub active: bool,
}

impl Parsed {
    /// The `is_owner`, `is_reception`, `is_therapist` column values.
    fn role_flags(&self) -> [i32; 3] {
        [Role::Owner, Role::Reception, Role::Therapist].map(|r| i32::from(self.roles.contains(&r)))
    }
}

pub(crate) fn username(raw: &str) -> ApiResult<String> {
    let text = raw.trim();
    let allowed = text
        .chars()
        .all(|c| c.is_alphanumeric() || "._-".contains(c));
    if !(3..=40).contains(&text.chars().count()) || !allowed {
        return Err(ApiError::validation(
            "username",
            "Username should be 3 to 40 letters, digits, dots, dashes or underscores.",
        ));
    }
    Ok(text.to_owned())
}

/// Passwords are taken as typed (not trimmed): 8 to 200 characters.
pub(crate) fn password(field: &str, raw: &str) -> ApiResult<String> {
    if !(8..=200).contains(&raw.chars().count()) {
        return Err(ApiError::validation(
            field,
            "Password should be 8 to 200 characters.",
        ));
    }
    Ok(raw.to_owned())
}

pub(crate) fn pin(field: &str, raw: &str) -> ApiResult<String> {
    if !(4..=8).contains(&raw.len()) || !raw.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::validation(field, "PIN should be 4 to 8 digits."));
    }
    Ok(raw.to_owned())
}

impl StaffInput {
    fn parse(&self) -> ApiResult<Parsed> {
        let mut problems = fields::Problems::default();
        let display_name = problems.take(fields::required_line(
            "displayName",
            "Name",
            &self.display_name,
            80,
        ));
        let username = problems.take(username(&self.username));
        let mut roles = Vec::new();
        for role in Role::ALL {
            if self.roles.contains(&role) {
                roles.push(role);
            }
        }
        if roles.is_empty() {
            problems.add("roles", "Choose at least one role.");
        }
        let practitioner_id = match self.practitioner_id.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(id) => problems.take(fields::id("practitionerId", id)).map(Some),
        };
        let new_column = self.new_column == Some(true);
        let linked = matches!(practitioner_id, Some(Some(_)));
        if new_column && linked {
            problems.add(
                "practitionerId",
                "Choose an existing diary column or a new one, not both.",
            );
        } else if (new_column || linked) && !roles.contains(&Role::Therapist) {
            problems.add(
                "practitionerId",
                "Only a therapist can be linked to a diary column.",
            );
        }
        problems.settle(|| {
            Some(Parsed {
                display_name: display_name?,
                username: username?,
                roles,
                practitioner_id: practitioner_id?,
                active: self.active,
            })
        })
    }
}

const COLUMNS: &str = "id, display_name, username, is_owner, is_reception, is_therapist, \
                       practitioner_id, active, CASE WHEN pin_hash IS NULL THEN 0 ELSE 1 END AS has_pin, \
                       must_change_password, locked_until_ms";

pub(crate) fn roles_from(row: &AnyRow) -> Result<Vec<Role>, sqlx::Error> {
    let mut roles = Vec::new();
    for (column, role) in [
        ("is_owner", Role::Owner),
        ("is_reception", Role::Reception),
        ("is_therapist", Role::Therapist),
    ] {
        if row.try_get::<i32, _>(column)? != 0 {
            roles.push(role);
        }
    }
    Ok(roles)
}

fn member_from(row: &AnyRow) -> Result<StaffMember, sqlx::Error> {
    let locked_until: i64 = row.try_get("locked_until_ms")?;
    Ok(StaffMember {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        username: row.try_get("username")?,
        roles: roles_from(row)?,
        practitioner_id: row.try_get("practitioner_id")?,
        active: row.try_get::<i32, _>("active")? != 0,
        has_pin: row.try_get::<i32, _>("has_pin")? != 0,
        must_change_password: row.try_get::<i32, _>("must_change_password")? != 0,
        locked_until_ms: (locked_until > 0).then_some(locked_until),
    })
}

pub(crate) async fn find(
    conn: impl sqlx::AnyExecutor<'_>,
    id: &str,
) -> ApiResult<Option<StaffMember>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM staff WHERE id = $1"));
    let row = sqlx::query(sql).bind(id).fetch_optional(conn).await?;
    Ok(row.as_ref().map(member_from).transpose()?)
}

pub async fn list(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<Vec<StaffMember>> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM staff ORDER BY active DESC, display_name"
    ));
    let rows = sqlx::query(sql).fetch_all(clinic.pool()).await?;
    Ok(rows.iter().map(member_from).collect::<Result<_, _>>()?)
}

/// Writes a new account inside `tx` (the caller has hashed the password outside it).
pub(crate) async fn insert(
    tx: &mut WriteTx,
    id: &str,
    account: &Parsed,
    password_hash: &str,
    pin_hash: Option<&str>,
) -> ApiResult<()> {
    let at = tx.at_ms();
    let [owner, reception, therapist] = account.role_flags();
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM staff WHERE username_key = $1")
        .bind(account.username.to_lowercase())
        .fetch_optional(tx.conn())
        .await?;
    if taken.is_some() {
        return Err(username_taken());
    }
    sqlx::query(
        "INSERT INTO staff (id, display_name, username, username_key, is_owner, is_reception, \
         is_therapist, practitioner_id, password_hash, pin_hash, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
    )
    .bind(id)
    .bind(&account.display_name)
    .bind(&account.username)
    .bind(account.username.to_lowercase())
    .bind(owner)
    .bind(reception)
    .bind(therapist)
    .bind(&account.practitioner_id)
    .bind(password_hash)
    .bind(pin_hash)
    .bind(i32::from(account.active))
    .bind(at)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "create",
        entity: "staff",
        entity_id: id,
        client_id: None,
        detail: roles_detail(&account.roles),
    })
    .await
}

fn username_taken() -> ApiError {
    ApiError::validation("username", "That username is already in use.")
}

fn roles_detail(roles: &[Role]) -> String {
    let names: Vec<_> = roles
        .iter()
        .map(|r| format!("{r:?}").to_lowercase())
        .collect();
    format!("roles {}", names.join(","))
}

pub async fn save(clinic: &Clinic, actor: &Actor, args: StaffInput) -> ApiResult<StaffMember> {
    let mut account = args.parse()?;
    let id = match args.id.as_deref() {
        Some(id) => Some(fields::id("id", id)?),
        None => None,
    };
    // Hash before the write begins: hashing is slow and must not hold the writers' lock.
    let new_hash = match (&id, args.password.as_deref()) {
        (None, Some(raw)) => {
            Some(passwords::hash(clinic.hash_cost(), &password("password", raw)?).await?)
        }
        (None, None) => {
            return Err(ApiError::validation(
                "password",
                "A new account needs a password.",
            ));
        }
        (Some(_), _) => None,
    };
    let mut tx = WriteTx::begin(clinic, actor).await?;
    if args.new_column == Some(true) {
        let column =
            crate::scheduling::resources::create_column(&mut tx, &account.display_name).await?;
        account.practitioner_id = Some(column);
    } else if let Some(practitioner) = &account.practitioner_id {
        check_column(&mut tx, practitioner, id.as_deref()).await?;
    }
    let (id, deactivated) = match (id, new_hash) {
        (None, Some(hash)) => {
            let id = new_id();
            insert(&mut tx, &id, &account, &hash, None).await?;
            (id, false)
        }
        (Some(id), _) => {
            let deactivated = update(&mut tx, &id, &account).await?;
            (id, deactivated)
        }
        (None, None) => return Err(ApiError::internal()),
    };
    let owners: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE is_owner = 1 AND active = 1")
            .fetch_one(tx.conn())
            .await?;
    if owners == 0 {
        return Err(if deactivated {
            ApiError::validation(
                "active",
                "This is the clinic's last active owner: make someone else an owner before deactivating them.",
            )
        } else {
            ApiError::validation(
                "roles",
                "This is the clinic's last active owner: make someone else an owner before removing the role.",
            )
        });
    }
    let saved = find(tx.conn(), &id).await?.ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok(saved)
}

/// Refuses a diary column that does not exist, or that is linked to someone other than
/// `staff_id` (one column is one person's: whose clients are whose depends on it).
async fn check_column(
    tx: &mut WriteTx,
    practitioner: &str,
    staff_id: Option<&str>,
) -> ApiResult<()> {
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM practitioners WHERE id = $1")
        .bind(practitioner)
        .fetch_optional(tx.conn())
        .await?;
    if exists.is_none() {
        return Err(ApiError::validation(
            "practitionerId",
            "That diary column no longer exists.",
        ));
    }
    let holder: Option<String> = sqlx::query_scalar(
        "SELECT display_name FROM staff WHERE practitioner_id = $1 AND id <> $2",
    )
    .bind(practitioner)
    .bind(staff_id.unwrap_or(""))
    .fetch_optional(tx.conn())
    .await?;
    match holder {
        Some(name) => Err(ApiError::validation(
            "practitionerId",
            format!("That diary column is already linked to {name}'s sign-in."),
        )),
        None => Ok(()),
    }
}

/// Changes an account; whether this change deactivated it. The journal line says `deactivate`
/// or `reactivate` when that is what changed, `update` otherwise.
async fn update(tx: &mut WriteTx, id: &str, account: &Parsed) -> ApiResult<bool> {
    let at = tx.at_ms();
    let [owner, reception, therapist] = account.role_flags();
    let was_active: Option<i32> = sqlx::query_scalar("SELECT active FROM staff WHERE id = $1")
        .bind(id)
        .fetch_optional(tx.conn())
        .await?;
    let Some(was_active) = was_active.map(|a| a != 0) else {
        return Err(ApiError::not_found("staff member"));
    };
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM staff WHERE username_key = $1 AND id <> $2")
            .bind(account.username.to_lowercase())
            .bind(id)
            .fetch_optional(tx.conn())
            .await?;
    if taken.is_some() {
        return Err(username_taken());
    }
    sqlx::query(
        "UPDATE staff SET display_name = $1, username = $2, username_key = $3, is_owner = $4, \
         is_reception = $5, is_therapist = $6, practitioner_id = $7, active = $8, updated_at = $9 \
         WHERE id = $10",
    )
    .bind(&account.display_name)
    .bind(&account.username)
    .bind(account.username.to_lowercase())
    .bind(owner)
    .bind(reception)
    .bind(therapist)
    .bind(&account.practitioner_id)
    .bind(i32::from(account.active))
    .bind(at)
    .bind(id)
    .execute(tx.conn())
    .await?;
    let action = match (was_active, account.active) {
        (true, false) => "deactivate",
        (false, true) => "reactivate",
        _ => "update",
    };
    let column = if account.practitioner_id.is_some() {
        "linked to a diary column"
    } else {
        "no diary column"
    };
    tx.record(Entry {
        action,
        entity: "staff",
        entity_id: id,
        client_id: None,
        detail: format!("{}; {column}", roles_detail(&account.roles)),
    })
    .await?;
    Ok(was_active && !account.active)
}

/// Makes the first owner together with the clinic (first run), inside the set-up's write.
pub(crate) async fn create_owner(
    tx: &mut WriteTx,
    id: &str,
    owner: &NewStaff,
    hash: &str,
    pin_hash: Option<&str>,
) -> ApiResult<()> {
    let account = Parsed {
        display_name: fields::required_line("owner.displayName", "Name", &owner.display_name, 80)?,
        username: username(&owner.username).map_err(|e| ApiError {
            field: Some("owner.username".into()),
            ..e
        })?,
        roles: vec![Role::Owner],
        practitioner_id: None,
        active: true,
    };
    insert(tx, id, &account, hash, pin_hash).await
}

/// Checks a first-run owner before anything is written; returns the password hash.
pub(crate) async fn prepare_owner(clinic: &Clinic, owner: &NewStaff) -> ApiResult<String> {
    let raw = check_owner(owner)?;
    passwords::hash(clinic.hash_cost(), &raw).await
}

/// Every problem of a first-run owner's fields at once; the password when there are none.
pub(crate) fn check_owner(owner: &NewStaff) -> ApiResult<String> {
    let mut problems = fields::Problems::default();
    problems.take(fields::required_line(
        "owner.displayName",
        "Name",
        &owner.display_name,
        80,
    ));
    problems.take(username(&owner.username).map_err(|e| ApiError {
        field: Some("owner.username".into()),
        ..e
    }));
    let raw = problems.take(password("owner.password", &owner.password));
    problems.settle(|| raw)
}

/// Signs the desk in as a freshly created owner (first run at this window).
pub(crate) fn sign_in_new_owner(clinic: &Clinic, desk: &Desk, id: &str, owner: &NewStaff) {
    if desk.actor().is_none() {
        // The owner has just chosen their password here: as good as signing in with it.
        desk.sign_in_with_password(owner_actor(id, owner), clinic.now().timestamp_millis());
    }
}

/// The actor a new owner account acts as (their first write is their own creation).
pub(crate) fn owner_actor(id: &str, owner: &NewStaff) -> Actor {
    Actor {
        staff_id: id.to_owned(),
        display_name: fields::clean_text(&owner.display_name),
        roles: vec![Role::Owner],
    }
}

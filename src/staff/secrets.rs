//! Passwords and PINs after an account exists: changing one's own (with the current password),
//! the owner's reset of someone else's (a temporary password the account must replace at its
//! next sign-in), setting or clearing a PIN, and lifting a lockout at the command line.
//!
//! A secret never reaches the journal or a log: a line says only whose secret was set, reset or
//! cleared.

use super::accounts::{StaffMember, find, password, pin};
use super::{Actor, passwords};
use crate::api::{Permission, may};
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new password: for oneself (with the current one) or, as an owner, for anyone else — then a
/// temporary one, which its holder must replace at their next sign-in.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPassword {
    pub staff_id: String,
    #[ts(optional)]
    pub current_password: Option<String>,
    pub new_password: String,
}

/// A quick-switch PIN (4–8 digits), or none to remove it.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPin {
    pub staff_id: String,
    #[ts(optional)]
    pub current_password: Option<String>,
    #[ts(optional)]
    pub pin: Option<String>,
}

/// Whose secret a change is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whose {
    /// One's own: the current password was checked.
    Own,
    /// Someone else's, by an owner.
    Other,
}

/// Changing someone else's secret takes the owner's permission; one's own takes the current
/// password (so a desk left open cannot be taken over).
async fn authorise_secret_change(
    clinic: &Clinic,
    actor: &Actor,
    staff_id: &str,
    current: Option<&str>,
) -> ApiResult<Whose> {
    if actor.staff_id != staff_id {
        if may(actor, Permission::ManageStaff) {
            return Ok(Whose::Other);
        }
        return Err(ApiError::forbidden(
            "Only an owner can change another person's sign-in.",
        ));
    }
    let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
        .bind(staff_id)
        .fetch_optional(clinic.pool())
        .await?;
    let Some(hash) = hash else {
        return Err(ApiError::not_found("staff member"));
    };
    if passwords::verify(current.unwrap_or(""), &hash).await? {
        Ok(Whose::Own)
    } else {
        Err(ApiError::validation(
            "currentPassword",
            "The current password is not right.",
        ))
    }
}

/// `staff.set_password`. One's own new password clears a "must change" mark; an owner's reset
/// of someone else's sets it.
pub async fn set_password(
    clinic: &Clinic,
    actor: &Actor,
    args: SetPassword,
) -> ApiResult<StaffMember> {
    let staff_id = fields::id("staffId", &args.staff_id)?;
    let new = password("newPassword", &args.new_password)?;
    let whose =
        authorise_secret_change(clinic, actor, &staff_id, args.current_password.as_deref()).await?;
    if whose == Whose::Own && args.current_password.as_deref() == Some(new.as_str()) {
        return Err(ApiError::validation(
            "newPassword",
            "Choose a new password, different from the current one.",
        ));
    }
    let hash = passwords::hash(clinic.hash_cost(), &new).await?;
    let (sql, action) = match whose {
        // A new password also lifts a lockout: the owner resetting one is how it is undone.
        Whose::Other => (
            "UPDATE staff SET password_hash = $1, must_change_password = 1, failed_attempts = 0, \
             locked_until_ms = 0, updated_at = $2 WHERE id = $3",
            "reset_password",
        ),
        Whose::Own => (
            "UPDATE staff SET password_hash = $1, must_change_password = 0, failed_attempts = 0, \
             locked_until_ms = 0, updated_at = $2 WHERE id = $3",
            "set_password",
        ),
    };
    store_secret(clinic, actor, &staff_id, sql, Some(&hash), action).await
}

/// `staff.set_pin`: a new PIN, or none to clear it (then the account is no longer offered for
/// PIN switching).
pub async fn set_pin(clinic: &Clinic, actor: &Actor, args: SetPin) -> ApiResult<StaffMember> {
    let staff_id = fields::id("staffId", &args.staff_id)?;
    let new = args.pin.as_deref().map(|raw| pin("pin", raw)).transpose()?;
    authorise_secret_change(clinic, actor, &staff_id, args.current_password.as_deref()).await?;
    let hash = match &new {
        Some(new) => Some(passwords::hash(clinic.hash_cost(), new).await?),
        None => None,
    };
    let action = if new.is_some() {
        "set_pin"
    } else {
        "clear_pin"
    };
    let sql = "UPDATE staff SET pin_hash = $1, updated_at = $2 WHERE id = $3";
    store_secret(clinic, actor, &staff_id, sql, hash.as_deref(), action).await
}

/// Writes a secret's hash with `sql` (binding hash, time, id) and journals `action`.
async fn store_secret(
    clinic: &Clinic,
    actor: &Actor,
    staff_id: &str,
    sql: &'static str,
    hash: Option<&str>,
    action: &'static str,
) -> ApiResult<StaffMember> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let at = tx.at_ms();
    let changed = sqlx::query(sql)
        .bind(hash)
        .bind(at)
        .bind(staff_id)
        .execute(tx.conn())
        .await?;
    if changed.rows_affected() == 0 {
        return Err(ApiError::not_found("staff member"));
    }
    tx.record(Entry {
        action,
        entity: "staff",
        entity_id: staff_id,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    let saved = find(tx.conn(), staff_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok(saved)
}

/// Lifts the lockout that repeated wrong passwords or PINs put on the account with this
/// username (`palma unlock-account USER`: the owner at the command line, for the day every
/// owner is locked out), journaled against the account. Only an owner may.
pub async fn unlock_account(
    clinic: &Clinic,
    actor: &Actor,
    username: &str,
) -> ApiResult<StaffMember> {
    if !may(actor, Permission::ManageStaff) {
        return Err(ApiError::forbidden("Only an owner can unlock an account."));
    }
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM staff WHERE username_key = $1")
        .bind(username.trim().to_lowercase())
        .fetch_optional(tx.conn())
        .await?;
    let Some(id) = id else {
        return Err(ApiError {
            code: crate::error::ErrorCode::NotFound,
            message: format!("No account has the username {}.", username.trim()),
            field: Some("username".into()),
            problems: Vec::new(),
        });
    };
    sqlx::query(
        "UPDATE staff SET failed_attempts = 0, locked_until_ms = 0, updated_at = $1 WHERE id = $2",
    )
    .bind(tx.at_ms())
    .bind(&id)
    .execute(tx.conn())
    .await?;
    tx.record(Entry {
        action: "unlock_account",
        entity: "staff",
        entity_id: &id,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    let unlocked = find(tx.conn(), &id).await?.ok_or_else(ApiError::internal)?;
    tx.commit().await?;
    Ok(unlocked)
}

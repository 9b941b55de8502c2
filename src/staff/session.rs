//! Signing in and out at a desk, quick switch with a PIN, the lock and unlock, and the desk
//! policy (idle-lock minutes, whether a locked screen still shows the calendar).
//!
//! Repeated failures lock the account: after 5 wrong passwords or PINs in a row, sign-in is
//! refused for 1 minute, then 2, 4, 8… (capped at a day) without even checking the secret.
//! Every sign-in, failure and switch is journaled against the account (never the secret).

use super::accounts::roles_from;
use super::{Actor, Desk, passwords};
use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::fields;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use ts_rs::TS;

const FAILURES_BEFORE_LOCKOUT: i32 = 5;
const FIRST_LOCKOUT_MS: i64 = 60_000;
const LONGEST_LOCKOUT_MS: i64 = 24 * 60 * 60_000;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// Quick switch at a shared desk: another staff member takes over with their PIN.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Switch {
    pub staff_id: String,
    pub pin: String,
}

/// Unlocking a locked desk: the signed-in person's password or PIN.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Unlock {
    pub secret: String,
}

/// The clinic's rules for unattended desks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskPolicy {
    /// A desk with no activity for longer than this locks (1–240, default 5).
    pub idle_lock_minutes: i32,
    /// Whether a locked desk still shows the calendar, with every client shown as "Booked".
    pub calendar_visible_when_locked: bool,
    /// Whether colleagues with a PIN may take over a desk (quick switch); on when absent.
    #[serde(default = "on")]
    pub pin_switch: bool,
}

fn on() -> bool {
    true
}

/// What the UI needs to know about its window: who is signed in, locked or not, and the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskStatus {
    pub signed_in: Option<Actor>,
    pub locked: bool,
    pub policy: DeskPolicy,
}

/// Someone who can take over this desk with their PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SwitchCandidate {
    pub staff_id: String,
    pub display_name: String,
}

/// An account's sign-in state.
struct Account {
    actor: Actor,
    active: bool,
    password_hash: String,
    pin_hash: Option<String>,
    locked_until_ms: i64,
}

const ACCOUNT: &str = "SELECT id, display_name, is_owner, is_reception, is_therapist, active, \
                       password_hash, pin_hash, locked_until_ms FROM staff";

fn account_from(row: &AnyRow) -> Result<Account, sqlx::Error> {
    Ok(Account {
        actor: Actor {
            staff_id: row.try_get("id")?,
            display_name: row.try_get("display_name")?,
            roles: roles_from(row)?,
        },
        active: row.try_get::<i32, _>("active")? != 0,
        password_hash: row.try_get("password_hash")?,
        pin_hash: row.try_get("pin_hash")?,
        locked_until_ms: row.try_get("locked_until_ms")?,
    })
}

async fn account_where(
    clinic: &Clinic,
    column: &'static str,
    value: &str,
) -> ApiResult<Option<Account>> {
    let sql = sqlx::AssertSqlSafe(format!("{ACCOUNT} WHERE {column} = $1"));
    let row = sqlx::query(sql)
        .bind(value)
        .fetch_optional(clinic.pool())
        .await?;
    Ok(row.as_ref().map(account_from).transpose()?)
}

fn wrong(field: &str, message: &str) -> ApiError {
    ApiError {
        code: ErrorCode::Unauthenticated,
        message: message.to_owned(),
        field: Some(field.to_owned()),
    }
}

fn locked_out(until_ms: i64, now_ms: i64) -> ApiError {
    let minutes = (until_ms - now_ms + 59_999) / 60_000;
    ApiError {
        code: ErrorCode::Unauthenticated,
        message: format!(
            "Too many wrong attempts. Try again in {minutes} minute{}, or ask an owner to reset the password.",
            if minutes == 1 { "" } else { "s" }
        ),
        field: None,
    }
}

/// Checks a secret for an account, honouring and updating its lockout, and journals the
/// outcome. `check` says which stored secret to compare with.
async fn attempt(
    clinic: &Clinic,
    account: &Account,
    secret: &str,
    use_pin: bool,
    action: &str,
) -> ApiResult<bool> {
    let now_ms = clinic.now().timestamp_millis();
    if account.locked_until_ms > now_ms {
        return Err(locked_out(account.locked_until_ms, now_ms));
    }
    let hash = if use_pin {
        account.pin_hash.as_deref()
    } else {
        Some(account.password_hash.as_str())
    };
    let ok = match hash {
        Some(hash) => passwords::verify(secret, hash).await?,
        None => false,
    };
    let mut tx = WriteTx::begin(clinic, &account.actor).await?;
    let id = account.actor.staff_id.as_str();
    if ok {
        sqlx::query("UPDATE staff SET failed_attempts = 0, locked_until_ms = 0 WHERE id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
    } else {
        let failures: i32 = sqlx::query_scalar(
            "UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts",
        )
        .bind(id)
        .fetch_one(tx.conn())
        .await?;
        if failures >= FAILURES_BEFORE_LOCKOUT {
            let doublings = u32::try_from(failures - FAILURES_BEFORE_LOCKOUT)
                .unwrap_or(0)
                .min(16);
            let lockout = (FIRST_LOCKOUT_MS << doublings).min(LONGEST_LOCKOUT_MS);
            sqlx::query("UPDATE staff SET locked_until_ms = $1 WHERE id = $2")
                .bind(tx.at_ms() + lockout)
                .bind(id)
                .execute(tx.conn())
                .await?;
        }
    }
    let outcome = if ok {
        action.to_owned()
    } else {
        format!("{action}_failed")
    };
    tx.record(Entry {
        action: &outcome,
        entity: "staff",
        entity_id: id,
        client_id: None,
        detail: String::new(),
    })
    .await?;
    tx.commit().await?;
    Ok(ok)
}

/// The desk policy (defaults until the owner changes it).
pub async fn policy(conn: impl sqlx::AnyExecutor<'_>) -> ApiResult<DeskPolicy> {
    let row = sqlx::query(
        "SELECT idle_lock_minutes, calendar_visible_when_locked, pin_switch FROM security_settings WHERE id = 1",
    )
    .fetch_one(conn)
    .await?;
    policy_from(&row)
}

fn policy_from(row: &AnyRow) -> ApiResult<DeskPolicy> {
    Ok(DeskPolicy {
        idle_lock_minutes: row.try_get("idle_lock_minutes")?,
        calendar_visible_when_locked: row.try_get::<i32, _>("calendar_visible_when_locked")? != 0,
        pin_switch: row.try_get::<i32, _>("pin_switch")? != 0,
    })
}

/// What `dispatch` needs before a call at a window's desk: the policy, and the signed-in
/// person as stored now — `None` when the account was deactivated, or its row is gone, since
/// signing in (the desk is then signed out). The command line's built-in owner is not an
/// account; it acts at a system desk, which is not checked.
pub(crate) async fn desk_check(
    clinic: &Clinic,
    staff_id: &str,
) -> ApiResult<(DeskPolicy, Option<Actor>)> {
    let row = sqlx::query(
        "SELECT p.idle_lock_minutes, p.calendar_visible_when_locked, p.pin_switch, s.id, s.display_name, \
         s.is_owner, s.is_reception, s.is_therapist, s.active \
         FROM security_settings p LEFT JOIN staff s ON s.id = $1 WHERE p.id = 1",
    )
    .bind(staff_id)
    .fetch_one(clinic.pool())
    .await?;
    let policy = policy_from(&row)?;
    let Some(id) = row.try_get::<Option<String>, _>("id")? else {
        return Ok((policy, None));
    };
    if row.try_get::<Option<i32>, _>("active")? != Some(1) {
        return Ok((policy, None));
    }
    let actor = Actor {
        staff_id: id,
        display_name: row.try_get("display_name")?,
        roles: roles_from(&row)?,
    };
    Ok((policy, Some(actor)))
}

async fn status_of(clinic: &Clinic, desk: &Desk) -> ApiResult<DeskStatus> {
    let policy = policy(clinic.pool()).await?;
    // Reports the idle lock as soon as it is due, even before the next guarded call.
    let state = desk.check_idle(clinic.now().timestamp_millis(), policy.idle_lock_minutes);
    Ok(DeskStatus {
        signed_in: state.actor,
        locked: state.locked,
        policy,
    })
}

pub async fn me(clinic: &Clinic, desk: &Desk, _args: NoArgs) -> ApiResult<DeskStatus> {
    status_of(clinic, desk).await
}

pub async fn sign_in(clinic: &Clinic, desk: &Desk, args: SignIn) -> ApiResult<DeskStatus> {
    const NO_MATCH: &str = "That username and password do not match.";
    let key = args.username.trim().to_lowercase();
    let account = account_where(clinic, "username_key", &key).await?;
    let Some(account) = account.filter(|a| a.active) else {
        // Take as long as a real check, so timing does not reveal which usernames exist.
        let _ = passwords::verify(&args.password, DUMMY_HASH).await?;
        return Err(wrong("password", NO_MATCH));
    };
    if !attempt(clinic, &account, &args.password, false, "sign_in").await? {
        return Err(wrong("password", NO_MATCH));
    }
    desk.sign_in(account.actor, clinic.now().timestamp_millis());
    status_of(clinic, desk).await
}

/// A valid Argon2id hash of nothing anyone types, for equal-time refusals.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U";

pub async fn sign_out(clinic: &Clinic, desk: &Desk, _args: NoArgs) -> ApiResult<DeskStatus> {
    if let Some(actor) = desk.actor().filter(|_| !desk.is_system()) {
        let mut tx = WriteTx::begin(clinic, &actor).await?;
        tx.record(Entry {
            action: "sign_out",
            entity: "staff",
            entity_id: &actor.staff_id,
            client_id: None,
            detail: String::new(),
        })
        .await?;
        tx.commit().await?;
    }
    desk.sign_out();
    status_of(clinic, desk).await
}

pub async fn lock(clinic: &Clinic, desk: &Desk, _args: NoArgs) -> ApiResult<DeskStatus> {
    desk.lock();
    status_of(clinic, desk).await
}

pub async fn unlock(clinic: &Clinic, desk: &Desk, args: Unlock) -> ApiResult<DeskStatus> {
    let Some(actor) = desk.actor() else {
        return Err(ApiError::unauthenticated());
    };
    let account = account_where(clinic, "id", &actor.staff_id).await?;
    let Some(account) = account.filter(|a| a.active) else {
        // Deactivated, or the account's row is gone: nobody is left to unlock as.
        desk.sign_out();
        return Err(ApiError::unauthenticated());
    };
    let looks_like_pin = fields_pin(&args.secret) && account.pin_hash.is_some();
    let ok = if looks_like_pin
        && passwords::verify(&args.secret, account.pin_hash.as_deref().unwrap_or("")).await?
    {
        attempt(clinic, &account, &args.secret, true, "unlock").await?
    } else {
        attempt(clinic, &account, &args.secret, false, "unlock").await?
    };
    if !ok {
        return Err(wrong("secret", "That password or PIN is not right."));
    }
    desk.unlock(clinic.now().timestamp_millis());
    status_of(clinic, desk).await
}

fn fields_pin(secret: &str) -> bool {
    super::accounts::pin("secret", secret).is_ok()
}

pub async fn switch(clinic: &Clinic, desk: &Desk, args: Switch) -> ApiResult<DeskStatus> {
    let staff_id = fields::id("staffId", &args.staff_id)?;
    if !policy(clinic.pool()).await?.pin_switch {
        return Err(wrong(
            "staffId",
            "Switching with a PIN is turned off at this clinic: sign out instead.",
        ));
    }
    let account = account_where(clinic, "id", &staff_id).await?;
    let Some(account) = account.filter(|a| a.active && a.pin_hash.is_some()) else {
        return Err(wrong("staffId", "That person cannot switch in with a PIN."));
    };
    if !attempt(clinic, &account, &args.pin, true, "switch_in").await? {
        return Err(wrong("pin", "That PIN is not right."));
    }
    desk.sign_in(account.actor, clinic.now().timestamp_millis());
    status_of(clinic, desk).await
}

/// Who can switch in at this desk: only once someone has signed in here (a desk nobody has
/// opened does not list the staff), only people with a PIN, and only when the clinic allows
/// PIN switching.
pub async fn switch_list(
    clinic: &Clinic,
    desk: &Desk,
    _args: NoArgs,
) -> ApiResult<Vec<SwitchCandidate>> {
    if desk.actor().is_none() || !policy(clinic.pool()).await?.pin_switch {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "SELECT id, display_name FROM staff WHERE active = 1 AND pin_hash IS NOT NULL ORDER BY display_name",
    )
    .fetch_all(clinic.pool())
    .await?;
    Ok(rows
        .iter()
        .map(|row| {
            Ok(SwitchCandidate {
                staff_id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?)
}

pub async fn save_policy(
    clinic: &Clinic,
    actor: &Actor,
    args: DeskPolicy,
) -> ApiResult<DeskPolicy> {
    let minutes = fields::within(
        "idleLockMinutes",
        "Idle lock (minutes)",
        args.idle_lock_minutes.into(),
        1..=240,
    )?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    sqlx::query(
        "UPDATE security_settings SET idle_lock_minutes = $1, calendar_visible_when_locked = $2, \
         pin_switch = $4, updated_at = $3 WHERE id = 1",
    )
    .bind(i32::try_from(minutes).unwrap_or(5))
    .bind(i32::from(args.calendar_visible_when_locked))
    .bind(tx.at_ms())
    .bind(i32::from(args.pin_switch))
    .execute(tx.conn())
    .await?;
    crate::settings::journal_change(
        &mut tx,
        "desk_policy",
        format!(
            "idle lock {minutes} min; calendar when locked {}; PIN switch {}",
            args.calendar_visible_when_locked, args.pin_switch
        ),
    )
    .await?;
    let saved = policy(tx.conn()).await?;
    tx.commit().await?;
    Ok(saved)
}

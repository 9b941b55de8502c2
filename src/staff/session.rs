//! Signing in and out at a desk, quick switch with a PIN, the lock and unlock, and the desk
//! policy (idle-lock minutes, whether a locked screen still shows the calendar).
//!
//! Repeated failures lock the account: after 5 wrong passwords or PINs in a row, sign-in is
//! refused for 1 minute, then 2, 4, 8… (capped at a day) without even checking the secret.
//! The lockout is read and each try counted under the writers' lock, so tries sent all at once
//! get no more than 5 secrets compared (see `attempt`). Every sign-in, failure and switch is
//! journaled against the account (never the secret). Quick switch with a PIN works only at a
//! desk someone opened with a password since it started.

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
    /// The signed-in person's password was reset by an owner: they must choose their own before
    /// anything else (every other call is refused until then).
    pub must_change_password: bool,
    pub policy: DeskPolicy,
}

/// Someone who can take over this desk with their PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SwitchCandidate {
    pub staff_id: String,
    pub display_name: String,
}

/// An account as sign-in finds it (its secrets and lockout are read under the lock, in
/// `attempt`).
struct Account {
    actor: Actor,
    active: bool,
    has_pin: bool,
}

const ACCOUNT: &str = "SELECT id, display_name, is_owner, is_reception, is_therapist, active, \
                       CASE WHEN pin_hash IS NULL THEN 0 ELSE 1 END AS has_pin FROM staff";

fn account_from(row: &AnyRow) -> Result<Account, sqlx::Error> {
    Ok(Account {
        actor: Actor {
            staff_id: row.try_get("id")?,
            display_name: row.try_get("display_name")?,
            roles: roles_from(row)?,
        },
        active: row.try_get::<i32, _>("active")? != 0,
        has_pin: row.try_get::<i32, _>("has_pin")? != 0,
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
        problems: Vec::new(),
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
        problems: Vec::new(),
    }
}

/// Which stored secret a try is compared with.
#[derive(Clone, Copy)]
enum Secret {
    Password,
    Pin,
    /// Unlocking a desk: the PIN when the secret looks like one and the account has one, else
    /// the password.
    PasswordOrPin,
}

/// One try at an account's secret; whether it was right. The outcome is journaled against
/// the account.
///
/// The lockout is checked and the try counted as a failure in one write, under the writers'
/// lock, before the secret is compared: a read outside the lock let every one of many tries
/// sent at once see the account open, and all of them were compared. Comparing (Argon2id, slow
/// on purpose) happens after that write, so it never holds the lock; a right secret then
/// clears the count.
async fn attempt(
    clinic: &Clinic,
    actor: &Actor,
    secret: &str,
    kind: Secret,
    action: &str,
) -> ApiResult<bool> {
    let id = actor.staff_id.as_str();
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let row = sqlx::query(
        "SELECT failed_attempts, locked_until_ms, password_hash, pin_hash FROM staff WHERE id = $1",
    )
    .bind(id)
    .fetch_one(tx.conn())
    .await?;
    let now_ms = tx.at_ms();
    let locked_until_ms: i64 = row.try_get("locked_until_ms")?;
    if locked_until_ms > now_ms {
        return Err(locked_out(locked_until_ms, now_ms));
    }
    let failures = row.try_get::<i32, _>("failed_attempts")? + 1;
    let locked_until_ms = if failures >= FAILURES_BEFORE_LOCKOUT {
        let doublings = u32::try_from(failures - FAILURES_BEFORE_LOCKOUT)
            .unwrap_or(0)
            .min(16);
        now_ms + (FIRST_LOCKOUT_MS << doublings).min(LONGEST_LOCKOUT_MS)
    } else {
        0
    };
    sqlx::query("UPDATE staff SET failed_attempts = $1, locked_until_ms = $2 WHERE id = $3")
        .bind(failures)
        .bind(locked_until_ms)
        .bind(id)
        .execute(tx.conn())
        .await?;
    tx.commit().await?;

    let password_hash: String = row.try_get("password_hash")?;
    let pin_hash: Option<String> = row.try_get("pin_hash")?;
    let pin_matches = async |pin_hash: Option<&str>| match pin_hash {
        Some(pin_hash) => passwords::verify(secret, pin_hash).await,
        None => Ok(false),
    };
    let ok = match kind {
        Secret::Password => passwords::verify(secret, &password_hash).await?,
        Secret::Pin => pin_matches(pin_hash.as_deref()).await?,
        Secret::PasswordOrPin => {
            let pin = pin_hash.as_deref().filter(|_| fields_pin(secret));
            pin_matches(pin).await? || passwords::verify(secret, &password_hash).await?
        }
    };

    let mut tx = WriteTx::begin(clinic, actor).await?;
    if ok {
        sqlx::query("UPDATE staff SET failed_attempts = 0, locked_until_ms = 0 WHERE id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
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

/// The signed-in person as stored now, for `dispatch`.
pub(crate) struct StoredActor {
    pub actor: Actor,
    /// An owner reset their password: only choosing a new one (and signing out) is allowed.
    pub must_change_password: bool,
}

/// What `dispatch` needs before a call at a window's desk: the policy, and the signed-in
/// person as stored now — `None` when the account was deactivated, or its row is gone, since
/// signing in (the desk is then signed out). The command line's built-in owner is not an
/// account; it acts at a system desk, which is not checked.
pub(crate) async fn desk_check(
    clinic: &Clinic,
    staff_id: &str,
) -> ApiResult<(DeskPolicy, Option<StoredActor>)> {
    let row = sqlx::query(
        "SELECT p.idle_lock_minutes, p.calendar_visible_when_locked, p.pin_switch, s.id, s.display_name, \
         s.is_owner, s.is_reception, s.is_therapist, s.active, s.must_change_password \
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
    let must_change_password = row.try_get::<Option<i32>, _>("must_change_password")? == Some(1);
    Ok((
        policy,
        Some(StoredActor {
            actor,
            must_change_password,
        }),
    ))
}

/// The refusal of every call but changing one's own password while an owner's reset stands.
pub(crate) fn must_change_password() -> ApiError {
    ApiError {
        code: ErrorCode::MustChangePassword,
        message: "Your password was reset: choose a new password before you go on.".into(),
        field: None,
        problems: Vec::new(),
    }
}

async fn status_of(clinic: &Clinic, desk: &Desk) -> ApiResult<DeskStatus> {
    let policy = policy(clinic.pool()).await?;
    // Reports the idle lock as soon as it is due, even before the next guarded call.
    let state = desk.check_idle(clinic.now().timestamp_millis(), policy.idle_lock_minutes);
    let must_change_password = match &state.actor {
        Some(actor) if !desk.is_system() => {
            let flag: Option<i32> =
                sqlx::query_scalar("SELECT must_change_password FROM staff WHERE id = $1")
                    .bind(&actor.staff_id)
                    .fetch_optional(clinic.pool())
                    .await?;
            flag == Some(1)
        }
        _ => false,
    };
    Ok(DeskStatus {
        signed_in: state.actor,
        locked: state.locked,
        must_change_password,
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
    if !attempt(
        clinic,
        &account.actor,
        &args.password,
        Secret::Password,
        "sign_in",
    )
    .await?
    {
        return Err(wrong("password", NO_MATCH));
    }
    desk.sign_in_with_password(account.actor, clinic.now().timestamp_millis());
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
    let ok = attempt(
        clinic,
        &account.actor,
        &args.secret,
        Secret::PasswordOrPin,
        "unlock",
    )
    .await?;
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
    if !desk.opened_with_password() {
        return Err(wrong(
            "staffId",
            "Switching with a PIN works only at a desk where someone has signed in with a password. Sign in with your password.",
        ));
    }
    if !policy(clinic.pool()).await?.pin_switch {
        return Err(wrong(
            "staffId",
            "Switching with a PIN is turned off at this clinic: sign out instead.",
        ));
    }
    let account = account_where(clinic, "id", &staff_id).await?;
    let Some(account) = account.filter(|a| a.active && a.has_pin) else {
        return Err(wrong("staffId", "That person cannot switch in with a PIN."));
    };
    if !attempt(clinic, &account.actor, &args.pin, Secret::Pin, "switch_in").await? {
        return Err(wrong("pin", "That PIN is not right."));
    }
    desk.sign_in(account.actor, clinic.now().timestamp_millis());
    status_of(clinic, desk).await
}

/// Who can switch in at this desk: only while someone is signed in here and someone has signed
/// in with a password since the desk started (a desk nobody has opened does not list the
/// staff), only people with a PIN, and only when the clinic allows PIN switching.
pub async fn switch_list(
    clinic: &Clinic,
    desk: &Desk,
    _args: NoArgs,
) -> ApiResult<Vec<SwitchCandidate>> {
    if desk.actor().is_none()
        || !desk.opened_with_password()
        || !policy(clinic.pool()).await?.pin_switch
    {
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

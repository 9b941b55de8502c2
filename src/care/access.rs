//! Whose clinical record a staff member may open (issue 3's rule, tightened by issue 11),
//! decided here and only here.
//!
//! The role check (`ViewClinical` / `EditClinical`) has already passed at dispatch; this is
//! the per-client check on top of it:
//! - the **owner** opens every client's record;
//! - with **shared care** on (clinic setting `sharedCare`), every therapist opens every record;
//! - otherwise a therapist opens the records of **their clients** only, and nothing a therapist
//!   can do alone makes a client theirs. A client is theirs when the client has an appointment
//!   (past or future, any status but cancelled) with the practitioner their staff account is
//!   linked to that **someone else booked** (`appointments.booked_by`; NULL, from before it was
//!   recorded, counts as someone else). A booking with themselves, or a colleague's booking
//!   moved onto their calendar by them, grants nothing. A cancelled appointment still counts
//!   when the therapist **signed a session note** for it: a visit they legitimately had, so
//!   cancelling the booking later does not take away what they wrote. Nothing else they
//!   authored counts by itself — not a draft note (anyone with access for an hour can start
//!   one), an intake, an assessment, a plan, an amendment or a review — since each of those
//!   can be written during access that was only borrowed (below);
//! - for any other client a therapist **breaks the glass** (`care.break_glass`, in
//!   [`super::break_glass`]): a reason, journaled, valid until the end of that clinic-local
//!   day; the owner sees every such opening.
//!
//! Every entry into a client's record states what it is for ([`Intent`]): an erased client's
//! retained record may still be read by those who may open it, never written (`conflict`).
//! A refusal is `forbidden` with a message that names no client, checked before anything of
//! the record is read, so nothing is journaled as read.

use crate::api::{self, Permission};
use crate::audit::WriteTx;
use crate::error::{ApiError, ApiResult};
use crate::staff::{Actor, Role};
use chrono_tz::Tz;
use sqlx::Row;

/// What an entry into a client's record is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Intent {
    Read,
    /// Also refused when the client's data was erased (the record is kept read-only).
    Write,
}

/// Whether `actor` may open the clinical record of `client_id` (an existing client) at the
/// instant `at_ms` (a break-the-glass grant lasts for one clinic-local day).
pub(crate) async fn may_open(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: &str,
    at_ms: i64,
) -> ApiResult<bool> {
    if !api::may(actor, Permission::ViewClinical) {
        return Ok(false);
    }
    if actor.has_role(Role::Owner) {
        return Ok(true);
    }
    let Some(settings) =
        sqlx::query("SELECT shared_care, time_zone FROM clinic_settings WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(false);
    };
    if settings.try_get::<i32, _>("shared_care")? == 1 {
        return Ok(true);
    }
    let tz: Tz = settings
        .try_get::<String, _>("time_zone")?
        .parse()
        .unwrap_or(Tz::UTC);
    let theirs: Option<i32> = sqlx::query_scalar(concat!(
        "SELECT 1 FROM staff s JOIN appointments a ON a.practitioner_id = s.practitioner_id ",
        "WHERE s.id = $1 AND a.client_id = $2 AND (a.booked_by IS NULL OR a.booked_by <> $1) ",
        "AND (a.status <> 'cancelled' OR EXISTS (SELECT 1 FROM care_notes n ",
        "WHERE n.appointment_id = a.id AND n.author_id = $1 AND n.status = 'signed')) ",
        "UNION ALL SELECT 1 FROM care_access_grants g ",
        "WHERE g.staff_id = $1 AND g.client_id = $2 AND g.valid_on = $3 ",
        "LIMIT 1"
    ))
    .bind(&actor.staff_id)
    .bind(client_id)
    .bind(clinic_day(tz, at_ms))
    .fetch_optional(&mut *conn)
    .await?;
    Ok(theirs.is_some())
}

/// The clinic-local date of an instant, `YYYY-MM-DD`.
pub(super) fn clinic_day(tz: Tz, at_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(at_ms)
        .unwrap_or_default()
        .with_timezone(&tz)
        .format("%Y-%m-%d")
        .to_string()
}

/// `care.may_open`: whether the person at the desk may open this client's clinical record, so
/// the window offers only what the core would allow (the core still checks every entry). An
/// answer about access, not about the record: nothing of it is read and nothing is journaled.
pub async fn may_open_record(
    clinic: &crate::Clinic,
    actor: &Actor,
    args: super::ByClient,
) -> ApiResult<bool> {
    let client_id = crate::fields::id("clientId", &args.client_id)?;
    let mut conn = clinic.pool().acquire().await?;
    may_open(
        &mut conn,
        actor,
        &client_id,
        clinic.now().timestamp_millis(),
    )
    .await
}

/// Refuses, as `forbidden`, unless `actor` may open the record of `client_id` at `at_ms`; and,
/// for a write, as `conflict` when the client's data was erased.
pub(crate) async fn ensure(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: &str,
    at_ms: i64,
    intent: Intent,
) -> ApiResult<()> {
    if !may_open(conn, actor, client_id, at_ms).await? {
        tracing::info!("refused: not one of this therapist's clients");
        return Err(ApiError::forbidden(if has_column(conn, actor).await? {
            "This client's clinical record is open to their own therapists only."
        } else {
            UNLINKED
        }));
    }
    if intent == Intent::Write {
        crate::clients::requests::ensure_not_erased(conn, client_id).await?;
    }
    Ok(())
}

/// Why a therapist whose sign-in has no diary column opens nobody's record: no appointment can
/// make a client theirs.
const UNLINKED: &str = "Your sign-in is not linked to a diary column, so no client counts as yours \
                        yet: ask the owner to link it under Staff.";

/// Whether the actor's account is linked to a diary column (a practitioner).
async fn has_column(conn: &mut sqlx::AnyConnection, actor: &Actor) -> ApiResult<bool> {
    let column: Option<Option<String>> =
        sqlx::query_scalar("SELECT practitioner_id FROM staff WHERE id = $1")
            .bind(&actor.staff_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(column.flatten().is_some())
}

/// A clinical record reached by its own id rather than the client's.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Note,
    Goal,
    Consent,
    /// A visit (appointment): its self-care programme and aftercare sheet are the client's
    /// clinical record too.
    Visit,
}

/// The client a note, goal, consent or visit belongs to, once `actor` may open their record
/// for `intent` (`not_found` for an unknown id, `forbidden` for another therapist's client,
/// `conflict` for a write about an erased client).
pub(crate) async fn client_of(
    tx: &mut WriteTx,
    actor: &Actor,
    part: Part,
    id: &str,
    intent: Intent,
) -> ApiResult<String> {
    let (sql, what) = match part {
        Part::Note => ("SELECT client_id FROM care_notes WHERE id = $1", "note"),
        Part::Goal => ("SELECT client_id FROM care_goals WHERE id = $1", "goal"),
        Part::Consent => (
            "SELECT client_id FROM care_consents WHERE id = $1",
            "consent",
        ),
        Part::Visit => (
            "SELECT client_id FROM appointments WHERE id = $1",
            "appointment",
        ),
    };
    let client: String = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found(what))?;
    let at_ms = tx.at_ms();
    ensure(tx.conn(), actor, &client, at_ms, intent).await?;
    Ok(client)
}

//! Whose clinical record a staff member may open (issue 3's rule, decided here and only here).
//!
//! The role check (`ViewClinical` / `EditClinical`) has already passed at dispatch; this is
//! the per-client check on top of it:
//! - the **owner** opens every client's record;
//! - with **shared care** on (clinic setting `sharedCare`), every therapist opens every record;
//! - otherwise a therapist opens the records of **their clients** only. A client is theirs when
//!   the client has, or had, an appointment (any status but cancelled, past or future) with
//!   the practitioner their staff account is linked to, or when they authored any of the
//!   client's clinical records (an intake, an assessment, a plan, a session note or an
//!   amendment, a review) — so a therapist who covered one session keeps access to what they
//!   wrote and its context, and nothing is lost when a booking is cancelled later.
//!
//! A refusal is `forbidden` with a message that names no client, checked before anything of
//! the record is read, so nothing is journaled as read.

use crate::api::{self, Permission};
use crate::audit::WriteTx;
use crate::error::{ApiError, ApiResult};
use crate::staff::{Actor, Role};

/// Whether `actor` may open the clinical record of `client_id` (an existing client).
pub(crate) async fn may_open(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: &str,
) -> ApiResult<bool> {
    if !api::may(actor, Permission::ViewClinical) {
        return Ok(false);
    }
    if actor.has_role(Role::Owner) {
        return Ok(true);
    }
    let shared: Option<i32> =
        sqlx::query_scalar("SELECT shared_care FROM clinic_settings WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    if shared == Some(1) {
        return Ok(true);
    }
    let theirs: Option<i32> = sqlx::query_scalar(concat!(
        "SELECT 1 FROM staff s JOIN appointments a ON a.practitioner_id = s.practitioner_id ",
        "WHERE s.id = $1 AND a.client_id = $2 AND a.status <> 'cancelled' ",
        "UNION ALL SELECT 1 FROM care_intakes WHERE client_id = $2 AND author_id = $1 ",
        "UNION ALL SELECT 1 FROM care_assessments WHERE client_id = $2 AND author_id = $1 ",
        "UNION ALL SELECT 1 FROM care_plans WHERE client_id = $2 AND author_id = $1 ",
        "UNION ALL SELECT 1 FROM care_notes WHERE client_id = $2 AND author_id = $1 ",
        "UNION ALL SELECT 1 FROM care_note_amendments m JOIN care_notes n ON n.id = m.note_id ",
        "WHERE n.client_id = $2 AND m.author_id = $1 ",
        "UNION ALL SELECT 1 FROM care_reviews WHERE client_id = $2 AND author_id = $1 ",
        "LIMIT 1"
    ))
    .bind(&actor.staff_id)
    .bind(client_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(theirs.is_some())
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
    may_open(&mut conn, actor, &client_id).await
}

/// Refuses, as `forbidden`, unless `actor` may open the record of `client_id`.
pub(crate) async fn ensure(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    client_id: &str,
) -> ApiResult<()> {
    if may_open(conn, actor, client_id).await? {
        Ok(())
    } else {
        tracing::info!("refused: not one of this therapist's clients");
        Err(ApiError::forbidden(
            "This client's clinical record is open to their own therapists only.",
        ))
    }
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
/// (`not_found` for an unknown id, `forbidden` for another therapist's client).
pub(crate) async fn client_of(
    tx: &mut WriteTx,
    actor: &Actor,
    part: Part,
    id: &str,
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
    ensure(tx.conn(), actor, &client).await?;
    Ok(client)
}

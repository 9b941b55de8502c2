//! Whose draft it is: a session note is its author's until signed. Another therapist who may
//! open the record still cannot edit, sign or discard it; the owner can, recorded.

use crate::audit::WriteTx;
use crate::error::{ApiError, ApiResult};
use crate::staff::{Actor, Role};
use sqlx::Row;

/// A draft `actor` may change (edit, sign, discard): refuses signed notes (`conflict`) and,
/// before any change, another therapist's draft (`forbidden`) — a draft is its author's until
/// signed. The owner may act on anyone's; the journal line then names the draft's author.
pub(super) struct Draft {
    pub client_id: String,
    /// The journal detail: empty, or `author=<staff id>` when someone else acts on the draft.
    pub detail: String,
}

pub(super) async fn editable_draft(tx: &mut WriteTx, actor: &Actor, id: &str) -> ApiResult<Draft> {
    let row = sqlx::query("SELECT client_id, status, author_id FROM care_notes WHERE id = $1")
        .bind(id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::not_found("note"))?;
    if row.try_get::<String, _>("status")? == "signed" {
        return Err(ApiError::conflict(
            "This note is signed and cannot be changed; add an amendment instead.",
        ));
    }
    let author: String = row.try_get("author_id")?;
    let detail = if author == actor.staff_id {
        String::new()
    } else if actor.has_role(Role::Owner) {
        format!("author={author}")
    } else {
        tracing::info!("refused: another therapist's draft");
        return Err(ApiError::forbidden(
            "This draft is another therapist's: only they (or the owner) can change it.",
        ));
    };
    Ok(Draft {
        client_id: row.try_get("client_id")?,
        detail,
    })
}

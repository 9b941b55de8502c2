//! Unsaved work on a clinical form, kept in the database as its author types (the window saves
//! it a moment after each change), so that leaving the screen — the sidebar, another section,
//! Back — loses nothing: coming back, the form starts from the draft. Saving the form for real
//! removes the author's draft in the same transaction. A draft is its author's alone and is
//! never a record: the core checks its shape (named fields of bounded text), and the form's own
//! rules apply when it is saved. Session notes need none of this: a note is itself a draft
//! until signed.

use super::{ByClient, Intent, existing_client, from_json, journal_read, journal_write, to_json};
use crate::audit::WriteTx;
use crate::clinic::Clinic;
use crate::error::{ApiError, ApiResult};
use crate::fields;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The forms that keep a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DraftForm {
    Intake,
    Plan,
}

impl DraftForm {
    fn as_str(self) -> &'static str {
        match self {
            DraftForm::Intake => "intake",
            DraftForm::Plan => "plan",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormDraftKey {
    pub client_id: String,
    pub form: DraftForm,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormDraftInput {
    pub client_id: String,
    pub form: DraftForm,
    /// The form's fields as typed, by field name.
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormDraft {
    pub form: DraftForm,
    pub fields: BTreeMap<String, String>,
    pub updated_at: i64,
}

const MAX_FIELDS: usize = 100;

fn parse_fields(raw: &BTreeMap<String, String>) -> ApiResult<BTreeMap<String, String>> {
    if raw.len() > MAX_FIELDS {
        return Err(ApiError::validation(
            "fields",
            format!("A draft can hold at most {MAX_FIELDS} fields."),
        ));
    }
    let mut out = BTreeMap::new();
    for (name, value) in raw {
        let well_named = !name.is_empty()
            && name.len() <= 60
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !well_named {
            return Err(ApiError::validation(
                "fields",
                "A draft's field names are letters, digits and _.",
            ));
        }
        out.insert(
            name.clone(),
            fields::multiline("fields", "A draft field", value, 8000)?,
        );
    }
    Ok(out)
}

/// The author's draft of this form for this client, if any (a read of clinical content:
/// journaled when there is one).
pub async fn form_draft(
    clinic: &Clinic,
    actor: &Actor,
    args: FormDraftKey,
) -> ApiResult<Option<FormDraft>> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Read).await?;
    let row = sqlx::query(
        "SELECT content, updated_at FROM care_form_drafts \
         WHERE author_id = $1 AND client_id = $2 AND form = $3",
    )
    .bind(&actor.staff_id)
    .bind(&client_id)
    .bind(args.form.as_str())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else {
        tx.commit().await?;
        return Ok(None);
    };
    let draft = FormDraft {
        form: args.form,
        fields: from_json(&row.try_get::<String, _>("content")?)?,
        updated_at: row.try_get("updated_at")?,
    };
    journal_read(&mut tx, "form_draft", args.form.as_str(), &client_id).await?;
    tx.commit().await?;
    Ok(Some(draft))
}

/// Keeps what the author has typed so far (replacing their earlier draft of the form).
pub async fn save_form_draft(
    clinic: &Clinic,
    actor: &Actor,
    args: FormDraftInput,
) -> ApiResult<FormDraft> {
    let fields = parse_fields(&args.fields)?;
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    sqlx::query(
        "INSERT INTO care_form_drafts (author_id, client_id, form, content, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (author_id, client_id, form) \
         DO UPDATE SET content = $4, updated_at = $5",
    )
    .bind(&actor.staff_id)
    .bind(&client_id)
    .bind(args.form.as_str())
    .bind(to_json(&fields)?)
    .bind(tx.at_ms())
    .execute(tx.conn())
    .await?;
    let updated_at = tx.at_ms();
    // Which form only: the fields' names are the form's, their values the client's.
    let form = args.form.as_str();
    journal_write(
        &mut tx,
        "save",
        "form_draft",
        form,
        &client_id,
        String::new(),
    )
    .await?;
    tx.commit().await?;
    Ok(FormDraft {
        form: args.form,
        fields,
        updated_at,
    })
}

/// Throws the author's draft of this form away (the form goes back to what is saved).
pub async fn discard_form_draft(
    clinic: &Clinic,
    actor: &Actor,
    args: FormDraftKey,
) -> ApiResult<ByClient> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    let client_id = existing_client(&mut tx, actor, &args.client_id, Intent::Write).await?;
    if remove(&mut tx, actor, &client_id, args.form).await? {
        let form = args.form.as_str();
        journal_write(
            &mut tx,
            "discard",
            "form_draft",
            form,
            &client_id,
            String::new(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ByClient { client_id })
}

/// Removes the author's draft of a form (the form was saved for real); true when there was one.
pub(super) async fn remove(
    tx: &mut WriteTx,
    actor: &Actor,
    client_id: &str,
    form: DraftForm,
) -> ApiResult<bool> {
    let removed = sqlx::query(
        "DELETE FROM care_form_drafts WHERE author_id = $1 AND client_id = $2 AND form = $3",
    )
    .bind(&actor.staff_id)
    .bind(client_id)
    .bind(form.as_str())
    .execute(tx.conn())
    .await?;
    Ok(removed.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_holds_named_fields_of_bounded_text() {
        let ok = BTreeMap::from([("blood_thinners".to_owned(), "yes".to_owned())]);
        assert_eq!(parse_fields(&ok).unwrap(), ok);
        for bad in ["", "two words", "quote\"", &"x".repeat(61)] {
            let fields = BTreeMap::from([(bad.to_owned(), String::new())]);
            assert_eq!(
                parse_fields(&fields).unwrap_err().field.as_deref(),
                Some("fields")
            );
        }
        let long = BTreeMap::from([("plan".to_owned(), "x".repeat(8001))]);
        assert!(parse_fields(&long).is_err());
    }
}

//! The clinic's letterhead logo: uploaded by the owner, checked by decoding it the way the PDF
//! engine will, and printed at the top of every aftercare sheet.

use crate::api::NoArgs;
use crate::audit::{Entry, WriteTx};
use crate::clinic::Clinic;
use crate::documents::layout::Image;
use crate::error::{ApiError, ApiResult};
use crate::settings::{self, ClinicSettings};
use crate::staff::Actor;
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest logo accepted, so sheets stay small (the PNG is embedded as it is).
const MAX_LOGO_BYTES: usize = 300 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Logo {
    /// The PNG, base64-encoded; empty when the clinic has none.
    pub base64: String,
}

/// The stored logo's bytes, for composing documents.
pub async fn png(conn: &mut sqlx::AnyConnection) -> ApiResult<Option<Vec<u8>>> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT logo_png FROM clinic_settings WHERE id = 1")
            .fetch_optional(conn)
            .await?;
    Ok(stored
        .filter(|text| !text.is_empty())
        .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok()))
}

pub async fn get(clinic: &Clinic, _actor: &Actor, _args: NoArgs) -> ApiResult<Logo> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT logo_png FROM clinic_settings WHERE id = 1")
            .fetch_optional(clinic.pool())
            .await?;
    Ok(Logo {
        base64: stored.unwrap_or_default(),
    })
}

/// Checks an uploaded logo: base64 of a PNG the PDF engine can read, not too large.
fn parse(base64: &str) -> ApiResult<String> {
    let refuse = |message: &str| ApiError::validation("base64", message);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.trim())
        .map_err(|_| refuse("The logo must be a PNG image."))?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(refuse(
            "The logo can be at most 300 KB; save it smaller and try again.",
        ));
    }
    Image::from_png(&bytes, 40.0).map_err(|_| refuse("The logo must be a PNG image."))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

async fn store(
    clinic: &Clinic,
    actor: &Actor,
    base64: String,
    action: &str,
) -> ApiResult<ClinicSettings> {
    let mut tx = WriteTx::begin(clinic, actor).await?;
    settings::load(tx.conn()).await?;
    sqlx::query("UPDATE clinic_settings SET logo_png = $1, updated_at = $2 WHERE id = 1")
        .bind(&base64)
        .bind(tx.at_ms())
        .execute(tx.conn())
        .await?;
    tx.record(Entry {
        action,
        entity: "settings",
        entity_id: "logo",
        client_id: None,
        detail: String::new(),
    })
    .await?;
    let saved = settings::load(tx.conn()).await?;
    tx.commit().await?;
    Ok(saved)
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetLogo {
    pub base64: String,
}

pub async fn set(clinic: &Clinic, actor: &Actor, args: SetLogo) -> ApiResult<ClinicSettings> {
    let base64 = parse(&args.base64)?;
    store(clinic, actor, base64, "set_logo").await
}

pub async fn clear(clinic: &Clinic, actor: &Actor, _args: NoArgs) -> ApiResult<ClinicSettings> {
    store(clinic, actor, String::new(), "clear_logo").await
}

//! What a window needs to know without asking: whether the clinic's data changed (the journal's
//! head moved, here or at another seat) and whether this desk is signed in and locked. The
//! desktop shell looks once a second — a few microseconds in Rust — and wakes the webview only
//! when the answer changes, so an untouched window does no work. Looking is not activity: it
//! never keeps a desk from locking.

use crate::audit;
use crate::clinic::Clinic;
use crate::error::ApiResult;
use crate::staff::{Desk, session};
use serde::Serialize;

/// One look at the clinic from a desk. Holds no client data: a number and two flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Watch {
    /// The journal's last sequence number (reads of clinical records included).
    pub head: i64,
    pub signed_in: bool,
    /// Locked, by hand or because the clinic's idle time has passed.
    pub locked: bool,
}

/// Looks at the clinic from `desk`, locking it if its idle time has passed.
pub async fn look(clinic: &Clinic, desk: &Desk) -> ApiResult<Watch> {
    let head = audit::journal_head(clinic.pool()).await?;
    let status = session::me(clinic, desk, super::NoArgs {}).await?;
    Ok(Watch {
        head,
        signed_in: status.signed_in.is_some(),
        locked: status.locked,
    })
}

//! "Getting started": the steps a new clinic takes before its first booking, each ticked from
//! the data itself (never from what the window remembers), so a step undone elsewhere — the
//! only room made inactive, the backup folder cleared — shows as not done again.

use crate::api::NoArgs;
use crate::clinic::Clinic;
use crate::error::ApiResult;
use crate::staff::Actor;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One step of setting up a clinic, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SetupStep {
    /// The clinic's address and a phone or email (printed on every sheet).
    Details,
    /// At least one active room.
    Rooms,
    /// At least one active service.
    Services,
    /// At least one active therapist with weekly working hours and a linked, active sign-in.
    Therapists,
    /// The clinic's opening hours.
    OpeningHours,
    /// A folder for backups.
    Backups,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub step: SetupStep,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupChecklist {
    pub items: Vec<ChecklistItem>,
    /// Every step done.
    pub complete: bool,
}

/// Whether the query (a `SELECT 1 … LIMIT 1`) finds a row.
async fn exists(clinic: &Clinic, sql: &'static str) -> ApiResult<bool> {
    Ok(sqlx::query(sql)
        .fetch_optional(clinic.pool())
        .await?
        .is_some())
}

pub async fn checklist(
    clinic: &Clinic,
    _actor: &Actor,
    _args: NoArgs,
) -> ApiResult<SetupChecklist> {
    let steps: [(SetupStep, &'static str); 6] = [
        (
            SetupStep::Details,
            "SELECT 1 FROM clinic_settings WHERE id = 1 AND address <> '' \
             AND (phone <> '' OR email <> '') LIMIT 1",
        ),
        (
            SetupStep::Rooms,
            "SELECT 1 FROM rooms WHERE active = 1 LIMIT 1",
        ),
        (
            SetupStep::Services,
            "SELECT 1 FROM services WHERE active = 1 LIMIT 1",
        ),
        (
            SetupStep::Therapists,
            "SELECT 1 FROM practitioners p \
             WHERE p.active = 1 \
             AND EXISTS (SELECT 1 FROM practitioner_hours h \
                         WHERE h.practitioner_id = p.id AND h.kind = 'work') \
             AND EXISTS (SELECT 1 FROM staff s \
                         WHERE s.practitioner_id = p.id AND s.active = 1 AND s.is_therapist = 1) \
             LIMIT 1",
        ),
        (
            SetupStep::OpeningHours,
            "SELECT 1 FROM clinic_hours LIMIT 1",
        ),
        (
            SetupStep::Backups,
            "SELECT 1 FROM security_settings WHERE id = 1 AND backup_folder <> '' LIMIT 1",
        ),
    ];
    let mut items = Vec::with_capacity(steps.len());
    for (step, sql) in steps {
        items.push(ChecklistItem {
            step,
            done: exists(clinic, sql).await?,
        });
    }
    Ok(SetupChecklist {
        complete: items.iter().all(|item| item.done),
        items,
    })
}

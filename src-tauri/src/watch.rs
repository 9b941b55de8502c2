//! Wakes the window when the clinic changes. Once a second the shell looks at the clinic from
//! this window's desk (`palma::api::watch::look`: the journal's head and the desk's state) and
//! sends the window the `palma-watch` event only when the answer differs from the last one, or
//! when the database stops or starts answering. The window then asks the core what changed; a
//! window nobody touches is never woken.

use crate::Shell;
use palma::api::watch::{self, Watch};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// The event's name, as `ui/src/api/tauri.ts` listens for it.
const EVENT: &str = "palma-watch";
/// Looks that fail in a row before the window is told the database is out of reach (one slow
/// answer is not an outage).
const FAILURES_BEFORE_OFFLINE: u32 = 3;

/// Runs for as long as the app does.
pub async fn run(app: AppHandle) {
    let mut every_second = tokio::time::interval(Duration::from_secs(1));
    every_second.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last: Option<Watch> = None;
    let mut failures = 0;
    loop {
        every_second.tick().await;
        let shell = app.state::<Shell>();
        // Whether the database is out of reach, when the window should be told.
        let offline = match watch::look(&shell.clinic, &shell.desk).await {
            Ok(seen) => {
                let back = failures >= FAILURES_BEFORE_OFFLINE;
                failures = 0;
                (last != Some(seen) || back).then(|| {
                    last = Some(seen);
                    false
                })
            }
            Err(error) => {
                failures += 1;
                (failures == FAILURES_BEFORE_OFFLINE).then(|| {
                    tracing::warn!(message = %error.message, "the database is not answering");
                    true
                })
            }
        };
        if let Some(offline) = offline
            && let Err(error) = app.emit(EVENT, serde_json::json!({ "offline": offline }))
        {
            tracing::warn!(%error, "could not wake the window");
        }
    }
}

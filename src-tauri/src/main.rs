//! Palma's desktop shell: opens the database, holds a `Clinic`, and forwards the webview's one
//! `call` command to the core's `dispatch`. No rule lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use palma::api::{self, Call};
use palma::clock::SystemClock;
use palma::staff::Actor;
use palma::{ApiError, Clinic, db};
use std::sync::Arc;
use tauri::Manager;

/// What the shell holds: the open clinic and who is signed in at this window.
struct Desk {
    clinic: Clinic,
    actor: Actor,
}

/// The only command: `{ op, args }` in, the operation's result or an `ApiError` out.
#[tauri::command]
async fn call(
    desk: tauri::State<'_, Desk>,
    call: serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    let call: Call = api::parse_call(call)?;
    api::dispatch(&desk.clinic, &desk.actor, call).await
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let url = db::configured_url()?;
    let clinic = tauri::async_runtime::block_on(Clinic::open(
        &url,
        Arc::new(SystemClock),
        &palma::clinic::this_workstation(),
    ))?;
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second start brings the open window forward instead of opening the database twice.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .manage(Desk {
            clinic,
            actor: Actor::builtin_owner(),
        })
        .invoke_handler(tauri::generate_handler![call])
        .run(tauri::generate_context!())?;
    Ok(())
}

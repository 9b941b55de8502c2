//! Palma's desktop shell: opens the database, holds a `Clinic`, and forwards the webview's one
//! `call` command to the core's `dispatch`. Besides that it does only native things: opening a
//! PDF the core made in the system viewer, or saving it where the person chooses (`pdf.rs`),
//! and saving a calendar file (`.ics`) the same way (`calendar_file.rs`); and waking the window
//! when the clinic changes (`watch.rs`).
//! No rule lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use palma::api::{self, Call};
use palma::staff::{Actor, Desk};
use palma::{ApiError, Clinic, db};
use tauri::Manager;

mod calendar_file;
mod pdf;
mod watch;

/// What the shell holds: the open clinic and this window's desk (who is signed in, locked).
/// There is one window, so one desk.
struct Shell {
    clinic: Clinic,
    desk: Desk,
}

/// The only command: `{ op, args }` in, the operation's result or an `ApiError` out. `refresh`
/// marks a call the window made by itself (reloading data), which does not keep the desk awake.
#[tauri::command]
async fn call(
    shell: tauri::State<'_, Shell>,
    call: serde_json::Value,
    refresh: Option<bool>,
) -> Result<api::Reply, ApiError> {
    let call: Call = api::parse_call(call)?;
    let origin = if refresh == Some(true) {
        api::Origin::Refresh
    } else {
        api::Origin::Person
    };
    api::dispatch_from(&shell.clinic, &shell.desk, call, origin).await
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
        palma::clock::for_shell()?,
        &palma::clinic::this_workstation(),
    ))?;
    // Housekeeping every hour while Palma is open: the daily backup (the core decides whether
    // one is due) and purging records past their retention period.
    let scheduled = clinic.clone();
    tauri::async_runtime::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        loop {
            hourly.tick().await;
            let system = Actor::builtin_owner();
            if let Err(error) = palma::backup::backup_if_due(&scheduled, &system).await {
                tracing::warn!(message = %error.message, "scheduled backup failed");
            }
            // Restricted client records whose retention period has ended are purged.
            let due = palma::clients::requests::purge_due(&scheduled, &system, Default::default());
            if let Err(error) = due.await {
                tracing::warn!(message = %error.message, "purging expired records failed");
            }
        }
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second start brings the open window forward instead of opening the database twice.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(Shell {
            clinic,
            desk: Desk::new(),
        })
        .setup(|app| {
            quiet_caret();
            tauri::async_runtime::spawn(watch::run(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            call,
            pdf::open_pdf,
            pdf::save_pdf,
            calendar_file::save_file
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}

/// A steady text caret. The web view blinks it for ever (it ignores GTK's blink timeout),
/// repainting the window twice a second: about 4 % of a core at the sign-in screen with nobody
/// there. A caret that does not blink is also easier on people who find blinking distracting.
#[cfg(target_os = "linux")]
fn quiet_caret() {
    use gtk::prelude::GtkSettingsExt;
    if let Some(settings) = gtk::Settings::default() {
        settings.set_gtk_cursor_blink(false);
    }
}

#[cfg(not(target_os = "linux"))]
fn quiet_caret() {}

//! Saving a calendar file (`.ics`) the core made for a client, where the person chooses (native
//! dialog). As with PDFs, the webview hands over the file the core returned and never names a
//! path: only a plain `.ics` name and content that is a calendar are accepted.

use crate::Shell;
use crate::pdf::{plain_name, print_folder, save_as, stem};
use base64::Engine;
use palma::ApiError;
use palma::output_files::PRINT_DIR_VAR;

/// The file's bytes and a file name that is only a name (no folders, ends in .ics).
fn checked(file_name: &str, base64: &str) -> Result<(String, Vec<u8>), ApiError> {
    let not_calendar = || ApiError::validation("base64", "This is not a calendar file from Palma.");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .map_err(|_| not_calendar())?;
    if !bytes.starts_with(b"BEGIN:VCALENDAR") {
        return Err(not_calendar());
    }
    Ok((plain_name(file_name, ".ics")?, bytes))
}

/// Asks where to save the calendar file and writes it; `None` when the person cancels. With
/// `PALMA_PRINT_DIR` set (kiosks, automated tests) it is written there, as a new file, without
/// asking.
#[tauri::command]
pub async fn save_file(
    app: tauri::AppHandle,
    shell: tauri::State<'_, Shell>,
    file_name: String,
    base64: String,
) -> Result<Option<String>, ApiError> {
    let (name, bytes) = checked(&file_name, &base64)?;
    if std::env::var_os(PRINT_DIR_VAR).is_some() {
        let path = print_folder(&shell)?.write(stem(&name, ".ics"), ".ics", &bytes)?;
        return Ok(Some(path.to_string_lossy().into_owned()));
    }
    let not_saved = "The calendar file could not be saved there.";
    save_as(app, name, ("Calendar", "ics"), &bytes, not_saved).await
}

#[cfg(test)]
mod tests {
    use super::checked;
    use base64::Engine;

    #[test]
    fn only_calendars_with_plain_ics_names_are_accepted() {
        let ics = base64::engine::general_purpose::STANDARD
            .encode("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
        assert_eq!(
            checked("appointment.ics", &ics).unwrap().0,
            "appointment.ics"
        );
        assert_eq!(checked("../../.bashrc.ics", &ics).unwrap().0, "bashrc.ics");
        assert!(checked("appointment.sh", &ics).is_err(), "not .ics");
        assert!(checked(".ics", &ics).is_err(), "no name");
        let html = base64::engine::general_purpose::STANDARD.encode("<html>");
        assert!(checked("appointment.ics", &html).is_err(), "not a calendar");
        assert!(checked("appointment.ics", "***").is_err(), "not base64");
    }
}

//! Native handling of PDFs the core produced: open one in the system viewer for printing, or
//! save it where the person chooses. The webview hands over the file the core returned; it
//! never names a path, so it cannot write anywhere but the print folder or a chosen file.
//! The print folder (private to this user, new files with unguessable names, removed after a
//! day) is the core's `palma::output_files::PrintFolder`.

use crate::Shell;
use base64::Engine;
use palma::output_files::PrintFolder;
use palma::{ApiError, ErrorCode};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// This user's private print folder (or `PALMA_PRINT_DIR`), files older than a day removed.
/// The core checks and makes it; the clock is the clinic's, like every other "now".
pub(crate) fn print_folder(shell: &Shell) -> Result<PrintFolder, ApiError> {
    PrintFolder::prepare(std::time::SystemTime::from(shell.clinic.now()))
}

/// The stem of a plain file name (`aftercare-2026-11-22-ab12.pdf` → `aftercare-2026-11-22-ab12`),
/// the readable part of the printed file's name; the print folder adds a random part.
pub(crate) fn stem<'a>(name: &'a str, extension: &str) -> &'a str {
    let stem = name.strip_suffix(extension).unwrap_or(name);
    stem.get(..60).unwrap_or(stem)
}

pub(crate) fn native_error(message: &str) -> ApiError {
    ApiError {
        code: ErrorCode::Internal,
        message: message.to_owned(),
        field: None,
        problems: Vec::new(),
    }
}

/// The PDF's bytes and a file name that is only a name (no folders, ends in .pdf).
fn checked(file_name: &str, base64: &str) -> Result<(String, Vec<u8>), ApiError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .map_err(|_| ApiError::validation("base64", "This is not a PDF from Palma."))?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(ApiError::validation(
            "base64",
            "This is not a PDF from Palma.",
        ));
    }
    Ok((plain_name(file_name, ".pdf")?, bytes))
}

/// A file name that is only a name (ASCII letters, digits, `-`, `_`, `.`; no folders, no
/// leading dot) ending in `extension`, so a file can only land where the shell puts it.
pub(crate) fn plain_name(file_name: &str, extension: &str) -> Result<String, ApiError> {
    let name: String = file_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let name = name.trim_start_matches('.').to_owned();
    if name.len() <= extension.len() || !name.ends_with(extension) {
        return Err(ApiError::validation(
            "fileName",
            format!("The file name must end in {extension}."),
        ));
    }
    Ok(name)
}

/// Writes the PDF as a new file in the print folder and opens it in the system viewer (not
/// when `PALMA_PRINT_DIR` chose the folder); returns its path.
#[tauri::command]
pub async fn open_pdf(
    app: tauri::AppHandle,
    shell: tauri::State<'_, Shell>,
    file_name: String,
    base64: String,
) -> Result<String, ApiError> {
    let (name, bytes) = checked(&file_name, &base64)?;
    let folder = print_folder(&shell)?;
    let path = folder.write(stem(&name, ".pdf"), ".pdf", &bytes)?;
    if !folder.is_set_by_environment() {
        app.opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|_| {
                native_error("No PDF viewer could be opened; the file is in the print folder.")
            })?;
    }
    Ok(path.to_string_lossy().into_owned())
}

/// Asks where to save the PDF (native dialog) and writes it; `None` when the person cancels.
#[tauri::command]
pub async fn save_pdf(
    app: tauri::AppHandle,
    file_name: String,
    base64: String,
) -> Result<Option<String>, ApiError> {
    let (name, bytes) = checked(&file_name, &base64)?;
    save_as(
        app,
        name,
        ("PDF", "pdf"),
        &bytes,
        "The PDF could not be saved there.",
    )
    .await
}

/// Asks where to save a file (native dialog, offering `name` and the `filter`'s extension)
/// and writes `bytes` there; `None` when the person cancels. The dialog has asked before
/// replacing a file, so a chosen file is written over.
pub(crate) async fn save_as(
    app: tauri::AppHandle,
    name: String,
    (filter, extension): (&'static str, &'static str),
    bytes: &[u8],
    not_saved: &str,
) -> Result<Option<String>, ApiError> {
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_file_name(name)
            .add_filter(filter, &[extension])
            .blocking_save_file()
    })
    .await
    .map_err(|_| native_error("The save dialog could not be shown."))?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|_| native_error("That place cannot be written to."))?;
    std::fs::write(&path, bytes).map_err(|_| native_error(not_saved))?;
    Ok(Some(path.to_string_lossy().into_owned()))
}

#[cfg(test)]
mod tests {
    use super::checked;

    #[test]
    fn only_pdfs_with_plain_names_are_accepted() {
        let pdf = "JVBERi0xLjQK"; // "%PDF-1.4\n"
        assert_eq!(
            checked("aftercare-2026-11-22-ab12.pdf", pdf).unwrap().0,
            "aftercare-2026-11-22-ab12.pdf"
        );
        assert_eq!(
            checked("../../etc/passwd.pdf", pdf).unwrap().0,
            "etcpasswd.pdf"
        );
        assert!(checked("sheet.exe", pdf).is_err());
        assert!(checked("sheet.pdf", "aGVsbG8=").is_err(), "not a PDF");
        assert!(checked("sheet.pdf", "***").is_err(), "not base64");
    }
}

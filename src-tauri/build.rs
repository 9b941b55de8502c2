fn main() {
    // `call` into the core, the two native PDF commands and saving a calendar file; the
    // capability grants exactly these.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&["call", "open_pdf", "save_pdf", "save_file"]),
    ))
    .expect("tauri build configuration");
}

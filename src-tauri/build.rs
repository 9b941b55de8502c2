fn main() {
    // `call` into the core, and the two native PDF commands; the capability grants exactly these.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(
            tauri_build::AppManifest::new().commands(&["call", "open_pdf", "save_pdf"]),
        ),
    )
    .expect("tauri build configuration");
}

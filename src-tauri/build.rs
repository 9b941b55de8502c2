fn main() {
    // Only the one `call` command exists; the capability grants exactly that.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["call"])),
    )
    .expect("tauri build configuration");
}

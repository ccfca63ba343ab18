//! Tauri's build step (config, capabilities, icons) plus a guard: `generate_context!` needs
//! `../ui/dist`; when the UI has not been built yet a placeholder page is written there, saying
//! how to build it, so the rest of the workspace still compiles.

use std::path::Path;

/// The shell's one command; the screen's commands behind it are declared in
/// `ventanilla_app::ipc`.
const COMMANDS: &[&str] = &["ipc"];

fn main() {
    let dist = Path::new("../ui/dist");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.join("index.html").exists() {
        std::fs::create_dir_all(dist).expect("create ../ui/dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>Ventanilla</title>\
             <body style=\"font:20px sans-serif;padding:2em\">\
             <h1>Ventanilla: UI not built</h1>\
             <p>Run <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>, then \
             <code>cargo build -p ventanilla-desktop</code> again.</p>",
        )
        .expect("write placeholder ui/dist/index.html");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}

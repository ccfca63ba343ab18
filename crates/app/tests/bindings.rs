//! The screen's commands, events and types are generated from `crates/app/src/ipc`. This test
//! fails when the committed `ui/src/generated/ipc.ts` differs from what the declarations say;
//! regenerate it with `UPDATE_BINDINGS=1 cargo test -p ventanilla-app --test bindings`.

use std::path::PathBuf;

use ventanilla_app::ipc::{typescript_module, COMMANDS};

fn generated_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/generated/ipc.ts")
}

#[test]
fn typescript_bindings_are_current() {
    let path = generated_file();
    let want = typescript_module();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/generated/ipc.ts is stale; run UPDATE_BINDINGS=1 cargo test -p ventanilla-app --test bindings"
    );
}

#[test]
fn every_command_has_a_typed_function_on_the_screen() {
    let ts = typescript_module();
    for name in COMMANDS {
        assert!(
            ts.contains(&format!("call(\"{name}\", ")),
            "{name} has no generated function"
        );
    }
    assert!(ts.contains("findByBarcode: (raw: string): Promise<BarcodeLookup>"));
    // Ids are JSON numbers on the screen, never bigint.
    assert!(!ts.contains("bigint"), "an id was generated as bigint");
}

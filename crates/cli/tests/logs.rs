//! Logs read by a program (a pipe, a log file, a service journal) carry no terminal colour codes.

use std::process::{Command, Stdio};

#[test]
fn logs_to_a_pipe_are_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    // `reconcile` on a new counter starts the embedded sandbox hub, which logs where it listens,
    // and ends at once: there is nothing to settle.
    let out = Command::new(env!("CARGO_BIN_EXE_ventanilla"))
        .args(["reconcile", "--data-dir"])
        .arg(dir.path().join("counter"))
        .env("RUST_LOG", "info")
        .env_remove("NO_COLOR")
        .env_remove("VENTANILLA_HUB_URL")
        .env_remove("VENTANILLA_SANDBOX_PORT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("INFO") && stderr.contains("sandbox listening"),
        "something was logged: {stderr:?}"
    );
    assert!(
        !stderr.contains("\x1b["),
        "no colour codes off a terminal: {stderr:?}"
    );
}

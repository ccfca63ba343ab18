//! `ventanilla chaos` as the chaos tests run it, and the figures read back from its summary.

use std::path::Path;
use std::process::Command;

/// What a run printed: everything, and its summary (the last line).
pub struct Run {
    pub stdout: String,
    pub summary: String,
}

/// Runs `ventanilla chaos ARGS --data-dir DIR` and fails the test (with the counter's last log
/// lines) when the run fails.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ventanilla"))
        .arg("chaos")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let log = std::fs::read_to_string(dir.join("counter.log")).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(30).collect();
    assert!(
        out.status.success(),
        "{stdout}\n{stderr}\ncounter log (last lines, newest first):\n{}",
        tail.join("\n")
    );
    Run {
        summary: stdout.lines().last().unwrap_or_default().to_string(),
        stdout: stdout.into_owned(),
    }
}

/// The number in front of `what` in a clause like `79 tickets, 7 refunds`.
pub fn count(clause: &str, what: &str) -> usize {
    clause
        .split(", ")
        .find_map(|part| part.strip_suffix(what)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no `{what}` in {clause:?}"))
}

#!/usr/bin/env bash
# Runs every check and test of Ventanilla: formatting, lints, the UI's type check and unit tests,
# the Rust unit and integration tests (real SQLite, the sandbox over loopback HTTP), the IPC
# tests, and the end-to-end tests through the real window under Xvfb.
# Installs whatever is missing first. This is what .ci/run calls.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/prereqs.sh"
cd "$root"
started=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - started )) s)"; }

step "prerequisites"
ensure_apt_packages
ensure_node
ensure_tauri_driver
ensure_ui_deps "$root"

step "UI: type check, unit tests, build"
(cd ui && npm run check && npm test && npm run build)

step "Rust: formatting"
cargo fmt --all --check

step "Rust: lints"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "Rust: the desktop binary the window tests drive"
cargo build --locked -p ventanilla-desktop

step "Rust: every test"
cargo test --locked --workspace

step "done"

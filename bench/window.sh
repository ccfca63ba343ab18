#!/usr/bin/env bash
# Speed and memory of the real window (issue 7's goals), on the release build:
#   - scan Enter to bill painted, p95, from the UI's own performance marks (goal < 100 ms);
#   - PSS of every process of the app after start (goal <= 300 MB) and its growth over
#     500 cash sales (goal <= 10%);
#   - cold start to a focused scan field (goal < 1.5 s).
# Prints the figures; asserts nothing. Usage: bench/window.sh [--sales N] [--starts N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/prereqs.sh"
cd "$root"
ensure_apt_packages
ensure_node
ensure_tauri_driver
ensure_ui_deps "$root"
(cd ui && npm run build)
cargo build --locked --release -p ventanilla-desktop -p ventanilla-e2e --bin ventanilla-desktop --bin window-bench
VENTANILLA_DESKTOP_BIN="$root/target/release/ventanilla-desktop" \
  "$root/target/release/window-bench" "$@"

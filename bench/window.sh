#!/usr/bin/env bash
# Speed and memory of the real window (issue 7's goals), on the release build:
#   - scan Enter to bill painted, p95, from the UI's own performance marks (goal < 100 ms);
#   - PSS of every process of the app after start (goal <= 300 MB) and its growth over
#     500 cash sales (goal <= 10%);
#   - cold start to a focused scan field (goal < 1.5 s).
# Prints the figures; asserts nothing.
# Usage: bench/window.sh [--separate-hub] [--sales N] [--starts N]
# --separate-hub runs the sandbox in its own process, as a remote hub would be, so that its
# ledger of every sale does not grow inside the app.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/prereqs.sh"
cd "$root"
ensure_apt_packages
ensure_node
ensure_tauri_driver
ensure_ui_deps "$root"
(cd ui && npm run build)
cargo build --locked --release -p ventanilla-desktop -p ventanilla-e2e -p ventanilla \
  --bin ventanilla-desktop --bin window-bench --bin ventanilla
hub=()
if [[ "${1:-}" == "--separate-hub" ]]; then
  shift
  out="$(mktemp)"
  "$root/target/release/ventanilla" sandbox --port 0 >"$out" 2>/dev/null &
  sandbox_pid=$!
  trap 'kill "$sandbox_pid" 2>/dev/null; rm -f "$out"' EXIT
  for _ in $(seq 100); do grep -q "listening on" "$out" && break; sleep 0.1; done
  hub=(--hub "$(sed -n 's/^sandbox listening on //p' "$out" | head -1)")
  echo "hub: the sandbox in its own process at ${hub[1]}"
fi
VENTANILLA_DESKTOP_BIN="$root/target/release/ventanilla-desktop" \
  "$root/target/release/window-bench" "${hub[@]}" "$@"

#!/usr/bin/env bash
# Runs Ventanilla on this machine, against the built-in sandbox unless VENTANILLA_HUB_URL is set.
# Installs whatever is missing first (Debian packages, npm packages), then builds and starts.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/prereqs.sh"

ensure_apt_packages
ensure_node
ensure_ui_deps "$root"
(cd "$root/ui" && npm run build)
cd "$root"
exec cargo run --locked -p ventanilla-desktop -- "$@"

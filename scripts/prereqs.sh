#!/usr/bin/env bash
# Installs what Ventanilla needs to build, run and test on Debian 12, skipping what is there.
# Sourced by run-app.sh and test-all.sh.
set -euo pipefail

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  libxdo-dev build-essential pkg-config file xvfb xauth xdotool imagemagick webkit2gtk-driver
  fonts-dejavu-core poppler-utils zbar-tools librsvg2-bin curl
)
TAURI_DRIVER_VERSION=2.1.0

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "== installing Node.js and npm"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  fi
}

ensure_tauri_driver() {
  if ! tauri-driver --help >/dev/null 2>&1; then
    echo "== installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install --locked tauri-driver --version "$TAURI_DRIVER_VERSION"
  fi
}

ensure_ui_deps() {
  local ui="$1/ui"
  if [ ! -d "$ui/node_modules" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
    echo "== installing the UI's npm packages"
    (cd "$ui" && npm ci --no-audit --no-fund)
  fi
}
export PATH="$HOME/.cargo/bin:$PATH"

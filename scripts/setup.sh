#!/usr/bin/env bash
# Installs what building and testing Brand Radar needs on Debian, as root.
# Idempotent: every step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Debian packages: the browser the tests drive, its zh-TW UI strings, CJK fonts
# for screenshots, and Firefox ESR for the Firefox build checks.
packages=(chromium chromium-driver chromium-l10n firefox-esr fonts-noto-cjk python3-venv openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO dpkg --configure -a || true
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

# Rust -> wasm. The CLI version must equal the wasm-bindgen crate pinned in Cargo.toml.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen 0.2.130" ]; then
  # Not --locked: its lockfile wants a crate release the registry lacks.
  cargo install wasm-bindgen-cli --version 0.2.130
fi

# playwright-core, esbuild, binaryen (wasm-opt), mark.js (benchmark).
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# Webrecorder's validator for the WACZ export test, in a venv of its own.
if [ ! -x .cache/wacz/bin/wacz ]; then
  python3 -m venv .cache/wacz
  .cache/wacz/bin/pip install -q wacz==0.6.0
fi
echo "setup: ready"

#!/usr/bin/env bash
# Installs whatever this machine lacks to build, serve and test the explorer,
# and skips what is already there. Debian, as root (or with sudo), registries only.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# 1. Debian packages: Chromium for the browser tests, Noto CJK so Chinese renders, Node for the test runner.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v gzip >/dev/null 2>&1 || need_apt+=(gzip)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# 2. Rust: the wasm target, Trunk 0.21 (0.22 needs a newer rustc), and the
#    wasm-bindgen CLI at exactly the version Cargo.lock pins.
export PATH="$HOME/.cargo/bin:$PATH"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version >/dev/null 2>&1; then
  say "cargo install trunk (about 20 minutes on 2 cores)"
  cargo install trunk --version '^0.21' --locked
fi
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Without --locked: with it the build needs a crate the registry no longer has.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi
# Trunk must ask for the installed version, or it tries to download one.
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  say "pinning wasm_bindgen = $WASM_BINDGEN_VERSION in Trunk.toml"
  sed -i "s/^wasm_bindgen = .*/wasm_bindgen = \"$WASM_BINDGEN_VERSION\"/" Trunk.toml
fi

# 3. npm: playwright-core (drives Debian's Chromium) and binaryen's wasm-opt (Debian's is too old).
if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null | head -1)"

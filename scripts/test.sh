#!/usr/bin/env bash
# Every test: installs what is missing, runs the native tests, builds the release
# bundle, then the browser end-to-end tests against it on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh

echo "== native tests (cargo test)"
cargo test --locked

echo "== release build (trunk)"
trunk build --release

echo "== browser tests (node --test, Debian Chromium)"
node --test --test-concurrency=1 tests/e2e/

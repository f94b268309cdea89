#!/usr/bin/env bash
# Every test: installs what is missing, runs the native tests (here and in a copy of the
# repository with no ../shared beside it), builds the release bundle, then the browser
# end-to-end tests against it on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh

bash scripts/native-tests.sh

# A stranger's clone has no ../shared: the suite must pass there too. The copy holds what git
# tracks or would track (uncommitted edits included), in a fresh temporary folder. It reuses
# this tree's target folder, so only the crate itself is built again.
echo "== native tests in a copy with no ../shared beside it"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
mkdir "$copy/repo"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$copy/repo"
(cd "$copy/repo" && env -u REQUIRE_SOURCE_PAGE -u SEED_DIR CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}" \
  bash scripts/native-tests.sh)

echo "== release build (trunk)"
trunk build --release

echo "== browser tests (node --test, Debian Chromium)"
node --test --test-concurrency=1 tests/e2e/

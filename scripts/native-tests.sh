#!/usr/bin/env bash
# The native tests (cargo test), with the provenance checks when the source page is there.
# The page is not ours to ship, so the three checks that read it are #[ignore]d and run here
# with --include-ignored when it is found. REQUIRE_SOURCE_PAGE=1 (set by .ci/run) turns a
# missing page into a failure, so CI can never skip them silently.
set -euo pipefail
source "$(dirname "$0")/env.sh"

page=$(sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' data/tongliao-2022.json | head -n 1)
seed="${SEED_DIR:-$ROOT/../shared/seed}"

if [ -f "$seed/$page" ]; then
  echo "== native tests (cargo test), provenance checks included: $seed/$page"
  SEED_DIR="$seed" cargo test --locked -- --include-ignored
elif [ "${REQUIRE_SOURCE_PAGE:-}" = 1 ]; then
  echo "REQUIRE_SOURCE_PAGE=1, but the source page $page is not in $seed: set SEED_DIR to the folder holding it" >&2
  exit 1
else
  echo "== native tests (cargo test)"
  cargo test --locked
  echo "== provenance checks NOT RUN (3 tests): the source page $page is not in $seed; set SEED_DIR to the folder holding it"
fi

#!/usr/bin/env bash
# Rebuilds the example published lists in data/lists/ from the seeded generator, through
# the same importer a reader's browser runs, then publishes the folder (manifest, names).
# The output is committed; run this only when the generator or the importer changes.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node scripts/gen-import-fixtures.mjs "$tmp" examples
for year in 2023 2024; do
  cargo run -q --release --bin publish -- import "$tmp/synthetic-city-$year.xlsx" "data/lists/synthetic-city-$year.json" \
    --region-zh "合成市（合成数据）" --region-en "Synthetic City (synthetic data)" \
    --title-en "Synthetic City $year major projects plan (synthetic data, not real projects)"
done
cargo run -q --release --bin publish -- data/lists

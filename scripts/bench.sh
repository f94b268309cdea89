#!/usr/bin/env bash
# Benchmark on demand (not part of the tests): builds the release bundle, generates the
# seeded 100k-project file, and prints every figure with its goal. See BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
trunk build --release
mkdir -p target
[ -f target/synthetic-100k.csv ] || node scripts/gen-synthetic.mjs 100000 target/synthetic-100k.csv
[ -f target/big-5000.xlsx ] || node scripts/gen-import-fixtures.mjs target 5000
# The wide list as offices publish it, at 100k: xlsx and GBK CSV (the large-lists issue).
[ -f target/big-100000.xlsx ] || node scripts/gen-import-fixtures.mjs target 100000
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(chromium --version | head -1)"
node scripts/bench.mjs

#!/usr/bin/env bash
# Installs what is missing, then builds and serves the app on http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"

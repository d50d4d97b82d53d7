#!/usr/bin/env bash
# Set up the runtime environment (no test tools) and build the HTML book from the default
# data pack into _build/html. Extra arguments go to `evidencebook build` (e.g. --data PACK --out DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --runtime
.venv/bin/evidencebook build "$@"

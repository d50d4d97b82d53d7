#!/usr/bin/env bash
# Set up the environment and build the HTML book from the default data pack into
# _build/html. Extra arguments go to `evidencebook build` (e.g. --data PACK --out DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/evidencebook build "$@"

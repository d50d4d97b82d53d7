#!/usr/bin/env bash
# Set up the environment and run every test: lint and format checks, unit tests, nbval on
# every notebook, a strict build of the book compared with its snapshot, and browser checks
# of every built page in headless Chromium with the network unavailable.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# Debian's Chromium for the browser tests (playwright's own browser download needs a network).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff (lint and format) =="
ruff check evidencebook tests benchmarks scripts notebooks
ruff format --check evidencebook tests benchmarks scripts

echo "== pytest (unit, nbval, build, browser) =="
set +e
# On both cores: each xdist group (tests/conftest.py) runs on one worker, so a book several
# test files read is built once, and a notebook's cells run in order in one kernel.
pytest -p no:cacheprovider --nbval-lax --nbval-current-env -n 2 --dist loadgroup \
  --no-loadscope-reorder tests notebooks "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "No tests were collected: failing." >&2
  exit 1
fi
exit "$status"

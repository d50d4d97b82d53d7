#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment in .venv. Safe to run again:
# packages are reinstalled only when the pins or the packaging change.
#   bash scripts/setup.sh            runtime and test/development tools (requirements-dev.txt)
#   bash scripts/setup.sh --runtime  only what building books needs (requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=all
case "${1:-}" in
  "") ;;
  --runtime) mode=runtime ;;
  *) echo "usage: bash scripts/setup.sh [--runtime]" >&2; exit 2 ;;
esac

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    echo "Python's venv module is missing; installing python3-venv" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi
    rm -rf .venv
    "$PYTHON" -m venv .venv
  fi
fi

# The stamp records what was installed: the runtime pins, or all of them (which also serve
# a runtime-only setup).
stamp=.venv/.requirements.sha256
runtime_want=$(cat requirements.txt pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
all_want=$(cat requirements.txt requirements-dev.txt pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
have=$(cat "$stamp" 2>/dev/null || true)
if [ "$mode" = all ]; then want=$all_want; pins=requirements-dev.txt; else want=$runtime_want; pins=requirements.txt; fi
if [ "$have" != "$want" ] && [ "$have" != "$all_want" ]; then
  echo "Installing pinned packages ($pins) into .venv ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$pins"
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$want" > "$stamp"
fi

# Test tools from the npm registry, pinned in package-lock.json: axe-core, which the browser
# tests inject into every built page. Installed again only when the lock file changes; not
# for a runtime-only setup.
if [ "$mode" = all ] && [ "${EVIDENCEBOOK_NO_NODE:-}" != 1 ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing; installing Debian's nodejs and npm for the test tools" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
  fi
  node_stamp=node_modules/.package-lock.sha256
  node_want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$node_stamp" ] || [ "$(cat "$node_stamp")" != "$node_want" ]; then
    echo "Installing pinned test tools into node_modules ..."
    npm ci --no-audit --no-fund --loglevel=error
    echo "$node_want" > "$node_stamp"
  fi
fi

#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment in .venv. Safe to run again:
# packages are reinstalled only when requirements.txt or pyproject.toml change.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    echo "Python's venv module is missing; installing python3-venv" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi
    rm -rf .venv
    "$PYTHON" -m venv .venv
  fi
fi

stamp=.venv/.requirements.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing pinned packages into .venv ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$want" > "$stamp"
fi

# Test tools from the npm registry, pinned in package-lock.json: axe-core, which the browser
# tests inject into every built page. Installed again only when the lock file changes.
if [ "${EVIDENCEBOOK_NO_NODE:-}" != 1 ]; then
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

#!/usr/bin/env bash
# Set up and run every test: lint, engine, AppTest and real-browser tests.
# Browser tests drive Debian's Chromium at /usr/bin/chromium, and the brief's tests render its PDF
# with poppler's pdftoppm; both are installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium poppler-utils >/dev/null
  fi
fi
.venv/bin/ruff check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" = 5 ]; then
  echo "pytest collected no tests: the suite is misconfigured" >&2
fi
exit "$status"

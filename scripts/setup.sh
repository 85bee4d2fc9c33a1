#!/usr/bin/env bash
# Create .venv (once) and install the requirements into it. Idempotent, so the run and test
# commands can both call it on every start.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
python_bin="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  # A .venv without a working interpreter (a dangling link, an interrupted create) is rebuilt.
  if [ -L .venv ]; then rm -f .venv; else rm -rf .venv; fi
  "$python_bin" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$requirements")"
if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$requirements"
  touch "$stamp"
fi

#!/usr/bin/env bash
# Set up and start the dashboard on http://127.0.0.1:8501 (extra arguments go to streamlit run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port "${PORT:-8501}" "$@"

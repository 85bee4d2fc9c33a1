#!/usr/bin/env bash
# Set up and start the dashboard on http://127.0.0.1:8501, reachable from this machine only.
#   scripts/run-app.sh            listen on 127.0.0.1 (PORT=8502 scripts/run-app.sh for another port)
#   scripts/run-app.sh --expose   listen on every interface (0.0.0.0), for other machines or a load
#                                 balancer; put a TLS proxy in front (README: "Running it for others")
# Other arguments go to `streamlit run`. serve.py is app.py behind its guard (ui/guard.py): odd
# addresses, private metrics, and the knowledge base checked at start-up (a broken one is printed
# here and every page shows it).
set -euo pipefail
cd "$(dirname "$0")/.."
address=127.0.0.1
if [ "${1:-}" = "--expose" ]; then
  address=0.0.0.0
  shift
fi
scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run serve.py --server.address "$address" --server.port "${PORT:-8501}" "$@"

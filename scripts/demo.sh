#!/usr/bin/env bash
# Sets up the machine and starts the web platform on demo data: a demo province with three counties
# (two school years each) and the demo accounts, printed at start-up (password junheng-demo).
# Extra arguments go to `junheng serve` (e.g. --port 8081). PDF downloads appear when chromium is installed
# (`scripts/setup.sh --web`).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec swift run junheng serve --demo "$@"

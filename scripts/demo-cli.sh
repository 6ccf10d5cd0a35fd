#!/usr/bin/env bash
# Sets up the machine, generates a demo county and evaluates it against 优质均衡 (youzhi-2017).
# Extra arguments go to `junheng evaluate` (e.g. --lang en, --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
swift build --product junheng 2>&1 | tail -1
BIN=$(swift build --show-bin-path)/junheng
mkdir -p data
"$BIN" demo-data --county 1 --schools 60 --seed 2017 --output data/demo-county.csv
echo "== junheng evaluate data/demo-county.csv --standard youzhi-2017 $*"
"$BIN" evaluate data/demo-county.csv --standard youzhi-2017 "$@"

#!/usr/bin/env bash
# Checks the web platform in headless Chromium: builds junheng if needed, starts `junheng serve --demo` on a free
# loopback port in a temporary working directory, runs scripts/browser-check.py (login -> dashboard -> upload ->
# printable report -> PDF), and stops the server. Screenshots, PDFs and logs go to artifacts/browser/ (gitignored).
# Exits non-zero on any console error or missing element (the Python script lists them).
# Environment: SCRATCH_PATH=dir builds in dir instead of .build; JUNHENG_BIN=path uses that binary instead of building.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
./scripts/setup.sh --web
out="$root/artifacts/browser"
rm -rf "$out"
mkdir -p "$out"

if [ -n "${JUNHENG_BIN:-}" ]; then
  BIN=$JUNHENG_BIN
else
  scratch=()
  [ -z "${SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SCRATCH_PATH")
  echo "== building junheng"
  swift build --product junheng "${scratch[@]}" 2>&1 | tail -1
  BIN=$(swift build --show-bin-path "${scratch[@]}")/junheng
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-browser.XXXXXX")
. scripts/lib/demo-server.sh
demo_server_cleanup_on_exit "$work" "$out/server.log"

"$BIN" demo-data --county 1 --schools 30 --seed 7 -o "$work/upload.csv" > /dev/null
demo_server_start "$BIN" "$work"
python3 scripts/browser-check.py --base "$DEMO_BASE" --csv "$work/upload.csv" --out "$out"

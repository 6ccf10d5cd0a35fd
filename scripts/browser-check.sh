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
server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    kill -TERM "$server_pid" 2> /dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2> /dev/null || true
  fi
  [ ! -f "$work/server.log" ] || cp "$work/server.log" "$out/server.log"
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$BIN" demo-data --county 1 --schools 30 --seed 7 -o "$work/upload.csv" > /dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
(cd "$work" && exec "$BIN" serve --demo --port "$port" < /dev/null > "$work/server.log" 2>&1) &
server_pid=$!
base="http://127.0.0.1:$port"
echo "== waiting for junheng serve --demo on $base"
for _ in $(seq 600); do
  curl -fsS -o /dev/null "$base/login" 2> /dev/null && break
  kill -0 "$server_pid" 2> /dev/null || { echo "junheng serve exited:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS -o /dev/null "$base/login" || { echo "junheng serve did not answer within 120 s" >&2; cat "$work/server.log" >&2; exit 1; }
python3 scripts/browser-check.py --base "$base" --csv "$work/upload.csv" --out "$out"

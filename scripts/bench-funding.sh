#!/usr/bin/env bash
# Benchmark of the public funding portal beside nginx, in the same run, on loopback:
#   a province of 100 counties × 200 schools × 5 published years × 40 budget lines (4,000,000 lines) is loaded into
#   the SQLite database of `junheng serve --demo` (scripts/bench/load_funding.py, plain SQL inserts after the server
#   migrated the schema); then wrk loads the public county page /public/counties/{code} (no login, no cookie) and
#   nginx serving the same page's bytes as a static file. Prints requests/s and p99 for both and the ratio
#   portal p99 / nginx p99 (target <= 2), and writes them to bench-output/funding.txt.
# Usage: scripts/bench-funding.sh [DURATION] [CONNECTIONS] [THREADS]     (defaults: 15s 32 2)
# Environment: JUNHENG_BIN=path uses that binary instead of building release; COUNTIES, SCHOOLS, YEARS, LINES change
# the province's size.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
COUNTIES=${COUNTIES:-100}
SCHOOLS=${SCHOOLS:-200}
YEARS=${YEARS:-5}
LINES=${LINES:-40}
OUT="$root/bench-output"
mkdir -p "$OUT"
./scripts/setup.sh --bench-web

BIN=$(realpath "$(./scripts/build-release.sh)")

work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-bench-funding.XXXXXX")
chmod 755 "$work"
server_pid=""
nginx_pid=""
stop() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null || return 0
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2> /dev/null || true
}
cleanup() {
  local rc=$?
  stop "$nginx_pid"
  stop "$server_pid"
  [ ! -f "$work/server.log" ] || cp "$work/server.log" "$OUT/funding-server.log"
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

db="$work/server/data/junheng.sqlite"
start_server() {
  port=$(free_port)
  base="http://127.0.0.1:$port"
  (cd "$work/server" && exec "$BIN" serve --demo --port "$port" < /dev/null >> "$work/server.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 900); do
    curl -fsS -o /dev/null "$base/login" 2> /dev/null && return 0
    kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "server did not start" >&2; exit 1
}

mkdir -p "$work/server"
echo "== junheng serve --demo (migrates and seeds the demo province)"
start_server
stop "$server_pid"; server_pid=""
echo "== loading $COUNTIES counties × $SCHOOLS schools × $YEARS years × $LINES lines"
t0=$(date +%s)
python3 scripts/bench/load_funding.py "$db" "$COUNTIES" "$SCHOOLS" "$YEARS" "$LINES"
echo "   loaded in $(( $(date +%s) - t0 )) s"
start_server
COUNTY=$(python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("select code from regions where code like '3398%' order by code limit 1 offset 49").fetchone()[0])
PY
)
path="/public/counties/$COUNTY"
t0=$(date +%s%N)
code=$(curl -sS -o "$work/county.html" -w '%{http_code}' -D "$work/headers.txt" "$base$path")
cold_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$code" = 200 ] || { echo "public county page answered HTTP $code" >&2; exit 1; }
grep -qi '^set-cookie' "$work/headers.txt" && { echo "the public page set a cookie" >&2; exit 1; }
grep -q 'table-function-final' "$work/county.html" || { echo "public page has no 决算 table" >&2; exit 1; }
page_bytes=$(wc -c < "$work/county.html")
lines_total=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from funding_budget_lines').fetchone()[0])" "$db")

nport=$(free_port)
mkdir -p "$work/nginx/www" "$work/nginx/tmp"
cp "$work/county.html" "$work/nginx/www/county.html"
chmod -R a+rX "$work/nginx"
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  types { text/html html; }
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nport; root $work/nginx/www; }
}
EOF
nginx -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nport/county.html"
for _ in $(seq 100); do curl -fsS -o /dev/null "$nginx_url" 2> /dev/null && break; sleep 0.1; done
cmp -s "$work/county.html" <(curl -fsS "$nginx_url") || { echo "nginx does not serve the page's bytes" >&2; exit 1; }

run_wrk() {
  local name=$1 url=$2
  echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url ($name), after a 3 s warm-up"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" > "$OUT/funding-wrk-$name.txt"
  grep -E 'Requests/sec|99%|Non-2xx|Socket errors' "$OUT/funding-wrk-$name.txt" | sed 's/^/   /'
}
run_wrk nginx "$nginx_url"
run_wrk portal "$base$path"

python3 - "$OUT" "$DURATION" "$CONNECTIONS" "$THREADS" "$page_bytes" "$(nproc)" "$lines_total" "$cold_ms" "$COUNTIES" "$SCHOOLS" "$YEARS" "$LINES" <<'PY' | tee "$OUT/funding.txt"
import re
import sys

out, duration, conns, threads, page_bytes, cores, lines_total, cold_ms, counties, schools, years, lines = sys.argv[1:]
UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def parse(name):
    text = open(f"{out}/funding-wrk-{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
    v, u = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
    v50, u50 = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
    non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    return {"rps": rps, "p99": float(v) * UNIT[u], "p50": float(v50) * UNIT[u50], "non2xx": int(non2xx.group(1)) if non2xx else 0}


n, p = parse("nginx"), parse("portal")
print(f"funding portal benchmark: {counties} counties × {schools} schools × {years} years × {lines} lines = {int(lines_total):,} budget lines in SQLite")
print(f"wrk -t{threads} -c{conns} -d{duration} --latency, loopback, {cores} cores, same run; page {int(page_bytes):,} bytes; first (uncached) view {cold_ms} ms")
print(f"{'':34} {'requests/s':>11} {'p50 (ms)':>9} {'p99 (ms)':>9}  non-2xx")
print(f"{'nginx static file (same bytes)':34} {n['rps']:11.1f} {n['p50']:9.2f} {n['p99']:9.2f}  {n['non2xx']}")
print(f"{'public county page (no login)':34} {p['rps']:11.1f} {p['p50']:9.2f} {p['p99']:9.2f}  {p['non2xx']}")
ratio = p["p99"] / n["p99"]
print(f"portal p99 / nginx p99: {ratio:.1f}x  (target <= 2x)  {'met' if ratio <= 2 else 'NOT met'}")
PY

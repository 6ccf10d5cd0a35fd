#!/usr/bin/env bash
# Benchmark of the web platform beside nginx, in the same run, all on loopback:
#   1. nginx (Debian's, private config in a temp dir) serving the county dashboard's bytes as a static file;
#   2. the county dashboard /counties/330101/years/2025, logged in as demo-county (session cookie);
#   3. the evaluation API GET /api/v1/counties/330101/years/2025/evaluation (bearer token).
# Each is loaded with wrk (Debian's) for a bounded time, after an unmeasured 3 s warm-up. Prints requests/s and p99 latency for each, and the ratio
# dashboard p99 / nginx p99 (target <= 2), and writes them to bench-output/web.txt.
# Usage: scripts/bench-web.sh [DURATION] [CONNECTIONS] [THREADS]     (defaults: 15s 32 2)
# Environment: SCRATCH_PATH=dir builds in dir instead of .build; JUNHENG_BIN=path uses that binary instead of
# building release; DATABASE_URL, when set, is passed on to the server (PostgreSQL instead of SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
COUNTY=330101
YEAR=2025
OUT="$root/bench-output"
mkdir -p "$OUT"
./scripts/setup.sh --bench-web

BIN=$(realpath "$(./scripts/build-release.sh)")

work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-bench-web.XXXXXX")
chmod 755 "$work"   # nginx's workers (user nobody when started as root) must read the page
server_pid=""
nginx_pid=""
stop() {  # stop PID: TERM, then KILL after 5 s
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
  [ ! -f "$work/server.log" ] || cp "$work/server.log" "$OUT/web-server.log"
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# -- junheng serve --demo ---------------------------------------------------------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
mkdir -p "$work/server"
(cd "$work/server" && exec "$BIN" serve --demo --port "$port" < /dev/null > "$work/server.log" 2>&1) &
server_pid=$!
echo "== starting junheng serve --demo on $base"
for _ in $(seq 600); do
  curl -fsS -o /dev/null "$base/login" 2> /dev/null && break
  kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done

# Browser login: the form's _csrf hidden field comes from GET /login, with the same cookie jar.
jar="$work/cookies.txt"
csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$csrf" ] || { echo "no _csrf field on /login" >&2; exit 1; }
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" \
  --data-urlencode username=demo-county --data-urlencode password=junheng-demo "$base/login")
[ "$code" = 303 ] || [ "$code" = 302 ] || { echo "login answered HTTP $code" >&2; exit 1; }
cookie=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
dash_path="/counties/$COUNTY/years/$YEAR"
code=$(curl -sS -o "$work/dashboard.html" -w '%{http_code}' -H "Cookie: $cookie" "$base$dash_path")
[ "$code" = 200 ] || { echo "dashboard answered HTTP $code" >&2; exit 1; }
grep -q 'id="verdicts"' "$work/dashboard.html" || { echo "dashboard page has no #verdicts" >&2; exit 1; }
page_bytes=$(wc -c < "$work/dashboard.html")

# API login: bearer token.
token=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"demo-county","password":"junheng-demo"}' \
  "$base/api/v1/auth/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
api_path="/api/v1/counties/$COUNTY/years/$YEAR/evaluation"
code=$(curl -sS -o "$work/evaluation.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base$api_path")
[ "$code" = 200 ] || { echo "evaluation API answered HTTP $code" >&2; exit 1; }
api_bytes=$(wc -c < "$work/evaluation.json")

# -- nginx serving the same page's bytes -------------------------------------------------------------------------------
nport=$(free_port)
mkdir -p "$work/nginx/www" "$work/nginx/tmp"
cp "$work/dashboard.html" "$work/nginx/www/dashboard.html"
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
  server {
    listen 127.0.0.1:$nport;
    root $work/nginx/www;
  }
}
EOF
nginx -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nport/dashboard.html"
for _ in $(seq 100); do curl -fsS -o /dev/null "$nginx_url" 2> /dev/null && break; sleep 0.1; done
cmp -s "$work/dashboard.html" <(curl -fsS "$nginx_url") || { echo "nginx does not serve the dashboard's bytes" >&2; exit 1; }

# -- wrk ----------------------------------------------------------------------------------------------------------------
run_wrk() {  # NAME URL [wrk args...]
  local name=$1 url=$2; shift 2
  echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url ($name), after a 3 s warm-up"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" > "$OUT/web-wrk-$name.txt"
  grep -E 'Requests/sec|99%|Non-2xx|Socket errors' "$OUT/web-wrk-$name.txt" | sed 's/^/   /'
}
run_wrk nginx "$nginx_url"
run_wrk dashboard "$base$dash_path" -H "Cookie: $cookie"
run_wrk api "$base$api_path" -H "Authorization: Bearer $token"

python3 - "$OUT" "$DURATION" "$CONNECTIONS" "$THREADS" "$page_bytes" "$api_bytes" "$(nproc)" <<'PY' | tee "$OUT/web.txt"
import re
import sys

out, duration, conns, threads, page_bytes, api_bytes, cores = sys.argv[1:]
UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def parse(name):
    text = open(f"{out}/web-wrk-{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
    value, unit = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
    p50v, p50u = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    errors = re.search(r"Socket errors:(.*)", text)
    return {"rps": rps, "p99": float(value) * UNIT[unit], "p50": float(p50v) * UNIT[p50u], "total": total,
            "non2xx": int(non2xx.group(1)) if non2xx else 0, "errors": errors.group(1).strip() if errors else ""}


rows = [("nginx static file (same bytes)", "nginx"), ("county dashboard (session cookie)", "dashboard"),
        ("evaluation API (bearer token)", "api")]
r = {key: parse(key) for _, key in rows}
print(f"web benchmark: wrk -t{threads} -c{conns} -d{duration} --latency, loopback, {cores} cores, same run")
print(f"dashboard page {int(page_bytes):,} bytes; evaluation JSON {int(api_bytes):,} bytes")
print(f"{'':36} {'requests/s':>11} {'p50 (ms)':>9} {'p99 (ms)':>9} {'requests':>9}  non-2xx/errors")
for label, key in rows:
    x = r[key]
    print(f"{label:36} {x['rps']:11.1f} {x['p50']:9.2f} {x['p99']:9.2f} {x['total']:9d}  {x['non2xx']}{' ' + x['errors'] if x['errors'] else ''}")
ratio = r["dashboard"]["p99"] / r["nginx"]["p99"]
print(f"dashboard p99 / nginx p99: {ratio:.1f}x  (target <= 2x)  {'met' if ratio <= 2 else 'NOT met'}")
print(f"nginx / dashboard requests/s: {r['nginx']['rps'] / r['dashboard']['rps']:.1f}x")
bad = [k for k in r if r[k]["non2xx"]]
if bad:
    print(f"WARNING: non-2xx responses from {', '.join(bad)}: those figures do not measure the page")
PY

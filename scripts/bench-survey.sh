#!/usr/bin/env bash
# Load benchmark of the survey's public answer path (issue: pre-survey): against the release server, first on SQLite,
# then on PostgreSQL (a private server from scripts/with-postgres.sh, with fsync and synchronous commit on), 64 concurrent keep-alive clients submit 20,000
# answers with fresh invitation codes, 2,000 replays and 2,000 forged codes (scripts/bench/survey-load.py). Prints
# accepted answers/s and the p50/p99 latency of fresh answers, and checks the counts: every fresh answer accepted exactly
# once (201), every replay refused (409), every forgery refused (404), and the results' response count equal to the
# accepted count. Target: >= 2,000 accepted/s and p99 <= 50 ms on this 2-core machine. Writes bench-output/survey.txt.
# Usage: scripts/bench-survey.sh [FRESH] [REPLAYS] [FORGED] [CLIENTS]     (defaults 20000 2000 2000 64)
# Environment: JUNHENG_BIN=path uses that binary instead of building release; SKIP_POSTGRES=1 runs SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
OUT="$root/bench-output"
mkdir -p "$OUT"
BIN=$(realpath "$(./scripts/build-release.sh)")
. scripts/lib/demo-server.sh

args=("${1:-20000}" "${2:-2000}" "${3:-2000}" "${4:-64}")
results="$OUT/survey-runs.txt"
: > "$results"
(
  work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-bench-survey.XXXXXX")
  demo_server_start "$BIN" "$work" --survey-rate 0 >&2
  token=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"demo-county","password":"junheng-demo"}' \
    "$DEMO_BASE/api/v1/auth/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  status=0
  python3 scripts/bench/survey-load.py "$DEMO_BASE" "$token" "${args[@]}" > "$work/result.json" || status=$?
  demo_server_stop
  echo "SQLite $(cat "$work/result.json")" >> "$results"
  rm -rf "$work"
  exit $status
) || echo "SQLite run FAILED its checks" >&2
if [ -z "${SKIP_POSTGRES:-}" ]; then
  PG_DURABLE=1 BIN="$BIN" ARGS="${args[*]}" RESULTS="$results" ./scripts/with-postgres.sh bash -c '
    . scripts/lib/demo-server.sh
    export DATABASE_URL=$JUNHENG_TEST_DATABASE_URL
    work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-bench-survey.XXXXXX")
    demo_server_start "$BIN" "$work" --survey-rate 0 >&2
    token=$(curl -fsS -H "Content-Type: application/json" -d "{\"username\":\"demo-county\",\"password\":\"junheng-demo\"}" \
      "$DEMO_BASE/api/v1/auth/login" | python3 -c "import json, sys; print(json.load(sys.stdin)[\"token\"])")
    status=0
    python3 scripts/bench/survey-load.py "$DEMO_BASE" "$token" $ARGS > "$work/result.json" || status=$?
    demo_server_stop
    echo "PostgreSQL $(cat "$work/result.json")" >> "$RESULTS"
    rm -rf "$work"
    exit $status' || echo "PostgreSQL run FAILED its checks" >&2
fi
python3 - "$results" "$(nproc)" <<'PY' | tee "$OUT/survey.txt"
import json, sys
lines = [l.split(" ", 1) for l in open(sys.argv[1]) if l.strip()]
print(f"survey answer benchmark, {sys.argv[2]} cores, release build, 64 keep-alive clients on loopback")
print(f"{'database':11} {'accepted/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'accepted':>9} {'replays 409':>11} {'forged 404':>10} {'results':>8}  counts")
ok_all = True
for label, js in lines:
    r = json.loads(js)
    s = r["statuses"]
    ok = r["all_counts_right"]
    ok_all &= ok
    target = r["accepted_per_s"] >= 2000 and r["p99_ms"] <= 50
    print(f"{label:11} {r['accepted_per_s']:10.1f} {r['p50_ms']:7.2f} {r['p99_ms']:7.2f} {r['accepted']:9d} "
          f"{s.get('replay', {}).get('409', 0):11d} {s.get('forged', {}).get('404', 0):10d} {r['results_responses']:8d}  "
          f"{'right' if ok else 'WRONG ' + json.dumps(s)}; target (>= 2000/s, p99 <= 50 ms) {'met' if target else 'NOT met'}")
sys.exit(0 if ok_all else 1)
PY

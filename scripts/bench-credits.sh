#!/usr/bin/env bash
# Benchmark of the credit bank at scale (issue 14 scope 7), on a private PostgreSQL (scripts/with-postgres.sh):
#   1. `junheng serve --demo` migrates the schema; LEARNERS learners with OUTCOMES each (积累 entries interleaved
#      across learners, hash-chained as the domain does) and one share link per learner are generated
#      (scripts/bench/gen_credits.py, not timed as load) and loaded with COPY; prints outcomes/s (target ≥ 200,000).
#   2. The server starts again and wrk asks, under CONNECTIONS connections, for random learners' transcripts through
#      their share links (`/credits/shared/{token}/transcript.json`: the learner's entries read through the
#      per-learner index and checked, the balance recomputed, one AchievementCredential per credited outcome and the
#      CLR signed with Ed25519, status entries drawn on first issue); prints p50/p99 (target p99 ≤ 50 ms).
#   One transcript is checked first by the independent verifier (scripts/verify-credential.py).
#   Figures go to bench-output/credits.txt.
# Usage: scripts/bench-credits.sh [LEARNERS] [OUTCOMES] [DURATION] [CONNECTIONS] [THREADS]
#        (defaults: 1000000 20 30s 32 2 — the issue's size: 20 M outcomes; about 12 GB of COPY text and 25 GB in PostgreSQL)
# Environment: JUNHENG_BIN=path uses that binary instead of building release; BULK=1 drops the ledger's unique seq
# constraint and learner index before COPY and rebuilds them after (timed as part of the load).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
LEARNERS=${1:-1000000}
OUTCOMES=${2:-20}
DURATION=${3:-30s}
CONNECTIONS=${4:-32}
THREADS=${5:-2}
if [ -z "${JUNHENG_TEST_DATABASE_URL:-}" ]; then
  exec ./scripts/with-postgres.sh "$0" "$LEARNERS" "$OUTCOMES" "$DURATION" "$CONNECTIONS" "$THREADS"
fi
OUT="$root/bench-output"
mkdir -p "$OUT"
./scripts/setup.sh --bench-web --credits > /dev/null
BIN=$(realpath "$(./scripts/build-release.sh)")
DB="$JUNHENG_TEST_DATABASE_URL"
PSQL=(psql "$DB" -v ON_ERROR_STOP=1 -q -t -A)

work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-bench-credits.XXXXXX")
chmod 755 "$work"
. scripts/lib/demo-server.sh
demo_server_cleanup_on_exit "$work" "$OUT/credits-server.log"
export DATABASE_URL="$DB"
start_server() { demo_server_start "$BIN" "$work" --credit-key "$work/credit.key"; base=$DEMO_BASE; }

echo "== junheng serve --demo on PostgreSQL (migrates, seeds the demo province)"
start_server
demo_server_stop
county=$("${PSQL[@]}" -c "select id from regions where level = 'county' order by code limit 1")
total=$((LEARNERS * OUTCOMES))
echo "== generating $LEARNERS learners × $OUTCOMES outcomes ($total ledger entries, hash-chained)"
t0=$(date +%s%N)
python3 scripts/bench/gen_credits.py "$work/data" "$county" "$LEARNERS" "$OUTCOMES" > /dev/null
gen_s=$(( ($(date +%s%N) - t0) / 1000000 ))
bytes=$(du -cb "$work/data"/*.copy | tail -1 | cut -f1)
echo "   generated in $((gen_s / 1000)) s ($((bytes / 1048576)) MB of COPY text)"

if [ "${BULK:-0}" = 1 ]; then mode="bulk: ledger indexes dropped, COPY, indexes rebuilt"; else mode="indexes in place"; fi
echo "== COPY into PostgreSQL ($mode)"
"${PSQL[@]}" -c "\\copy credit_learners (id, county_id, learner_id, masked_id, name, card_number, user_id) from '$work/data/learners.copy'"
"${PSQL[@]}" -c "\\copy credit_shares (id, learner_id, token_hash, created_at, withdrawn_at) from '$work/data/shares.copy'"
uq=$("${PSQL[@]}" -c "select conname from pg_constraint where conrelid = 'credit_ledger'::regclass and contype = 'u'")
t0=$(date +%s%N)
if [ "${BULK:-0}" = 1 ]; then
  "${PSQL[@]}" -c "alter table credit_ledger drop constraint \"$uq\"; drop index credit_ledger_learner"
fi
"${PSQL[@]}" -c "\\copy credit_ledger (id, seq, action, learner_id, outcome, target, conversion_rule, actor, at, evidence, reason, previous_hash, hash) from '$work/data/ledger.copy'"
if [ "${BULK:-0}" = 1 ]; then
  "${PSQL[@]}" -c "alter table credit_ledger add constraint \"$uq\" unique (seq); create index credit_ledger_learner on credit_ledger (learner_id, seq)"
fi
load_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$load_ms" -gt 0 ] || load_ms=1
rate=$(( total * 1000 / load_ms ))
"${PSQL[@]}" -c "analyze" > /dev/null
size=$("${PSQL[@]}" -c "select pg_size_pretty(pg_total_relation_size('credit_ledger'))")
echo "   $total outcomes in $load_ms ms: $rate outcomes/s (credit_ledger $size)"
rm -rf "$work/data"

start_server
token=$(printf '%064x' $((LEARNERS / 2)))
curl -fsS -o "$work/transcript.json" "$base/credits/shared/$token/transcript.json"
# Every status list the transcript names (a learner's credentials spread over lists by ledger entry).
lists=()
for url in $(python3 -c "
import json, sys
t = json.load(open(sys.argv[1]))
urls = {t['credentialStatus']['statusListCredential']} | {c['credentialStatus']['statusListCredential'] for c in t['credentialSubject']['verifiableCredential']}
print('\n'.join(sorted(urls)))" "$work/transcript.json"); do
  n=${url##*/}
  curl -fsS -o "$work/status-$n.json" "$base/credits/status/$n"
  lists+=(--status-list "$work/status-$n.json")
done
python3 scripts/verify-credential.py "$work/transcript.json" "${lists[@]}" > "$work/verify.txt" 2>&1 \
  || { cat "$work/verify.txt" >&2; echo "the benchmark's transcript does not verify" >&2; exit 1; }
embedded=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['credentialSubject']['verifiableCredential']))" "$work/transcript.json")
echo "   a transcript verifies independently ($embedded credited outcomes of $OUTCOMES, $((${#lists[@]} / 2)) status lists)"

cat > "$work/transcripts.lua" <<EOF
local n = $LEARNERS
local counter = 0
function setup(thread) counter = counter + 1; thread:set("seed", counter) end
function init(args) math.randomseed(os.time() * 1000 + seed) end
request = function()
  return wrk.format("GET", string.format("/credits/shared/%064x/transcript.json", math.random(0, n - 1)))
end
EOF
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION: random learners' transcripts"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$work/transcripts.lua" "$base" > "$work/wrk.txt"
cat "$work/wrk.txt"
if grep -q "Non-2xx" "$work/wrk.txt"; then echo "some transcripts failed" >&2; exit 1; fi
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
{
  echo "credit bank benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, PostgreSQL $("${PSQL[@]}" -c 'show server_version')"
  echo "learners $LEARNERS, outcomes per learner $OUTCOMES, ledger entries $total (credit_ledger $size)"
  echo "load (COPY, $mode): $load_ms ms, $rate outcomes/s (target >= 200000)"
  echo "transcripts: $CONNECTIONS connections, $DURATION: $rps requests/s, p50 $p50, p99 $p99 (target p99 <= 50ms)"
} | tee "$OUT/credits.txt"

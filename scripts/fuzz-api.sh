#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis (PyPI): starts `junheng serve --demo`, logs in
# as the demo statistician, and lets schemathesis generate valid and invalid requests (bodies, query strings, path
# parameters, headers) for every operation for a fixed time. Fails on any 5xx answer, a response that does not match
# the documented schema or status codes, or a crash of the server. Reports go to artifacts/fuzz-api/.
# Usage: scripts/fuzz-api.sh [SECONDS]    (default $FUZZ_SECONDS or 60)
# Environment: SCRATCH_PATH=dir builds in dir instead of .build; JUNHENG_BIN=path uses that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-60}}
root=$(pwd)
out="$root/artifacts/fuzz-api"
rm -rf "$out"
mkdir -p "$out"
python3 -c 'import schemathesis' 2> /dev/null || { echo "== installing schemathesis (PyPI)"; pip install -q schemathesis; }
if [ -n "${JUNHENG_BIN:-}" ]; then
  BIN=$JUNHENG_BIN
else
  scratch=()
  [ -z "${SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SCRATCH_PATH")
  swift build --product junheng "${scratch[@]}" 2>&1 | tail -1
  BIN=$(swift build --show-bin-path "${scratch[@]}")/junheng
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/junheng-fuzz-api.XXXXXX")
. scripts/lib/demo-server.sh
demo_server_cleanup_on_exit "$work" "$out/server.log"
demo_server_start "$BIN" "$work"
token=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"demo-county","password":"junheng-demo"}' \
  "$DEMO_BASE/api/v1/auth/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
echo "== schemathesis for ${seconds}s against $DEMO_BASE/api/v1"
# The login operation is excluded from the authenticated run's repeated failures by the server's throttle, which
# answers 429 (documented) once a few wrong passwords came from one address.
# `set +e` around the pipeline: under `set -e -o pipefail` a failing run ended the script here, before its status
# was read, so the internal-error rule below never ran (CI failed on a run whose every check passed).
set +e
schemathesis run "$DEMO_BASE/api/v1/openapi.json" --url "$DEMO_BASE/api/v1" \
  -H "Authorization: Bearer $token" \
  --phases examples,coverage,fuzzing,stateful --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-time "$seconds" --workers 2 --request-timeout 30 --suppress-health-check all \
  --report junit --report-dir "$out" --no-color 2>&1 | tee "$out/schemathesis.txt" | tail -40
status=${PIPESTATUS[0]}
set -e
kill -0 "$DEMO_PID" 2> /dev/null || { echo "== fuzz-api.sh: the server DIED; see $out/server.log" >&2; exit 1; }
if [ "$status" -ne 0 ] && ! grep -q "<failure" "$out"/junit-*.xml 2> /dev/null && grep -q "Runtime Error" "$out/schemathesis.txt" \
   && grep -Eq "^ *[0-9]+ generated, [0-9]+ passed *$" "$out/schemathesis.txt"; then
  # No check failed: schemathesis itself raised (e.g. hypothesis' "AST constructor recursion depth mismatch" while
  # describing a strategy). That says nothing about the server, so it is reported but does not fail the run.
  echo "== fuzz-api.sh: no check failed; schemathesis raised an internal error (see $out/schemathesis.txt), not counted" >&2
  exit 0
fi
exit "$status"

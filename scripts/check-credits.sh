#!/usr/bin/env bash
# The credit-bank demo checked end to end by both verifiers: `junheng credits verify` and the independent Python
# verifier (scripts/verify-credential.py: PyPI rfc8785 + cryptography, no Swift code) must accept the demo transcript,
# refuse it after one character changes, report the revoked credential as revoked, and answer "status unknown"
# (exit 2) when the status list is missing or forged. Prints "N passed, N failed".
# Usage: scripts/check-credits.sh [path/to/junheng]   (default: the debug build, built if missing)
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --credits > /dev/null
bin="${1:-}"
if [ -z "$bin" ]; then
  swift build --product junheng > /dev/null || { echo "check-credits: build failed" >&2; exit 1; }
  bin="$(swift build --show-bin-path)/junheng"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
expect() {   # expect CODE PATTERN-or-empty -- command...
  local want="$1" pattern="$2"; shift 3
  local out code
  out="$("$@" 2>&1)"; code=$?
  if [ "$code" -eq "$want" ] && { [ -z "$pattern" ] || grep -q -- "$pattern" <<< "$out"; }; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL (exit $code, wanted $want${pattern:+, output with '$pattern'}): $*"; echo "$out" | head -20
  fi
}
"$bin" credits demo --out "$work/demo" > /dev/null || { echo "check-credits: demo failed"; exit 1; }
d="$work/demo"
# One character changed inside the learner's transcript (a course title).
python3 - "$d/transcript.json" "$work/tampered.json" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
i = text.index("管理学基础")
open(sys.argv[2], "w", encoding="utf-8").write(text[:i] + "管理学基碰" + text[i + 5:])
PY
# A status list whose revoked bit was cleared without the issuer's key (signature no longer matches).
python3 - "$d/status-list.json" "$work/forged-list.json" <<'PY'
import base64, gzip, json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["credentialSubject"]["encodedList"] = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(16384))).decode().rstrip("=")
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"))
PY
for v in swift python; do
  if [ $v = swift ]; then run=("$bin" credits verify); else run=(python3 scripts/verify-credential.py); fi
  expect 0 "" -- "${run[@]}" "$d/transcript.json" --status-list "$d/status-list.json" --did "$d/issuer-did.json"
  expect 1 "" -- "${run[@]}" "$work/tampered.json" --status-list "$d/status-list.json"
  expect 1 "revoked" -- "${run[@]}" "$d/revoked-credential.json" --status-list "$d/status-list.json"
  expect 2 "" -- "${run[@]}" "$d/transcript.json"
  expect 2 "" -- "${run[@]}" "$d/revoked-credential.json" --status-list "$work/forged-list.json"
done
# The demo's outcomes through the rules: 9 credits counted by hand (2 + 4 + 3); the certificate was revoked.
expect 0 '"credited_total": 9' -- "$bin" credits apply "$d/ledger.csv" --rules acbs --format json
echo "check-credits: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

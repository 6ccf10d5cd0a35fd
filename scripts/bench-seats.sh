#!/usr/bin/env bash
# Benchmark of `junheng seats plan`: a county of 400 units × 40 primary (+10 junior) schools (target: proven optimum
# within 60 s) and a city district of 1,500 units × 120 primary (+30 junior) schools (time to the optimum, or the gap
# at 60 s). One plan each for the year two years after the as-of date (the new estate's school red, so units must move).
# Prints wall time, CBC's time, status, objective, best bound, gap, the time as a ratio of the 60 s target,
# the size of the model and the independent check's verdict (CatchmentCheck, a separate code path from the MIP).
# Usage: scripts/bench-seats.sh        Environment: SEED (default 2026); JUNHENG_BIN / SCRATCH_PATH as build-release.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-2026}
OUT=bench-output/seats
mkdir -p "$OUT"

BIN=$(./scripts/build-release.sh)

run() {
  local name=$1 units=$2 schools=$3
  rm -rf "${OUT:?}/$name"
  "$BIN" seats demo-data -o "$OUT/$name" --units "$units" --schools "$schools" --seed "$SEED" --as-of 2026 2>/dev/null
  local start end
  start=$(date +%s.%N)
  "$BIN" seats plan "$OUT/$name" --year 2028 --plans 1 --time-limit 60 --format json -o "$OUT/$name.json" --progress 2>"$OUT/$name.log"
  end=$(date +%s.%N)
  python3 - "$OUT/$name.json" "$start" "$end" "$name" "$OUT/$name.log" <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
size = re.search(r"(\d+) variables, (\d+) rows", open(sys.argv[5]).read())
for p in j["plans"]:
    gap = p["gap"] if p["gap"] is not None else float("nan")
    print(f"{sys.argv[4]:>9}: wall {wall:6.2f} s  CBC {p['seconds']:6.2f} s ({p['seconds'] / 60:.3f} of the 60 s target)  "
          f"status {p['status']}  objective {p['objective']:.1f}  bound {p['best_bound']:.1f}  gap {gap:.2e}  "
          f"moved {p['moved_pupils']:.0f}  longest trip {p['max_trip_m']:.0f} m  "
          f"model {size.group(1) if size else '?'} vars × {size.group(2) if size else '?'} rows  "
          f"check {'passed' if p['check']['passed'] else 'FAILED ' + '; '.join(p['check']['violations'][:3])}")
PY
}

echo "== county: 400 units × 40 primary schools"
run county 400 40
echo "== city district: 1,500 units × 120 primary schools"
run district 1500 120

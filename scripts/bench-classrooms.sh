#!/usr/bin/env bash
# Benchmark of `junheng classrooms plan`: a county of 40 schools (target: proven optimum within 5 s) and a province
# of 2,000 receiving and 300 sending schools in 40 counties (target: within 60 s, coverage at least 99% of the
# upper bound). Prints wall time, status, covered / coverable periods, coverage and the bound, and checks every
# hard constraint of each plan with the independent scripts/bench/check_classrooms.py.
# Both are run twice: as generated (enough teachers) and under scarcity (SCARCITY, default 0.9: every specialist of
# 英语/音乐/美术/信息科技/科学 keeps only 10% of their spare periods, the rule of ClassroomDemo.withScarcity).
# Usage: scripts/bench-classrooms.sh
# Environment: SEED (default 2022); SCARCITY (default 0.9); SCRATCH_PATH, a SwiftPM --scratch-path to build in
# (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-2022}
SCARCITY=${SCARCITY:-0.9}
OUT=bench-output/classrooms
mkdir -p "$OUT"

./scripts/setup.sh
BIN=$(./scripts/build-release.sh)

# run NAME [--scarce] DEMO-ARGS... : writes the demo folder, plans it (timed), prints the figures and checks the plan.
run() {
  local name=$1; shift
  local scarcity=0
  if [ "${1:-}" = --scarce ]; then scarcity=$SCARCITY; shift; fi
  rm -rf "$OUT/$name"
  "$BIN" classrooms demo-data --out "$OUT/$name" --seed "$SEED" --scarcity "$scarcity" "$@" 2>/dev/null
  local start end
  start=$(date +%s.%N)
  "$BIN" classrooms plan --input "$OUT/$name" --format json -o "$OUT/$name.json" --time-limit 60
  end=$(date +%s.%N)
  python3 - "$OUT/$name.json" "$start" "$end" "$name" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
ratio = j["coverage"] / j["upper_bound"] if j["upper_bound"] else 1.0
print(f"{sys.argv[4]:>9}: wall {wall:6.2f} s (planner {j['seconds']:.2f} s)  status {j['status']}  "
      f"demand {j['demand_periods']}  coverable {j['coverable_periods']}  covered {j['covered_periods']}  "
      f"bound {j['upper_bound_periods']}  coverage {j['coverage']:.4f}  upper_bound {j['upper_bound']:.4f}  "
      f"coverage/bound {ratio:.4f}  sessions {len(j['sessions'])}  parts {len(j['stages'])}")
PY
  python3 scripts/bench/check_classrooms.py "$OUT/$name" "$OUT/$name.json" --summary
}

echo "== county: 40 schools"
run county --schools 40
echo "== county under scarcity $SCARCITY"
run county-scarce --scarce --schools 40
echo "== province: 2,300 schools (300 sending, 2,000 receiving) in 40 counties"
run province --schools 2300 --counties 40 --sending-share 0.13
echo "== province under scarcity $SCARCITY"
run province-scarce --scarce --schools 2300 --counties 40 --sending-share 0.13

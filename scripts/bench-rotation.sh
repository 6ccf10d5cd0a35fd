#!/usr/bin/env bash
# Benchmark of `junheng teachers rotation`: generated, seeded counties of 300 and 2,000 teachers in 40 and 200
# single-section schools (TeacherDemo.county). One plan each for 2026 with the built-in rules (10% / 20%, subject posts,
# the 资源配置 school rule on the teacher indicators). Prints wall time, CBC's time, status, gap, the time as a ratio of
# the 30 s target (2,000 teachers), the model's size, the moves and the independent check's verdict (RotationCheck).
# Usage: scripts/bench-rotation.sh
# Environment: SEED (default 2026); TIME_LIMIT (default 120 s); JUNHENG_BIN / SCRATCH_PATH as build-release.sh
# (JUNHENG_BIN=.build/debug/junheng runs a debug build, which is slower: say so with the figures).
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-2026}
TIME_LIMIT=${TIME_LIMIT:-120}
OUT=bench-output/rotation
mkdir -p "$OUT"

BIN=$(./scripts/build-release.sh)

run() {
  local name=$1 teachers=$2 schools=$3
  "$BIN" teachers demo-data --teachers "$teachers" --schools "$schools" --seed "$SEED" -o "$OUT/$name-register.csv" \
    --statistics-output "$OUT/$name-statistics.csv" --coordinates-output "$OUT/$name-points.csv" 2>/dev/null
  local start end
  start=$(date +%s.%N)
  "$BIN" teachers rotation "$OUT/$name-register.csv" --statistics "$OUT/$name-statistics.csv" --year 2026 \
    --coordinates "$OUT/$name-points.csv" --time-limit "$TIME_LIMIT" --format json -o "$OUT/$name.json" 2>"$OUT/$name.log" || true
  end=$(date +%s.%N)
  python3 - "$OUT/$name.json" "$start" "$end" "$name" "$teachers" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
gap = j["gap"] if j["gap"] is not None else float("nan")
target = 30.0
print(f"{sys.argv[4]:>14}: wall {wall:7.2f} s  CBC {j['seconds']:7.2f} s ({j['seconds'] / target:.3f} of the 30 s target)  "
      f"status {j['status']}  gap {gap:.2e}  eligible {j['eligible']}  exchanged {j['exchanged']} (≥ {j['minimum_exchanged']})  "
      f"backbone {j['backbone_exchanged']} (≥ {j['minimum_backbone']})  model {j['model']['variables']} vars × {j['model']['rows']} rows  "
      f"check {'passed' if j['check']['passed'] else 'FAILED ' + '; '.join(j['check']['violations'][:3])}")
PY
}

echo "== $(date -u +%F) seed $SEED, time limit $TIME_LIMIT s, binary $BIN"
run "300x40" 300 40
run "2000x200" 2000 200

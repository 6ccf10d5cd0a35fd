#!/usr/bin/env bash
# Benchmark of `junheng evaluate --format json` on a national-scale file (250,000 school sections),
# beside `cat FILE > /dev/null` and an independent pandas implementation, all measured in this run.
# Prints best-of-N wall times, the ratios, peak memory, and whether pandas agrees with junheng's numbers.
# Usage: scripts/bench-evaluate.sh [SECTIONS] [RUNS]     (defaults: 250000, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
SECTIONS=${1:-250000}
RUNS=${2:-3}
OUT=bench-output
mkdir -p "$OUT"

./scripts/setup.sh --bench
BIN=$(./scripts/build-release.sh)
DATA="$OUT/national-$SECTIONS.csv"
if [ ! -s "$DATA" ]; then
  echo "== generating $SECTIONS school sections"
  "$BIN" demo-data --county 1 --sections "$SECTIONS" --seed 2017 --output "$DATA"
fi
ls -l "$DATA" | awk '{printf "input: %s, %.1f MB\n", $9, $5 / 1048576}'

# best_of OUTFILE COMMAND... : runs the command RUNS times, prints "seconds peak_kib" of the fastest run.
best_of() { python3 scripts/bench/best_of.py "$RUNS" "$@"; }

cat "$DATA" > /dev/null   # warm the page cache for everyone alike
read -r t_cat _ < <(best_of /dev/null cat "$DATA")
read -r t_junheng rss_junheng < <(best_of "$OUT/junheng.json" "$BIN" evaluate "$DATA" --format json)
read -r t_pandas rss_pandas < <(best_of "$OUT/pandas.json" python3 scripts/bench/evaluate_pandas.py "$DATA")

echo "== checking junheng's numbers against pandas (relative 1e-9)"
python3 scripts/bench/evaluate_pandas.py "$DATA" --check "$OUT/junheng.json"

python3 - "$t_cat" "$t_junheng" "$t_pandas" "$rss_junheng" "$rss_pandas" "$SECTIONS" <<'PY' | tee "$OUT/bench-evaluate.txt"
import sys
cat, jh, pd_, rss_j, rss_p, n = map(float, sys.argv[1:])
cat_floor = max(cat, 1e-6)
print(f"school sections: {int(n):,}  (best of runs, wall clock)")
print(f"  cat > /dev/null        {cat:8.4f} s")
print(f"  junheng evaluate json  {jh:8.3f} s   peak RSS {rss_j / 1024:7.1f} MiB")
print(f"  pandas equivalent      {pd_:8.3f} s   peak RSS {rss_p / 1024:7.1f} MiB")
print(f"  pandas / junheng       {pd_ / jh:8.2f} x   (target >= 3)   {'met' if pd_ / jh >= 3 else 'NOT met'}")
print(f"  junheng / cat          {jh / cat_floor:8.1f} x   (target <= 10)  {'met' if jh / cat_floor <= 10 else 'NOT met'}")
print(f"  junheng peak RSS       {rss_j / 1024:8.1f} MiB (target < 1024) {'met' if rss_j < 1024 * 1024 else 'NOT met'}")
PY

#!/usr/bin/env bash
# Benchmark of `junheng evaluate --format json` on a national-scale file (250,000 school sections), beside
# `cat FILE > /dev/null`, a lean polars script and an independent pandas implementation, all measured in this run.
# Prints best-of-N and median wall times, the ratios, peak memory, and whether polars and pandas agree with
# junheng's numbers (relative 1e-9). Usage: scripts/bench-evaluate.sh [SECTIONS] [RUNS]     (defaults: 250000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
SECTIONS=${1:-250000}
RUNS=${2:-5}
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

# best_of OUTFILE COMMAND... : runs the command RUNS times, prints "best_s peak_kib median_s max_peak_kib".
best_of() { python3 scripts/bench/best_of.py "$RUNS" "$@"; }

cat "$DATA" > /dev/null   # warm the page cache for everyone alike
read -r t_cat _ _ _ < <(best_of /dev/null cat "$DATA")
# Interleaved rounds, so a burst of load from other work on the machine hits every contender alike.
rounds_j=() rounds_pl=() rounds_pd=()
for _ in $(seq "$RUNS"); do
  rounds_j+=("$(python3 scripts/bench/best_of.py 1 "$OUT/junheng.json" "$BIN" evaluate "$DATA" --format json)")
  rounds_pl+=("$(python3 scripts/bench/best_of.py 1 "$OUT/polars.json" python3 scripts/bench/evaluate_polars.py "$DATA")")
  rounds_pd+=("$(python3 scripts/bench/best_of.py 1 "$OUT/pandas.json" python3 scripts/bench/evaluate_pandas.py "$DATA")")
done
ls -l "$OUT/junheng.json" "$OUT/polars.json" "$OUT/pandas.json" | awk '{printf "output: %s, %.0f MB\n", $9, $5 / 1048576}'

echo "== checking junheng's numbers against polars and pandas (relative 1e-9)"
python3 scripts/bench/evaluate_polars.py "$DATA" --check "$OUT/junheng.json"
python3 scripts/bench/evaluate_pandas.py "$DATA" --check "$OUT/junheng.json"

python3 - "$t_cat" "$SECTIONS" "$(date -u +%Y-%m-%d)" "${rounds_j[*]}" "${rounds_pl[*]}" "${rounds_pd[*]}" <<'PY' | tee "$OUT/bench-evaluate.txt"
import statistics, sys
cat, n, day = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def runs(arg):
    v = list(map(float, arg.split()))
    return [(v[k], v[k + 1]) for k in range(0, len(v), 4)]   # (seconds, peak KiB) per round
j, pl, pd_ = runs(sys.argv[4]), runs(sys.argv[5]), runs(sys.argv[6])
med = lambda r: statistics.median(t for t, _ in r)
best = lambda r: min(t for t, _ in r)
rss = lambda r: max(k for _, k in r) / 1024
print(f"school sections: {n:,}, {len(j)} interleaved rounds, {day}; wall clock median (best), peak RSS")
print(f"| command | wall, median of {len(j)} (best) | peak RSS |")
print("|---|---|---|")
print(f"| `cat` > /dev/null | {cat:.3f} s | |")
print(f"| `junheng evaluate --format json` | {med(j):.3f} s ({best(j):.3f}) | {rss(j):.0f} MiB |")
print(f"| lean polars script | {med(pl):.3f} s ({best(pl):.3f}) | {rss(pl):.0f} MiB |")
print(f"| lean pandas script | {med(pd_):.3f} s ({best(pd_):.3f}) | {rss(pd_):.0f} MiB |")
ok = lambda b: "met" if b else "NOT met"
print(f"polars / junheng  {med(pl) / med(j):5.2f} x median, {best(pl) / best(j):5.2f} x best  (target >= 1.5)  {ok(med(pl) / med(j) >= 1.5)}")
print(f"pandas / junheng  {med(pd_) / med(j):5.2f} x median, {best(pd_) / best(j):5.2f} x best  (target >= 3)    {ok(med(pd_) / med(j) >= 3)}")
print(f"junheng peak RSS  {rss(j):7.1f} MiB  (target <= 300)  {ok(rss(j) <= 300)}")
PY

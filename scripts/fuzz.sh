#!/usr/bin/env bash
# Builds the libFuzzer harnesses (Sources/Fuzz) with -sanitize=fuzzer in .build-fuzz and runs each for a fixed
# time on a copy of its committed seed corpus (Fuzz/corpus/<harness>/) plus the inputs of crashes fixed so far
# (Fuzz/crashes/, also replayed by the regression tests). Fails when any harness crashes;
# crash inputs and logs are kept in artifacts/fuzz/. Re-run a crash with the normal build:
#   swift build --product FuzzCSV && .build/debug/FuzzCSV artifacts/fuzz/FuzzCSV-crash-…
# Usage: scripts/fuzz.sh [SECONDS]   (seconds per harness; default $FUZZ_SECONDS or 60)
#        FUZZ_HARNESSES="FuzzCSV FuzzXLSX" scripts/fuzz.sh 30
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-60}}
harnesses=${FUZZ_HARNESSES:-"FuzzCSV FuzzXLSX FuzzStatistics FuzzClassrooms FuzzStandardFile FuzzSeats FuzzTeachers"}
export SWIFT_BACKTRACE=enable=no
out=artifacts/fuzz
mkdir -p "$out"
for h in $harnesses; do
  echo "== fuzz.sh: building $h"
  swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING --product "$h" > "$out/$h.build.log" 2>&1 \
    || { echo "== fuzz.sh: building $h FAILED (see $out/$h.build.log)" >&2; tail -20 "$out/$h.build.log" >&2; exit 1; }
done
bin=$(swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING --show-bin-path)
status=0
for h in $harnesses; do
  work=$(mktemp -d)
  cp Fuzz/corpus/"$h"/* "$work"/ 2>/dev/null || true
  echo "== fuzz.sh: $h for ${seconds}s"
  "$bin/$h" "$work" Fuzz/crashes -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$out/$h-" -print_final_stats=1 > "$out/$h.log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$h.log" | grep -o '[0-9]*$' || echo "?")
  if [ $rc -ne 0 ]; then
    status=1
    echo "== fuzz.sh: $h CRASHED after $runs executions; inputs in $out/$h-*" >&2
    grep -m5 -E 'Fatal error|Precondition failed|ERROR: libFuzzer|SUMMARY' "$out/$h.log" >&2
  else
    echo "== fuzz.sh: $h ok, $runs executions, corpus $(ls "$work" | wc -l) inputs"
  fi
  rm -rf "$work"
done
exit $status

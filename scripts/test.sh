#!/usr/bin/env bash
# Sets up the machine and runs the whole test suite: first everything on SQLite (in memory), then the web tests
# (JunhengWebTests) again on PostgreSQL, on a private server that scripts/with-postgres.sh starts and stops.
# Arguments go to `swift test` for the SQLite pass; with arguments the PostgreSQL pass is skipped.
# Environment: SCRATCH_PATH=dir builds in dir instead of .build; JUNHENG_SKIP_POSTGRES=1 skips the PostgreSQL pass.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --postgres --funding --credits
scratch=()
[ -z "${SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SCRATCH_PATH")
swift build --build-tests "${scratch[@]}"
echo "== swift test (SQLite)"
env -u JUNHENG_TEST_DATABASE_URL swift test --skip-build "${scratch[@]}" "$@"
if [ $# -eq 0 ] && [ -z "${JUNHENG_SKIP_POSTGRES:-}" ]; then
  echo "== swift test --filter JunhengWebTests (PostgreSQL)"
  ./scripts/with-postgres.sh swift test --skip-build "${scratch[@]}" --filter JunhengWebTests
fi

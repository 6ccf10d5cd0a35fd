#!/usr/bin/env bash
# Runs a command against a private, throw-away PostgreSQL server:
# installs Debian's postgresql if missing, creates a cluster in a temporary directory, starts it on 127.0.0.1 and a
# free port (socket in that directory, nothing system-wide is touched), creates the database `junheng_test`, exports
#   JUNHENG_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/junheng_test
# runs the command, and always stops the server and removes the directory. Exits with the command's status.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
#   e.g. scripts/with-postgres.sh swift test --skip-build --filter JunhengWebTests
# The server runs without fsync (tests need no durability); PG_DURABLE=1 keeps PostgreSQL's durable defaults
# (fsync, synchronous_commit, full_page_writes), for benchmarks whose figures must include the cost of a commit.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 64; }
here="$(cd "$(dirname "$0")" && pwd)"
"$here/setup.sh" --postgres

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { bindir=$d; break; }
  done
fi
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || { echo "with-postgres.sh: no initdb under /usr/lib/postgresql/*/bin" >&2; exit 69; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/junheng-pg.XXXXXX")
# As root, PostgreSQL refuses to run; run its programs as the `postgres` OS user (created by Debian's package).
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  chmod 700 "$dir"
  as_pg=(runuser -u postgres --)
fi
started=""
cleanup() {
  local rc=$?
  if [ -n "$started" ]; then
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 \
      || "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 \
  || "${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale > "$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 70; }

# A free port can be taken between choosing it and binding it; try a few.
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PG_DURABLE:-0}" != 1 ] || fast=""
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-h 127.0.0.1 -p $port -k $dir $fast" start > /dev/null; then
    started=1
    break
  fi
  tail -5 "$dir/server.log" >&2 || true
done
[ -n "$started" ] || { echo "with-postgres.sh: PostgreSQL did not start" >&2; exit 70; }

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres junheng_test
export JUNHENG_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/junheng_test"
echo "== PostgreSQL $("$bindir/postgres" --version | awk "{print \$3}") on 127.0.0.1:$port (cluster in $dir): $*"
set +e
"$@"
rc=$?
set -e
exit $rc

# Sourced by scripts that need a running `junheng serve --demo` on loopback (browser check, API fuzzing).
# demo_server_start BIN WORKDIR [serve args...]: starts it in WORKDIR on a free port, waits for /login, sets
#   DEMO_BASE (http://127.0.0.1:PORT) and DEMO_PID; the log is WORKDIR/server.log.
# demo_server_stop: TERM, then KILL after 5 s.
# demo_server_cleanup_on_exit WORKDIR LOGCOPY: on exit (and INT/TERM) stops the server, keeps its log as LOGCOPY and
#   removes WORKDIR, exiting with the script's status (1 if the server had died on its own).
demo_server_start() {
  local bin dir=$2 port
  bin=$(realpath "$1"); shift 2
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  (cd "$dir" && exec "$bin" serve --demo --port "$port" "$@" < /dev/null > "$dir/server.log" 2>&1) &
  DEMO_PID=$!
  DEMO_BASE="http://127.0.0.1:$port"
  echo "== waiting for junheng serve --demo on $DEMO_BASE"
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "$DEMO_BASE/login" 2> /dev/null && return 0
    kill -0 "$DEMO_PID" 2> /dev/null || { echo "junheng serve exited:" >&2; cat "$dir/server.log" >&2; return 1; }
    sleep 0.2
  done
  echo "junheng serve did not answer within 120 s" >&2
  cat "$dir/server.log" >&2
  return 1
}

demo_server_stop() {
  local pid=${DEMO_PID:-}
  DEMO_PID=
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null || return 0
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2> /dev/null || true
}

demo_server_cleanup_on_exit() {
  DEMO_CLEANUP_DIR=$1 DEMO_CLEANUP_LOG=$2
  trap _demo_server_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

_demo_server_cleanup() {
  local rc=$?
  if [ -n "${DEMO_PID:-}" ] && ! kill -0 "$DEMO_PID" 2> /dev/null; then echo "== the junheng server DIED (log: $DEMO_CLEANUP_LOG)" >&2; rc=1; fi
  demo_server_stop
  [ ! -f "$DEMO_CLEANUP_DIR/server.log" ] || cp "$DEMO_CLEANUP_DIR/server.log" "$DEMO_CLEANUP_LOG"
  rm -rf "$DEMO_CLEANUP_DIR"
  exit $rc
}

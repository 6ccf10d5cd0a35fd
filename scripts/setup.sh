#!/usr/bin/env bash
# Installs what Junheng needs from Debian's packages (and, for benchmarks and the browser check, PyPI), idempotently:
# nothing is downloaded when everything is already there, and `apt-get update` runs at most once.
# Usage: scripts/setup.sh [--bench] [--web] [--postgres] [--bench-web] ...
#   (none)        pkg-config zlib1g-dev coinor-libcbc-dev (to build and test)
#   --bench       + pandas numpy orjson polars from PyPI (scripts/bench-evaluate.sh)
#   --web         + chromium fonts-noto-cjk, websocket-client from PyPI (scripts/browser-check.sh)
#   --postgres    + postgresql (scripts/with-postgres.sh)
#   --bench-web   + wrk nginx (scripts/bench-web.sh)
#   --credits     + rfc8785 cryptography from PyPI (scripts/verify-credential.py, the independent credential verifier)
#   --funding     + frictionless from PyPI (validates the Fiscal Data Package in FundingTests)
set -euo pipefail
packages=(pkg-config zlib1g-dev coinor-libcbc-dev)
pip_modules=()   # "import-name:pip-name"
for flag in "$@"; do
  case "$flag" in
    --bench) pip_modules+=(pandas:pandas numpy:numpy orjson:orjson polars:polars) ;;
    --web) packages+=(chromium fonts-noto-cjk); pip_modules+=(websocket:websocket-client) ;;
    --postgres) packages+=(postgresql) ;;
    --bench-web) packages+=(wrk nginx) ;;
    --credits) pip_modules+=(rfc8785:rfc8785 cryptography:cryptography) ;;
    --funding) pip_modules+=(frictionless:frictionless) ;;
    *) echo "setup.sh: unknown flag $flag (known: --bench --web --postgres --bench-web --credits --funding)" >&2; exit 64 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # Debian's nginx package starts a system-wide nginx on port 80 after install when it can; our scripts run their
  # own private nginx, so keep package scripts from starting services (policy-rc.d exit 101), then restore.
  policy=/usr/sbin/policy-rc.d
  created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" > /dev/null && $sudo_cmd chmod +x "$policy" && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  [ -z "$created_policy" ] || $sudo_cmd rm -f "$policy"
fi
if [ ${#pip_modules[@]} -gt 0 ]; then
  to_install=()
  for m in "${pip_modules[@]}"; do
    python3 -c "import ${m%%:*}" 2> /dev/null || to_install+=("${m#*:}")
  done
  if [ ${#to_install[@]} -gt 0 ]; then
    echo "== installing ${to_install[*]} (PyPI)"
    # Debian marks its Python as externally managed (PEP 668); these are tool dependencies for scripts only.
    python3 -m pip install --quiet "${to_install[@]}" 2> /dev/null \
      || python3 -m pip install --quiet --break-system-packages "${to_install[@]}"
  fi
fi

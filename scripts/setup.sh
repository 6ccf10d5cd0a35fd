#!/usr/bin/env bash
# Installs what Junheng needs from Debian's packages (and, for benchmarks, PyPI), idempotently.
# Usage: scripts/setup.sh [--bench]
set -euo pipefail
packages=(pkg-config zlib1g-dev coinor-libcbc-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" > /dev/null
fi
if [ "${1:-}" = "--bench" ]; then
  python3 -c "import pandas, numpy, orjson" 2> /dev/null || {
    echo "== installing pandas, numpy, orjson (benchmark baseline)"
    python3 -m pip install --quiet pandas numpy orjson
  }
fi

#!/usr/bin/env bash
# Builds `junheng` in release mode and prints the binary's path (build output goes to stderr).
# Environment: JUNHENG_BIN=path skips the build and prints that path; SCRATCH_PATH=dir builds in dir instead of .build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${JUNHENG_BIN:-}" ]; then echo "$JUNHENG_BIN"; exit 0; fi
scratch=()
[ -z "${SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SCRATCH_PATH")
echo "== building junheng (release)" >&2
swift build -c release --product junheng "${scratch[@]}" 2>&1 | tail -1 >&2
echo "$(swift build -c release --show-bin-path "${scratch[@]}")/junheng"

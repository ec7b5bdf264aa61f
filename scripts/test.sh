#!/usr/bin/env bash
# Runs every test of every module on a fresh Debian machine (installs ffmpeg first if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec mvn -B -ntp verify "$@"

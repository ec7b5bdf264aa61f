#!/usr/bin/env bash
# Installs what vodkit needs on a fresh Debian machine: a JDK 17+, Maven and ffmpeg (Debian
# packages), Chromium and npm for the player tests, and the player page's hls.js and dash.js (npm,
# pinned by examples/src/main/resources/player/package-lock.json, into
# examples/target/player-deps). Safe to run again: it installs only what is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from the Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y --no-install-recommends "${missing[@]}"; then
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${java_major%%.*}" -lt 17 ]; then
  echo "setup: vodkit needs Java 17 or newer, found $java_major" >&2
  exit 1
fi

# The player page's libraries: reinstalled only when the lock file changed or a file is missing.
player="$root/examples/src/main/resources/player"
deps="$root/examples/target/player-deps"
if ! cmp -s "$player/package-lock.json" "$deps/package-lock.json" \
    || [ ! -f "$deps/node_modules/hls.js/dist/hls.min.js" ] \
    || [ ! -f "$deps/node_modules/dashjs/dist/modern/umd/dash.all.min.js" ]; then
  echo "setup: installing hls.js and dash.js for the player page (npm ci)" >&2
  mkdir -p "$deps"
  cp "$player/package.json" "$player/package-lock.json" "$deps/"
  (cd "$deps" && npm ci --silent --no-audit --no-fund --ignore-scripts)
fi

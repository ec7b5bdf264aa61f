#!/usr/bin/env bash
# The end-to-end demo on embedded defaults: makes a 20 s 1080p test clip with ffmpeg, uploads it
# through signed multipart URLs, publishes, shows progress, prints one JSON line.
# Arguments go to the demo: --source FILE uses your file, --data DIR picks the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
mvn -B -ntp -q install -DskipTests >&2
exec java -cp "examples/target/classes:examples/target/lib/*" io.vodkit.examples.Demo "$@"

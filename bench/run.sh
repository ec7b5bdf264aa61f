#!/usr/bin/env bash
# Runs one benchmark main class from the bench module: ./bench/run.sh UploadThroughputBench [args]
set -euo pipefail
cd "$(dirname "$0")/.."
class="$1"; shift
[[ "$class" == io.* || "$class" == org.* ]] || class="io.vodkit.bench.$class"
exec java -cp "bench/target/classes:bench/target/lib/*" "$class" "$@"

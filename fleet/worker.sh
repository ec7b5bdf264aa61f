#!/usr/bin/env bash
# A vodkit worker process: ./fleet/worker.sh --config vodkit.properties
# Runs until SIGTERM/SIGINT, then releases its running jobs and exits (see src-docs/operations.md).
# Needs a build first (it runs fleet/target/classes + fleet/target/lib/*):
#   ./scripts/dev-mvn.sh -o -q install -pl fleet -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/target/classes/io/vodkit/fleet" ] || [ ! -d "$here/target/lib" ]; then
  echo "worker.sh: build first: ./scripts/dev-mvn.sh -o -q install -pl fleet -DskipTests" >&2
  exit 2
fi
exec java ${VODKIT_JAVA_OPTS:-} -cp "$here/target/classes:$here/target/lib/*" io.vodkit.fleet.WorkerMain "$@"

#!/usr/bin/env bash
# The vodkit command line: ./examples/vodkit.sh upload FILE [--data DIR] [--parallel N] ...
# Needs a build first (it runs examples/target/classes + examples/target/lib/*):
#   ./scripts/dev-mvn.sh -o -q install -pl examples -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/target/classes/io/vodkit/examples/cli" ] || [ ! -d "$here/target/lib" ]; then
  echo "vodkit.sh: build first: ./scripts/dev-mvn.sh -o -q install -pl examples -DskipTests" >&2
  exit 2
fi
exec java ${VODKIT_JAVA_OPTS:-} -cp "$here/target/classes:$here/target/lib/*" io.vodkit.examples.cli.Vodkit "$@"

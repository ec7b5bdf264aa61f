#!/usr/bin/env bash
# Runs the abr-sim CLI (io.vodkit.abr.cli.AbrSim) from abr/target/classes and abr/target/lib.
# Build first: ./scripts/dev-mvn.sh -o -q install -pl abr   (package copies the deps to target/lib)
# Example: abr/abr-sim.sh --traces ../shared/data/abr-traces/pensieve-test --out /tmp/abr-out
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/target/classes/io/vodkit/abr/cli" ] || [ ! -d "$here/target/lib" ]; then
  echo "abr-sim.sh: build abr first: ./scripts/dev-mvn.sh -o -q install -pl abr" >&2
  exit 1
fi
exec java -Djava.awt.headless=true -Dvodkit.repo="$(dirname "$here")" \
  -cp "$here/target/classes:$here/target/lib/*" io.vodkit.abr.cli.AbrSim "$@"

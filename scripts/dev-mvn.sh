#!/usr/bin/env bash
# Maven for several engineers (or agents) sharing one checkout: takes a lock per module named in
# -pl (all modules when there is no -pl), in a fixed order, so two builds never write the same
# target/ directory at once. Usage: scripts/dev-mvn.sh -o -q install -pl core,hls
set -euo pipefail
cd "$(dirname "$0")/.."
modules=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    -pl|--projects) modules="${args[$((i + 1))]}" ;;
    -am|--also-make) echo "dev-mvn: -am is not supported; name every module in -pl" >&2; exit 2 ;;
  esac
done
if [ -z "$modules" ]; then
  modules=$(sed -n 's#.*<module>\(.*\)</module>.*#\1#p' pom.xml | tr '\n' ',')
fi
cmd=(mvn "$@")
for m in $(echo "$modules" | tr ',' '\n' | sed '/^$/d' | sort -u -r); do
  cmd=(flock "/tmp/vodkit-build-${m//\//_}.lock" "${cmd[@]}")
done
exec "${cmd[@]}"

#!/usr/bin/env bash
# Throughput of one pipeline stage, in-process and over HTTP with batches of 100, against the stand-in
# inference-service of edge-model-client's test-jar. Not part of the normal build; called by
# bench/preprocessing/run.sh and bench/postprocessing/run.sh.
#   bench/stage-bench.sh <module> <bench main class> [seconds=5] [http-clients=2]
# Set MVN_OFFLINE=-o to build offline.
set -euo pipefail
module=$1
main=$2
shift 2
cd "$(dirname "$0")/.."
./mvnw -B -q ${MVN_OFFLINE:-} -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >/dev/null
CP="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.cp")"
exec java -Xmx512m -cp "$CP" "$main" "${1:-5}" "${2:-2}"

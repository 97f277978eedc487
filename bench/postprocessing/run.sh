#!/usr/bin/env bash
# Throughput of postprocessing-service: in-process (validate, decide, track alerts) and HTTP with batches of 100.
# Not part of the normal build. Usage: bench/postprocessing/run.sh [seconds=5] [http-clients=2]
# Set MVN_OFFLINE=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q ${MVN_OFFLINE:-} -pl postprocessing-service -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >/dev/null
CP="postprocessing-service/target/test-classes:postprocessing-service/target/classes:$(cat postprocessing-service/target/bench.cp)"
exec java -Xmx512m -cp "$CP" io.edgeai.postprocessing.bench.PostprocessingBench "${1:-5}" "${2:-2}"

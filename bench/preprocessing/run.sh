#!/usr/bin/env bash
# Throughput of preprocessing-service: in-process (validate + encode) and HTTP with batches of 100.
# Not part of the normal build. Usage: bench/preprocessing/run.sh [seconds=5] [http-clients=2]
# Set MVN_OFFLINE=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q ${MVN_OFFLINE:-} -pl preprocessing-service -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >/dev/null
CP="preprocessing-service/target/test-classes:preprocessing-service/target/classes:$(cat preprocessing-service/target/bench.cp)"
exec java -Xmx512m -cp "$CP" io.edgeai.preprocessing.bench.PreprocessingBench "${1:-5}" "${2:-2}"

#!/usr/bin/env bash
# Throughput of postprocessing-service: in-process (validate, decide, track alerts) and HTTP with batches of 100.
# Not part of the normal build. Usage: bench/postprocessing/run.sh [seconds=5] [http-clients=2]
# Set MVN_OFFLINE=-o to build offline.
exec "$(dirname "$0")/../stage-bench.sh" postprocessing-service io.edgeai.postprocessing.bench.PostprocessingBench "$@"

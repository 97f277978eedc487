#!/usr/bin/env bash
# Throughput of preprocessing-service: in-process (validate + encode) and HTTP with batches of 100.
# Not part of the normal build. Usage: bench/preprocessing/run.sh [seconds=5] [http-clients=2]
# Set MVN_OFFLINE=-o to build offline.
exec "$(dirname "$0")/../stage-bench.sh" preprocessing-service io.edgeai.preprocessing.bench.PreprocessingBench "$@"

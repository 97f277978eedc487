#!/usr/bin/env bash
# The CPU cost of tracing per request (not part of the test run): prints one table.
#
#   bench/tracing/run.sh     starts the suite three times on EDGE_HOME (default ./var/bench-tracing) and the ports of
#                            EDGE_GATEWAY_PORT .. EDGE_DATA_SHARD_PORT (default 8580-8584); each time the project's load
#                            generator (device-simulator's LoadGenerator, one JVM) sends single readings through the
#                            gateway at CLIENTS (8) parallel clients for WARMUP (120s: the JIT compilers of five JVMs
#                            need about that on two cores), then for MEASURE (60s), and the CPU time the five service
#                            processes used while measured is read from /proc/<pid>/stat:
#   off        Micrometer Tracing's Brave auto-configuration excluded: no trace context at all
#   unsampled  the default (EDGE_TRACING_SAMPLING=0): traceparent propagated and logged, no span recorded
#   sampled    EDGE_TRACING_SAMPLING=1: every span recorded (and dropped: no exporter is configured)
#
# The load generator runs on the same two cores, but its CPU is not counted (only the services' is). On a shared box run
# it through a wrapper that gives it the CPU first, compare the three rows of one run, and run it twice.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export EDGE_HOME=${EDGE_HOME:-$ROOT/var/bench-tracing}
export EDGE_GATEWAY_PORT=${EDGE_GATEWAY_PORT:-8580} EDGE_PREPROCESSING_PORT=${EDGE_PREPROCESSING_PORT:-8581}
export EDGE_INFERENCE_PORT=${EDGE_INFERENCE_PORT:-8582} EDGE_POSTPROCESSING_PORT=${EDGE_POSTPROCESSING_PORT:-8583}
export EDGE_DATA_SHARD_PORT=${EDGE_DATA_SHARD_PORT:-8584}
export EDGE_SIMULATOR=false EDGE_SKIP_BUILD=${EDGE_SKIP_BUILD:-true}
export EDGE_RATE_LIMIT_OPERATOR_PER_SECOND=1000000 EDGE_RATE_LIMIT_OPERATOR_BURST=1000000
WARMUP=${WARMUP:-120s}
MEASURE=${MEASURE:-60s}
CLIENTS=${CLIENTS:-8}
SERVICES=(gateway-service preprocessing-service inference-service postprocessing-service data-shard-service)
TICKS=$(getconf CLK_TCK)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
JAR=$ROOT/device-simulator/target/device-simulator-$VERSION.jar
[[ -f $JAR ]] || (cd "$ROOT" && ./mvnw -B -q -pl device-simulator package -DskipTests)

cpu_ticks() { # utime + stime of every service process
  local total=0 pid
  for svc in "${SERVICES[@]}"; do
    pid=$(cat "$EDGE_HOME/run/$svc.pid")
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

# Single readings through the gateway for DURATION at CLIENTS parallel clients, by the project's load generator (one
# JVM, C1 only and the serial collector so its own JIT and GC stay off the suite's CPU); prints its result line.
send() {
  local duration=$1 key=$2
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$JAR" io.edgeai.simulator.LoadGenerator \
    --gateway "http://localhost:$EDGE_GATEWAY_PORT" --api-key "$key" --only pipeline --batch-clients 0 \
    --clients "$CLIENTS" --suite-warmup 0s --warmup 0s --duration "$duration" | grep '^pipeline single reading'
}

printf '| mode | requests | not 2xx | CPU ms of the 5 services per request | p50 / p99 ms | wall s |\n|---|---|---|---|---|---|\n' >"$WORK/table"
for mode in ${MODES:-off unsampled sampled}; do
  case $mode in
    off) env_mode=(SPRING_AUTOCONFIGURE_EXCLUDE=org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration) ;;
    unsampled) env_mode=(EDGE_TRACING_SAMPLING=0) ;;
    sampled) env_mode=(EDGE_TRACING_SAMPLING=1) ;;
  esac
  env "${env_mode[@]}" "$ROOT/edge" up >"$WORK/up-$mode.log" 2>&1 || { cat "$WORK/up-$mode.log"; exit 1; }
  key=$(sed -n 's/^EDGE_DEMO_OPERATOR_KEY=//p' "$EDGE_HOME/secrets/demo-keys.env")
  send "$WARMUP" "$key" >/dev/null
  before=$(cpu_ticks); t0=$(date +%s.%N)
  line=$(send "$MEASURE" "$key")
  t1=$(date +%s.%N); after=$(cpu_ticks)
  # point, clients, req/s, items/s, p50, p99, not-2xx, statuses
  read -r _ _ _ _ rps _ p50 p99 bad _ <<<"$line"
  n=$(awk -v r="$rps" -v d="${MEASURE%s}" 'BEGIN { printf "%d", r * d }')
  if ((bad > 0)); then echo "$mode: $line" >&2; fi
  awk -v m="$mode" -v n="$n" -v bad="$bad" -v d=$((after - before)) -v hz="$TICKS" -v t0="$t0" -v t1="$t1" \
    -v p50="$p50" -v p99="$p99" \
    'BEGIN { printf "| %s | %d | %d | %.3f | %s / %s | %.1f |\n", m, n, bad, d * 1000 / hz / n, p50, p99, t1 - t0 }' \
    >>"$WORK/table"
  "$ROOT/edge" down >/dev/null 2>&1
done
cat "$WORK/table"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"

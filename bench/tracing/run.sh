#!/usr/bin/env bash
# The CPU cost of tracing per request (not part of the test run): prints one table.
#
#   bench/tracing/run.sh     starts the suite three times on EDGE_HOME (default ./var/bench-tracing) and the ports of
#                            EDGE_GATEWAY_PORT .. EDGE_DATA_SHARD_PORT (default 8580-8584), each time sends WARMUP
#                            (3000) then REQUESTS (3000) single readings through the gateway at CLIENTS (8) parallel
#                            clients (one curl per request, xargs -P), and reads the CPU time the five service processes used for
#                            the measured requests from /proc/<pid>/stat:
#   off        Micrometer Tracing's Brave auto-configuration excluded: no trace context at all
#   unsampled  the default (EDGE_TRACING_SAMPLING=0): traceparent propagated and logged, no span recorded
#   sampled    EDGE_TRACING_SAMPLING=1: every span recorded (and dropped: no exporter is configured)
#
# The load generator (curl) runs on the same two cores, but its CPU is not counted (only the services' is). Expect noise of a few percent on
# a shared box: compare the three rows of one run, and run it twice.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export EDGE_HOME=${EDGE_HOME:-$ROOT/var/bench-tracing}
export EDGE_GATEWAY_PORT=${EDGE_GATEWAY_PORT:-8580} EDGE_PREPROCESSING_PORT=${EDGE_PREPROCESSING_PORT:-8581}
export EDGE_INFERENCE_PORT=${EDGE_INFERENCE_PORT:-8582} EDGE_POSTPROCESSING_PORT=${EDGE_POSTPROCESSING_PORT:-8583}
export EDGE_DATA_SHARD_PORT=${EDGE_DATA_SHARD_PORT:-8584}
export EDGE_SIMULATOR=false EDGE_SKIP_BUILD=${EDGE_SKIP_BUILD:-true}
export EDGE_RATE_LIMIT_OPERATOR_PER_SECOND=1000000 EDGE_RATE_LIMIT_OPERATOR_BURST=1000000
WARMUP=${WARMUP:-3000}
REQUESTS=${REQUESTS:-3000}
CLIENTS=${CLIENTS:-8}
SERVICES=(gateway-service preprocessing-service inference-service postprocessing-service data-shard-service)
TICKS=$(getconf CLK_TCK)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cpu_ticks() { # utime + stime of every service process
  local total=0 pid
  for svc in "${SERVICES[@]}"; do
    pid=$(cat "$EDGE_HOME/run/$svc.pid")
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

# n POSTs of one reading each (16 devices, distinct timestamps from offset on), CLIENTS at a time, one curl each;
# prints each answer's status.
send() {
  local n=$1 offset=$2 key=$3
  seq "$offset" $((offset + n - 1)) | xargs -P "$CLIENTS" -I{} bash -c '
    ts=$(date -u -d "@$((1767225600 + $1))" +%Y-%m-%dT%H:%M:%SZ)
    curl -s -o /dev/null -w "%{http_code}\n" -H "X-API-Key: $2" -H "Content-Type: application/json" \
      "http://localhost:$3/api/v1/devices/bench-trace-$(($1 % 16))/readings" --data-binary "{\"readings\":[{\"timestamp\":\"$ts\",\"machineType\":\"M\",\"sensors\":{\"air_temperature\":{\"value\":298.1,\"unit\":\"K\"},\"process_temperature\":{\"value\":308.6,\"unit\":\"K\"},\"rotational_speed\":{\"value\":1551,\"unit\":\"rpm\"},\"torque\":{\"value\":42.8,\"unit\":\"Nm\"},\"tool_wear\":{\"value\":10,\"unit\":\"min\"}}}]}"
  ' _ {} "$key" "$EDGE_GATEWAY_PORT"
}

printf '| mode | requests | non-200 | CPU ms of the 5 services per request | wall s |\n|---|---|---|---|---|\n' >"$WORK/table"
offset=0
for mode in ${MODES:-off unsampled sampled}; do
  case $mode in
    off) env_mode=(SPRING_AUTOCONFIGURE_EXCLUDE=org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration) ;;
    unsampled) env_mode=(EDGE_TRACING_SAMPLING=0) ;;
    sampled) env_mode=(EDGE_TRACING_SAMPLING=1) ;;
  esac
  env "${env_mode[@]}" "$ROOT/edge" up >"$WORK/up-$mode.log" 2>&1 || { cat "$WORK/up-$mode.log"; exit 1; }
  key=$(sed -n 's/^EDGE_DEMO_OPERATOR_KEY=//p' "$EDGE_HOME/secrets/demo-keys.env")
  send "$WARMUP" "$offset" "$key" >/dev/null; offset=$((offset + WARMUP))
  before=$(cpu_ticks); t0=$(date +%s.%N)
  send "$REQUESTS" "$offset" "$key" >"$WORK/codes"; offset=$((offset + REQUESTS))
  t1=$(date +%s.%N); after=$(cpu_ticks)
  bad=$(grep -vc '^200$' "$WORK/codes" || true)
  if ((bad > 0)); then echo "$mode: answers other than 200: $(sort "$WORK/codes" | uniq -c | tr '\n' ' ')" >&2; fi
  awk -v m="$mode" -v n="$REQUESTS" -v bad="$bad" -v d=$((after - before)) -v hz="$TICKS" -v t0="$t0" -v t1="$t1" \
    'BEGIN { printf "| %s | %d | %d | %.2f | %.1f |\n", m, n, bad, d * 1000 / hz / n, t1 - t0 }' >>"$WORK/table"
  "$ROOT/edge" down >/dev/null 2>&1
done
cat "$WORK/table"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"

#!/usr/bin/env bash
# Gateway benchmark (not part of the test run): against a running suite, prints one table.
#
#   ./edge up                     # the suite, with demo keys in ${EDGE_HOME:-var}/secrets/demo-keys.env
#   bench/gateway/run.sh          # SUITE_WARMUP=120s once, then DURATION=10s measured per point after WARMUP=3s
#
# Points (closed loop: each client sends its next request when the previous answer arrived):
#   pipeline  POST /api/v1/devices/{id}/readings  batches of BATCH (100) readings at BATCH_CLIENTS (8) clients
#             -> readings/s; single readings at CLIENTS (1,8,32) -> p50/p99
#   inference POST /v2/models/$MODEL/infer        the same shapes with OIP bodies whose input name, datatype
#             and width come from GET /v2/models/$MODEL -> rows/s and p50/p99 of the model server alone
# Targets (2 cores): >= 5,000 readings/s batched; single-reading p99 <= 25 ms at 8 clients.
#
# Rate limit: the operator role is limited to 500 requests/s, burst 1000, per key, which caps the single-reading
# points. Start the suite with a higher limit, e.g.
#   ./edge down
#   EDGE_RATE_LIMIT_OPERATOR_PER_SECOND=1000000 EDGE_RATE_LIMIT_OPERATOR_BURST=1000000 ./edge up
# The table warns when a point saw 429s.
#
# The load generator runs on the same box, so it takes CPU from the suite: the figures are a lower bound.
# Its readings go to devices named bench-... so they stay apart from the demo fleet (mill-...).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EDGE_HOME=${EDGE_HOME:-$ROOT/var}
GATEWAY=${GATEWAY:-http://localhost:${EDGE_GATEWAY_PORT:-8080}}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
# Five JVMs on two cores keep their JIT compilers busy for minutes after start; measured before that, the
# figures are the compilers' (C2 threads were 40 % of the CPU in a profile), not the suite's.
SUITE_WARMUP=${SUITE_WARMUP:-120s}
CLIENTS=${CLIENTS:-1,8,32}
BATCH=${BATCH:-100}
BATCH_CLIENTS=${BATCH_CLIENTS:-8}
MODEL=${MODEL:-ai4i-failure}
ONLY=${ONLY:-all}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
JAR=$ROOT/device-simulator/target/device-simulator-$VERSION.jar

KEYS=$EDGE_HOME/secrets/demo-keys.env
if [[ -z ${EDGE_API_KEY:-} ]]; then
  [[ -f $KEYS ]] || { echo "error: $KEYS not found: start the suite with ./edge up (or set EDGE_API_KEY)" >&2; exit 1; }
  EDGE_API_KEY=$(sed -n 's/^EDGE_DEMO_OPERATOR_KEY=//p' "$KEYS")
  [[ -n $EDGE_API_KEY ]] || { echo "error: no EDGE_DEMO_OPERATOR_KEY line in $KEYS" >&2; exit 1; }
fi
export EDGE_API_KEY

if [[ $(curl -s -o /dev/null -w '%{http_code}' -m 5 "$GATEWAY/actuator/health" || true) != 200 ]]; then
  echo "error: the gateway at $GATEWAY is not healthy; start the suite with ./edge up" >&2
  exit 1
fi
[[ -f $JAR ]] || (cd "$ROOT" && ./mvnw -B -q -pl device-simulator package -DskipTests)

# One probe per endpoint so a missing route is obvious before ten seconds of 404s.
probe() { curl -s -o /dev/null -w '%{http_code}' -m 10 -H "X-API-Key: $EDGE_API_KEY" "$@" || true; }
ts=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
code=$(probe -H 'Content-Type: application/json' -X POST "$GATEWAY/api/v1/devices/bench-probe/readings" --data \
  "{\"readings\":[{\"deviceId\":\"bench-probe\",\"timestamp\":\"$ts\",\"machineType\":\"M\",\"sensors\":{\"air_temperature\":{\"value\":298.1,\"unit\":\"K\"},\"process_temperature\":{\"value\":308.6,\"unit\":\"K\"},\"rotational_speed\":{\"value\":1551,\"unit\":\"rpm\"},\"torque\":{\"value\":42.8,\"unit\":\"Nm\"},\"tool_wear\":{\"value\":0,\"unit\":\"min\"}}}]}")
echo "probe POST /api/v1/devices/bench-probe/readings -> $code" >&2
[[ $code == 2* ]] || echo "warning: the pipeline endpoint answered $code; its rows in the table will show it" >&2
echo "probe GET /v2/models/$MODEL -> $(probe "$GATEWAY/v2/models/$MODEL")" >&2

# The load generator shares the cores: C1 only and the serial collector keep its own JIT and GC off the suite's CPU.
exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$JAR" io.edgeai.simulator.LoadGenerator --gateway "$GATEWAY" --model "$MODEL" \
  --suite-warmup "$SUITE_WARMUP" --warmup "$WARMUP" --duration "$DURATION" --clients "$CLIENTS" --batch "$BATCH" --batch-clients "$BATCH_CLIENTS" \
  --only "$ONLY"

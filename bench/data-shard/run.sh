#!/usr/bin/env bash
# Benchmark of data-shard-service: batched write throughput and history-query latency with 1,000,000 rows
# in one shard. Builds the service, starts it on a temporary data directory, runs ShardBench.java, stops it.
#   bench/data-shard/run.sh [rows] [batchSize] [writers] [queries] [warmupRows]
# Env: MVN_ARGS (e.g. -o), BENCH_HEAP (default 1g), BENCH_JAVA_OPTS (extra service JVM options, e.g. a JFR
# recording), BENCH_KEEP_DATA=1 keeps the shard files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

./mvnw -B -q ${MVN_ARGS:-} -pl data-shard-service -am package -DskipTests
jar="$(ls data-shard-service/target/data-shard-service-*.jar | grep -v original | head -1)"
data="$(mktemp -d "${TMPDIR:-/tmp}/data-shard-bench.XXXXXX")"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18084)"
log="$data/service.log"

java "-Xmx${BENCH_HEAP:-1g}" ${BENCH_JAVA_OPTS:-} -jar "$jar" --server.port="$port" --edge.shards.data-dir="$data" \
  --edge.retention.enabled=false --logging.level.root=WARN >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "${BENCH_KEEP_DATA:-0}" != 1 ]; then rm -rf "$data"; else echo "shard files kept in $data"; fi
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.5
done

echo "data-shard-service on port $port, data in $data ($(nproc) cores)"
java "$here/ShardBench.java" "http://127.0.0.1:$port" "${1:-1000000}" "${2:-1000}" "${3:-2}" "${4:-2000}" "${5:-300000}"
du -sh "$data"/shard-00.mv.db | sed 's/^/shard-00 file size: /'

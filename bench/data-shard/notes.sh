#!/usr/bin/env bash
# Benchmark of data-shard-service's notes: write throughput of notes with MiniLM-sized embeddings, and how many
# stored embeddings the brute-force similar-notes scan compares per second. Builds the service, starts it on a
# temporary data directory, runs NotesBench.java, stops it.
#   bench/data-shard/notes.sh [notes] [writers] [queries] [dimensions]
# Env: MVN_ARGS (e.g. -o), BENCH_HEAP (default 512m, the launcher's data-shard heap), BENCH_KEEP_DATA=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

./mvnw -B -q ${MVN_ARGS:-} -pl data-shard-service -am package -DskipTests
jar="$(ls data-shard-service/target/data-shard-service-*.jar | grep -v original | head -1)"
data="$(mktemp -d "${TMPDIR:-/tmp}/notes-bench.XXXXXX")"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18085)"
log="$data/service.log"

java "-Xmx${BENCH_HEAP:-512m}" -jar "$jar" --server.port="$port" --edge.shards.data-dir="$data" \
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

echo "data-shard-service on port $port, data in $data ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
java "$here/NotesBench.java" "http://127.0.0.1:$port" "${1:-20000}" "${2:-4}" "${3:-200}" "${4:-384}"
du -ch "$data"/shard-*.mv.db | tail -1 | sed 's/^/all shard files: /'

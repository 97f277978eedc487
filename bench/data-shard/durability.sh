#!/usr/bin/env bash
# What durability=fsync costs: the same write load against two data-shard-service processes, one with
# EDGE_STORE_DURABILITY=os and one with =fsync, in alternating rounds of the same run (so both see the same machine
# load), printing readings/s per round and the median per mode and load shape.
#   bench/data-shard/durability.sh [seconds per round=10] [rounds=3] [writers=4] [devices per writer=16] [spread=lane]
# Each writer is like one of the gateway's spool lanes: its devices live in 4 of the 16 shards (a lane delivers the
# devices of its shards). Shapes: batches of 100 readings (a delivery group when readings queue up: one commit and
# one fsync per shard touched, the 4 fsyncs run side by side) and batches of 1 reading (the worst case: one commit,
# so one fsync, per reading). spread=all puts every writer's devices in all 16 shards instead (a batch of 100 then
# touches every shard: 16 commits, 16 fsyncs side by side).
# The shard files go to BENCH_DATA_DIR (default: a temporary folder under the repository's var/, a real disk:
# /tmp may be tmpfs, where an fsync costs nothing). Env: MVN_ARGS (e.g. -o), BENCH_HEAP (512m).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
seconds=${1:-10}
rounds=${2:-3}
writers=${3:-4}
devices=${4:-16}
spread=${5:-lane}

./mvnw -B -q ${MVN_ARGS:-} -pl data-shard-service -am package -DskipTests
jar="$(ls data-shard-service/target/data-shard-service-*.jar | grep -v original | head -1)"
mkdir -p "$root/var"
data="${BENCH_DATA_DIR:-$(mktemp -d "$root/var/durability-bench.XXXXXX")}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A port pid
cleanup() {
  for mode in "${!pid[@]}"; do kill "${pid[$mode]}" 2>/dev/null || true; wait "${pid[$mode]}" 2>/dev/null || true; done
  if [[ ${BENCH_KEEP_LOGS:-0} == 1 ]]; then cp "$data"/service-*.log "$root/var/" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
# BENCH_KEEP_LOGS=1 keeps the services' logs in var/ (they are deleted with the shard files otherwise)

for mode in os fsync; do
  port[$mode]=$(free_port)
  java "-Xmx${BENCH_HEAP:-512m}" -XX:+UseSerialGC -jar "$jar" --server.port="${port[$mode]}" \
    --edge.shards.data-dir="$data/$mode" --edge.store.durability="$mode" --edge.retention.enabled=false \
    --logging.level.root=WARN >"$data/service-$mode.log" 2>&1 &
  pid[$mode]=$!
done
for mode in os fsync; do
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:${port[$mode]}/actuator/health/readiness" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pid[$mode]}" 2>/dev/null; then cat "$data/service-$mode.log"; exit 1; fi
    sleep 0.5
  done
done

echo "data-shard durability bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "shard files on $(df -T "$data" | awk 'NR==2 {print $2}'), $writers writers of $devices devices each ($spread), ${seconds}s rounds"
declare -A rates
for perBatch in 100 1; do
  for round in $(seq 1 "$rounds"); do
    for mode in os fsync; do
      warm=0; [[ $round == 1 ]] && warm=5
      line=$(java "$here/DurabilityBench.java" "http://127.0.0.1:${port[$mode]}" "$mode" "$seconds" "$perBatch" \
        "$writers" "$devices" "$warm" "$round" "$spread")
      echo "$line"
      rates[$mode-$perBatch]+="$(echo "$line" | sed -E 's/.*readings: *([0-9,]+) readings.*/\1/' | tr -d ,) "
    done
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
for perBatch in 100 1; do
  os=$(echo "${rates[os-$perBatch]}" | median)
  fs=$(echo "${rates[fsync-$perBatch]}" | median)
  printf 'batches of %3d readings: os %7s readings/s, fsync %7s readings/s (median of %d rounds): fsync costs %s%%\n' \
    "$perBatch" "$os" "$fs" "$rounds" "$(awk -v a="$os" -v b="$fs" 'BEGIN {printf "%.0f", (a-b)*100/a}')"
done
fsyncs=$(curl -fs "http://127.0.0.1:${port[fsync]}/actuator/prometheus" | awk '/^edge_shard_fsync_seconds_count/ {n+=$2} /^edge_shard_fsync_seconds_sum/ {s+=$2} END {printf "%d fsyncs, mean %.2f ms", n, n ? s*1000/n : 0}')
echo "fsync service: $fsyncs; os service: $(curl -fs "http://127.0.0.1:${port[os]}/actuator/prometheus" | grep -c '^edge_shard_fsync_seconds_count' || true) fsync meters"

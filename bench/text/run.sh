#!/usr/bin/env bash
# Text benchmark of issue 13 (not part of the test run). One command, prints tables:
#   bench/text/run.sh                 # DURATION=10 seconds per load point by default
# 1. cold start and inference-service RSS without the encoders, with the int8 one, with both (after warm-up and
#    after the load runs);
# 2. the encoders' in-process ceiling (one thread, batches of 1, 8, 32, wall and CPU time), then notes/s and p50/p99
#    per note (one note per request) at 1, 8 and 32 clients, int8 vs fp32 encoder, dynamic batching on vs off, with
#    the mean rows per execution, the server's CPU time per note (user + system, all threads) and the load
#    generator's, and the floor they put under the mean latency: with every core busy, c clients in a closed loop
#    wait at least c x (server + client CPU per note) / cores ms per note, whatever the batching (Little's law);
# 3. accuracy and macro F1 of a text classifier trained on the fp32 and on the int8 encoder, same CSV (1200
#    synthetic labelled notes, 6 failure modes), same seed, so the same held-out test rows.
# The load generator (TextBench.java) runs on the same machine: on a 2-core box it takes CPU from the server.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-10}
PORT=${PORT:-18182}
WARMUP=${WARMUP:-20}   # seconds of load before each measured point (the first point after a start needs the most)
CLIENTS=${CLIENTS:-"1 8 32"}
PHASES=${PHASES:-"rss inproc load accuracy"}   # a subset runs only those parts
JAR=$ROOT/inference-service/target/inference-service-0.1.0-SNAPSHOT.jar
TESTCLASSES=$ROOT/inference-service/target/test-classes
WORK=$(mktemp -d)
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ ! -f "$JAR" ] || [ ! -f "$TESTCLASSES/io/edgeai/inference/texttrain/SyntheticNotes.class" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl inference-service -am package -DskipTests)
fi
BASE=http://localhost:$PORT
mkdir -p "$WORK/jar" && (cd "$WORK/jar" && unzip -qo "$JAR")
CP="$TESTCLASSES:$WORK/jar/BOOT-INF/classes:$WORK/jar/BOOT-INF/lib/*"   # the notes generator and the service
now_ms() { date +%s%3N; }
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }   # the server's user + system CPU, in ticks
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status"; }

start_server() { # repo batching builtin-models -> sets SERVER, READY_S
  local t0; t0=$(now_ms)
  java -Xmx1g -XX:+UseSerialGC -jar "$JAR" --server.port=$PORT --edge.inference.model-repository="$1" \
    --edge.inference.poll-interval=0s --edge.inference.dynamic-batching="$2" --edge.inference.builtin-models="$3" \
    --logging.level.root=WARN > "$WORK/server.log" 2>&1 &
  SERVER=$!
  until curl -sf -o /dev/null "$BASE/v2/health/ready"; do
    kill -0 "$SERVER" 2>/dev/null || { echo "server died:" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
    sleep 0.2
  done
  READY_S=$(awk "BEGIN {printf \"%.1f\", ($(now_ms) - $t0) / 1000}")
  READY_CPU=$(awk "BEGIN {printf \"%.1f\", $(cpu_ticks) / $TICKS}")   # CPU seconds spent starting: robust to load
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
load() { # model clients seconds [warmup] -> "notes/s p50 p99 errors requests client_cpu_ms"
  java -cp "$CP" "$HERE/TextBench.java" "$BASE" "$1" "$2" "$3" "${4:-2}"
}
counter() { # metric model -> value
  curl -s "$BASE/actuator/prometheus" | awk -v m="$1" -v model="model=\"$2\"" \
    'index($0, m "{") == 1 && index($0, model) { v += $NF } END { printf "%d", v }'
}
warm_ai4i() {
  curl -sf -o /dev/null -H 'Content-Type: application/json' "$BASE/v2/models/ai4i-failure/infer" -d \
    '{"inputs":[{"name":"features","datatype":"FP32","shape":[1,19],"data":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0]}]}'
}

echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average/load average/')"
echo

# --- 1. cold start and RSS --------------------------------------------------------------------------------
declare -A RSS
if [[ " $PHASES " == *" rss "* ]]; then
printf '%-28s %14s %16s %18s\n' "inference-service" "ready after s" "CPU s to ready" "RSS after warm-up"
for variant in none int8 both; do
  repo=$WORK/rss-$variant
  mkdir -p "$repo" && cp -r "$ROOT/models/ai4i-failure" "$repo/"
  case $variant in
    none) builtin="" ;;
    int8) builtin=all-minilm-l6-v2-int8 ;;
    both) builtin=all-minilm-l6-v2,all-minilm-l6-v2-int8 ;;
  esac
  start_server "$repo" true "$builtin"              # first start seeds the encoders from the jars
  stop_server
  start_server "$repo" true "$builtin"              # the start that counts: repository already filled
  warm_ai4i
  [ "$variant" = none ] || load all-minilm-l6-v2-int8 8 2 2 >/dev/null
  [ "$variant" = both ] && load all-minilm-l6-v2 8 2 2 >/dev/null
  RSS[$variant]=$(rss_mb)
  printf '%-28s %14s %16s %15s MB\n' "encoders: $variant" "$READY_S" "$READY_CPU" "${RSS[$variant]}"
  stop_server
done
echo "RSS growth: int8 only +$(( RSS[int8] - RSS[none] )) MB, both +$(( RSS[both] - RSS[none] )) MB (target <= 250)"
echo
fi

# --- 2. latency and throughput ----------------------------------------------------------------------------
if [[ " $PHASES " == *" inproc "* || " $PHASES " == *" load "* ]]; then
  # in-process ceiling: the encoder's runner on one thread (the version folders the RSS phase or a start seeded)
  SEEDED=$WORK/inproc
  if [ ! -d "$SEEDED/all-minilm-l6-v2-int8/1" ]; then
    mkdir -p "$SEEDED"; start_server "$SEEDED" true all-minilm-l6-v2,all-minilm-l6-v2-int8; stop_server
  fi
  printf '%-24s %6s %10s %10s %12s   (in process, one thread, no HTTP)\n' model batch ms/call notes/s cpu_ms/note
  for model in all-minilm-l6-v2-int8 all-minilm-l6-v2; do
    java -cp "$CP" "$HERE/TextBench.java" inproc \
      "$SEEDED/$model/1" 5 2>/dev/null | grep -E '^[0-9]+ [0-9.]+ [0-9]+ [0-9.]+$' | while read -r batch ms rate cpu; do
      printf '%-24s %6s %10s %10s %12s\n' "$model" "$batch" "$ms" "$rate" "$cpu"
    done
  done
  echo
fi

REPO=$WORK/load
mkdir -p "$REPO"
if [[ " $PHASES " == *" load "* ]]; then
printf '%-24s %-9s %7s %9s %8s %8s %7s %10s %12s %11s %9s\n' model batching clients notes/s p50_ms p99_ms errors \
  rows/exec cpu_ms/note client_cpu floor_ms
for batching in true false; do
  start_server "$REPO" "$batching" all-minilm-l6-v2,all-minilm-l6-v2-int8
  for model in all-minilm-l6-v2-int8 all-minilm-l6-v2; do
    for c in $CLIENTS; do
      load "$model" "$c" "$WARMUP" 0 >/dev/null   # not counted: the server's CPU below is the measured part's only
      rows0=$(counter inference_count_total "$model"); execs0=$(counter inference_execution_count_total "$model")
      cpu0=$(cpu_ticks)
      read -r rate p50 p99 errors requests client < <(load "$model" "$c" "$DURATION" | tail -1)
      cpu1=$(cpu_ticks)
      rows1=$(counter inference_count_total "$model"); execs1=$(counter inference_execution_count_total "$model")
      per=$(awk "BEGIN {d = $execs1 - $execs0; printf \"%.1f\", (d > 0 ? ($rows1 - $rows0) / d : 0)}")
      # per note the server saw in the window (one note per request; the client's 2 s warm-up is in the window too)
      cpu=$(awk "BEGIN {d = $rows1 - $rows0; printf \"%.2f\", (d > 0 ? ($cpu1 - $cpu0) * 1000 / $TICKS / d : 0)}")
      floor=$(awk "BEGIN {printf \"%.1f\", $c * ($cpu + $client) / $(nproc)}")
      printf '%-24s %-9s %7s %9s %8s %8s %7s %10s %12s %11s %9s\n' "$model" "$batching" "$c" "$rate" "$p50" "$p99" \
        "$errors" "$per" "$cpu" "$client" "$floor"
    done
  done
  [ "$batching" = true ] && RSS_AFTER_LOAD=$(rss_mb)
  stop_server
done
echo "RSS with both encoders after the batched load runs: $RSS_AFTER_LOAD MB"
echo
fi

# --- 3. accuracy of fp32 vs int8 heads on the same held-out rows ------------------------------------------
if [[ " $PHASES " == *" accuracy "* ]]; then
java -cp "$CP" io.edgeai.inference.texttrain.SyntheticNotes 1200 1 "$WORK/notes.csv"
start_server "$REPO" true all-minilm-l6-v2,all-minilm-l6-v2-int8
printf '%-24s %9s %9s %-20s %9s %9s\n' encoder accuracy macro_f1 head test_rows train_s
for model in all-minilm-l6-v2 all-minilm-l6-v2-int8; do
  mapping="{\"features\":[{\"column\":\"note\",\"type\":\"text\"}],\"label\":{\"column\":\"failure_mode\"},\"encoder\":\"$model\"}"
  curl -s -o "$WORK/train-$model.json" -H 'Content-Type: text/csv' --data-binary @"$WORK/notes.csv" \
    "$BASE/v2/repository/models/notes-$model/train?mapping=$(printf %s "$mapping" | jq -sRr @uri)"
  jq -r --arg m "$model" '.config.evaluation | [$m, .accuracy, .macro_f1, .head.chosen, .data.test_rows,
    .training.seconds] | @tsv' "$WORK/train-$model.json" | awk -F'\t' '{printf "%-24s %9s %9s %-20s %9s %9s\n", $1, $2, $3, $4, $5, $6}'
done
stop_server
echo
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"

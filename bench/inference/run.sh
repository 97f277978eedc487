#!/usr/bin/env bash
# Inference benchmark (not part of the test run). One command, prints a table:
#   bench/inference/run.sh            # DURATION=10 seconds per HTTP point by default
# 1. in-process ceiling: the server's runner on one thread, batch 1 and 32 (no HTTP, no batcher);
# 2. HTTP /v2/models/<m>/infer with wrk at concurrency 1, 8, 32, 64, dynamic batching on and off:
#    req/s, p50, p99, errors (non-2xx + socket errors), server CPU time per request;
# for ai4i-failure (models/) and a heavy TorchScript MLP 10-1024-1024-1024-3 made here with Debian's
# python3-torch (downloaded once with apt-get download, unpacked with dpkg -x into a cache folder).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-10}
PORT=${PORT:-18082}
WORK=$(mktemp -d)
TORCH=${TORCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edge-ai/python3-torch}
JAR=$ROOT/inference-service/target/inference-service-0.1.0-SNAPSHOT.jar
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -pl inference-service -am package -DskipTests)
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

# --- models ---------------------------------------------------------------------------------------------
REPO=$WORK/models
mkdir -p "$REPO"
cp -r "$ROOT/models/ai4i-failure" "$REPO/"
if [ ! -d "$TORCH/root/usr/lib/python3/dist-packages/torch" ]; then
  echo "fetching python3-torch into $TORCH (once)..." >&2
  mkdir -p "$TORCH/debs" "$TORCH/root"
  (cd "$TORCH/debs" && apt-get download -qq $(apt-cache depends --recurse --no-recommends --no-suggests \
      --no-conflicts --no-breaks --no-replaces --no-enhances python3-torch | grep '^\w' | sort -u) >/dev/null 2>&1)
  for f in "$TORCH"/debs/*.deb; do dpkg -x "$f" "$TORCH/root"; done
fi
LDP=$(find "$TORCH/root" -name '*.so*' -printf '%h\n' | sort -u | tr '\n' ':')
PYTHONPATH=$TORCH/root/usr/lib/python3/dist-packages LD_LIBRARY_PATH=$LDP /usr/bin/python3 \
  "$HERE/make_heavy_model.py" "$REPO" >/dev/null

# --- in-process ceiling -----------------------------------------------------------------------------------
mkdir -p "$WORK/jar"
(cd "$WORK/jar" && unzip -q "$JAR")
CP="$WORK/jar/BOOT-INF/classes:$WORK/jar/BOOT-INF/lib/*"
declare -A CEIL
for m in ai4i-failure heavy; do
  v=$(ls "$REPO/$m" | sort -n | tail -1)
  while read -r batch calls rows median; do
    CEIL[$m,$batch]="$calls calls/s = $rows rows/s (median $median us per call)"
  done < <(java -cp "$CP" "$HERE/PredictorBench.java" "$REPO/$m/$v" 3 2>/dev/null)
done

# --- HTTP ---------------------------------------------------------------------------------------------------
python_free_row() { # model -> one request body with one row
  if [ "$1" = heavy ]; then echo '{"inputs":[{"name":"x","datatype":"FP32","shape":[1,10],"data":[0.1,-0.2,0.3,0.4,-0.5,0.6,0.7,-0.8,0.9,1.0]}]}'
  else # the committed model's own input name and width (its features grew from 11 to 19 since this was written)
    local v; v=$(ls "$REPO/$1" | sort -n | tail -1)
    jq -c '.inputs[0] | {inputs: [{name, datatype, shape: [1, .shape[1]],
      data: [range(.shape[1]) | (. * 0.37 | sin)]}]}' "$REPO/$1/$v/model.json"; fi
}
start_server() {
  java -Xmx1g -jar "$JAR" --server.port=$PORT --edge.inference.model-repository="$REPO" \
    --edge.inference.poll-interval=0s --edge.inference.dynamic-batching="$1" --logging.level.root=WARN \
    > "$WORK/server-$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$PORT/v2/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server did not start:" >&2; cat "$WORK/server-$1.log" >&2; exit 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICK=$(getconf CLK_TCK)
ROWS=()
metric_sum() { # name model -> sum over versions
  curl -s "http://localhost:$PORT/actuator/prometheus" | awk -v n="$1" -v m="model=\"$2\"" \
    'index($0, n "{") == 1 && index($0, m) { s += $NF } END { printf "%.6f", s + 0 }'
}
for batching in true false; do
  start_server $batching
  for m in ai4i-failure heavy; do
    python_free_row $m > "$WORK/body.json"
    BODY_FILE="$WORK/body.json" wrk -t2 -c8 -d3s -s "$HERE/post.lua" "http://localhost:$PORT/v2/models/$m/infer" >/dev/null
    e0=$(metric_sum inference_execution_count_total $m); i0=$(metric_sum inference_count_total $m)
    c0=$(metric_sum inference_compute_duration_seconds_sum $m); q0=$(metric_sum inference_queue_duration_seconds_sum $m)
    for c in 1 8 32 64; do
      t=$(( c < 2 ? 1 : 2 ))
      before=$(cpu_ticks)
      out=$(BODY_FILE="$WORK/body.json" wrk -t$t -c$c -d${DURATION}s --latency -s "$HERE/post.lua" \
            "http://localhost:$PORT/v2/models/$m/infer")
      after=$(cpu_ticks)
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      total=$(awk '/requests in/ {print $1}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out")
      p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
      sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out"); sock=${sock:-0}
      cpu_us=$(awk -v a=$before -v b=$after -v t=$TICK -v n=$total 'BEGIN { printf "%.0f", (b - a) / t * 1e6 / n }')
      ROWS+=("$(printf '%-13s %-8s %5s %10s %10s %10s %8s %12s' $m $([ $batching = true ] && echo on || echo off) \
        $c $rps $p50 $p99 $((non2xx + sock)) $cpu_us)")
    done
    e1=$(metric_sum inference_execution_count_total $m); i1=$(metric_sum inference_count_total $m)
    c1=$(metric_sum inference_compute_duration_seconds_sum $m); q1=$(metric_sum inference_queue_duration_seconds_sum $m)
    PROFILE+=("$(awk -v m=$m -v b=$batching -v e=$(echo "$e1 - $e0" | bc) -v i=$(echo "$i1 - $i0" | bc) \
      -v c=$(echo "$c1 - $c0" | bc) -v q=$(echo "$q1 - $q0" | bc) 'BEGIN { printf "%-13s batching %-5s rows/execution %6.2f   compute %8.1f us/execution = %7.1f us/row   queue wait %8.1f us/request", m, b, i/e, c/e*1e6, c/i*1e6, q/i*1e6 }')")
  done
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
done

# --- table ----------------------------------------------------------------------------------------------------
echo
echo "In-process ceiling (one thread, the server's DJL runner, no HTTP):"
for m in ai4i-failure heavy; do
  for b in 1 32; do printf '  %-13s batch %-3s %s\n' $m $b "${CEIL[$m,$b]}"; done
done
echo
echo "HTTP POST /v2/models/<m>/infer, 1 row per request, wrk on the same machine, ${DURATION}s per point:"
printf '%-13s %-8s %5s %10s %10s %10s %8s %12s\n' model batching conc "req/s" p50 p99 errors "cpu us/req"
printf '%s\n' "${ROWS[@]}"
echo
echo "Where the time goes (server metrics over the four concurrency points):"
printf '  %s\n' "${PROFILE[@]}"
echo "  (the rest of the CPU per request is HTTP, JSON and Tomcat; compare cpu us/req with compute us/row)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

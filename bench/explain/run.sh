#!/usr/bin/env bash
# Cost of an explanation per reading (not part of the test run). One command, prints a table:
#   bench/explain/run.sh                 # DURATION=10 seconds per point by default
# The inference jar serves ai4i-failure twice: the committed MLP (explained by integrated gradients) and gradient-
# boosted trees trained here from ../shared/data/ai4i2020/ai4i2020.csv with the same recipe (explained by TreeSHAP).
# For each, wrk posts one AI4I reading per request at concurrency 1 and 8, without and with ?explain=true:
# req/s, p50, p99, errors, server CPU time per request.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-10}
PORT=${PORT:-8701}
CSV=${CSV:-$ROOT/../shared/data/ai4i2020/ai4i2020.csv}
WORK=$(mktemp -d)
JAR=$ROOT/inference-service/target/inference-service-0.1.0-SNAPSHOT.jar
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -pl inference-service -am package -DskipTests)
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
[ -f "$CSV" ] || { echo "no AI4I CSV at $CSV (set CSV=...)" >&2; exit 1; }

REPO=$WORK/models
mkdir -p "$REPO/mlp" "$REPO/trees"
cp -r "$ROOT/models/ai4i-failure/1" "$REPO/mlp/1"
echo "training the trees (one thread, about a minute)..." >&2
java -cp "$JAR" -Dloader.main=io.edgeai.inference.training.TrainCommand \
  org.springframework.boot.loader.launch.PropertiesLauncher --csv "$CSV" --repository "$WORK/trained" \
  --model ai4i-failure --family trees --version 1 >"$WORK/train.log" 2>&1 || { cat "$WORK/train.log" >&2; exit 1; }
cp -r "$WORK/trained/ai4i-failure/1" "$REPO/trees/1"
sed -i 's/"name" *: *"ai4i-failure"/"name": "trees"/' "$REPO/trees/1/model.json"
sed -i 's/"name" *: *"ai4i-failure"/"name": "mlp"/' "$REPO/mlp/1/model.json"

# One AI4I reading as the pipeline sends it: tool wear 220 min at 62 Nm on a type L machine (overstrain), encoded
# with the model's own feature spec (edge-features' FeatureEncoder, as preprocessing does).
mkdir -p "$WORK/jar" && (cd "$WORK/jar" && unzip -q "$JAR")
cat > "$WORK/Encode.java" <<'JAVA'
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import java.nio.file.*;
import java.util.Map;
public class Encode {
    public static void main(String[] a) throws Exception {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        var spec = mapper.treeToValue(mapper.readTree(Files.readString(Path.of(a[0]))).get("feature_spec"), FeatureSpec.class);
        float[] row = new FeatureEncoder(spec).encode(Map.of("air_temperature", 299.0, "process_temperature", 309.8,
                "rotational_speed", 1400.0, "torque", 62.0, "tool_wear", 220.0), Map.of("machine_type", "L"), null);
        StringBuilder b = new StringBuilder();
        for (float f : row) b.append(b.length() == 0 ? "" : ",").append(f);
        System.out.print("{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1," + row.length + "],\"data\":[" + b + "]}]}");
    }
}
JAVA
java -cp "$WORK/jar/BOOT-INF/classes:$WORK/jar/BOOT-INF/lib/*" "$WORK/Encode.java" "$REPO/mlp/1/model.json" \
  > "$WORK/body.json" 2>/dev/null

java -Xmx1g -jar "$JAR" --server.port=$PORT --edge.inference.model-repository="$REPO" \
  --edge.inference.poll-interval=0s --edge.inference.builtin-models= --logging.level.root=WARN \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 240); do
  curl -fs "http://localhost:$PORT/v2/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://localhost:$PORT/v2/health/ready" >/dev/null || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
for m in mlp trees; do # both answer, and explain
  curl -fs -X POST -H 'Content-Type: application/json' --data @"$WORK/body.json" \
    "http://localhost:$PORT/v2/models/$m/infer?explain=true" >/dev/null || { echo "$m cannot explain" >&2; exit 1; }
done
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
TICK=$(getconf CLK_TCK)
ROWS=()
for m in mlp trees; do
  for explain in false true; do
    url="http://localhost:$PORT/v2/models/$m/infer?explain=$explain"
    BODY_FILE="$WORK/body.json" wrk -t1 -c4 -d3s -s "$ROOT/bench/inference/post.lua" "$url" >/dev/null # warm-up
    for c in 1 8; do
      t=$(( c < 2 ? 1 : 2 ))
      before=$(cpu_ticks)
      out=$(BODY_FILE="$WORK/body.json" wrk -t$t -c$c -d${DURATION}s --latency -s "$ROOT/bench/inference/post.lua" "$url")
      after=$(cpu_ticks)
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      total=$(awk '/requests in/ {print $1}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out")
      p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
      sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out"); sock=${sock:-0}
      cpu_us=$(awk -v a=$before -v b=$after -v t=$TICK -v n=$total 'BEGIN { printf "%.0f", (b - a) / t * 1e6 / n }')
      ROWS+=("$(printf '%-6s %-8s %5s %10s %10s %10s %8s %12s' $m $explain $c $rps $p50 $p99 $((non2xx + sock)) $cpu_us)")
    done
  done
done
echo
echo "POST /v2/models/<m>/infer[?explain=true], one AI4I reading per request, wrk on the same machine, ${DURATION}s per point"
echo "(mlp: the committed ai4i-failure, integrated gradients, exact path integral; trees: XGBoost, TreeSHAP):"
printf '%-6s %-8s %5s %10s %10s %10s %8s %12s\n' model explain conc "req/s" p50 p99 errors "cpu us/req"
printf '%s\n' "${ROWS[@]}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Inference latency while a fine-tuning job trains (not part of the test run): against a running suite, prints
# p50/p99 of POST /v2/models/$MODEL/infer while idle and while a fine-tune job runs, and their ratio.
#
#   ./edge up                       # keys in ${EDGE_HOME:-var}/secrets/demo-keys.env, token in .../internal-token
#   bench/finetune/run.sh           # DURATION=15s per phase, CONNECTIONS=4 (closed loop, wrk)
#
# Steps:
#   1. seed (SEED_READINGS=400, 0 to skip): readings of four "hot" machines (type H, sensors about 5 K hotter than
#      AI4I, heat failure above 316 K process temperature) through the gateway pipeline, each with operator
#      feedback (POST /api/v1/feedback), so data-shard's labelled export has rows to fine-tune on. Re-running
#      reuses the same timestamps: data-shard keeps the first copy.
#   2. idle: wrk on the infer endpoint for WARMUP (10s, not measured), then for DURATION.
#   3. training: POST /v2/models/$MODEL/finetune (admin key, EPOCHS=1000, the most allowed, so it outlasts the
#      window: about 20 epochs/s on 400 rows on 2 cores), wait until it is RUNNING, wrk for DURATION again, check
#      it was still RUNNING at the end, then cancel it (DELETE) so the bench never changes the served version
#      (KEEP_JOB=true lets it finish and be gated as usual).
#
# TARGET=inference (default): straight to inference-service with the internal credential, so the gateway's
# per-key rate limit (operator 500/s, admin 100/s) does not cap the closed loop. TARGET=gateway goes through the
# gateway with the operator key; raise the limit first (EDGE_RATE_LIMIT_OPERATOR_PER_SECOND=1000000
# EDGE_RATE_LIMIT_OPERATOR_BURST=1000000 ./edge up) or wrk's non-2xx count will show 429s.
# Target: p99 while training within 2x of idle. wrk runs on the same box and takes CPU from the suite.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EDGE_HOME=${EDGE_HOME:-$ROOT/var}
GATEWAY=${GATEWAY:-http://localhost:${EDGE_GATEWAY_PORT:-8080}}
INFERENCE=${INFERENCE:-http://localhost:${EDGE_INFERENCE_PORT:-8082}}
TARGET=${TARGET:-inference}
MODEL=${MODEL:-ai4i-failure}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-4}
SEED_READINGS=${SEED_READINGS:-400}
EPOCHS=${EPOCHS:-1000}
KEEP_JOB=${KEEP_JOB:-false}
KEYS=$EDGE_HOME/secrets/demo-keys.env
TOKEN_FILE=$EDGE_HOME/secrets/internal-token

for tool in curl jq wrk awk; do
  command -v $tool >/dev/null || { echo "error: $tool is needed" >&2; exit 1; }
done
[[ -f $KEYS ]] || { echo "error: $KEYS not found: start the suite with ./edge up" >&2; exit 1; }
key() { sed -n "s/^EDGE_DEMO_$1_KEY=//p" "$KEYS"; }
OPERATOR=$(key OPERATOR)
ADMIN=$(key ADMIN)
if [[ $(curl -s -o /dev/null -w '%{http_code}' -m 5 "$GATEWAY/actuator/health" || true) != 200 ]]; then
  echo "error: the gateway at $GATEWAY is not healthy; start the suite with ./edge up" >&2
  exit 1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- 1. labelled data in data-shard
if (( SEED_READINGS > 0 )); then
  echo "seeding $SEED_READINGS readings with feedback through the gateway ..." >&2
  per=$(( (SEED_READINGS + 3) / 4 ))
  for d in 1 2 3 4; do
    device=ft-bench-$d
    awk -v n=$per -v seed=$d 'BEGIN { srand(seed); printf "{\"readings\":[";
      for (i = 0; i < n; i++) {
        air = 305 + (rand() + rand() + rand() - 1.5) * 2; proc = air + 10.2 + (rand() - 0.5) * 1.4;
        printf "%s{\"timestamp\":\"2026-06-01T%02d:%02d:%02dZ\",\"machineType\":\"H\",\"sensors\":{", (i ? "," : ""),
          int(i / 3600), int(i / 60) % 60, i % 60;
        printf "\"air_temperature\":{\"value\":%.2f,\"unit\":\"K\"},\"process_temperature\":{\"value\":%.2f,\"unit\":\"K\"},", air, proc;
        printf "\"rotational_speed\":{\"value\":%d,\"unit\":\"rpm\"},\"torque\":{\"value\":%.1f,\"unit\":\"Nm\"},", 1400 + int(rand() * 300), 30 + rand() * 20;
        printf "\"tool_wear\":{\"value\":%d,\"unit\":\"min\"}}}", int(rand() * 150) }
      printf "]}" }' > "$WORK/readings.json"
    curl -sf -m 60 "$GATEWAY/api/v1/devices/$device/readings" -H "X-API-Key: $OPERATOR" \
      -H 'Content-Type: application/json' --data-binary @"$WORK/readings.json" > "$WORK/scored.json" \
      || { echo "error: the pipeline refused the seed readings of $device" >&2; exit 1; }
    # feedback: the truth follows the hot machines' rule (process temperature above 316 K means HDF)
    jq -c --slurpfile r "$WORK/readings.json" --arg d "$device" '.results | to_entries[] |
        ($r[0].readings[.key].sensors.process_temperature.value > 316) as $fails |
        {id: ("fb-" + $d + "-" + (.key | tostring)), predictionId: .value.predictionId, deviceId: $d,
         correct: ($fails and .value.status == "FAILURE_PREDICTED"), by: "bench"} +
        (if $fails and .value.status == "FAILURE_PREDICTED" then {} else {actualFailureMode: (if $fails then "HDF" else "none" end)} end)' \
        "$WORK/scored.json" > "$WORK/feedback.jsonl"
    while read -r fb; do
      # the pipeline answers once the batch is spooled; until data-shard has it, feedback on it is a 404
      for _ in $(seq 1 100); do
        code=$(curl -s -o "$WORK/fb.out" -w '%{http_code}' -m 10 "$GATEWAY/api/v1/feedback" \
          -H "X-API-Key: $OPERATOR" -H 'Content-Type: application/json' -d "$fb" || true)
        [[ $code == 404 ]] || break
        sleep 0.1
      done
      [[ $code == 200 || $code == 201 ]] || { echo "error: feedback answered $code: $(cat "$WORK/fb.out")" >&2; exit 1; }
    done < "$WORK/feedback.jsonl"
  done
fi

# ---- the request: one row of the model's input, shaped from its metadata
META=$(curl -sf -m 10 -H "X-API-Key: $OPERATOR" "$GATEWAY/v2/models/$MODEL")
jq -c '.inputs[0] as $i | {inputs: [{name: $i.name, datatype: $i.datatype, shape: [1, $i.shape[-1]],
        data: [range(0; $i.shape[-1]) | 0.1]}]}' <<<"$META" > "$WORK/body.json"
cat > "$WORK/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
if [[ $TARGET == gateway ]]; then
  URL=$GATEWAY/v2/models/$MODEL/infer
  HEADER="X-API-Key: $OPERATOR"
else
  [[ -f $TOKEN_FILE ]] || { echo "error: $TOKEN_FILE not found (or use TARGET=gateway)" >&2; exit 1; }
  URL=$INFERENCE/v2/models/$MODEL/infer
  HEADER="X-Edge-Internal-Token: $(cat "$TOKEN_FILE")"
fi
code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "$HEADER" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/body.json" "$URL" || true)
[[ $code == 200 ]] || { echo "error: POST $URL answered $code" >&2; exit 1; }

# prints "p50_ms p99_ms requests_per_s non2xx"
measure() {
  BODY_FILE=$WORK/body.json wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" -H "$HEADER" \
    "$URL" > "$WORK/wrk.out"
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
       /Non-2xx/ { bad = $NF } END { printf "%.2f %.2f %.0f %d\n", p50, p99, rps, bad }' "$WORK/wrk.out"
}

echo "warm-up: wrk -c$CONNECTIONS -d$WARMUP, not measured (a fresh JVM is slow at first) ..." >&2
BODY_FILE=$WORK/body.json wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s "$WORK/post.lua" -H "$HEADER" "$URL" > /dev/null
echo "idle: wrk -c$CONNECTIONS -d$DURATION on $URL ..." >&2
read -r IDLE_P50 IDLE_P99 IDLE_RPS IDLE_BAD < <(measure)

# ---- 3. the same while a fine-tuning job trains
STARTED=$(curl -s -m 10 -X POST "$GATEWAY/v2/models/$MODEL/finetune" -H "X-API-Key: $ADMIN" \
  -H 'Content-Type: application/json' -d "{\"epochs\":$EPOCHS,\"learningRate\":0.0005}")
JOB=$(jq -r '.id // empty' <<<"$STARTED" 2>/dev/null || true)
[[ -n $JOB ]] || { echo "error: the fine-tune request was refused: $STARTED" >&2; exit 1; }
job_state() { curl -s -m 10 -H "X-API-Key: $ADMIN" "$GATEWAY/v2/models/$MODEL/finetune/$JOB" | jq -r .state; }
for _ in $(seq 1 120); do
  state=$(job_state)
  [[ $state == QUEUED ]] || break
  sleep 0.5
done
[[ $state == RUNNING ]] || { echo "error: job $JOB is $state, not RUNNING: $(curl -s -H "X-API-Key: $ADMIN" \
  "$GATEWAY/v2/models/$MODEL/finetune/$JOB")" >&2; exit 1; }
echo "training: job $JOB RUNNING; wrk -c$CONNECTIONS -d$DURATION on $URL ..." >&2
read -r TRAIN_P50 TRAIN_P99 TRAIN_RPS TRAIN_BAD < <(measure)
after=$(curl -s -m 10 -H "X-API-Key: $ADMIN" "$GATEWAY/v2/models/$MODEL/finetune/$JOB")
END_STATE=$(jq -r .state <<<"$after")
END_EPOCH=$(jq -r '.progress.epoch // "?"' <<<"$after")
if [[ $KEEP_JOB != true && $END_STATE == RUNNING ]]; then
  curl -s -o /dev/null -m 10 -X DELETE -H "X-API-Key: $ADMIN" "$GATEWAY/v2/models/$MODEL/finetune/$JOB"
fi

printf '\n%-10s %10s %10s %10s %8s\n' phase p50_ms p99_ms req/s non2xx
printf '%-10s %10s %10s %10s %8s\n' idle "$IDLE_P50" "$IDLE_P99" "$IDLE_RPS" "$IDLE_BAD"
printf '%-10s %10s %10s %10s %8s\n' training "$TRAIN_P50" "$TRAIN_P99" "$TRAIN_RPS" "$TRAIN_BAD"
awk -v a="$IDLE_P50" -v b="$TRAIN_P50" -v c="$IDLE_P99" -v d="$TRAIN_P99" 'BEGIN {
  printf "ratio training/idle: p50 %.2fx, p99 %.2fx (target p99 <= 2x: %s)\n", b / a, d / c, (d / c <= 2 ? "met" : "MISSED") }'
echo "job $JOB was $END_STATE at the end of the window (epoch $END_EPOCH of $EPOCHS)$([[ $KEEP_JOB != true && \
  $END_STATE == RUNNING ]] && echo '; cancelled')"
[[ $END_STATE == RUNNING ]] || echo "warning: the job ended inside the window; raise EPOCHS" >&2

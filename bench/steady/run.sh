#!/usr/bin/env bash
# Steady-state cost of the suite at factory rates (issue 18; not part of the test run). Starts its own suite with
# ./edge on its own ports and data folder, prints tables, stops it.
#
#   ./mvnw -B -q -DskipTests package      # the jars ./edge runs (the script never builds)
#   bench/steady/run.sh                   # about 8 minutes; on a shared box run it when nothing else runs
#
# Phases:
#   1. start: ./edge up in a fresh data folder ("first start": DJL natives extracted, class data sharing archives
#      made), ./edge down, ./edge up again ("restart": what a site sees after a reboot) -> seconds to all ready
#   2. memory after start (SETTLE, 15 s after ready): RSS per service (anonymous / file-backed) and the JVM's own
#      account (NMT=summary adds -XX:NativeMemoryTracking=summary to every service of this run only): heap,
#      class metadata (class space and metaspace), code cache, CDS archive, thread stacks, GC, compiler, other JVM
#      natives; "outside" = RSS minus what the JVM committed (PyTorch/ONNX natives, malloc arenas; negative when
#      committed pages are not touched yet)
#   3. idle: CPU of each service for IDLE (20s) with no traffic -> the floor that low rates pay
#   4. steady: for each rate of RATES (20,200), the device simulator with that many machines at one reading a
#      second each (one reading per request, --demo-starts false: a normal fleet) through the gateway; WARMUP
#      (45s) not measured, then MEASURE (45s): CPU ms per reading per service and summed (utime+stime from
#      /proc/<pid>/stat), how much of it the JIT compiler threads took, and RSS. Readings are counted by the
#      gateway (edge_pipeline_readings_total).
#   5. after use (AFTER_USE=true): bench/gateway/run.sh (short points) and bench/finetune/run.sh, then RSS again
#
# Settings: PORT_BASE (18080: gateway, +1 preprocessing ... +5 connector), EDGE_CONNECTOR (false: the five of the
# pipeline; true adds the MQTT connector), KEEP_HOME=true keeps the data folder. EDGE_JAVA_OPTS reaches every service.
# The simulator runs on the same box (its CPU is not counted, but it competes for the cores).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RATES=${RATES:-20,200}
WARMUP=${WARMUP:-45}
MEASURE=${MEASURE:-45}
IDLE=${IDLE:-20}
SETTLE=${SETTLE:-15}
NMT=${NMT:-summary}
AFTER_USE=${AFTER_USE:-true}
PORT_BASE=${PORT_BASE:-18080}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
SIM_JAR=$ROOT/device-simulator/target/device-simulator-$VERSION.jar
HZ=$(getconf CLK_TCK)
for tool in curl awk jcmd; do command -v $tool >/dev/null || { echo "error: $tool is needed" >&2; exit 1; }; done
[[ -f $SIM_JAR ]] || { echo "error: $SIM_JAR missing: ./mvnw -B -q -DskipTests package first" >&2; exit 1; }

export EDGE_HOME=${BENCH_HOME:-$(mktemp -d "${TMPDIR:-/tmp}/edge-steady.XXXXXX")}
export EDGE_GATEWAY_PORT=$PORT_BASE EDGE_PREPROCESSING_PORT=$((PORT_BASE + 1)) EDGE_INFERENCE_PORT=$((PORT_BASE + 2))
export EDGE_POSTPROCESSING_PORT=$((PORT_BASE + 3)) EDGE_DATA_SHARD_PORT=$((PORT_BASE + 4))
export EDGE_CONNECTOR_PORT=$((PORT_BASE + 5)) EDGE_CONNECTOR=${EDGE_CONNECTOR:-false}
export EDGE_SIMULATOR=false EDGE_SKIP_BUILD=true DJL_OFFLINE=true OPT_OUT_TRACKING=true
# The bench's own load must not be rate limited (operator: 500 requests/s by default).
export EDGE_RATE_LIMIT_OPERATOR_PER_SECOND=${EDGE_RATE_LIMIT_OPERATOR_PER_SECOND:-1000000}
export EDGE_RATE_LIMIT_OPERATOR_BURST=${EDGE_RATE_LIMIT_OPERATOR_BURST:-1000000}
if [[ $NMT != off ]]; then export EDGE_JAVA_OPTS="${EDGE_JAVA_OPTS:-} -XX:NativeMemoryTracking=$NMT"; fi
GATEWAY=http://localhost:$PORT_BASE
SIM_PID=
cleanup() {
  [[ -z $SIM_PID ]] || kill "$SIM_PID" 2>/dev/null || true
  "$ROOT/edge" down >/dev/null 2>&1 || true
  [[ ${KEEP_HOME:-false} == true ]] || rm -rf "$EDGE_HOME"
}
trap cleanup EXIT

echo "== bench/steady $(date -u +%FT%TZ), $(nproc) cores, load:$(uptime | sed 's/.*load average://')"
echo "   data folder $EDGE_HOME, gateway $GATEWAY, EDGE_JAVA_OPTS='${EDGE_JAVA_OPTS:-}'"

# Services of the running suite: name pid, from ./edge's pid files (the simulator left out).
services() {
  local f
  for f in "$EDGE_HOME"/run/*.pid; do
    [[ $(basename "$f" .pid) == device-simulator ]] && continue
    echo "$(basename "$f" .pid) $(<"$f")"
  done
}
short() { sed -e 's/-service//' <<<"$1"; }
# utime+stime of a process, in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# utime+stime of a process's JIT compiler threads that are alive now, as "tid:ticks" lines.
jit_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    grep -q 'CompilerThre' "$t/comm" 2>/dev/null && awk -v t="${t##*/}" '{ print t ":" $14 + $15 }' "$t/stat" 2>/dev/null
  done
  true
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
rss_parts() { awk '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } /^RssShmem/ { f += $2 } END { printf "%d %d", a / 1024, f / 1024 }' "/proc/$1/status"; }
readings() {
  curl -s -m 5 "$GATEWAY/actuator/prometheus" | awk '/^edge_pipeline_readings_total/ { s += $NF } END { printf "%d", s }'
}

up_timed() {
  local out
  out=$("$ROOT/edge" up 2>&1) || { echo "$out" | tail -n 40 >&2; echo "error: ./edge up failed" >&2; exit 1; }
  sed -n 's/.*all [0-9]* services ready in \([0-9.]*\) s.*/\1/p' <<<"$out"
}

# ---- 1. start
first=$(up_timed)
"$ROOT/edge" down >/dev/null
again=$(up_timed)
echo
echo "== start to all ready: first start ${first} s, restart ${again} s"

# ---- 2. memory after start
sleep "$SETTLE"
memory_table() {
  local name pid total=0 rss parts
  printf '   %-16s %8s %8s %8s\n' service "RSS MB" "anon" "file"
  while read -r name pid; do
    rss=$(( $(rss_kb "$pid") / 1024 )); parts=$(rss_parts "$pid"); total=$((total + rss))
    printf '   %-16s %8d %8d %8d\n' "$(short "$name")" "$rss" ${parts}
  done < <(services)
  printf '   %-16s %8d\n' total "$total"
}
echo
echo "== memory after start"
memory_table
if [[ $NMT != off ]]; then
  echo
  echo "== the JVM's own account after start (NMT committed MB; threads: count)"
  printf '   %-16s %6s %6s %6s %6s %9s %6s %6s %6s %6s %8s %7s\n' service heap class code cds threads GC compiler \
    other nmt RSS outside
  while read -r name pid; do
    jcmd "$pid" VM.native_memory summary scale=MB 2>/dev/null | awk -v svc="$(short "$name")" -v rss="$(( $(rss_kb "$pid") / 1024 ))" '
      /^Total:/ { match($0, /committed=[0-9]+/); total = substr($0, RSTART + 10, RLENGTH - 10) }
      /^-/ { line = $0; sub(/^- */, "", line); cat = line; sub(/ *\(.*/, "", cat)
             if (match(line, /committed=[0-9]+/)) { v = substr(line, RSTART + 10, RLENGTH - 10) } else { v = 0 }
             last = cat
             if (cat == "Java Heap") heap = v; else if (cat == "Class" || cat == "Metaspace") klass += v; else if (cat == "Code") code = v
             else if (cat == "Shared class space") cds = v; else if (cat == "Thread") thr = v; else if (cat == "GC") gc = v
             else if (cat == "Compiler" || cat == "Arena Chunk") comp += v; else other += v }
      /\(thread #/ && last == "Thread" { match($0, /#[0-9]+/); n = substr($0, RSTART + 1, RLENGTH - 1) }
      END { printf "   %-16s %6d %6d %6d %6d %4d(%3d) %6d %6d %6d %6d %8d %7d\n", svc, heap, klass, code, cds, thr, n, gc,
                   comp, other, total, rss, rss - total }'
  done < <(services)
fi

# ---- 3. idle floor and 4. steady rates
measure() { # label seconds [readings-wanted]
  local label=$1 secs=$2 name pid r0 r1 n total=0 jit_total=0 rss_total=0
  declare -A t0 j0
  while read -r name pid; do t0[$name]=$(ticks "$pid"); j0[$name]=$(jit_ticks "$pid" | tr '\n' ' '); done < <(services)
  r0=$(readings)
  sleep "$secs"
  r1=$(readings)
  n=$((r1 - r0))
  echo
  echo "== $label: $n readings in ${secs} s ($(awk -v n=$n -v s="$secs" 'BEGIN { printf "%.1f", n / s }')/s), load:$(uptime | sed 's/.*load average://')"
  printf '   %-16s %10s %12s %10s %8s\n' service "CPU ms/s" "ms/reading" "of it JIT" "RSS MB"
  while read -r name pid; do
    local dt jit rss
    dt=$(( $(ticks "$pid") - ${t0[$name]} ))
    # JIT: compiler threads alive at both ends (a thread that exited in between is not counted).
    jit=$(jit_ticks "$pid" | awk -v before="${j0[$name]}" 'BEGIN { n = split(before, b, " ");
        for (i = 1; i <= n; i++) { split(b[i], kv, ":"); was[kv[1]] = kv[2] } }
      { split($0, kv, ":"); if (kv[1] in was) s += kv[2] - was[kv[1]] } END { print s + 0 }')
    rss=$(( $(rss_kb "$pid") / 1024 ))
    total=$((total + dt)); jit_total=$((jit_total + jit)); rss_total=$((rss_total + rss))
    awk -v s="$(short "$name")" -v dt="$dt" -v jit="$jit" -v hz="$HZ" -v secs="$secs" -v n="$n" -v rss="$rss" 'BEGIN {
      ms = dt * 1000 / hz; printf "   %-16s %10.1f %12s %9.0f%% %8d\n", s, ms / secs, (n > 0 ? sprintf("%.2f", ms / n) : "-"),
        (dt > 0 ? 100 * jit / dt : 0), rss }'
  done < <(services)
  awk -v dt="$total" -v jit="$jit_total" -v hz="$HZ" -v secs="$secs" -v n="$n" -v rss="$rss_total" 'BEGIN {
    ms = dt * 1000 / hz; printf "   %-16s %10.1f %12s %9.0f%% %8d\n", "total", ms / secs, (n > 0 ? sprintf("%.2f", ms / n) : "-"),
      (dt > 0 ? 100 * jit / dt : 0), rss }'
}

measure "idle (no traffic)" "$IDLE"

IFS=, read -r -a rates <<<"$RATES"
operator=$(sed -n 's/^EDGE_DEMO_OPERATOR_KEY=//p' "$EDGE_HOME/secrets/demo-keys.env")
for rate in "${rates[@]}"; do
  # The simulator: C1 only and the serial collector keep its own JIT and GC off the suite's cores.
  java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$SIM_JAR" --gateway "$GATEWAY" --api-key "$operator" \
    --devices "$rate" --interval 1s --device-prefix "steady$rate-" --demo-starts false \
    >"$EDGE_HOME/logs/simulator-$rate.log" 2>&1 &
  SIM_PID=$!
  sleep "$WARMUP"
  measure "$rate machines at 1 reading/s each, after ${WARMUP} s warm-up" "$MEASURE"
  kill "$SIM_PID" 2>/dev/null || true
  wait "$SIM_PID" 2>/dev/null || true
  SIM_PID=
  grep -h 'failed' "$EDGE_HOME/logs/simulator-$rate.log" | tail -n 1 | sed 's/^/   simulator: /'
done

# ---- 5. after use
if [[ $AFTER_USE == true ]]; then
  echo
  echo "== after use: bench/gateway (short points) and bench/finetune"
  SUITE_WARMUP=0s DURATION=${GATEWAY_DURATION:-5s} WARMUP=2s GATEWAY=$GATEWAY "$ROOT/bench/gateway/run.sh" 2>&1 |
    sed 's/^/   /' | tail -n 20 || echo "   (bench/gateway failed)"
  if command -v wrk >/dev/null && command -v jq >/dev/null; then
    GATEWAY=$GATEWAY INFERENCE=http://localhost:$EDGE_INFERENCE_PORT "$ROOT/bench/finetune/run.sh" 2>&1 |
      sed 's/^/   /' | tail -n 8 || echo "   (bench/finetune failed)"
  else
    echo "   (bench/finetune skipped: it needs wrk and jq)"
  fi
  echo
  echo "== memory after use"
  memory_table
fi

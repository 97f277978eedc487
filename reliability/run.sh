#!/usr/bin/env bash
# The fault suite of issue 14 in one command; prints one table (also written to $EDGE_HOME/reliability-report.md).
#
#   reliability/run.sh            security sweep, bad-input corpus, kill -9 of every service in turn under load,
#                                 a 1-minute soak
#   SOAK=30m reliability/run.sh   the same with a 30-minute soak (at SOAK_RATE readings/s, default 500: half of the
#                                 measured single-reading capacity of the 2-core box, docs/gateway.md "Performance")
#   KILLS=gateway-service reliability/run.sh   kill only these (comma-separated; empty: none)
#
# It starts its own suite with the launcher on EDGE_HOME (default ./var/reliability, wiped first) and the ports of
# EDGE_GATEWAY_PORT .. EDGE_DATA_SHARD_PORT (free ports when unset), never the default 8080-8084 unless told to,
# and stops it at the end. The code is e2e-tests' FaultSuiteIT (BadInputCorpus, SecuritySweep, KillUnderLoad);
# CI runs the same class in `./mvnw verify` with two kills and a 20 s soak.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

EDGE_HOME=${EDGE_HOME:-$ROOT/var/reliability}
SOAK=${SOAK:-1m}
SOAK_RATE=${SOAK_RATE:-500}
KILLS=${KILLS-data-shard-service,inference-service,preprocessing-service,postprocessing-service,gateway-service}
REPORT=$EDGE_HOME-report.md

# 30m -> PT30M, 90s -> PT90S, 1h -> PT1H
iso_duration() {
  local d=$1
  [[ $d =~ ^([0-9]+)([smh])$ ]] || { echo "SOAK must look like 90s, 30m or 1h, not $d" >&2; exit 2; }
  echo "PT${BASH_REMATCH[1]}${BASH_REMATCH[2]^^}"
}

# A folder of an earlier run is wiped; any other existing folder is left alone.
if [[ -d $EDGE_HOME/secrets ]]; then rm -rf "$EDGE_HOME"; fi
mkdir -p "$(dirname "$EDGE_HOME")"
args=(-B -q -pl e2e-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
  -Dit.test=FaultSuiteIT -Dfailsafe.failIfNoSpecifiedTests=false
  "-Dreliability.home=$EDGE_HOME" "-Dreliability.report=$REPORT" "-Dreliability.kills=$KILLS"
  "-Dreliability.soak=$(iso_duration "$SOAK")" "-Dreliability.trace-logs=${TRACE_LOGS:-false}" "-Dreliability.soak.rate=$SOAK_RATE")
[[ -n ${EDGE_GATEWAY_PORT:-} ]] && args+=("-Dedge.port.gateway-service=$EDGE_GATEWAY_PORT")
[[ -n ${EDGE_PREPROCESSING_PORT:-} ]] && args+=("-Dedge.port.preprocessing-service=$EDGE_PREPROCESSING_PORT")
[[ -n ${EDGE_INFERENCE_PORT:-} ]] && args+=("-Dedge.port.inference-service=$EDGE_INFERENCE_PORT")
[[ -n ${EDGE_POSTPROCESSING_PORT:-} ]] && args+=("-Dedge.port.postprocessing-service=$EDGE_POSTPROCESSING_PORT")
[[ -n ${EDGE_DATA_SHARD_PORT:-} ]] && args+=("-Dedge.port.data-shard-service=$EDGE_DATA_SHARD_PORT")

echo "fault suite: EDGE_HOME=$EDGE_HOME, kills: ${KILLS:-none}, soak $SOAK at $SOAK_RATE readings/s; $(uptime)"
status=0
./mvnw "${args[@]}" >"$EDGE_HOME.log" 2>&1 || status=$?
if [[ -f $REPORT ]]; then
  cat "$REPORT"
else
  tail -n 60 "$EDGE_HOME.log"
fi
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'); full log: $EDGE_HOME.log"
exit "$status"

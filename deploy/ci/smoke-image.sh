#!/usr/bin/env bash
# Smoke test of one Jib image tar without a container engine: unpack its layers into a folder, run the image's
# entrypoint in a chroot as its user with its environment and working directory, wait until /actuator/health
# answers, then stop it. Skips (exit 0, with a message) when no image tar exists or chroot is not permitted.
#
#   deploy/ci/smoke-image.sh [service]      (default: the first of gateway, preprocessing, postprocessing,
#                                            data-shard, inference whose target/jib-image.tar exists)
# Environment: EDGE_SMOKE_PORT (default 18080), EDGE_SMOKE_TIMEOUT seconds (default 150).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PORT=${EDGE_SMOKE_PORT:-18080}
TIMEOUT=${EDGE_SMOKE_TIMEOUT:-150}

svc=${1:-}
if [[ -z $svc ]]; then
  for s in gateway-service preprocessing-service postprocessing-service data-shard-service inference-service; do
    if [[ -f $ROOT/$s/target/jib-image.tar ]]; then svc=$s; break; fi
  done
fi
if [[ -z $svc || ! -f $ROOT/${svc}/target/jib-image.tar ]]; then
  echo "    skip no <service>/target/jib-image.tar (build: deploy/base-image/build-base-image.sh &&" \
    "./mvnw -Poffline-base -DskipTests package jib:buildTar)"
  exit 0
fi
TAR=$ROOT/$svc/target/jib-image.tar
if [[ $(id -u) != 0 ]] || ! unshare --mount --fork --root=/ --mount-proc true 2>/dev/null; then
  echo "    skip chroot (unshare --root) is not permitted here; $TAR not smoke-tested"
  exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/edge-smoke.XXXXXX")
PID=
CHILD=
# unshare --fork ignores SIGTERM while it waits, and its --kill-child is void once it switches user: stop the
# service itself (unshare's child, recorded at start) gracefully, then kill what is left, by pid only.
cleanup() {
  local p
  for p in $CHILD $PID; do
    kill -0 "$p" 2>/dev/null || continue
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  rm -rf "$WORK"
  [[ -n $PID ]] && echo "    stopped the service (pid ${CHILD:-$PID})"
  return 0
}
trap cleanup EXIT

if [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/" || true) != 000 ]]; then
  echo "    FAIL port $PORT is already taken: set EDGE_SMOKE_PORT"; exit 1
fi
echo "    image $svc: ${TAR#"$ROOT"/} ($(du -h "$TAR" | cut -f1))"
mkdir -p "$WORK/image" "$WORK/rootfs"
tar -xf "$TAR" -C "$WORK/image" --warning=no-unknown-keyword
# The image's layers in order, its entrypoint, user, working directory and environment, from its config.
node - "$WORK/image" >"$WORK/image.env" <<'JS'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const [m] = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
const cfg = JSON.parse(fs.readFileSync(path.join(dir, m.Config), "utf8")).config;
const q = (s) => "'" + String(s).replace(/'/g, "'\\''") + "'";
console.log(`LAYERS=(${m.Layers.map(q).join(" ")})`);
console.log(`ENTRYPOINT=(${[...(cfg.Entrypoint || []), ...(cfg.Cmd || [])].map(q).join(" ")})`);
console.log(`IMAGE_USER=${q(cfg.User || "0:0")}`);
console.log(`IMAGE_WORKDIR=${q(cfg.WorkingDir || "/")}`);
console.log(`IMAGE_ENV=(${(cfg.Env || []).map(q).join(" ")})`);
console.log(`IMAGE_TAG=${q((m.RepoTags || ["?"])[0])}`);
JS
# shellcheck disable=SC1091
source "$WORK/image.env"
for layer in "${LAYERS[@]}"; do
  tar -xf "$WORK/image/$layer" -C "$WORK/rootfs" --warning=no-unknown-keyword --no-same-owner --exclude='dev/*'
done
rm -rf "$WORK/image"
# The chroot needs only a few device nodes and name resolution for localhost.
mkdir -p "$WORK/rootfs/dev" "$WORK/rootfs/etc" "$WORK/rootfs/tmp" "$WORK/rootfs/proc"
for d in null zero random urandom; do [[ -e $WORK/rootfs/dev/$d ]] || cp -a "/dev/$d" "$WORK/rootfs/dev/$d"; done
echo "127.0.0.1 localhost" >"$WORK/rootfs/etc/hosts"
chmod 1777 "$WORK/rootfs/tmp"
chmod -R a+rX "$WORK/rootfs/app"
echo "    $IMAGE_TAG: entrypoint ${ENTRYPOINT[*]} (user $IMAGE_USER, workdir $IMAGE_WORKDIR)"

PORT_VARS=(EDGE_GATEWAY_PORT="$PORT" EDGE_PREPROCESSING_PORT="$PORT" EDGE_INFERENCE_PORT="$PORT"
  EDGE_POSTPROCESSING_PORT="$PORT" EDGE_DATA_SHARD_PORT="$PORT")
# Run it as the image would: its user, its environment, its working directory, offline, a small heap. The image
# has no shell, so util-linux unshare does the chroot, chdir, /proc mount (in a private mount namespace, gone
# with the process) and the switch to the image's user; env -i gives it the image's environment only.
UID_=${IMAGE_USER%%:*}; GID_=${IMAGE_USER#*:}; [[ $GID_ == "$IMAGE_USER" ]] && GID_=$UID_
LOG=$WORK/service.log
UNSHARE=$(command -v unshare)
env -i "${IMAGE_ENV[@]}" "${PORT_VARS[@]}" EDGE_SHARD_DATA_DIR=/tmp/shards EDGE_SPOOL_DIR=/tmp/spool \
  EDGE_MODEL_REPOSITORY=/tmp/models EDGE_INTERNAL_TOKEN=smoke-test-token HOME=/tmp \
  JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" \
  "$UNSHARE" --mount --fork --kill-child --root="$WORK/rootfs" --wd="$IMAGE_WORKDIR" --mount-proc \
  --setgid="$GID_" --setuid="$UID_" -- "${ENTRYPOINT[@]}" >"$LOG" 2>&1 &
PID=$!
disown "$PID"
for _ in $(seq 1 50); do
  CHILD=$(cat "/proc/$PID/task/$PID/children" 2>/dev/null || true); CHILD=${CHILD%% *}
  [[ -n $CHILD ]] && break; sleep 0.1
done

start=$(date +%s)
code=000
while (( $(date +%s) - start < TIMEOUT )); do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "    FAIL $svc exited during start; last log lines:"; tail -n 25 "$LOG" | sed 's/^/      /'
    exit 1
  fi
  code=$(curl -s -o "$WORK/health.json" -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health" || true)
  [[ $code == 200 || $code == 503 ]] && break
  sleep 1
done
if [[ $code != 200 && $code != 503 ]]; then
  echo "    FAIL $svc: /actuator/health did not answer within ${TIMEOUT}s; last log lines:"
  tail -n 25 "$LOG" | sed 's/^/      /'
  exit 1
fi
# 503 is an answer too: the gateway reports DOWN when its downstream services are not running here.
echo "    ok   $svc answered /actuator/health with HTTP $code after $(( $(date +%s) - start )) s:" \
  "$(head -c 160 "$WORK/health.json")"
echo "    ok   liveness: $(curl -s -m 2 "http://127.0.0.1:$PORT/actuator/health/liveness")," \
  "readiness: $(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")"

#!/usr/bin/env bash
# The project's real docker-compose.yml run on a real container engine (podman) with the five Jib image tars:
#   1. load the tars into podman, tagged with a name of this run's own (removed at the end)
#   2. docker-compose 1.29 against `podman system service` (the Docker API): `up -d` of docker-compose.yml with an
#      env file of this run (its own project name, internal credential, API key, gateway port); podman has no systemd
#      timers here, so this script runs `podman healthcheck run` for every container while compose waits
#   3. readings through the published gateway port with the env file's key, read back; the dashboard page
#   4. `down` then `up` again: the readings are still there (volumes)
#   5. tear down: containers, networks, volumes, the images it loaded, the API service it started
# It prints what it checked, the timings, image sizes and the memory of each container (podman stats).
# Skips (exit 0, one line starting with "skip") where no engine works: no podman, no docker-compose, no image tars, or
# podman cannot run a container.
#
#   deploy/ci/compose-e2e.sh
# Environment: EDGE_COMPOSE_E2E_PORT (published gateway port, default 18380), EDGE_COMPOSE_E2E_TIMEOUT (seconds to
# healthy, default 420), CONTAINERS_CONF (default: a containers.conf of its own: runc, cgroupfs, no ulimits),
# EDGE_COMPOSE_E2E_LAYOUT=multinode (adds docker-compose.multinode.yml: 3 data-shard instances, 2 inference replicas).
# Build the tars first: deploy/base-image/build-base-image.sh && ./mvnw -B -q -Poffline-base -DskipTests package \
#   jib:buildTar -am -pl gateway-service,preprocessing-service,inference-service,postprocessing-service,data-shard-service
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PORT=${EDGE_COMPOSE_E2E_PORT:-18380}
TIMEOUT=${EDGE_COMPOSE_E2E_TIMEOUT:-420}
SERVICES=(gateway preprocessing inference postprocessing data-shard)
COMPOSE_FILES=(-f docker-compose.yml)
CONTAINERS=("${SERVICES[@]}")
if [[ ${EDGE_COMPOSE_E2E_LAYOUT:-} == multinode ]]; then
  COMPOSE_FILES+=(-f docker-compose.multinode.yml)
  CONTAINERS+=(data-shard-1 data-shard-2 inference-1)
fi
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
RUN_ID=edge-ci-$$
PROJECT=$RUN_ID
PREFIX=localhost/$RUN_ID

skip() { echo "    skip compose e2e: $*"; exit 0; }
now_ms() { date +%s%3N; }
secs() { printf '%d.%d s' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }
ok() { printf '    ok   %-58s %s\n' "$1" "${2:-}"; }
die() { echo "    FAIL $*" >&2; exit 1; }

command -v podman >/dev/null || skip "no podman (apt-get install podman runc)"
for s in "${SERVICES[@]}"; do
  [[ -f $ROOT/$s-service/target/jib-image.tar ]] || skip "no $s-service/target/jib-image.tar (see the header of $0)"
done
COMPOSE_BIN=$(command -v docker-compose || true)
TOOLS=${EDGE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edge-ai/deploy-tools}
if [[ -z $COMPOSE_BIN && -f $TOOLS/compose/root/usr/bin/docker-compose ]]; then
  # The copy deploy/ci/validate.sh unpacks (apt-get download + dpkg -x).
  compose_cmd() { PYTHONPATH=$TOOLS/compose/root/usr/lib/python3/dist-packages /usr/bin/python3 \
    "$TOOLS/compose/root/usr/bin/docker-compose" "$@"; }
elif [[ -n $COMPOSE_BIN ]]; then
  compose_cmd() { "$COMPOSE_BIN" "$@"; }
else
  skip "no docker-compose (apt-get install --no-install-recommends docker-compose)"
fi
if [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/" || true) != 000 ]]; then
  die "port $PORT is already taken: set EDGE_COMPOSE_E2E_PORT"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/edge-compose-e2e.XXXXXX")
if [[ -z ${CONTAINERS_CONF:-} ]]; then
  # crun fails in sandboxes without RLIMIT_NOFILE rights or a unified cgroup; runc on cgroupfs works (ENVIRONMENT.md).
  printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' \
    >"$WORK/containers.conf"
  export CONTAINERS_CONF=$WORK/containers.conf
fi
SOCK=$WORK/podman.sock
export DOCKER_HOST=unix://$SOCK COMPOSE_PROJECT_NAME=$PROJECT COMPOSE_HTTP_TIMEOUT=300
SERVICE_PID=
HEALTH_PID=
LOADED=()
UNTAG=()

compose() { (cd "$ROOT" && compose_cmd "${COMPOSE_FILES[@]}" -p "$PROJECT" --env-file "$WORK/e2e.env" "$@"); }

cleanup() {
  local rc=$? t
  set +e
  [[ -n $HEALTH_PID ]] && kill "$HEALTH_PID" 2>/dev/null
  if [[ -S $SOCK ]]; then
    t=$(now_ms)
    compose down -v --remove-orphans >"$WORK/down-final.log" 2>&1 || cat "$WORK/down-final.log"
    echo "    teardown: containers, networks and volumes of $PROJECT removed in $(secs $(( $(now_ms) - t )))"
  fi
  # Whatever compose left behind (a failed `up`), by this run's label only.
  podman ps -aq --filter "label=com.docker.compose.project=$PROJECT" | xargs -r podman rm -f >/dev/null 2>&1
  podman volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r podman volume rm -f >/dev/null 2>&1
  ((${#LOADED[@]})) && podman rmi -f "${LOADED[@]}" >/dev/null 2>&1
  for name in "${UNTAG[@]+"${UNTAG[@]}"}"; do podman untag "$name" "$name" >/dev/null 2>&1; done
  ((${#LOADED[@]})) && echo "    teardown: images ${PREFIX}/* removed"
  [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

echo "    engine: $(podman --version), $(compose_cmd version --short 2>/dev/null || echo docker-compose) via podman system service"

# ------------------------------------------------------------------------------------------------ images
t0=$(now_ms)
for s in "${SERVICES[@]}"; do
  original=localhost/edge-ai/$s-service:$VERSION
  had=false
  podman image exists "$original" && had=true
  podman load -q -i "$ROOT/$s-service/target/jib-image.tar" >/dev/null || die "podman load $s-service"
  podman tag "$original" "$PREFIX/$s-service:$VERSION"
  LOADED+=("$PREFIX/$s-service:$VERSION")
  # The tar's own name is only removed if this run brought it: an image the user had stays.
  [[ $had == true ]] || UNTAG+=("$original")
done
for name in "${UNTAG[@]+"${UNTAG[@]}"}"; do podman untag "$name" "$name" || die "podman untag $name"; done
UNTAG=()
ok "5 image tars loaded as $PREFIX/*" "$(secs $(( $(now_ms) - t0 )))"
if ! podman run --rm --network none --entrypoint java "$PREFIX/gateway-service:$VERSION" -version \
  >"$WORK/probe.log" 2>&1; then
  sed 's/^/      /' "$WORK/probe.log" | tail -n 5
  skip "podman cannot run a container here (see above)"
fi

# ------------------------------------------------------------------------------------------------ env file
# The model repository is written by uid 10001 (versions trained on site): a copy of the repo's models/ it may own.
cp -R "$ROOT/models" "$WORK/models"
chown -R 10001:10001 "$WORK/models" 2>/dev/null || chmod -R a+rwX "$WORK/models"
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
KEY=edge-e2e-operator-$(random_hex 12)
echo "compose-e2e:operator:$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)" >"$WORK/api-keys"
chmod 644 "$WORK/api-keys"
cat >"$WORK/e2e.env" <<EOF
EDGE_IMAGE_PREFIX=$PREFIX
EDGE_VERSION=$VERSION
EDGE_GATEWAY_BIND=127.0.0.1
EDGE_GATEWAY_PUBLISHED_PORT=$PORT
EDGE_GATEWAY_GRPC_PUBLISHED_PORT=$((PORT + 1))
EDGE_INTERNAL_TOKEN=$(random_hex 32)
EDGE_API_KEYS_PATH=$WORK/api-keys
EDGE_SHARD_ENCRYPTION_KEY=
EDGE_SHARD_COUNT=16
EDGE_RETENTION_MAX_AGE=90d
EDGE_MODELS_DIR=$WORK/models
# Not read by compose: the key this script sends readings with.
EDGE_E2E_OPERATOR_KEY=$KEY
EOF
API_KEY=$(sed -n 's/^EDGE_E2E_OPERATOR_KEY=//p' "$WORK/e2e.env")

# ------------------------------------------------------------------------------------------------ engine API
podman system service --time=0 "unix://$SOCK" >"$WORK/podman-service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 100); do
  [[ $(curl -s -m 1 --unix-socket "$SOCK" http://d/_ping 2>/dev/null) == OK ]] && break
  sleep 0.1
done
[[ $(curl -s -m 1 --unix-socket "$SOCK" http://d/_ping 2>/dev/null) == OK ]] || die "podman system service did not answer"

# ------------------------------------------------------------------------------------------------ up + health
container_of() { podman ps -q --filter "label=com.docker.compose.project=$PROJECT" \
  --filter "label=com.docker.compose.service=$1" | head -n 1; }
health_of() { podman inspect --format '{{.State.Health.Status}}' "$1" 2>/dev/null || echo none; }

# podman runs health checks from systemd timers; without systemd nothing runs them. This loop does, every 2 s, for
# every container of the project, so that `depends_on: condition: service_healthy` can be met.
health_loop() {
  while true; do
    for c in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT"); do
      podman healthcheck run "$c" >/dev/null 2>&1 || true
    done
    sleep 2
  done
}

up_until_healthy() { # label
  local label=$1 start pending still s c deadline
  start=$(now_ms)
  deadline=$(( $(date +%s) + TIMEOUT ))
  health_loop &
  HEALTH_PID=$!
  compose up -d >"$WORK/up-$label.log" 2>&1 &
  local up_pid=$!
  pending=("${CONTAINERS[@]}")
  while ((${#pending[@]})); do
    still=()
    for s in "${pending[@]}"; do
      c=$(container_of "$s")
      if [[ -n $c && $(health_of "$c") == healthy ]]; then
        printf '    %-14s healthy after %s\n' "$s" "$(secs $(( $(now_ms) - start )))"
      else
        still+=("$s")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    if (( $(date +%s) > deadline )); then
      cat "$WORK/up-$label.log"
      for s in "${pending[@]}"; do
        c=$(container_of "$s")
        echo "    --- $s (${c:-no container}): $(health_of "${c:-x}"), last log lines"
        [[ -n $c ]] && podman logs --tail 25 "$c" 2>&1 | sed 's/^/      /'
      done
      die "$label: not healthy after ${TIMEOUT}s: ${pending[*]}"
    fi
    sleep 1
  done
  wait "$up_pid" || { cat "$WORK/up-$label.log"; die "$label: docker-compose up failed"; }
  kill "$HEALTH_PID" 2>/dev/null; wait "$HEALTH_PID" 2>/dev/null || true; HEALTH_PID=
  UP_MS=$(( $(now_ms) - start ))
  ok "$label: docker-compose up -d, all ${#CONTAINERS[@]} healthy" "$(secs "$UP_MS")"
}

echo "==> up (project $PROJECT, $(printf '%s ' "${COMPOSE_FILES[@]}" | sed 's/-f //g')gateway on 127.0.0.1:$PORT)"
up_until_healthy "first up"
FIRST_UP_MS=$UP_MS

# ------------------------------------------------------------------------------------------------ checks
GW=http://127.0.0.1:$PORT
call() { # method path [body] -> sets CODE and BODY
  local out
  if [[ $1 == POST ]]; then
    out=$(curl -s -m 20 -w '\n%{http_code}' -X POST -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
      --data-binary "$3" "$GW$2" || true)
  else
    out=$(curl -s -m 20 -w '\n%{http_code}' -H "X-API-Key: $API_KEY" "$GW$2" || true)
  fi
  CODE=${out##*$'\n'}; BODY=${out%$'\n'*}
}
reading() { # timestamp torque
  printf '{"timestamp":"%s","machineType":"M","sensors":{"air_temperature":{"value":25.0,"unit":"degC"},' "$1"
  printf '"process_temperature":{"value":308.6,"unit":"K"},"rotational_speed":{"value":1551,"unit":"rpm"},'
  printf '"torque":{"value":%s,"unit":"Nm"},"tool_wear":{"value":12,"unit":"min"}}}' "$2"
}
DEVICES=(compose-mill-01 compose-press-02 compose-lathe-03)
READINGS=5

echo "==> through the published gateway port"
# The gateway probes each downstream with a 1 s limit: on a loaded CI box one probe may miss it, so ask again.
t=$(now_ms)
deadline=$(( $(date +%s) + 60 ))
until call GET /actuator/health; [[ $CODE == 200 ]]; do
  (( $(date +%s) < deadline )) || die "GET /actuator/health: $CODE $BODY"
  sleep 2
done
for svc in preprocessing inference postprocessing data-shard; do
  [[ $BODY == *"\"$svc\":{"*'"status":"UP"'* ]] || die "gateway health does not show $svc UP: $BODY"
done
ok "GET /actuator/health: gateway and its 4 downstreams UP" "$(secs $(( $(now_ms) - t )))"
t=$(now_ms)
for d in "${DEVICES[@]}"; do
  body='{"readings":['
  for i in $(seq 1 $READINGS); do
    [[ $i == 1 ]] || body+=,
    body+=$(reading "2026-01-01T00:0$i:00Z" "4$i.5")
  done
  body+=']}'
  call POST "/api/v1/devices/$d/readings" "$body"
  [[ $CODE == 200 && $BODY == *'"model":"ai4i-failure"'* && $BODY == *'"probabilities"'* ]] ||
    die "POST /api/v1/devices/$d/readings: $CODE $BODY"
done
ok "POST $READINGS readings x ${#DEVICES[@]} devices (scored by the PyTorch model)" "$(secs $(( $(now_ms) - t )))"

history_count() { # device -> N, the number of readings stored with a prediction (-status when not 200)
  call GET "/api/v1/devices/$1/history"
  if [[ $CODE == 200 ]]; then N=$(grep -o '"predictionId"' <<<"$BODY" | wc -l); else N=-$CODE; fi
}
await_history() { # label
  local d deadline=$(( $(date +%s) + 30 ))
  for d in "${DEVICES[@]}"; do
    while history_count "$d"; [[ $N != "$READINGS" ]]; do
      (( $(date +%s) < deadline )) || die "$1: history of $d has $N readings, expected $READINGS ($BODY)"
      sleep 0.5
    done
  done
  ok "$1: GET history of ${#DEVICES[@]} devices: $READINGS readings each, with predictions"
}
await_history "read back"

call GET /api/v1/devices/status
[[ $CODE == 200 ]] || die "GET /api/v1/devices/status: $CODE $BODY"
for d in "${DEVICES[@]}"; do [[ $BODY == *"$d"* ]] || die "fleet status lacks $d: $BODY"; done
shards=$(grep -o '"shards":\[[0-9,]*\]' <<<"$BODY" | grep -o '[0-9]\+' | wc -l)
[[ $shards == 16 ]] || die "fleet status answered for $shards of 16 shards: $BODY"
owners=()
for d in "${DEVICES[@]}"; do
  call GET "/api/v1/shards/devices/$d"
  owners+=("$d:$(grep -o '"owner":[0-9]*' <<<"$BODY" | cut -d: -f2)")
done
ok "GET /api/v1/devices/status: ${#DEVICES[@]} devices, 16 shards merged" "owners ${owners[*]}"
# The ONNX Runtime engine and the HF tokenizer unpack natives at run time (java.io.tmpdir, the DJL cache): a
# sentence embedding proves they load in the read-only container, offline.
t=$(now_ms)
for model in all-minilm-l6-v2-int8 all-minilm-l6-v2; do
  call POST "/v2/models/$model/infer" \
    '{"inputs":[{"name":"text","shape":[1],"datatype":"BYTES","data":["spindle bearing runs hot"]}]}'
  [[ $CODE == 200 && $BODY == *'"embedding"'* ]] || die "POST /v2/models/$model/infer: $CODE $BODY"
done
ok "POST /v2/models/all-minilm-l6-v2{,-int8}/infer (ONNX Runtime): 384-dim embeddings" "$(secs $(( $(now_ms) - t )))"
page=$(curl -s -m 10 "$GW/")
[[ $page == *"Operator dashboard"* ]] || die "GET / is not the dashboard page"
ok "GET / (dashboard page, no key needed)" "$(printf '%s' "$page" | wc -c) bytes"
[[ $(curl -s -o /dev/null -m 10 -w '%{http_code}' "$GW/v2") == 401 ]] || die "GET /v2 without a key is not 401"
ok "GET /v2 without a key: 401"

echo "==> footprint"
podman image ls --format '{{.Repository}} {{.Size}}' | grep "^$PREFIX/" | sed "s|^$PREFIX/|    image  |" | sort
podman stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.CPUPerc}}' |
  grep "^${PROJECT}_" | sed "s|^${PROJECT}_|    memory |" | sort

# ------------------------------------------------------------------------------------------------ down + up
echo "==> down, then up again: the data lives in volumes"
t=$(now_ms)
compose down >"$WORK/down.log" 2>&1 || { cat "$WORK/down.log"; die "docker-compose down"; }
[[ -z $(podman ps -aq --filter "label=com.docker.compose.project=$PROJECT") ]] || die "containers left after down"
ok "docker-compose down (containers gone, volumes kept)" "$(secs $(( $(now_ms) - t )))"
up_until_healthy "second up"
await_history "after down + up"

echo "==> compose e2e passed: first up $(secs "$FIRST_UP_MS") to healthy, second up $(secs "$UP_MS")"

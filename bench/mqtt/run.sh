#!/usr/bin/env bash
# MQTT benchmark (not part of the test run): readings/s end to end over MQTT QoS 1, and the connector's CPU per
# reading, against a running suite with its connector.
#
#   ./edge up                     # the six services; the connector subscribes to EDGE_MQTT_BROKER (tcp://localhost:1883)
#   bench/mqtt/run.sh             # WARMUP=60 s of load, then DURATION=30 s measured
#
# The publisher sends AI4I readings for DEVICES (20) machines to factory/M/bench-<run>-<n>/telemetry at QoS 1, as
# fast as the broker acknowledges them (at most WINDOW, 1000, unacknowledged); a reading counts once its decision
# is back on edge/decisions/<device>, so the figure covers broker -> connector -> gateway pipeline (scored,
# spooled) -> decision published back. CPU per reading: the connector's utime + stime (/proc) over the measured
# window divided by the readings decided in it.
#
# Broker settings bound the connector: Mosquitto lets at most max_inflight_messages (20 by default) QoS 1 messages
# wait unacknowledged per client, and the connector acknowledges only after the gateway's 2xx, so that window is
# the largest batch per round trip. The figures say which broker was used. The connector's API key is limited like
# any operator key (500 requests/s, burst 1000: ./edge up with EDGE_RATE_LIMIT_OPERATOR_PER_SECOND higher to lift).
# Publisher and suite share the box: the figures are a lower bound.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EDGE_HOME=${EDGE_HOME:-$ROOT/var}
BROKER=${EDGE_MQTT_BROKER:-tcp://localhost:1883}
DEVICES=${DEVICES:-20}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-30}
WINDOW=${WINDOW:-1000}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
JAR=$ROOT/device-simulator/target/device-simulator-$VERSION.jar

PIDFILE=$EDGE_HOME/run/connector-service.pid
[[ -f $PIDFILE ]] && kill -0 "$(<"$PIDFILE")" 2>/dev/null ||
  { echo "error: no running connector-service ($PIDFILE): start the suite with ./edge up" >&2; exit 1; }
PORT=${EDGE_CONNECTOR_PORT:-8085}
if ! curl -s -m 5 "http://localhost:$PORT/actuator/health" | grep -o '"mqtt":{[^}]*}[^}]*"status":"[A-Z]*"' | grep -q '"status":"UP"$'; then
  echo "warning: the connector on port $PORT does not report mqtt UP (broker $BROKER?)" >&2
fi
[[ -f $JAR ]] || (cd "$ROOT" && ./mvnw -B -q -pl device-simulator package -DskipTests)

echo "broker $BROKER, load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$JAR" "$HERE/MqttBench.java" \
  "$BROKER" "$(<"$PIDFILE")" "$DEVICES" "$WARMUP" "$DURATION" "$WINDOW"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

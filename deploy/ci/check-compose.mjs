// Checks the promises of docker-compose.yml on its resolved form (docker-compose config output):
// only the gateway (and the optional MQTT broker, and the fleet hub of profile hub) publishes ports, every service has a health check, memory and CPU limits, a restart policy
// and a read-only root file system, inference runs DJL offline with a writable cache, limits fit a 4 GB box.
//   EDGE_NODE_MODULES=<dir with yaml> node deploy/ci/check-compose.mjs resolved-compose.yaml
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const { parse } = createRequire(path.join(process.env.EDGE_NODE_MODULES, "noop.js"))("yaml");
const compose = parse(fs.readFileSync(process.argv[2], "utf8"));
const problems = [];
const expect = (cond, msg) => { if (!cond) problems.push(msg); };
const bytes = (v) => { const m = /^(\d+)([kmg]?)b?$/i.exec(String(v)); return m ? m[1] * { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()] : NaN; };

// The optional MQTT broker (--profile mqtt-broker) is no service of ours: machines reach it on its published port.
const BROKERS = new Set(["mosquitto"]);
let total = 0;
for (const [name, s] of Object.entries(compose.services)) {
  const broker = BROKERS.has(name);
  const hub = name === "hub";
  if (hub) expect(s.profiles?.includes("hub"), "hub: only with the hub profile (it is not part of a site)");
  if (name !== "gateway" && !broker && !hub) expect(!s.ports?.length, `${name}: only the gateway (and the MQTT broker) may publish ports`);
  if (broker) expect(s.healthcheck?.test?.length, `${name}: a health check`);
  else expect(s.healthcheck?.test?.some((t) => String(t).includes("/actuator/health")), `${name}: health check on the actuator`);
  expect(s.mem_limit && s.cpus, `${name}: memory and CPU limits`);
  expect(s.restart && s.restart !== "no", `${name}: restart policy`);
  expect(s.read_only === true, `${name}: read-only root file system`);
  if (!broker) expect(s.environment?.EDGE_INTERNAL_TOKEN, `${name}: internal credential`);
  if (!hub) total += bytes(s.mem_limit);
}
// HTTP, and OIP over gRPC when EDGE_GATEWAY_GRPC_PUBLISHED_PORT is published.
expect([1, 2].includes(compose.services.gateway?.ports?.length), "gateway: its HTTP (and gRPC) published ports");
const inf = compose.services.inference?.environment ?? {};
expect(inf.DJL_OFFLINE === "true" && inf.OPT_OUT_TRACKING === "true" && inf.DJL_CACHE_DIR, "inference: DJL offline with a cache dir");
expect(compose.services.gateway?.environment?.EDGE_DATA_SHARD_OWNERS, "gateway: EDGE_DATA_SHARD_OWNERS");
expect(total <= 3.5 * 1024 ** 3, `memory limits add up to ${(total / 1024 ** 3).toFixed(2)} GiB: more than a 4 GB box can give`);
for (const p of problems) console.log(`    FAIL ${p}`);
console.log(`    memory limits total ${(total / 1024 ** 3).toFixed(2)} GiB over the site's ${Object.keys(compose.services).filter((n) => n !== "hub").length} services`);
process.exit(problems.length ? 1 : 0);

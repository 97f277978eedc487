// Offline validation of rendered Kubernetes YAML: every document against its schema (npm kubernetes-models),
// then the chart's own promises (security, probes, resources, shard owners, only the gateway exposed).
//   EDGE_NODE_MODULES=<dir with kubernetes-models and yaml> node deploy/ci/validate-k8s.mjs rendered.yaml...
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const NM = process.env.EDGE_NODE_MODULES;
if (!NM) throw new Error("EDGE_NODE_MODULES must name the node_modules folder holding kubernetes-models and yaml");
const { parseAllDocuments } = createRequire(path.join(NM, "noop.js"))("yaml");

let bad = 0, n = 0;
const problems = [];
const objects = [];

// ---- 1. schemas
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    if (doc.errors.length) { bad++; console.log(`FAIL ${file}: YAML ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    n++;
    const id = `${obj.kind}/${obj.metadata?.name}`;
    const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
    const mod = path.join(NM, "kubernetes-models", group || "", version, `${obj.kind}.js`);
    try {
      if (!fs.existsSync(mod)) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
      const M = (await import(pathToFileURL(mod)))[obj.kind];
      new M(obj).validate();
      objects.push(obj);
      console.log(`ok   ${id}`);
    } catch (e) {
      bad++;
      console.log(`FAIL ${id}: ${e.message.split("\n").slice(0, 3).join(" | ")}`);
    }
  }
}

// ---- 2. the chart's promises
const byKind = (k) => objects.filter((o) => o.kind === k);
const expect = (cond, msg) => { if (!cond) problems.push(msg); };
const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];
// The optional MQTT broker (mosquitto.enabled) is for the machines: it may be exposed and reached from anywhere.
const isBroker = (o) => o.metadata.name.endsWith("-mosquitto");
if (workloads.length) {
  for (const w of workloads) {
    const id = `${w.kind}/${w.metadata.name}`;
    const pod = w.spec.template.spec;
    expect(pod.automountServiceAccountToken === false, `${id}: automountServiceAccountToken must be false`);
    expect(pod.securityContext?.runAsNonRoot === true, `${id}: pod must run as non-root`);
    for (const c of pod.containers) {
      expect(c.securityContext?.readOnlyRootFilesystem === true, `${id}/${c.name}: root file system must be read-only`);
      expect(c.securityContext?.allowPrivilegeEscalation === false, `${id}/${c.name}: privilege escalation must be off`);
      if (isBroker(w)) {
        expect(c.livenessProbe && c.readinessProbe, `${id}/${c.name}: liveness and readiness probes`);
      } else {
        expect(c.livenessProbe?.httpGet?.path === "/actuator/health/liveness", `${id}/${c.name}: liveness probe on the actuator group`);
        expect(c.readinessProbe?.httpGet?.path === "/actuator/health/readiness", `${id}/${c.name}: readiness probe on the actuator group`);
      }
      expect(c.resources?.requests?.memory && c.resources?.limits?.memory, `${id}/${c.name}: memory requests and limits`);
      expect(c.resources?.requests?.cpu && c.resources?.limits?.cpu, `${id}/${c.name}: cpu requests and limits`);
      expect((c.volumeMounts || []).some((m) => m.mountPath === "/tmp"), `${id}/${c.name}: /tmp must be a writable volume`);
    }
  }
  const sts = byKind("StatefulSet").find((s) => s.metadata.name.endsWith("-data-shard"));
  expect(sts, "a data-shard StatefulSet");
  if (sts) {
    expect(sts.spec.volumeClaimTemplates?.length, "data-shard StatefulSet: volumeClaimTemplates");
    const headless = byKind("Service").find((s) => s.metadata.name === sts.spec.serviceName);
    expect(headless?.spec.clusterIP === "None", "data-shard StatefulSet: a headless governing Service");
    const env = sts.spec.template.spec.containers[0].env || [];
    expect(env.some((e) => e.name === "EDGE_SHARD_ORDINAL"), "data-shard: EDGE_SHARD_ORDINAL from the pod ordinal");
    const cm = byKind("ConfigMap").find((c) => c.data?.EDGE_SHARD_INSTANCES !== undefined);
    expect(cm && Number(cm.data.EDGE_SHARD_INSTANCES) === sts.spec.replicas, "data-shard: EDGE_SHARD_INSTANCES == replicas");
    const gw = byKind("ConfigMap").find((c) => c.data?.EDGE_DATA_SHARD_OWNERS !== undefined);
    const owners = gw ? gw.data.EDGE_DATA_SHARD_OWNERS.split(",") : [];
    expect(owners.length === sts.spec.replicas, `gateway: EDGE_DATA_SHARD_OWNERS lists ${sts.spec.replicas} owners (has ${owners.length})`);
    owners.forEach((u, i) => expect(u.startsWith(`http://${sts.metadata.name}-${i}.${sts.spec.serviceName}.`),
      `gateway: owner ${i} is pod ${sts.metadata.name}-${i} via ${sts.spec.serviceName} (got ${u})`));
  }
  const hpas = byKind("HorizontalPodAutoscaler");
  hpas.forEach((h) => expect(h.spec.scaleTargetRef.name.endsWith("-inference"), `HPA ${h.metadata.name} targets inference`));
  byKind("ServiceAccount").forEach((s) => expect(s.automountServiceAccountToken === false, `ServiceAccount/${s.metadata.name}: no token`));
  const exposed = byKind("Service").filter((s) => s.spec.type && s.spec.type !== "ClusterIP");
  exposed.forEach((s) => expect(s.metadata.name.endsWith("-gateway") || isBroker(s),
    `Service/${s.metadata.name}: only the gateway (and the MQTT broker) may be exposed`));
  byKind("Ingress").forEach((i) => i.spec.rules.forEach((r) => r.http.paths.forEach((p) =>
    expect(p.backend.service.name.endsWith("-gateway"), `Ingress/${i.metadata.name}: only the gateway may be exposed`))));
  const nps = byKind("NetworkPolicy");
  if (nps.length) {
    const open = nps.filter((p) => p.spec.ingress?.some((r) => !r.from));
    // the gateway, the MQTT broker, and a fleet hub (hub.enabled): the sites' gateways call it from elsewhere
    open.forEach((p) => expect(["gateway", "mosquitto", "hub"].includes(p.spec.podSelector.matchLabels?.["app.kubernetes.io/component"]),
      `NetworkPolicy/${p.metadata.name}: only the gateway (the MQTT broker, a hub) may accept traffic from anywhere`));
    // the only egress out of the release: the gateway's uplink to its hub
    nps.filter((p) => p.spec.egress?.some((r) => r.to?.some((t) => t.ipBlock))).forEach((p) =>
      expect(p.spec.podSelector.matchLabels?.["app.kubernetes.io/component"] === "gateway",
        `NetworkPolicy/${p.metadata.name}: only the gateway's uplink may leave the release`));
  }
}
for (const p of problems) console.log(`FAIL invariant: ${p}`);
console.log(`${n - bad} manifests passed the schemas, ${bad} failed; ${problems.length} invariant(s) broken`);
process.exit(bad || problems.length ? 1 : 0);

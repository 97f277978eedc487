// The values table of deploy/helm/edge-ai/README.md, made from the "# --" comments of values.yaml
// (the helm-docs convention), so the two never disagree.
//   EDGE_NODE_MODULES=<dir with yaml> node deploy/ci/values-table.mjs --check | --write
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const { parseDocument, isMap, isScalar } = createRequire(path.join(process.env.EDGE_NODE_MODULES, "noop.js"))("yaml");
const chart = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "helm", "edge-ai");
const doc = parseDocument(fs.readFileSync(path.join(chart, "values.yaml"), "utf8"));
const rows = [];

function walk(map, prefix) {
  map.items.forEach((pair, index) => {
    const key = prefix + String(pair.key.value ?? pair.key);
    // yaml hangs the comment above a map's first key on the map itself.
    const comment = (pair.key.commentBefore ?? (index === 0 ? map.commentBefore : "") ?? "").split("\n").map((l) => l.trim());
    const start = comment.findIndex((l) => l.startsWith("--"));
    if (start >= 0) {
      const text = comment.slice(start).join(" ").replace(/^--\s*/, "").replace(/\|/g, "\\|");
      const value = pair.value?.toJSON?.() ?? (isScalar(pair.value) ? pair.value.value : null);
      const type = Array.isArray(value) ? "list" : value === null ? "null" : typeof value === "object" ? "object" : typeof value;
      rows.push(`| \`${key}\` | ${type} | \`${JSON.stringify(value)}\` | ${text} |`);
    } else if (isMap(pair.value)) {
      walk(pair.value, key + ".");
    }
  });
}
walk(doc.contents, "");
const table = ["| Key | Type | Default | Description |", "|---|---|---|---|", ...rows].join("\n");

const readme = path.join(chart, "README.md");
const text = fs.readFileSync(readme, "utf8");
const begin = "<!-- values-table:begin -->", end = "<!-- values-table:end -->";
const i = text.indexOf(begin), j = text.indexOf(end);
if (i < 0 || j < 0) { console.error(`${readme}: markers ${begin} / ${end} missing`); process.exit(1); }
const updated = text.slice(0, i + begin.length) + "\n" + table + "\n" + text.slice(j);
if (process.argv.includes("--write")) { fs.writeFileSync(readme, updated); console.log(`wrote ${rows.length} rows`); }
else if (updated !== text) { console.error("    the values table in README.md differs from values.yaml"); process.exit(1); }

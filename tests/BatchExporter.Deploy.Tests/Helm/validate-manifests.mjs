// Validates every object of a multi-document YAML stream (the output of `helm template`) against the Kubernetes
// and Prometheus Operator schemas of the npm packages kubernetes-models and @kubernetes-models/prometheus-operator:
// the model class is picked by apiVersion and kind, and its validate() runs on the object.
// The schemas allow unknown fields (as the API server's non-strict mode does); a typo such as `runAsNonRot` would
// pass them. So validate() reads the object through a Proxy that records the properties the schema looked at, and
// a property the schema never asked for, in an object the schema did look into, is reported as unknown.
//
// usage: node validate-manifests.mjs TOOLS_DIR < manifests.yaml
// prints one line per object ("ok Kind/name" or "FAIL Kind/name: reason"), exits 1 if any failed or none was found.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const toolsDir = path.resolve(process.argv[2] ?? "");
const modules = path.join(toolsDir, "node_modules");
const require = createRequire(path.join(toolsDir, "package.json"));
const YAML = require("yaml");

const groups = {
  "": "kubernetes-models",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = groups[group] ?? "kubernetes-models";
  const dir = group === "" ? version : `${group}/${version}`;
  const file = path.join(modules, pkg, dir, `${kind}.js`);
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch {
    return null;
  }
  return mod[kind] ?? null;
}

// Wraps value so that every property read and key enumeration is recorded per object.
function track(value, seen) {
  if (value === null || typeof value !== "object") return value;
  const record = { read: new Set(), enumerated: false, touched: false };
  seen.set(value, record);
  return new Proxy(value, {
    get(target, prop, receiver) {
      if (typeof prop === "string") {
        record.touched = true;
        record.read.add(prop);
      }
      const v = Reflect.get(target, prop, receiver);
      if (v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(target, prop)) {
        return seen.has(v) ? seen.get(v).proxy : wrapChild(v, seen);
      }
      return v;
    },
    ownKeys(target) {
      record.touched = true;
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function wrapChild(v, seen) {
  const proxy = track(v, seen);
  seen.get(v).proxy = proxy;
  return proxy;
}

function unknownFields(value, seen, where, out) {
  if (value === null || typeof value !== "object") return;
  const record = seen.get(value);
  if (!record || !record.touched) return; // not looked into by the schema: free-form (or never reached)
  for (const key of Object.keys(value)) {
    const at = Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`;
    if (!Array.isArray(value) && !record.enumerated && !record.read.has(key)) {
      out.push(at);
      continue;
    }
    unknownFields(value[key], seen, at, out);
  }
}

const docs = YAML.parseAllDocuments(readFileSync(0, "utf8"));
let failed = 0;
let validated = 0;
for (const doc of docs) {
  if (doc.errors.length > 0) {
    console.log(`FAIL yaml: ${doc.errors.map((e) => e.message).join("; ")}`);
    failed++;
    continue;
  }
  const obj = doc.toJS();
  if (obj === null || obj === undefined) continue; // empty document
  const name = `${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
  const Model = obj.apiVersion && obj.kind ? await modelFor(obj.apiVersion, obj.kind) : null;
  if (!Model) {
    console.log(`FAIL ${name}: no schema for apiVersion ${obj.apiVersion} kind ${obj.kind}`);
    failed++;
    continue;
  }
  const model = new Model(obj);
  const seen = new Map();
  const proxy = wrapChild(model, seen);
  try {
    model.validate.call(proxy);
  } catch (e) {
    console.log(`FAIL ${name}: ${e.message}`);
    failed++;
    continue;
  }
  const unknown = [];
  unknownFields(model, seen, "", unknown);
  if (unknown.length > 0) {
    console.log(`FAIL ${name}: unknown field(s) ${unknown.join(", ")}`);
    failed++;
    continue;
  }
  validated++;
  console.log(`ok ${name} (${obj.apiVersion})`);
}
if (validated + failed === 0) {
  console.log("FAIL no objects found");
  failed++;
}
process.exit(failed > 0 ? 1 : 0);

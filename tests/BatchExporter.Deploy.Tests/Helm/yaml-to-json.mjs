// Prints the documents of a YAML stream (stdin) as one JSON array, empty documents left out, so the C# tests can
// assert on rendered manifests with System.Text.Json. usage: node yaml-to-json.mjs TOOLS_DIR < file.yaml
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(path.resolve(process.argv[2] ?? ""), "package.json"));
const YAML = require("yaml");
const docs = YAML.parseAllDocuments(readFileSync(0, "utf8"));
const errors = docs.flatMap((d) => d.errors);
if (errors.length > 0) {
  console.error(errors.map((e) => e.message).join("\n"));
  process.exit(1);
}
const values = docs.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
process.stdout.write(JSON.stringify(values));

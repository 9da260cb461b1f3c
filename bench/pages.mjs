// `npm run bench:pages`: load on the public pages of the foundation with autocannon (10
// connections, 10 s each) against a bare node:http server answering the same bytes. Prints
// requests/s, p50, p99, the ratio to the bare server, and the server's RSS before and after.
import autocannon from "autocannon";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ensureBuild, startServer } from "./lib.mjs";

ensureBuild();
const duration = Number(process.env.DURATION ?? 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-pages-"));
const server = await startServer({ databasePath: path.join(dir, "pages.db") });

const run = (url) =>
  new Promise((resolve, reject) => {
    autocannon({ url, connections: 10, duration }, (err, r) => (err ? reject(err) : resolve(r)));
  });
const fmt = (r) => `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`;

const frontBytes = await (await fetch(`${server.url}/fi`)).arrayBuffer();
const bare = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.end(Buffer.from(frontBytes));
});
await new Promise((r) => bare.listen(0, "127.0.0.1", r));
const bareUrl = `http://127.0.0.1:${bare.address().port}/`;

console.log(`server RSS at start: ${server.rssMb().toFixed(0)} MB`);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 250);
const results = {};
for (const [name, url] of [
  ["bare node:http (same bytes as /fi)", bareUrl],
  ["/fi (front page)", `${server.url}/fi`],
  ["/fi/accessibility (static page)", `${server.url}/fi/accessibility`],
]) {
  results[name] = await run(url);
  console.log(`${name}: ${fmt(results[name])}`);
}
clearInterval(sampler);
const bareRps = results["bare node:http (same bytes as /fi)"].requests.average;
console.log(`front page / bare server: ${(results["/fi (front page)"].requests.average / bareRps).toFixed(3)}`);
console.log(`server RSS: peak ${peak.toFixed(0)} MB under load, ${server.rssMb().toFixed(0)} MB after`);
bare.close();
await server.stop();

// `npm run bench:signed-in`: the pages of signed-in people under load: My page and each step of the
// choice journey, with 20 signed-in clients (each its own person and session), against the
// framework's floor measured in the same run (the accessibility statement of the same build,
// rendered for every request). Signed-in pages are never answered from memory, so a launch day's
// journeys run at this rate. Prints req/s, p50, p99, the ratio to the floor and the server's RSS;
// it never fails on a target (issue 17: at least 0.5 of the floor).
//
// Every request carries a browser's Accept-Encoding, as people's browsers send it, so the pages are
// compressed as they go out (decision 080); ACCEPT_ENCODING= (empty) measures them uncompressed.
//
// Environment: VALINTA_BUILD_DIR (the build), DURATION (seconds per page, default 10), ROUNDS
// (interleaved rounds, default 5), CLIENTS (20),
// ACCEPT_ENCODING (default "gzip, deflate, br, zstd").
import autocannon from "autocannon";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { northSavo, prepare } from "./choice-client.mjs";
import { ensureBuild, startServer } from "./lib.mjs";

ensureBuild();
const duration = Number(process.env.DURATION ?? 10);
const clients = Number(process.env.CLIENTS ?? 20);
const acceptEncoding = process.env.ACCEPT_ENCODING ?? "gzip, deflate, br, zstd";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-signed-in-"));
// Every request rendered: the floor too (a cached floor would not be the framework's).
const server = await startServer({ databasePath: path.join(dir, "signed-in.db"), env: { APP_ENV: "demo", PAGE_CACHE_SECONDS: "0" } });
const base = server.url;

// 20 people of the North Savo example pilot, each signed in and brought to the check page of a
// choice of a provider (so that every step has its data), nothing confirmed.
const started = Date.now();
const people = [];
for (let i = 0; i < clients; i++) people.push(await prepare(base, northSavo(i), "provider"));
console.log(`signed in and prepared ${people.length} people in ${((Date.now() - started) / 1000).toFixed(1)} s`);

/** Load on one page: each connection is one of the people, with their own cookies. */
function load(pathname, signedIn, seconds = duration, raw = false) {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${base}${pathname}`,
        connections: clients,
        duration: seconds,
        skipAggregateResult: raw,
        headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
        requests: [
          {
            setupRequest(req, context) {
              if (signedIn) {
                context.person ??= people[next++ % people.length];
                req.headers = { ...req.headers, cookie: context.person.jar.header() };
              }
              return req;
            },
          },
        ],
      },
      (err, out) => (err ? reject(err) : resolve(out)),
    );
  });
}

let peak = server.rssMb();
const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 250);
const pages = [
  ["floor: /fi/accessibility (rendered, not signed in)", "/fi/accessibility", false],
  ["My page /fi/my", "/fi/my", true],
  ["the journey's start /fi/choose", "/fi/choose", true],
  ["pick a provider /fi/choose/provider", "/fi/choose/provider", true],
  ["contact details /fi/choose/contact", "/fi/choose/contact", true],
  ["check and confirm /fi/choose/check", "/fi/choose/check", true],
];
// Every page is warmed up first (3 s each), so that no page is measured while the server's code is
// still being compiled; then the pages are measured in ROUNDS interleaved rounds (default 5, each
// DURATION / ROUNDS seconds), so that other work on a shared machine falls on all of them alike
// (as bench:compare does). p50 and p99 are over all of a page's requests (the rounds' histograms merged).
for (const [, pathname, signedIn] of pages) await load(pathname, signedIn, 3);
const rounds = Number(process.env.ROUNDS ?? 5);
const raws = pages.map(() => []);
for (let r = 0; r < rounds; r++) {
  for (const [i, [, pathname, signedIn]] of pages.entries()) raws[i].push(await load(pathname, signedIn, duration / rounds, true));
}
const results = pages.map(([name, pathname], i) => {
  const all = autocannon.aggregateResult(raws[i], { url: `${base}${pathname}`, connections: clients });
  return { name, requests: all.requests.total, non2xx: all.non2xx, p50: all.latency.p50, p99: all.latency.p99 };
});
clearInterval(sampler);
for (const r of results) r.rps = r.requests / duration;
const floor = results[0].rps;
console.log(`\n${clients} connections × ${duration} s per page in ${rounds} interleaved rounds, Accept-Encoding: ${acceptEncoding || "(none)"}; target: signed-in pages ≥ 0.5 of the floor`);
for (const r of results) {
  const ratio = r === results[0] ? "" : `, ${(r.rps / floor).toFixed(2)} of the floor`;
  console.log(`${r.name}: ${Math.round(r.rps)} req/s${ratio}, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx ? `, non-2xx ${r.non2xx}` : ""}`);
}
console.log(`server RSS peak under load: ${peak.toFixed(0)} MB`);
await server.stop();

// `npm run bench:compare`: the comparison and profile pages under load, on a database with 1,000
// providers and 10 years of monthly results (npm run seed:scale), against two floors measured in
// the same run: the accessibility statement of the same build (the framework's floor) and a bare
// node:http server answering the comparison page's bytes (the machine's limit). Then the time of
// one render with 10, 100 and 1,000 providers stored, and with 0 and 1,000,000 stored choices.
// The load runs twice, side by side: as deployed (public pages answered from memory while the
// database is unchanged) and with every request rendered; the render times are always renders.
// Targets that are compared are measured interleaved (rounds in turn, servers side by side), so that
// other work on a shared machine falls on both sides alike; the server's CPU time per request is
// printed beside the times, as it is the figure such work disturbs least.
// Prints figures and the targets beside them; it never fails on a target.
// See docs/decisions/024-comparison-speed.md.
//
// Environment: VALINTA_BUILD_DIR (the build to run), DURATION (seconds per load run, default 10),
// CONNECTIONS (default 10), WARMUP (seconds of load on each target before its rounds, not counted;
// default 3), RENDERS (sequential requests per render-time figure, default 60),
// ONLY=hits (only the cached comparison against bare node:http with the same bytes, without
// Accept-Encoding, with gzip and with brotli, interleaved; with SCALE_DB likewise),
// ONLY=rendered (only the load on rendered pages: the floor, the comparison and a profile with the
// page cache off, interleaved on one server; then the comparison with a browser's Accept-Encoding;
// a few minutes less), SCALE_DB (an existing database of
// `npm run seed:scale -- --providers 1000 --years 10` to use instead of seeding one; with ONLY only).
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ensureBuild, median, startServer } from "./lib.mjs";

/** Targets: a cached page against bare node:http, and a rendered page against the rendered floor (issue 17); the as-deployed floor ratio of issue 4. */
const TARGET_MEMORY = 0.6;
const TARGET_RENDERED = 0.6;
const TARGET_DEPLOYED = 0.5;
/** What a browser sends (brotli preferred). */
const brHeaders = { "accept-encoding": "gzip, deflate, br, zstd" };

ensureBuild();
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 10);
const renders = Number(process.env.RENDERS ?? 60);
const warmup = Number(process.env.WARMUP ?? 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-compare-"));

function scaleDatabase(providers) {
  const file = path.join(dir, `scale-${providers}.db`);
  const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/seed-scale.ts", "--database", file, "--providers", String(providers), "--years", "10"], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  if (run.status !== 0) throw new Error(`seed:scale failed:\n${run.stderr}`);
  const summary = JSON.parse(run.stdout.trim().split("\n").at(-1));
  console.log(`  ${providers} providers: ${summary.resultRows} result rows, ${summary.months} months (${summary.from} – ${summary.to}), ${summary.seconds} s`);
  return file;
}

/** CPU time (user + system) the server process has used, in ms, from /proc. */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/**
 * Load runs of several targets, interleaved: each gets `rounds` runs of duration/rounds seconds in
 * turn, so that other work on the machine falls on all of them alike. Requests per second over all
 * its rounds; p50 and p99 over all its requests (the rounds' latency histograms merged by
 * autocannon's `aggregateResult`), and the worst single round's p99 beside them (with rounds of 2 s,
 * that is about the run's 99.8th percentile: one stall on the machine decides it); and the server's
 * CPU time per request (a figure that other load disturbs less).
 */
async function loadInterleaved(targets, rounds = 5) {
  const seconds = duration / rounds;
  // Each target first runs under the same load for WARMUP seconds, not counted: until then the
  // server's code for a page is still being compiled, and a page with more code (the comparison)
  // stays slower for longer than the floor does; a server runs for days (as bench:signed-in does).
  for (const t of targets) if (warmup > 0) await autocannon({ url: t.url, headers: t.headers ?? {}, connections, duration: warmup });
  const acc = targets.map(() => ({ requests: 0, non2xx: 0, raw: [], roundP99: [], cpu: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, t] of targets.entries()) {
      const before = t.pid ? cpuMs(t.pid) : NaN;
      const raw = await new Promise((resolve, reject) => {
        autocannon({ url: t.url, headers: t.headers ?? {}, connections, duration: seconds, skipAggregateResult: true }, (err, out) =>
          err ? reject(err) : resolve(out),
        );
      });
      acc[i].cpu += t.pid ? cpuMs(t.pid) - before : NaN;
      acc[i].requests += raw.totalCompletedRequests;
      acc[i].non2xx += raw.non2xx;
      acc[i].raw.push(raw);
      acc[i].roundP99.push(autocannon.aggregateResult([raw], { url: t.url, connections }).latency.p99);
    }
  }
  return acc.map((a, i) => {
    const { latency } = autocannon.aggregateResult(a.raw, { url: targets[i].url, connections });
    return {
      rps: a.requests / duration,
      p50: latency.p50,
      p99: latency.p99,
      worstRoundP99: Math.max(...a.roundP99),
      non2xx: a.non2xx,
      cpuPerRequest: a.cpu / Math.max(1, a.requests),
    };
  });
}

/**
 * The time of one render, as the client sees it: sequential requests, one at a time, to several
 * servers in turn (so that other work on the machine falls on all alike). Median and p90 per target,
 * and the server's CPU time per request.
 */
async function renderTimes(targets, n = renders) {
  for (const t of targets) for (let i = 0; i < 10; i++) await (await fetch(t.url)).arrayBuffer(); // warm up: caches, JIT
  const times = targets.map(() => []);
  const cpu0 = targets.map((t) => (t.pid ? cpuMs(t.pid) : NaN));
  for (let i = 0; i < n; i++) {
    for (const [k, t] of targets.entries()) {
      const start = performance.now();
      const res = await fetch(t.url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${t.url} answered ${res.status}`);
      times[k].push(performance.now() - start);
    }
  }
  return targets.map((t, k) => {
    const sorted = times[k].sort((a, b) => a - b);
    return { median: median(sorted), p90: sorted[Math.floor(sorted.length * 0.9)], cpu: t.pid ? (cpuMs(t.pid) - cpu0[k]) / n : NaN };
  });
}

const ms = (v) => `${v.toFixed(1)} ms`;
const fmt = (r) =>
  `${Math.round(r.rps).toString().padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms (worst round ${String(r.worstRoundP99).padStart(4)} ms)  non-2xx ${r.non2xx}` +
  (Number.isNaN(r.cpuPerRequest) ? "" : `  server CPU ${r.cpuPerRequest.toFixed(1)} ms/request`);
const verdict = (ok) => (ok ? "met" : "NOT met");

console.log(`bench:compare — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, ${connections} connections × ${duration} s per run, after ${warmup} s of the same load per target`);
if (process.env.ONLY === "rendered") {
  await renderedOnly();
  process.exit(0);
}
if (process.env.ONLY === "hits") {
  await hitsOnly();
  process.exit(0);
}
console.log("Generating the scale databases (npm run seed:scale):");
const db1000 = scaleDatabase(1000);
const db100 = scaleDatabase(100);
const db10 = scaleDatabase(10);

// ---- load, on 1,000 providers × 10 years ----
// Two servers on the same database: as deployed (public pages for visitors who are not signed in
// answered from memory while the database is unchanged, docs/decisions/059-public-page-cache.md),
// and with that cache off (PAGE_CACHE_SECONDS=0), so that every request renders.
const server = await startServer({ databasePath: db1000 });
const rendering = await startServer({ databasePath: db1000, env: { PAGE_CACHE_SECONDS: "0" } });
const profileSlug = "provider-500";
const pagesOf = (s) => ({
  comparison: `${s.url}/fi/providers`,
  profile: `${s.url}/fi/providers/${profileSlug}`,
  framework: `${s.url}/fi/accessibility`,
});
const pages = pagesOf(server);
const renderedPages = pagesOf(rendering);
const comparisonBytes = Buffer.from(await (await fetch(pages.comparison)).arrayBuffer());
const profileRes = await fetch(pages.profile);
if (profileRes.status !== 200) throw new Error(`${pages.profile} answered ${profileRes.status}`);
const profileBytes = (await profileRes.arrayBuffer()).byteLength;
const bare = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": comparisonBytes.length });
  res.end(comparisonBytes);
});
await new Promise((r) => bare.listen(0, "127.0.0.1", r));
const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
// The same page as gzip, for a browser that asks: the machine's limit sends the bytes compressed once.
const gzipHeaders = { "accept-encoding": "gzip" };
const { gzipSync } = await import("node:zlib");
const bareGzipBytes = gzipSync(comparisonBytes);
const bareGzip = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Content-Length": bareGzipBytes.length });
  res.end(bareGzipBytes);
});
await new Promise((r) => bareGzip.listen(0, "127.0.0.1", r));
const bareGzipUrl = `http://127.0.0.1:${bareGzip.address().port}/`;
// And as brotli, for a browser that takes it (a hit's brotli is made once per kept page, decision 072).
const bareBr = await bareServer((await import("node:zlib")).brotliCompressSync(comparisonBytes), "br");
await (await fetch(pages.comparison, { headers: brHeaders })).arrayBuffer();

console.log(`\nLoad on 1,000 providers × 10 years (/fi/providers is ${(comparisonBytes.length / 1024).toFixed(0)} KB, the profile ${(profileBytes / 1024).toFixed(0)} KB, uncompressed):`);
console.log(`  server RSS at start: ${server.rssMb().toFixed(0)} MB; each target ${duration} s in 5 interleaved rounds`);
let peak = 0;
let peakRendering = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, server.rssMb());
  peakRendering = Math.max(peakRendering, rendering.rssMb());
}, 200);
const loaded = await loadInterleaved([
  { url: bareUrl },
  { url: pages.framework, pid: server.pid },
  { url: pages.comparison, pid: server.pid },
  { url: pages.profile, pid: server.pid },
  { url: renderedPages.framework, pid: rendering.pid },
  { url: renderedPages.comparison, pid: rendering.pid },
  { url: renderedPages.profile, pid: rendering.pid },
  { url: bareGzipUrl, headers: gzipHeaders },
  { url: pages.comparison, pid: server.pid, headers: gzipHeaders },
  { url: bareBr.url, headers: brHeaders },
  { url: pages.comparison, pid: server.pid, headers: brHeaders },
]);
clearInterval(sampler);
bare.close();
bareGzip.close();
bareBr.close();
const [bareR, frameworkR, comparisonR, profileR, frameworkRenderR, comparisonRenderR, profileRenderR, bareGzipR, comparisonGzipR, bareBrR, comparisonBrR] = loaded;
const results = { bare: bareR, framework: frameworkR, comparison: comparisonR, profile: profileR };
const rendered = { framework: frameworkRenderR, comparison: comparisonRenderR, profile: profileRenderR };
console.log(`  bare node:http, same bytes as /fi/providers   ${fmt(results.bare)}`);
console.log("  As deployed (public pages from memory while the database is unchanged):");
console.log(`    /fi/accessibility (framework's floor)       ${fmt(results.framework)}`);
console.log(`    /fi/providers (default view)                ${fmt(results.comparison)}`);
console.log(`    /fi/providers/${profileSlug} (profile)       ${fmt(results.profile)}`);
console.log(`  bare node:http, the same page gzipped once     ${fmt(bareGzipR)}`);
console.log(`    /fi/providers from memory, Accept-Encoding: gzip ${fmt(comparisonGzipR)}`);
console.log(`  bare node:http, the same page as brotli once   ${fmt(bareBrR)}`);
console.log(`    /fi/providers from memory, a browser's Accept-Encoding (br) ${fmt(comparisonBrR)}`);
console.log("  Every request rendered (PAGE_CACHE_SECONDS=0):");
console.log(`    /fi/accessibility (framework's floor)       ${fmt(rendered.framework)}`);
console.log(`    /fi/providers (default view)                ${fmt(rendered.comparison)}`);
console.log(`    /fi/providers/${profileSlug} (profile)       ${fmt(rendered.profile)}`);

const ratios = (set, label, target) => {
  console.log(`\nRatios (requests per second), ${label}:`);
  for (const k of ["comparison", "profile"]) {
    const toFramework = set[k].rps / set.framework.rps;
    const byCpu = set.framework.cpuPerRequest / set[k].cpuPerRequest;
    console.log(
      `  ${k.padEnd(10)}  / framework's floor ${toFramework.toFixed(2)} (target ≥ ${target}: ${verdict(toFramework >= target)}; by server CPU per request ${byCpu.toFixed(2)})   / machine's limit ${(set[k].rps / results.bare.rps).toFixed(3)}   p99 ${set[k].p99} ms (target < 100 ms: ${verdict(set[k].p99 < 100)})`,
    );
  }
};
console.log(`\nA page from memory against the machine's limit for the same bytes (target ≥ ${TARGET_MEMORY}, decision 072):`);
for (const [label, mine, limit] of [
  ["no Accept-Encoding", results.comparison, results.bare],
  ["Accept-Encoding: gzip", comparisonGzipR, bareGzipR],
  ["a browser's (br)", comparisonBrR, bareBrR],
]) {
  const r = mine.rps / limit.rps;
  console.log(`  ${label.padEnd(22)} ${r.toFixed(2)} (${verdict(r >= TARGET_MEMORY)})`);
}
ratios(results, "as deployed", TARGET_DEPLOYED);
ratios(rendered, "every request rendered", TARGET_RENDERED);
console.log(`  server RSS: peak ${peak.toFixed(0)} MB under load as deployed, ${peakRendering.toFixed(0)} MB rendering every request (target < 250 MB: ${verdict(Math.max(peak, peakRendering) < 250)}), ${server.rssMb().toFixed(0)} MB after`);

// The view that has to read every provider's figures (sorted by a result), for comparison.
const [sorted] = await renderTimes([{ url: `${rendering.url}/fi/providers?sort=employed_open_6m`, pid: rendering.pid }], Math.ceil(renders / 2));
await server.stop();
await rendering.stop();

// ---- one render, by providers stored: the three servers side by side ----
console.log(`\nOne render (median and p90 of ${renders} sequential requests, the servers in turn), by providers stored:`);
const servers = [];
for (const file of [db10, db100, db1000]) servers.push(await startServer({ databasePath: file, env: { PAGE_CACHE_SECONDS: "0" } }));
const comparisonTimes = await renderTimes(servers.map((s) => ({ url: `${s.url}/fi/providers`, pid: s.pid })));
const profileTimes = await renderTimes(servers.map((s) => ({ url: `${s.url}/fi/providers/tyopolku`, pid: s.pid })), Math.ceil(renders / 2));
[10, 100, 1000].forEach((n, i) => {
  const c = comparisonTimes[i];
  const p = profileTimes[i];
  console.log(
    `  ${String(n).padStart(5)} providers: comparison ${ms(c.median)} (p90 ${ms(c.p90)}, server CPU ${ms(c.cpu)}), profile ${ms(p.median)} (server CPU ${ms(p.cpu)})`,
  );
});
for (const s of servers) await s.stop();
const change = (a, b) => `${((b / a - 1) * 100).toFixed(0)} %`;
const within = (a, b) => verdict(Math.abs(b / a - 1) <= 0.2);
const [c10, c100, c1000] = comparisonTimes;
console.log(
  `  comparison, 10 → 1,000 providers: ${change(c10.median, c1000.median)} (target within ±20 %: ${within(c10.median, c1000.median)}); by server CPU ${change(c10.cpu, c1000.cpu)}` +
    "\n    (with 10 stored the page shows 10 providers, with 100 and 1,000 it shows 25)",
);
console.log(
  `  comparison, 100 → 1,000 providers, 25 shown in both: ${change(c100.median, c1000.median)} (within ±20 %: ${within(c100.median, c1000.median)}); by server CPU ${change(c100.cpu, c1000.cpu)}`,
);
console.log(
  `  profile, 10 → 1,000 providers: ${change(profileTimes[0].median, profileTimes[2].median)} (within ±20 %: ${within(profileTimes[0].median, profileTimes[2].median)}); by server CPU ${change(profileTimes[0].cpu, profileTimes[2].cpu)}`,
);
console.log(`  (sorted by a result, which reads every provider's figures: ${ms(sorted.median)}, server CPU ${ms(sorted.cpu)}, with 1,000 providers)`);

// ---- one render, by choices stored ----
console.log("\nOne render of /fi/providers by stored choice rows (1,000 providers):");
const choicesDb = path.join(dir, "choices.db");
fs.copyFileSync(db1000, choicesDb);
const sqlite = new Database(choicesDb);
const columns = sqlite.prepare("PRAGMA table_info(choices)").all();
if (columns.length === 0) {
  console.log("  skipped: no choices table yet");
  sqlite.close();
} else {
  // The example data has a few choices, with rows that hang on them (an append-only history among
  // them): for "no choices stored" only the choices table is emptied, references unchecked.
  sqlite.pragma("foreign_keys = OFF");
  sqlite.prepare("DELETE FROM choices").run();
  sqlite.close();
  // The same database twice: one copy keeps 0 choices, the other gets 1,000,000; then both are
  // measured side by side.
  const millionDb = path.join(dir, "choices-million.db");
  fs.copyFileSync(choicesDb, millionDb);
  const t0 = Date.now();
  const filled = fillChoices(millionDb, 1_000_000);
  if (!filled.ok) {
    console.log(`  skipped: could not fill the choices table generically (${filled.reason})`);
  } else {
    console.log(`  (inserted ${filled.rows.toLocaleString("en")} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const s0 = await startServer({ databasePath: choicesDb, env: { PAGE_CACHE_SECONDS: "0" } });
    const s1 = await startServer({ databasePath: millionDb, env: { PAGE_CACHE_SECONDS: "0" } });
    const [zero, million] = await renderTimes([
      { url: `${s0.url}/fi/providers`, pid: s0.pid },
      { url: `${s1.url}/fi/providers`, pid: s1.pid },
    ]);
    await s0.stop();
    await s1.stop();
    console.log(`          0 choices: ${ms(zero.median)} (p90 ${ms(zero.p90)}, server CPU ${ms(zero.cpu)})`);
    console.log(`  1,000,000 choices: ${ms(million.median)} (p90 ${ms(million.p90)}, server CPU ${ms(million.cpu)})`);
    console.log(
      `  0 → 1,000,000 choices: ${change(zero.median, million.median)} (target within ±20 %: ${within(zero.median, million.median)}); by server CPU ${change(zero.cpu, million.cpu)}`,
    );
  }
}
fs.rmSync(dir, { recursive: true, force: true });

/**
 * ONLY=rendered: the three pages with every request rendered, on one server with the page cache off,
 * interleaved, with their ratios to the floor: the figures of the render targets, in a few minutes.
 */
async function renderedOnly() {
  console.log(`Every request rendered (PAGE_CACHE_SECONDS=0), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const file = process.env.SCALE_DB ?? scaleDatabase(1000);
  const s = await startServer({ databasePath: file, env: { PAGE_CACHE_SECONDS: "0" } });
  const targets = {
    framework: `${s.url}/fi/accessibility`,
    comparison: `${s.url}/fi/providers`,
    profile: `${s.url}/fi/providers/provider-500`,
  };
  for (const url of Object.values(targets)) for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer(); // warm up
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, s.rssMb())), 200);
  const [framework, comparison, profile] = await loadInterleaved(Object.values(targets).map((url) => ({ url, pid: s.pid })));
  // Then the comparison as a browser asks for it, compressed as it goes out (decision 080): after
  // the targets' rounds rather than among them, whose figures it would disturb.
  const [browser] = await loadInterleaved([{ url: targets.comparison, pid: s.pid, headers: brHeaders }]);
  clearInterval(sampler);
  await s.stop();
  console.log(`  /fi/accessibility (framework's floor)       ${fmt(framework)}`);
  console.log(`  /fi/providers (default view)                ${fmt(comparison)}`);
  console.log(`  /fi/providers/provider-500 (profile)         ${fmt(profile)}`);
  console.log(`  /fi/providers, a browser's Accept-Encoding   ${fmt(browser)}  (brotli as it goes out; no target)`);
  for (const [k, r] of [["comparison", comparison], ["profile", profile]]) {
    const ratio = r.rps / framework.rps;
    console.log(
      `  ${k.padEnd(10)} / floor ${ratio.toFixed(2)} (target ≥ ${TARGET_RENDERED}: ${verdict(ratio >= TARGET_RENDERED)}; by server CPU per request ${(framework.cpuPerRequest / r.cpuPerRequest).toFixed(2)})   p99 ${r.p99} ms (target < 100 ms: ${verdict(r.p99 < 100)})`,
    );
  }
  console.log(`  server RSS peak ${peakRss.toFixed(0)} MB; load average after ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (!process.env.SCALE_DB) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A bare node:http server in this process answering `bytes` (with `encoding` as Content-Encoding):
 * the machine's limit for the same bytes.
 */
async function bareServer(bytes, encoding) {
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...(encoding ? { "Content-Encoding": encoding } : {}), "Content-Length": bytes.length });
    res.end(bytes);
  });
  await new Promise((r) => bare.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${bare.address().port}/`, close: () => bare.close() };
}

/**
 * ONLY=hits: the comparison answered from memory against bare node:http with the same bytes (the
 * page as it is, gzipped once, brotli once), each pair interleaved; the ratios of the 0.6 target.
 */
async function hitsOnly() {
  console.log(`A page from memory against bare node:http, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const file = process.env.SCALE_DB ?? scaleDatabase(1000);
  const s = await startServer({ databasePath: file });
  const url = `${s.url}/fi/providers`;
  const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
  const zlib = await import("node:zlib");
  const encodings = [
    ["no Accept-Encoding", null, {}, bytes],
    ["Accept-Encoding: gzip", "gzip", { "accept-encoding": "gzip" }, zlib.gzipSync(bytes)],
    ["a browser's (gzip, deflate, br, zstd)", "br", { "accept-encoding": "gzip, deflate, br, zstd" }, zlib.brotliCompressSync(bytes)],
  ];
  const bares = await Promise.all(encodings.map(([, encoding, , body]) => bareServer(body, encoding)));
  for (let i = 0; i < 20; i++) for (const [, , headers] of encodings) await (await fetch(url, { headers })).arrayBuffer(); // warm up; brotli made
  const answer = (await fetch(url, { headers: encodings[2][2] })).headers.get("content-encoding");
  const results = await loadInterleaved(encodings.flatMap(([, , headers], i) => [{ url: bares[i].url, headers }, { url, pid: s.pid, headers }]));
  for (const b of bares) b.close();
  await s.stop();
  encodings.forEach(([label, , , body], i) => {
    const [bare, hit] = [results[2 * i], results[2 * i + 1]];
    const ratio = hit.rps / bare.rps;
    console.log(`  ${label} (bare sends ${(body.length / 1024).toFixed(1)} KB)`);
    console.log(`    bare node:http         ${fmt(bare)}`);
    console.log(`    /fi/providers, memory  ${fmt(hit)}`);
    console.log(`    ratio ${ratio.toFixed(2)} (target ≥ ${TARGET_MEMORY}: ${verdict(ratio >= TARGET_MEMORY)})`);
  });
  console.log(`  (a browser's Accept-Encoding is answered with ${answer ?? "no encoding"} after the warm-up); load average after ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (!process.env.SCALE_DB) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Fills the choices table with `count` rows without knowing its columns in advance: nullable
 * columns stay empty, required ones get a value by their type and name, columns of a unique index
 * (partial ones too) get a different value in every row, and a column that a CHECK compares with
 * literals gets one of those literals (the combination that the table accepts).
 */
function fillChoices(file, count) {
  const db = new Database(file);
  db.pragma("foreign_keys = OFF");
  db.pragma("synchronous = OFF");
  const cols = db.prepare("PRAGMA table_info(choices)").all();
  const createSql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'choices'").get().sql;
  const unique = new Set();
  for (const index of db.prepare("PRAGMA index_list(choices)").all()) {
    if (!index.unique) continue;
    for (const c of db.prepare(`PRAGMA index_info("${index.name}")`).all()) unique.add(c.name);
  }
  const required = cols.filter((c) => !(c.pk && /INT/i.test(c.type)) && c.notnull && c.dflt_value === null);
  const literals = (name) => [...new Set([...createSql.matchAll(new RegExp(`\\b${name}\\b\\s*(?:=|IN)\\s*\\(?\\s*'([^']*)'`, "gi"))].map((m) => m[1]))];
  const valueOf = (c, i, pickLiteral) => {
    const name = c.name;
    if (pickLiteral.has(name)) return pickLiteral.get(name);
    const stamp = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString();
    if (/INT/i.test(c.type)) return unique.has(name) ? i + 1 : 1;
    if (/REAL|FLOA|DOUB/i.test(c.type)) return 1;
    if (/_at$/.test(name)) return stamp;
    if (/_on$/.test(name)) return stamp.slice(0, 10);
    if (unique.has(name)) return `bench-${name}-${i}`;
    return "{}";
  };
  const names = required.map((c) => c.name);
  const insert = db.prepare(`INSERT INTO choices (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`);
  // Try the literal combinations a CHECK allows, until one row goes in.
  const constrained = required.map((c) => [c.name, literals(c.name)]).filter(([, l]) => l.length > 0);
  const combos = constrained.reduce((acc, [name, ls]) => acc.flatMap((m) => ls.map((l) => new Map([...m, [name, l]]))), [new Map()]);
  let chosen = null;
  let lastError = "no combination tried";
  for (const combo of combos.slice(0, 64)) {
    try {
      db.transaction(() => {
        insert.run(required.map((c) => valueOf(c, 0, combo)));
        throw new Error("rollback");
      })();
    } catch (error) {
      if (error.message === "rollback") {
        chosen = combo;
        break;
      }
      lastError = error.message;
    }
  }
  if (!chosen) {
    db.close();
    return { ok: false, reason: lastError };
  }
  // Building an index once after the rows are in is much faster than keeping it up to date row by row.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'choices' AND sql IS NOT NULL").all();
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(required.map((c) => valueOf(c, i, chosen)));
  })();
  for (const index of indexes) db.exec(index.sql);
  const rows = db.prepare("SELECT count(*) AS n FROM choices").get().n;
  db.pragma("synchronous = FULL");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { ok: true, rows };
}

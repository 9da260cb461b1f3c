// `npm run bench:choices`: how fast choices are recorded, and that none is lost or doubled.
//
// 1. Starts the production server on a fresh database and signs in generated test people of the
//    North Savo example pilot through the built-in test identity provider (the whole OpenID
//    Connect round trip with fetch and cookies). Each answers the eligibility questions and picks
//    the public service: a confirmation page is ready for each. A 3-second warm-up measures the
//    rate, so that enough people are ready for the whole timed run.
// 2. 20 concurrent clients confirm choices for 20 s (one POST of the confirmation form each, which
//    answers 303 to the receipt after the commit). Prints choices/s, p50 and p99.
// 3. In the same run, two floors: the same confirmation posted with its required field (the
//    idempotency key) missing, which re-renders the page and writes nothing (the framework's
//    floor), and raw single-row BEGIN IMMEDIATE inserts with the same pragmas on the same disk (the
//    durability limit); and the ratios.
// 4. The crash test: 20 clients confirming 2,000 choices (the same people changing from the public
//    service to a provider, which also ends their first choice; more people are signed in if the
//    timed run used fewer than 2,000), the server killed with SIGKILL part-way,
//    restarted on the same database, and every acknowledged choice (the client saw the 303 to its
//    receipt) looked up, through the receipt page and in the database. The clients whose request
//    was cut off send the same form again (the same key): it must record once or find the choice
//    already recorded. Prints `acknowledged N, found N, lost 0, duplicated 0`; exits 1 on any loss
//    or duplicate.
//
// Notifications (issue 16, decision 070): a real SMTP server on localhost (bench/delivery.mjs) is
// the server's SMTP_URL, and every signed-in person has a confirmed address, so each recorded choice
// writes its receipt to the outbox in the choice's transaction and the server's worker sends it
// while the load runs. After the timed run: the event-to-delivery time of the run's receipts (from
// the outbox row's created_at to the SMTP server having the whole message, matched by its
// Message-ID), p50/p95/max, and the backlog on /metrics over the run (sampled every 0.5 s) until it
// is empty again, with the backlog every 2 s. BENCH_NOTIFICATIONS=0 runs without them (no addresses,
// no SMTP_URL); BENCH_SMTP_CONNECTIONS=n gives the server's SMTP pool n connections (default 5).
//
// Figures are printed, never asserted. Settings: BENCH_DURATION (s, default 20), BENCH_CLIENTS
// (20), BENCH_MAX_PEOPLE (at most this many people prepared for the timed run, default 12000),
// CRASH_CHOICES (2000), BENCH_NOTIFICATIONS (1).
/* global performance */
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { confirm, northSavo, preparePool as preparePoolAt, receiptReference } from "./choice-client.mjs";
import { confirmAddresses, eventToDelivery, lastOutboxId, startSink, watchBacklog } from "./delivery.mjs";
import { ensureBuild, startServer } from "./lib.mjs";

ensureBuild();
const duration = Number(process.env.BENCH_DURATION ?? 20) * 1000;
const clients = Number(process.env.BENCH_CLIENTS ?? 20);
const maxPeople = Number(process.env.BENCH_MAX_PEOPLE ?? 12000);
const crashChoices = Number(process.env.CRASH_CHOICES ?? 2000);
const lang = "fi";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-choices-"));
// The bench sends many sign-ins and form posts from one address: the rate limits are settings.
const serverEnv = {
  APP_ENV: "demo",
  RATE_LIMIT_SIGN_IN: "10000000",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "10000000",
  RATE_LIMIT_FORM_POSTS: "10000000",
  RATE_LIMIT_FORM_POSTS_PER_ADDRESS: "10000000",
  RATE_LIMIT_API: "10000000",
};
const port = Number(process.env.PORT ?? 0) || undefined;
const notifications = process.env.BENCH_NOTIFICATIONS !== "0";
const sink = notifications ? await startSink() : null;
if (sink) serverEnv.SMTP_URL = process.env.BENCH_SMTP_CONNECTIONS ? `${sink.url}?pool=true&maxConnections=${Number(process.env.BENCH_SMTP_CONNECTIONS)}` : sink.url;
const databasePath = path.join(dir, "choices.db");
/** Confirmed addresses for everyone signed in so far (their receipts go to the outbox). */
const giveAddresses = () => (notifications ? confirmAddresses(databasePath) : 0);

// Signing in, answering, picking and confirming over HTTP: bench/choice-client.mjs.
const preparePool = (base, items, kindOf) => preparePoolAt(base, items, kindOf, clients);

// ---------------------------------------------------------------------------------------------
// Load: timed runs with 20 clients
// ---------------------------------------------------------------------------------------------

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/** Runs `once(client)` from `clients` concurrent loops until `ms` pass (or `once` says it is out of work). */
async function timed(ms, once) {
  const latencies = [];
  let ok = 0;
  let other = 0;
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < until) {
        const t = performance.now();
        const result = await once(c);
        if (result === "done") return;
        latencies.push(performance.now() - t);
        if (result) ok++;
        else other++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok, other, seconds, perSecond: ok / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

const ms = (x) => `${x.toFixed(1)} ms`;

let server = await startServer({ databasePath, env: serverEnv, port });
// Whatever happens to the bench, the server it started does not outlive it.
process.on("exit", () => {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
});
const base = server.url;
console.log(`server ${base}, database on ${dir}, ${clients} clients${sink ? `, notifications to ${serverEnv.SMTP_URL}` : ", no notifications"}`);

let numbersUsed = 0;
const nextNumbers = (count) => Array.from({ length: count }, () => northSavo(numbersUsed++));
const confirmOnce = (pool, used) => async () => {
  const p = pool[used.next++];
  if (!p) return "done";
  const res = await confirm(base, p);
  await res.arrayBuffer();
  if (receiptReference(res)) {
    used.recorded.push(p);
    return true;
  }
  return false;
};

// Warm-up: a small pool, confirmed for 3 s, tells how many people the timed run needs.
const first = await preparePool(base, nextNumbers(clients * 11), () => "public_service");
console.log(`signed in and prepared ${first.pool.length} people in ${first.seconds.toFixed(1)} s (OpenID Connect round trip, answers, pick: ${(first.pool.length / first.seconds).toFixed(1)} people/s)`);
// The first `clients` people are kept for the framework floor: their pages are never confirmed.
const floorPeople = first.pool.splice(0, clients);
giveAddresses();
const warm = { next: 0, recorded: [] };
const warmUp = await timed(3000, confirmOnce(first.pool, warm));
const needed = Math.min(maxPeople, Math.ceil(warmUp.perSecond * (duration / 1000) * 1.3) + clients);
console.log(`warm-up: ${warmUp.perSecond.toFixed(1)} choices/s; preparing ${needed} people for the ${duration / 1000} s run`);
const ready = await preparePool(base, nextNumbers(needed), () => "public_service");
console.log(`prepared ${ready.pool.length} more people in ${ready.seconds.toFixed(1)} s`);
const addressed = giveAddresses();
if (sink) console.log(`${addressed} more confirmed notification addresses`);

// The warm-up's receipts are sent before the run starts: the backlog the run sees is its own.
const drained = async (backlog, limitMs) => {
  const until = Date.now() + limitMs;
  while (Date.now() < until && !(backlog.pending() === 0)) await new Promise((r) => setTimeout(r, 200));
  return backlog.pending() === 0;
};
const runFrom = sink ? lastOutboxId(databasePath) : 0;
const backlog = sink ? watchBacklog(base) : null;
if (backlog) await drained(backlog, 60_000);
backlog?.samples.splice(0);
const used = { next: 0, recorded: [] };
const runStarted = performance.now();
const run = await timed(duration, confirmOnce(ready.pool, used));
if (used.next > ready.pool.length) console.log(`(all ${ready.pool.length} prepared people confirmed before ${duration / 1000} s: the run ended early)`);
console.log(`confirmations: ${run.perSecond.toFixed(1)} choices/s, p50 ${ms(run.p50)}, p99 ${ms(run.p99)} (${run.ok} recorded in ${run.seconds.toFixed(1)} s, ${run.other} other answers)`);
if (sink && backlog) {
  const atEnd = backlog.pending();
  const emptied = await drained(backlog, 180_000);
  const drainSeconds = (performance.now() - runStarted) / 1000 - run.seconds;
  await backlog.stop();
  const during = backlog.samples.filter((s) => s.t <= run.seconds + 0.5 && Number.isFinite(s.pending));
  const maxPending = Math.max(0, ...during.map((s) => s.pending));
  const meanPending = during.length ? during.reduce((a, s) => a + s.pending, 0) / during.length : NaN;
  const failed = backlog.samples.at(-1)?.failed ?? NaN;
  const d = eventToDelivery(databasePath, runFrom, sink.arrivedAt);
  console.log(
    `event to delivery (the run's ${d.rows} receipts, outbox row written → SMTP server has the message, by Message-ID): ${d.delivered} delivered, ${d.missing} not; p50 ${ms(d.p50)}, p95 ${ms(d.p95)}, max ${ms(d.max)}`,
  );
  const timeline = [];
  for (let t = 0; t <= (backlog.samples.at(-1)?.t ?? 0); t += 2) {
    const s = backlog.samples.find((x) => x.t >= t);
    if (s) timeline.push(`${t}s ${s.pending}`);
  }
  console.log(`backlog (pending) every 2 s from the run's start: ${timeline.join(", ")}`);
  console.log(
    `backlog on /metrics during the run (${during.length} samples, every 0.5 s): max ${maxPending} pending, mean ${meanPending.toFixed(1)}, ${atEnd} at the run's end; ${emptied ? `empty ${drainSeconds.toFixed(1)} s after the run` : "not empty 180 s after the run"}; failed ${failed}`,
  );
}

const floor = await timed(duration, async (c) => {
  const p = floorPeople[c];
  const res = await confirm(base, p, { csrf: p.csrf });
  await res.arrayBuffer();
  return res.status === 400;
});
console.log(`framework floor (the same confirmation without its key: re-rendered, nothing written): ${floor.perSecond.toFixed(1)} req/s, p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)}`);

// The durability limit: single-row BEGIN IMMEDIATE inserts, WAL and synchronous=FULL, same disk.
const rawFile = path.join(dir, "raw.db");
const raw = new Database(rawFile);
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = FULL");
raw.pragma("busy_timeout = 5000");
raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, body TEXT NOT NULL)");
const insert = raw.prepare("INSERT INTO t (reference, body) VALUES (?, ?)");
const oneRow = raw.transaction((i) => insert.run(`ref-${i}`, "x".repeat(200)));
let inserts = 0;
const rawStarted = performance.now();
while (performance.now() - rawStarted < 5000) oneRow.immediate(inserts++);
const rawPerSecond = inserts / ((performance.now() - rawStarted) / 1000);
raw.close();
console.log(`durability limit (raw single-row BEGIN IMMEDIATE inserts, WAL, synchronous=FULL, same disk): ${rawPerSecond.toFixed(0)} inserts/s`);
console.log(`ratios: choices/s ÷ framework floor ${(run.perSecond / floor.perSecond).toFixed(2)}; choices/s ÷ durability limit ${(run.perSecond / rawPerSecond).toFixed(3)}`);
console.log(`targets (printed, not asserted): ≥ 0.5 of the framework floor, p99 under 150 ms`);

// ---------------------------------------------------------------------------------------------
// The crash test
// ---------------------------------------------------------------------------------------------

// The people who chose the public service now change to a provider (allowed at once: the public
// service never binds); more people are signed in when the timed run used fewer.
const crashDb = databasePath;
const crashBase = base;
const changers = [...warm.recorded, ...used.recorded].slice(0, crashChoices);
const crashReady = await preparePool(crashBase, [...changers, ...nextNumbers(crashChoices - changers.length)], () => "provider");
giveAddresses();
console.log(`crash test: ${crashReady.pool.length} confirmation pages ready in ${crashReady.seconds.toFixed(1)} s (${changers.length} changes from the public service, ${crashReady.pool.length - changers.length} first choices)`);

const acknowledged = new Map(); // person number → reference
const cutOff = [];
let sent = 0;
let killed = false;
const killAfter = Math.floor(crashChoices * (0.3 + Math.random() * 0.4));
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (sent < crashReady.pool.length && !killed) {
      const p = crashReady.pool[sent++];
      try {
        const res = await confirm(crashBase, p);
        await res.arrayBuffer();
        const reference = receiptReference(res);
        if (reference) acknowledged.set(p.n, reference);
        else cutOff.push(p);
      } catch {
        cutOff.push(p); // the connection died with the server: the outcome is unknown to the client
      }
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        server.child.kill("SIGKILL");
      }
    }
  }),
);
const notSent = crashReady.pool.slice(sent);
console.log(`SIGKILL after ${acknowledged.size} acknowledged choices; ${cutOff.length} requests cut off, ${notSent.length} not sent`);
await new Promise((r) => (server.child.exitCode !== null || server.child.signalCode ? r() : server.child.once("exit", r)));

server = await startServer({ databasePath: crashDb, env: serverEnv, port });
const afterBase = server.url;
// Every acknowledged choice: its receipt page, as its owner.
let found = 0;
const missing = [];
const byNumber = new Map(crashReady.pool.map((p) => [p.n, p]));
const entries = [...acknowledged];
let cursor = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (cursor < entries.length) {
      const [n, reference] = entries[cursor++];
      const res = await byNumber.get(n).jar.fetch(`${afterBase}/${lang}/my/receipts/${reference}`);
      const html = await res.text();
      if (res.status === 200 && html.includes(reference)) found++;
      else missing.push(reference);
    }
  }),
);
// The cut-off clients send the same form again: recorded once, or found already recorded.
let resent = 0;
for (const p of cutOff) {
  const res = await confirm(afterBase, p);
  await res.arrayBuffer();
  if (res.status === 303) resent++;
}
await server.stop();

// The database itself: one row per key, one choice per person, every acknowledged reference there.
const check = new Database(crashDb, { readonly: true });
const doubledKeys = check.prepare("SELECT count(*) AS n FROM (SELECT idempotency_key FROM choices GROUP BY idempotency_key HAVING count(*) > 1)").get().n;
const doubledPeople = check.prepare("SELECT count(*) AS n FROM (SELECT person_id FROM choices WHERE status = 'current' GROUP BY person_id HAVING count(*) > 1)").get().n;
// Each crash-test person confirmed one provider choice: two provider rows for one person is a duplicate.
const doubledProvider = check.prepare("SELECT count(*) AS n FROM (SELECT person_id FROM choices WHERE kind = 'provider' GROUP BY person_id HAVING count(*) > 1)").get().n;
const rows = check.prepare("SELECT count(*) AS n FROM choices").get().n;
const refs = new Set(check.prepare("SELECT reference FROM choices").all().map((r) => r.reference));
const integrity = check.pragma("integrity_check", { simple: true });
check.close();
const lostInDb = [...acknowledged.values()].filter((r) => !refs.has(r)).length;
const lost = Math.max(missing.length, lostInDb);
const duplicated = doubledKeys + doubledPeople + doubledProvider;
console.log(`after restart: the ${cutOff.length} cut-off forms sent again: ${resent} answered with a receipt; ${rows} choices in the database; integrity_check ${integrity}`);
console.log(`acknowledged ${acknowledged.size}, found ${found}, lost ${lost}, duplicated ${duplicated}`);
await sink?.close();
fs.rmSync(dir, { recursive: true, force: true });
if (lost > 0 || duplicated > 0 || found !== acknowledged.size || integrity !== "ok") process.exit(1);

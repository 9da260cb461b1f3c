// `npm run bench:notifications`: how many notifications per second the worker delivers to an SMTP
// server on this machine (decision 070).
//
// 1. A fresh database is migrated and seeded by a first start of the production server, then given
//    NOTIFY_PEOPLE people with confirmed addresses and NOTIFY_MESSAGES due rows in the outbox (the
//    kinds mixed, the languages fi/sv/en in turn).
// 2. A real SMTP server (the `smtp-server` package) listens on localhost; the production server
//    starts with SMTP_URL pointing at it, and its worker delivers the backlog. Printed: messages per
//    second from the first to the last arrival, and the backlog left (must be 0).
// 3. Event to delivery: NOTIFY_LATENCY_MESSAGES (100) rows written one at a time into the running
//    server's database, every 50–150 ms; printed: p50, p99 and max from the commit to the arrival.
// 4. The floor: nodemailer alone sending the same number of messages of the same size to the same
//    SMTP server over the same pool of 5 connections, 20 at a time, as the worker does.
//
// Figures are printed, never asserted. Settings: NOTIFY_MESSAGES (default 2000), NOTIFY_PEOPLE (500), NOTIFY_LATENCY_MESSAGES (100).
/* global performance */
import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { ensureBuild, startServer } from "./lib.mjs";

ensureBuild();
const total = Number(process.env.NOTIFY_MESSAGES ?? 2000);
const peopleCount = Number(process.env.NOTIFY_PEOPLE ?? 500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-bench-notify-"));
const databasePath = path.join(dir, "valinta.db");

// The SMTP server: counts what arrives and when.
const arrivals = [];
let bytes = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", (c) => (bytes += c.length));
    stream.on("end", () => {
      arrivals.push(performance.now());
      callback();
    });
  },
});
await new Promise((r) => smtp.listen(0, "127.0.0.1", r));
const smtpUrl = `smtp://127.0.0.1:${smtp.server.address().port}`;
const env = { SMTP_URL: smtpUrl, APP_ENV: "test", PUBLIC_ORIGIN: "http://localhost:3000" };

// 1. Migrate and seed, then fill the outbox directly.
let server = await startServer({ databasePath, env });
await server.stop();
const db = new Database(databasePath);
const at = new Date().toISOString();
const langs = ["fi", "sv", "en"];
const kinds = [
  ["problem_report_answered", {}],
  ["request_decided", { decision: "approved" }],
  ["first_contact_overdue", { provider: "Työpolku Oy", contactBy: "2026-12-11" }],
  ["provider_unavailable", { reason: "suspended", provider: "Työpolku Oy", pilot: { fi: "Pohjois-Savo", sv: "Norra Savolax", en: "North Savo" } }],
];
db.transaction(() => {
  const person = db.prepare("INSERT INTO people (identity_hash, given_name, family_name, home_municipality, identified_with, created_at, updated_at) VALUES (?, 'Bench', 'Person', '749', 'fi', ?, ?) RETURNING id");
  const address = db.prepare("INSERT INTO notification_addresses (person_id, email, lang, confirmed_at, opt_out_nonce, opt_out_token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const row = db.prepare("INSERT INTO notification_outbox (person_id, kind, data, message_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 0, ?)");
  const ids = [];
  for (let i = 0; i < peopleCount; i++) {
    const id = person.get(crypto.randomBytes(16).toString("hex"), at, at).id;
    address.run(id, `bench${i}@example.test`, langs[i % 3], at, crypto.randomBytes(16).toString("base64url"), crypto.randomBytes(32).toString("hex"), at, at);
    ids.push(id);
  }
  for (let i = 0; i < total; i++) {
    const [kind, data] = kinds[i % kinds.length];
    row.run(ids[i % ids.length], kind, JSON.stringify(data), `<bench-${i}-${crypto.randomBytes(6).toString("hex")}@valinta.notifications>`, at);
  }
})();
db.close();

// 2. The server's worker delivers the backlog.
const started = performance.now();
server = await startServer({ databasePath, env });
const deadline = Date.now() + 600_000;
while (arrivals.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
const lastArrival = arrivals.at(-1);
const perSecond = (arrivals.length - 1) / ((lastArrival - arrivals[0]) / 1000);
const metrics = await (await fetch(`${server.url}/metrics`)).text();
const backlog = (state) => [...metrics.matchAll(/valinta_notifications_backlog\{state="(\w+)"\} (\d+)/g)].find((m) => m[1] === state)?.[2];
const rss = server.rssMb();

// 3. Time from the event's commit to the arrival: rows written one at a time (as events would write
// them) into the running server's database, each arrival matched by its Message-ID.
const latencyCount = Number(process.env.NOTIFY_LATENCY_MESSAGES ?? 100);
const writtenAt = new Map();
const arrivedAt = new Map();
smtp.onData = (stream, _session, callback) => {
  let head = "";
  stream.on("data", (c) => (head += head.length < 4000 ? c.toString("utf8") : ""));
  stream.on("end", () => {
    const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
    if (id) arrivedAt.set(id, performance.now());
    callback();
  });
};
{
  const live = new Database(databasePath);
  live.pragma("busy_timeout = 5000");
  const person = live.prepare("SELECT person_id FROM notification_addresses LIMIT 1").get().person_id;
  const insert = live.prepare("INSERT INTO notification_outbox (person_id, kind, data, message_id, next_attempt_at, created_at) VALUES (?, 'problem_report_answered', '{}', ?, 0, ?)");
  for (let i = 0; i < latencyCount; i++) {
    const id = `<latency-${i}-${crypto.randomBytes(6).toString("hex")}@valinta.notifications>`;
    insert.run(person, id, new Date().toISOString());
    writtenAt.set(id, performance.now());
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
  live.close();
  const until = Date.now() + 30_000;
  while (arrivedAt.size < latencyCount && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}
const latencies = [...writtenAt].filter(([id]) => arrivedAt.has(id)).map(([id, t]) => arrivedAt.get(id) - t).sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
await server.stop();
const avgBytes = Math.round(bytes / arrivals.length);
console.log(`worker (server process, SMTP on localhost): ${arrivals.length}/${total} delivered, ${perSecond.toFixed(0)} messages/s (first to last arrival), ${((lastArrival - started) / 1000).toFixed(1)} s from the server's start to the last; backlog after: pending ${backlog("pending")}, failed ${backlog("failed")}; ~${avgBytes} bytes a message; server RSS ${rss.toFixed(0)} MB`);

console.log(`event to delivery (${latencies.length}/${latencyCount} rows written one at a time, every 50–150 ms): p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms (the worker looks every second)`);

// 4. The floor: nodemailer alone, same pool, 20 at a time.
const floorCount = arrivals.length;
arrivals.length = 0;
const transporter = nodemailer.createTransport(`${smtpUrl}?pool=true&maxConnections=5`);
const text = "x".repeat(Math.max(0, Math.round(avgBytes / 2) - 400));
const t0 = performance.now();
for (let i = 0; i < floorCount; i += 20) {
  await Promise.all(
    Array.from({ length: Math.min(20, floorCount - i) }, (_, j) =>
      transporter.sendMail({ from: "Valinta <no-reply@valinta.invalid>", to: `bench${(i + j) % peopleCount}@example.test`, subject: "Floor", text, html: `<p>${text}</p>` }),
    ),
  );
}
const floorSeconds = (performance.now() - t0) / 1000;
transporter.close();
console.log(`floor (nodemailer alone, same pool and batches): ${(floorCount / floorSeconds).toFixed(0)} messages/s; the worker reaches ${((perSecond / (floorCount / floorSeconds)) * 100).toFixed(0)} % of it`);
smtp.close();
fs.rmSync(dir, { recursive: true, force: true });

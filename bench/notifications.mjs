// `npm run bench:notifications`: how many notifications per second the worker delivers to an SMTP
// server on this machine (decision 070).
//
// 1. A fresh database is migrated and seeded by a first start of the production server, then given
//    NOTIFY_PEOPLE people with confirmed addresses and NOTIFY_MESSAGES due rows in the outbox (the
//    kinds mixed, the languages fi/sv/en in turn).
// 2. A real SMTP server (the `smtp-server` package) listens on localhost; the production server
//    starts with SMTP_URL pointing at it, and its worker delivers the backlog. Printed: messages per
//    second from the first to the last arrival, and the backlog left (must be 0).
// 3. The floor: nodemailer alone sending the same number of messages of the same size to the same
//    SMTP server over the same pool of 5 connections, 20 at a time, as the worker does.
//
// Figures are printed, never asserted. Settings: NOTIFY_MESSAGES (default 2000), NOTIFY_PEOPLE (500).
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
await server.stop();
const avgBytes = Math.round(bytes / arrivals.length);
console.log(`worker (server process, SMTP on localhost): ${arrivals.length}/${total} delivered, ${perSecond.toFixed(0)} messages/s (first to last arrival), ${((lastArrival - started) / 1000).toFixed(1)} s from the server's start to the last; backlog after: pending ${backlog("pending")}, failed ${backlog("failed")}; ~${avgBytes} bytes a message; server RSS ${rss.toFixed(0)} MB`);

// 3. The floor: nodemailer alone, same pool, 20 at a time.
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

// Event to delivery under load (issue 16; decision 070), used by bench/choices.mjs: a real SMTP
// server on localhost (the `smtp-server` package, as in tests/support/smtp.ts) that notes when each
// message arrives by its Message-ID, the server's outbox read from the database, and the backlog on
// /metrics sampled while the load runs.
/* global performance */
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/** Starts the SMTP server; `url` is the SMTP_URL for the server under test. */
export async function startSink() {
  /** Message-ID → epoch ms at the end of DATA (the server has the whole message). */
  const arrivedAt = new Map();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      let head = "";
      stream.on("data", (c) => {
        if (head.length < 8000) head += c.toString("utf8");
      });
      stream.on("end", () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        if (id) arrivedAt.set(id, Date.now());
        callback();
      });
    },
  });
  await new Promise((r) => smtp.listen(0, "127.0.0.1", r));
  return { url: `smtp://127.0.0.1:${smtp.server.address().port}`, arrivedAt, close: () => new Promise((r) => smtp.close(r)) };
}

/**
 * Gives every signed-in person without one a confirmed address (written straight into the
 * database, as bench/notifications.mjs does: the bench measures the receipts, not the confirmation
 * step), so that each recorded choice writes its receipt to the outbox.
 */
export function confirmAddresses(databasePath) {
  const db = new Database(databasePath);
  db.pragma("busy_timeout = 10000");
  const at = new Date().toISOString();
  const { changes } = db
    .prepare(
      `INSERT INTO notification_addresses (person_id, email, lang, confirmed_at, opt_out_nonce, opt_out_token_hash, created_at, updated_at)
       SELECT id, 'bench' || id || '@example.test', 'fi', @at, lower(hex(randomblob(16))), lower(hex(randomblob(32))), @at, @at
       FROM people WHERE id NOT IN (SELECT person_id FROM notification_addresses)`,
    )
    .run({ at });
  db.close();
  return changes;
}

/** The outbox's highest id now: rows above it are the run's. */
export function lastOutboxId(databasePath) {
  const db = new Database(databasePath, { readonly: true });
  const id = db.prepare("SELECT coalesce(max(id), 0) AS id FROM notification_outbox").get().id;
  db.close();
  return id;
}

/** Samples the backlog on /metrics every `everyMs` until stopped: { samples: [{ t, pending, failed }] }. */
export function watchBacklog(base, everyMs = 500) {
  const samples = [];
  const t0 = performance.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const text = await (await fetch(`${base}/metrics`)).text();
        const value = (state) => Number(new RegExp(`valinta_notifications_backlog\\{state="${state}"\\} (\\d+)`).exec(text)?.[1] ?? NaN);
        samples.push({ t: (performance.now() - t0) / 1000, pending: value("pending"), failed: value("failed") });
      } catch {
        // a scrape lost under load: the next one counts
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    samples,
    /** The latest pending count (NaN before the first scrape). */
    pending: () => samples.at(-1)?.pending ?? NaN,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/**
 * Matches the outbox rows above `afterId` (their created_at, written in the event's transaction) to
 * the arrivals by Message-ID. Returns the latencies' p50/p95/max and what did not arrive.
 */
export function eventToDelivery(databasePath, afterId, arrivedAt) {
  const db = new Database(databasePath, { readonly: true });
  const rows = db.prepare("SELECT message_id AS messageId, created_at AS createdAt, state, kind FROM notification_outbox WHERE id > ?").all(afterId);
  db.close();
  const latencies = [];
  let missing = 0;
  for (const r of rows) {
    const at = arrivedAt.get(r.messageId);
    if (at === undefined) missing++;
    else latencies.push(at - Date.parse(r.createdAt));
  }
  latencies.sort((a, b) => a - b);
  return { rows: rows.length, delivered: latencies.length, missing, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? NaN };
}

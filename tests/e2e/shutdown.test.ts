import Database from "better-sqlite3";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { confirm, northSavo, preparePool, receiptReference, type Prepared } from "../../bench/choice-client.mjs";
import { startServer } from "../../bench/lib.mjs";

/**
 * SIGTERM during a load of choice confirmations (issue 8): the server stops taking connections,
 * lets the requests in flight finish, checkpoints the WAL, closes the database and exits 0. Every
 * confirmation either got its receipt or was never taken in; none is cut half-way.
 *
 * Its own server on its own database (not the suite's shared one): it is stopped on purpose.
 */

const GRACE_MS = 10_000;
/** Confirmations fired as the load, CONCURRENCY at a time; SIGTERM after SIGNAL_AFTER receipts. */
const LOAD = 16;
const CONCURRENCY = 6;
const SIGNAL_AFTER = 4;
/** Confirmations the server has taken in (headers read) but whose form is still arriving at SIGTERM. */
const IN_FLIGHT = 2;

const aReference = expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/) as string;

type Server = Awaited<ReturnType<typeof startServer>>;
type Outcome = { person: Prepared; status: number | null; reference: string | null; error: string | null };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-shutdown-"));
const databasePath = path.join(dir, "shutdown.db");
const env = {
  APP_ENV: "test",
  SHUTDOWN_GRACE_MS: String(GRACE_MS),
  RATE_LIMIT_SIGN_IN: "100000",
  RATE_LIMIT_FORM_POSTS: "100000",
  RATE_LIMIT_API: "100000",
};
const started: Server[] = [];

async function start(): Promise<Server> {
  // port: undefined lets the server take a free port.
  const server = await startServer({ databasePath, env, port: undefined });
  started.push(server);
  return server;
}

afterAll(() => {
  // A failed assertion must not leave a server behind.
  for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

function portOf(server: Server): number {
  return Number(new URL(server.url).port);
}

/**
 * A confirmation whose headers go first with `Expect: 100-continue`: the server's "100 Continue"
 * proves that it has taken the request in. The form follows when `finish` is called.
 */
function confirmInTwoParts(port: number, person: Prepared) {
  const body = new URLSearchParams({ csrf: person.csrf, key: person.key }).toString();
  const req = http.request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/fi/choose/check",
    agent: false,
    headers: {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      cookie: person.jar.header(),
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
      expect: "100-continue",
    },
  });
  const taken = new Promise<void>((resolve) => req.once("continue", () => resolve()));
  const answer = new Promise<Outcome>((resolve) => {
    req.once("response", (res) => {
      res.resume();
      res.once("end", () => {
        const location = res.headers.location ?? "";
        const reference = res.statusCode === 303 ? (/\/my\/receipts\/([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(location)?.[1] ?? null) : null;
        resolve({ person, status: res.statusCode ?? null, reference, error: null });
      });
    });
    req.once("error", (error) => resolve({ person, status: null, reference: null, error: error.message }));
  });
  req.flushHeaders();
  return { taken, answer, finish: () => req.end(body) };
}

/** True once the port refuses new connections (the server has stopped listening). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

async function stopsListening(port: number, within: number): Promise<number> {
  const from = Date.now();
  while (!(await refusesConnections(port))) {
    if (Date.now() - from > within) throw new Error(`port ${port} still took connections after ${within} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - from;
}

type StoredChoice = { id: number; reference: string; idempotency_key: string; person_id: number; status: string; history: number; audits: number };

/** What the database holds after the server is gone, read directly. */
function readDatabase() {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma("integrity_check", { simple: true }),
      choices: db
        .prepare(
          `SELECT c.id, c.reference, c.idempotency_key, c.person_id, c.status,
             (SELECT count(*) FROM choice_history h WHERE h.choice_id = c.id AND h.event = 'chosen') AS history,
             (SELECT count(*) FROM audit a WHERE a.subject = c.reference AND a.action = 'choice.record') AS audits
           FROM choices c`,
        )
        .all() as StoredChoice[],
      /** "chosen" history rows and choice audit rows without their choice: half of a write. */
      orphans: db
        .prepare(
          `SELECT (SELECT count(*) FROM choice_history h WHERE h.event = 'chosen' AND NOT EXISTS (SELECT 1 FROM choices c WHERE c.id = h.choice_id))
                + (SELECT count(*) FROM audit a WHERE a.action LIKE 'choice.%' AND a.action NOT LIKE 'choice.weighty-reason.%' AND NOT EXISTS (SELECT 1 FROM choices c WHERE c.reference = a.subject)) AS n`,
        )
        .pluck()
        .get() as number,
    };
  } finally {
    db.close();
  }
}

describe("SIGTERM during a load of choice confirmations", () => {
  it("finishes what it took in, refuses the rest, exits 0 within the grace period, and loses or halves no choice", async () => {
    let server = await start();
    const port = portOf(server);
    // Signed in through the test identity provider, answers given, a provider or the public
    // service picked: each person's confirmation page is ready.
    const numbers = Array.from({ length: LOAD + IN_FLIGHT }, (_, i) => northSavo(i));
    const { pool } = await preparePool(server.url, numbers, (n) => (n % 2 ? "public_service" : "provider"), 4);
    expect(pool).toHaveLength(LOAD + IN_FLIGHT);
    const [inFlight, load] = [pool.slice(0, IN_FLIGHT), pool.slice(IN_FLIGHT)];

    // Requests in flight: taken in by the server, their forms not yet sent.
    const twoPart = inFlight.map((p) => confirmInTwoParts(port, p));
    await Promise.all(twoPart.map((r) => r.taken));

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      server.child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    let signalledAt = 0;
    let signalled!: () => void;
    const signal = new Promise<void>((resolve) => (signalled = resolve));

    // The load: confirmations from CONCURRENCY browsers; SIGTERM once SIGNAL_AFTER have their receipt.
    const outcomes: Outcome[] = [];
    let next = 0;
    const loadDone = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < load.length) {
          const person = load[next++];
          try {
            const res = await confirm(server.url, person);
            await res.arrayBuffer();
            outcomes.push({ person, status: res.status, reference: receiptReference(res), error: null });
          } catch (error) {
            outcomes.push({ person, status: null, reference: null, error: String(error) });
          }
          if (!signalledAt && outcomes.filter((o) => o.reference).length >= SIGNAL_AFTER) {
            signalledAt = Date.now();
            server.child.kill("SIGTERM");
            signalled();
          }
        }
      }),
    );

    // Once the server no longer listens, the requests it had taken in send their forms.
    await Promise.race([
      signal,
      loadDone.then(() => {
        throw new Error(`the load ended with fewer than ${SIGNAL_AFTER} receipts: ${JSON.stringify(outcomes.map((o) => o.status ?? o.error))}`);
      }),
    ]);
    await stopsListening(port, GRACE_MS);
    for (const r of twoPart) r.finish();
    const finished = await Promise.all(twoPart.map((r) => r.answer));
    await loadDone;
    const exit = await exited;

    // The requests it had taken in before SIGTERM completed, with their receipts.
    for (const o of finished) expect(o, `in-flight confirmation of person ${o.person.n}`).toMatchObject({ status: 303, error: null, reference: aReference });
    // Every other confirmation has its receipt, or never got an answer (the connection was refused
    // or closed before the server read it): no error page, no half answer.
    for (const o of outcomes) {
      if (o.error === null) expect(o, `confirmation of person ${o.person.n}`).toMatchObject({ status: 303, reference: aReference });
    }
    expect(outcomes).toHaveLength(LOAD);
    // A clean exit within the grace period, after a checkpoint that left no WAL behind.
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);
    const wal = `${databasePath}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);

    const acknowledged = [...finished, ...outcomes].filter((o) => o.reference !== null);
    const unanswered = outcomes.filter((o) => o.reference === null);
    const after = readDatabase();
    expect(after.integrity).toBe("ok");
    // Every receipt given is a choice in the database, once; every stored choice is whole (the
    // choice, its history row and its audit row); and no choice was stored without its receipt
    // reaching the person: nothing was cut between the commit and the answer.
    expect(new Set(after.choices.map((c) => c.reference))).toEqual(new Set(acknowledged.map((o) => o.reference)));
    expect(after.choices).toHaveLength(acknowledged.length);
    for (const c of after.choices) expect(c, `choice ${c.reference}`).toMatchObject({ history: 1, audits: 1, status: "current" });
    expect(after.orphans).toBe(0);

    // Restarted on the same database: every receipt opens for its owner, and the forms that got
    // no answer, sent again with the same key, record their choice once.
    server = await start();
    for (const o of acknowledged) {
      const res = await o.person.jar.fetch(`${server.url}/fi/my/receipts/${o.reference}`);
      expect(res.status, `receipt ${o.reference}`).toBe(200);
      expect(await res.text()).toContain(o.reference);
    }
    const resent: Outcome[] = [];
    for (const o of unanswered) {
      const res = await confirm(server.url, o.person);
      await res.arrayBuffer();
      resent.push({ person: o.person, status: res.status, reference: receiptReference(res), error: null });
    }
    for (const o of resent) expect(o, `confirmation of person ${o.person.n} sent again`).toMatchObject({ status: 303, reference: aReference });
    const restartedExit = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    expect(await restartedExit).toBe(0);

    const final = readDatabase();
    expect(final.integrity).toBe("ok");
    expect(final.orphans).toBe(0);
    // One choice per person and per key, each whole: nobody's confirmation was recorded twice.
    expect(final.choices).toHaveLength(LOAD + IN_FLIGHT);
    expect(new Set(final.choices.map((c) => c.person_id)).size).toBe(LOAD + IN_FLIGHT);
    expect(new Set(final.choices.map((c) => c.idempotency_key))).toEqual(new Set(pool.map((p) => p.key)));
    for (const c of final.choices) expect(c, `choice ${c.reference}`).toMatchObject({ history: 1, audits: 1 });
    expect(new Set(final.choices.map((c) => c.reference))).toEqual(new Set([...acknowledged, ...resent].map((o) => o.reference)));
  });
});

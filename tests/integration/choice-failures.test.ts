import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { audit, choiceDrafts, choiceHistory, choices } from "../../db/schema";
import { confirmChoice, savePick } from "~/.server/choice/choices.store";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema";
import { getDb, setDb, type Db } from "~/.server/platform/db";
import { action as checkAction } from "~/routes/lang.choose.check";
import { loader as myDataLoader } from "~/routes/lang.my.data-json";
import { run, formArgs } from "../support/request";
import { answerEligible, person } from "./choice-helpers";

/**
 * A write that fails must say plainly that the choice was NOT recorded, never show a receipt,
 * and leave nothing half-written. The failures here are real SQLite failures, injected from
 * outside the code under test: another connection holding the write lock past the busy timeout
 * (SQLITE_BUSY), and a database that cannot be written (SQLITE_READONLY, as on a full or failed
 * disk).
 */
const lang = { lang: "fi" };

function counts() {
  const n = (t: typeof choices | typeof choiceHistory | typeof audit) => getDb().select({ n: sql<number>`count(*)` }).from(t).get()!.n;
  return { choices: n(choices), history: n(choiceHistory), audit: n(audit) };
}

function draftPublic(p: ReturnType<typeof person>) {
  savePick(p.user, { pilotSlug: "north-savo-choice", kind: "public_service", providerId: null, providerSlug: null });
  return getDb().select().from(choiceDrafts).get()!.idempotencyKey;
}

let blocker: Database.Database | undefined;
afterEach(() => {
  if (blocker?.inTransaction) blocker.exec("ROLLBACK");
  blocker?.close();
  blocker = undefined;
});

describe("a write that fails", () => {
  it("busy past the timeout: 503, the page says NOT recorded, nothing is written; trying again with the same key records it once", async () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draftPublic(aino);
    const before = counts();
    const file = getDb().$client.name;
    getDb().$client.pragma("busy_timeout = 100");
    blocker = new Database(file);
    blocker.exec("BEGIN IMMEDIATE");

    const res = await run(() => checkAction(formArgs(aino, "/fi/choose/check", lang, { key })));
    expect(res).not.toBeInstanceOf(Response); // no redirect to a receipt
    const { data, init } = res as unknown as { data: { notRecorded: boolean; problem: string; key: string }; init: ResponseInit };
    expect(init.status).toBe(503);
    expect(data.notRecorded).toBe(true);
    expect(data.problem).toBe("busy");
    // The same confirmation form stays on the page, so that trying again cannot record twice.
    expect(data.key).toBe(key);

    blocker.exec("ROLLBACK");
    expect(counts()).toEqual(before);

    const retry = await run(() => checkAction(formArgs(aino, "/fi/choose/check", lang, { key })));
    expect((retry as Response).status).toBe(303);
    const again = await run(() => checkAction(formArgs(aino, "/fi/choose/check", lang, { key })));
    expect((again as Response).headers.get("location")).toBe((retry as Response).headers.get("location"));
    expect(counts().choices).toBe(before.choices + 1);
  });

  it("a database that cannot be written: a failure, not a receipt, and no row", () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draftPublic(aino);
    const writable = getDb();
    const file = writable.$client.name;
    const readOnly = openDatabaseReadOnly(file);
    setDb(readOnly);
    try {
      expect(confirmChoice(aino.user, key)).toEqual({ ok: false, failure: "storage" });
    } finally {
      readOnly.$client.close();
      setDb(writable);
    }
    expect(counts().choices).toBe(0);
    // The person's data can still be read and downloaded: nothing is lost.
    expect(confirmChoice(aino.user, key).ok).toBe(true);
  });

  it("the JSON download still answers while another connection holds the write lock (reads never wait)", async () => {
    const aino = person("aino");
    blocker = new Database(getDb().$client.name);
    blocker.exec("BEGIN IMMEDIATE");
    const res = await run<Response>(() => myDataLoader({ request: new Request("http://localhost/fi/my/data.json", { headers: { cookie: aino.cookie } }), params: lang, context: {} }));
    expect(res.status).toBe(200);
  });
});

/** The same database file opened read-only: every write fails with SQLITE_READONLY. */
function openDatabaseReadOnly(file: string): Db {
  const sqlite = new Database(file, { readonly: true });
  sqlite.pragma("busy_timeout = 100");
  return drizzle(sqlite, { schema });
}

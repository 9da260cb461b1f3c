import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseInUse, integrityCheck, restoreBackup, takeBackup } from "~/.server/platform/backup";
import { confirmChoice, listChoices, saveContact, savePick } from "~/.server/choice/choices.store";
import { closeDb, getDb, openDatabase, setDb } from "~/.server/platform/db";
import { action as checkAction, loader as checkLoader } from "~/routes/lang.choose.check";
import { loader as receiptLoader } from "~/routes/lang.my.receipts.$reference";
import { run, getArgs, formArgs } from "../support/request";
import { answerEligible, person, providerId, type Person } from "./choice-helpers";

/**
 * The backup drill of issue 8: record choices, back up while writes go on, record more, restore,
 * and find exactly the choices that the backup contained, intact. The backup and the restore are
 * the functions `npm run backup` and `npm run restore` call, on a real database file.
 */

const lang = { lang: "fi" };
type Ready = { p: Person; key: string; kind: "provider" | "public_service" };
type Recorded = Ready & { reference: string };

let numbers = 0;
/** A generated test person of the North Savo pilot, eligible, with a confirmation page ready. */
function ready(kind: Ready["kind"]): Ready {
  const i = numbers++;
  const n = 12 * Math.floor(i / 2) + (i % 2) + 1;
  const p = person(`generated-${n}`);
  answerEligible(p);
  if (kind === "provider") {
    savePick(p.user, { pilotSlug: "north-savo-choice", kind, providerId: providerId("tyopolku"), providerSlug: "tyopolku" });
    saveContact(p.user, { channel: "email", phone: null, email: `henkilo${n}@example.fi`, language: "fi" });
  } else {
    savePick(p.user, { pilotSlug: "north-savo-choice", kind, providerId: null, providerSlug: null });
  }
  // The key the confirmation page renders into its form.
  const { key } = checkLoader(getArgs(p, "/fi/choose/check", lang));
  return { p, key, kind };
}

/** Confirms through the confirmation form's action: 303 to the receipt. */
async function confirmByForm(r: Ready): Promise<Recorded> {
  const res = await run(() => checkAction(formArgs(r.p, "/fi/choose/check", lang, { key: r.key })));
  const location = res instanceof Response && res.status === 303 ? res.headers.get("location") : null;
  const reference = /\/fi\/my\/receipts\/([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(location ?? "")?.[1];
  if (!reference) throw new Error(`the confirmation was not recorded: ${JSON.stringify(res)}`);
  return { ...r, reference };
}

/** Overwrites the header of the page that holds the choices table: a readable file that is not healthy. */
function corruptCopy(source: string, target: string) {
  fs.copyFileSync(source, target);
  const db = new Database(target, { readonly: true });
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'choices'").pluck().get() as number;
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  db.close();
  const fd = fs.openSync(target, "r+");
  fs.writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, (root - 1) * pageSize);
  fs.closeSync(fd);
}

type StoredChoice = { id: number; reference: string; idempotency_key: string; person_id: number; kind: string; status: string; history: number; audits: number };

function storedChoices(db: Database.Database): StoredChoice[] {
  return db
    .prepare(
      `SELECT c.id, c.reference, c.idempotency_key, c.person_id, c.kind, c.status,
         (SELECT count(*) FROM choice_history h WHERE h.choice_id = c.id AND h.event = 'chosen') AS history,
         (SELECT count(*) FROM audit a WHERE a.subject = c.reference AND a.action = 'choice.record') AS audits
       FROM choices c`,
    )
    .all() as StoredChoice[];
}

describe("the backup drill", () => {
  it("a backup taken while choices are recorded restores exactly the choices committed before it finished, intact", async () => {
    const file = getDb().$client.name;
    const backups = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-drill-"));

    // 1. Choices recorded through the confirmation form.
    const before: Recorded[] = [];
    for (const kind of ["provider", "public_service", "provider", "public_service", "provider"] as const) before.push(await confirmByForm(ready(kind)));
    const writers = Array.from({ length: 40 }, (_, i) => ready(i % 2 ? "public_service" : "provider"));
    const later = Array.from({ length: 4 }, (_, i) => ready(i % 2 ? "public_service" : "provider"));

    // 2. The backup of `npm run backup` (its own connection to the file, as from another process)
    // while this connection, like the running site, records a choice on every turn of the event
    // loop, between the backup's steps, and three more after it has finished. A choice counts as
    // in the backup when it was committed before takeBackup's copy had finished; takeBackup does
    // nothing asynchronous after the copy, so `finished` is set before the next turn.
    let finished = false;
    const during: Recorded[] = [];
    const after: Recorded[] = [];
    const writes = new Promise<void>((resolve, reject) => {
      const turn = () => {
        try {
          const r = writers.shift();
          if (!r || after.length === 3) return resolve();
          const result = confirmChoice(r.p.user, r.key);
          if (!result.ok) throw new Error(`not recorded: ${JSON.stringify(result)}`);
          (finished ? after : during).push({ ...r, reference: result.reference });
          setImmediate(turn);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      setImmediate(turn);
    });
    const backup = await takeBackup({ source: file, dir: backups, keep: 3 }).finally(() => {
      finished = true;
    });
    await writes;
    // The copy finished while the writes went on (it neither waited for them to stop nor kept
    // restarting because of them), and choices were recorded while it ran.
    expect(during.length).toBeGreaterThan(0);
    expect(after).toHaveLength(3);
    expect(path.basename(backup.file)).toMatch(/^valinta-\d{4}-\d{2}-\d{2}T[\d-]+Z\.db$/);
    expect(integrityCheck(backup.file)).toBe("ok");

    // 3. More choices after the backup, through the form again.
    for (const r of later) after.push(await confirmByForm(r));
    const inBackup = [...before, ...during];
    const everything = [...inBackup, ...after];
    expect(new Set(everything.map((r) => r.reference)).size).toBe(everything.length);

    // 4. The restore refuses while the database is open (the running site), and refuses a damaged file.
    expect(databaseInUse(file)).toBe(true);
    closeDb(); // the server's shutdown: checkpoint the WAL and close
    expect(databaseInUse(file)).toBe(false);
    const damaged = path.join(backups, "damaged.db");
    corruptCopy(backup.file, damaged);
    expect(() => restoreBackup(damaged, file)).toThrow(/nothing was restored/);
    const untouched = new Database(file, { readonly: true });
    expect(storedChoices(untouched)).toHaveLength(everything.length);
    untouched.close();

    const { replaced } = restoreBackup(backup.file, file);
    // The database it replaced is kept beside it, with every choice.
    expect(replaced).not.toBeNull();
    const previous = new Database(replaced!, { readonly: true });
    expect(storedChoices(previous)).toHaveLength(everything.length);
    previous.close();

    // 5. The restored database: exactly the choices the backup contained, each whole.
    const restored = openDatabase(file);
    setDb(restored);
    try {
      expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      const stored = storedChoices(restored.$client);
      expect(new Set(stored.map((c) => c.reference))).toEqual(new Set(inBackup.map((r) => r.reference)));
      expect(stored).toHaveLength(inBackup.length);
      const byReference = new Map(stored.map((c) => [c.reference, c]));
      for (const r of inBackup) {
        expect(byReference.get(r.reference), r.reference).toMatchObject({
          idempotency_key: r.key,
          person_id: r.p.personId,
          kind: r.kind,
          status: "current",
          history: 1,
          audits: 1,
        });
        // Its owner's session came back with it: the receipt opens as before.
        const receipt = receiptLoader(getArgs(r.p, `/fi/my/receipts/${r.reference}`, { ...lang, reference: r.reference }));
        expect(receipt.reference).toBe(r.reference);
      }
      // No half of a choice: no "chosen" history row or choice audit row without its choice.
      const rows = (sql: string) => restored.$client.prepare(sql).pluck().get() as number;
      expect(rows("SELECT count(*) FROM choice_history WHERE event = 'chosen'")).toBe(inBackup.length);
      expect(rows("SELECT count(*) FROM audit WHERE action LIKE 'choice.%'")).toBe(inBackup.length);
      // The choices recorded after the backup are not there.
      for (const r of after) expect(listChoices(r.p.user), r.reference).toEqual([]);
    } finally {
      restored.$client.close();
      fs.rmSync(backups, { recursive: true, force: true });
    }
  });
});

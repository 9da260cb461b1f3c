import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer, type CheckpointResult } from "~/.server/platform/checkpointer";

/** WAL checkpoints in a worker thread (docs/decisions/060-checkpoints-in-a-worker.md). */
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function fileDb() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "valinta-ckpt-")), "c.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  db.pragma("wal_checkpoint(TRUNCATE)");
  opened.push(db);
  return { db, file };
}

const writeRows = (db: Database.Database, n: number) => {
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  for (let i = 0; i < n; i++) db.transaction(() => insert.run("x".repeat(2000)))();
};

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("the checkpoint worker", () => {
  it("takes checkpoints off the server's connection and copies the WAL into the database file", async () => {
    const { db, file } = fileDb();
    const seen: CheckpointResult[] = [];
    const stop = startCheckpointer(db, { intervalMs: 50, onCheckpoint: (r) => seen.push(r) });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const sizeBefore = fs.statSync(file).size;
    // 3,000 pages of commits: past the 1,000 at which the connection would have checkpointed itself.
    writeRows(db, 1500);
    await until(() => seen.some((r) => r.log > 0 && r.checkpointed === r.log) && fs.statSync(file).size > sizeBefore + 2_000_000);
    expect(seen.every((r) => r.busy === 0)).toBe(true);
    await stop();
    // Stopped: the connection checkpoints by itself again.
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(1500);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  }, 30_000);

  it("hands checkpoints back to the connection if the worker dies", async () => {
    const { db, file } = fileDb();
    fs.rmSync(file); // the worker cannot open a database that is gone: it fails at start
    const stop = startCheckpointer(db, { intervalMs: 50 });
    await until(() => db.pragma("wal_autocheckpoint", { simple: true }) === 1000);
    await stop();
  });

  it("does nothing for a database in memory", async () => {
    const db = new Database(":memory:");
    opened.push(db);
    const stop = startCheckpointer(db);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await stop();
  });
});

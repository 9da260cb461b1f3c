import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupName, databaseInUse, integrityCheck, restoreBackup, rotate, takeBackup } from "~/.server/platform/backup";
import { openDatabase } from "~/.server/platform/db";

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "valinta-backup-"));
}

describe("backups", () => {
  it("names backups by UTC time so that they sort in time order", () => {
    expect(backupName(new Date("2026-11-25T12:00:00.123Z"))).toBe("valinta-2026-11-25T12-00-00-123Z.db");
  });

  it("takes an online copy that passes the integrity check and keeps only the newest N", async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, "live.db"));
    db.$client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    db.$client.prepare("INSERT INTO t (v) VALUES (?)").run("a");
    for (let i = 0; i < 4; i++) {
      await takeBackup({ source: db.$client, dir: path.join(dir, "b"), keep: 2, now: new Date(Date.UTC(2026, 0, 1, i)) });
    }
    const kept = fs.readdirSync(path.join(dir, "b")).sort();
    expect(kept).toEqual(["valinta-2026-01-01T02-00-00-000Z.db", "valinta-2026-01-01T03-00-00-000Z.db"]);
    expect(integrityCheck(path.join(dir, "b", kept[1]))).toBe("ok");
    db.$client.close();
  });

  it("refuses to restore a file that is not a healthy database, and changes nothing", () => {
    const dir = tempDir();
    const live = path.join(dir, "live.db");
    const db = new Database(live);
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('keep me')");
    db.close();
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "this is not a database at all, just some text".repeat(200));
    expect(() => restoreBackup(junk, live)).toThrow(/nothing was restored/);
    const after = new Database(live);
    expect(after.prepare("SELECT v FROM t").get()).toEqual({ v: "keep me" });
    after.close();
  });

  it("keeps the replaced database's WAL with it, so commits left there by a crash are not lost", () => {
    const dir = tempDir();
    const crashed = path.join(dir, "crashed");
    fs.mkdirSync(crashed);
    const live = path.join(dir, "live.db");
    // A database whose last commit is only in its WAL, as a killed server leaves it.
    const db = new Database(live);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('only in the WAL')");
    for (const suffix of ["", "-wal"]) fs.copyFileSync(live + suffix, path.join(crashed, "live.db" + suffix));
    db.close();
    const target = path.join(crashed, "live.db");
    expect(fs.statSync(`${target}-wal`).size).toBeGreaterThan(0);

    const good = path.join(dir, "good.db");
    const g = new Database(good);
    g.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('from the backup')");
    g.close();
    const { replaced } = restoreBackup(good, target);
    const previous = new Database(replaced!, { readonly: true });
    expect(previous.prepare("SELECT v FROM t").pluck().all()).toEqual(["only in the WAL"]);
    previous.close();
    const restored = new Database(target, { readonly: true });
    expect(restored.prepare("SELECT v FROM t").pluck().all()).toEqual(["from the backup"]);
    restored.close();
  });

  it("knows when a running server holds the database", () => {
    const dir = tempDir();
    const file = path.join(dir, "live.db");
    const db = openDatabase(file);
    db.$client.exec("CREATE TABLE t (v TEXT)");
    const holder = db.$client.prepare("BEGIN IMMEDIATE");
    holder.run();
    expect(databaseInUse(file)).toBe(true);
    db.$client.prepare("COMMIT").run();
    db.$client.close();
    expect(databaseInUse(file)).toBe(false);
    expect(rotate(dir, 5)).toEqual([]);
  });
});

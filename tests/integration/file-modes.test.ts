import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restoreBackup, takeBackup, tightenBackups } from "~/.server/platform/backup";
import { openDatabase } from "~/.server/platform/db";

/**
 * Personal data readable only by the service's user (issue 12, part 8; docs/decisions/067): the
 * database, its WAL and SHM, the backups and the copy kept before a restore are 0600 in 0700
 * folders, made so explicitly whatever the umask (these tests run with the usual 022), and an older
 * version's 0644 files in 0755 folders are tightened.
 */
const mode = (p: string) => fs.statSync(p).mode & 0o777;

function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-modes-"));
  fs.chmodSync(dir, 0o755);
  return dir;
}

function writeSomething(file: string) {
  const db = openDatabase(file);
  db.$client.exec("CREATE TABLE IF NOT EXISTS t (x); INSERT INTO t VALUES (1)");
  return db;
}

describe("file modes", () => {
  it("a fresh database, its -wal and -shm are 0600 in a 0700 folder", () => {
    const file = path.join(scratch(), "data", "valinta.db");
    const db = writeSomething(file);
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.$client.close();
  });

  it("an older version's 0644 database in a 0755 folder is tightened when it is opened", () => {
    const dir = path.join(scratch(), "data");
    fs.mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, "valinta.db");
    writeSomething(file).$client.close();
    for (const f of [dir]) fs.chmodSync(f, 0o755);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(`${file}.before-restore-2026-01-01T00-00-00-000Z`, "old copy", { mode: 0o644 });
    const db = openDatabase(file);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}.before-restore-2026-01-01T00-00-00-000Z`)).toBe(0o600);
    db.$client.close();
  });

  it("a folder that holds other things too is left as it is; the database in it is still 0600", () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, "someone-elses.txt"), "x", { mode: 0o644 });
    const file = path.join(dir, "valinta.db");
    const db = writeSomething(file);
    expect(mode(dir)).toBe(0o755);
    expect(mode(path.join(dir, "someone-elses.txt"))).toBe(0o644);
    expect(mode(file)).toBe(0o600);
    db.$client.close();
  });

  it("a backup is 0600 in a 0700 folder; older backups are tightened at start", async () => {
    const root = scratch();
    const file = path.join(root, "db", "valinta.db");
    const db = writeSomething(file);
    const dir = path.join(root, "backups");
    const { file: backup } = await takeBackup({ source: db.$client, dir, keep: 5 });
    expect(mode(dir)).toBe(0o700);
    expect(mode(backup)).toBe(0o600);

    fs.chmodSync(dir, 0o755);
    fs.chmodSync(backup, 0o644);
    tightenBackups(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(backup)).toBe(0o600);
    db.$client.close();
  });

  it("a restore: the pre-restore copy and the restored database are 0600 in a 0700 folder", async () => {
    const root = scratch();
    const file = path.join(root, "db", "valinta.db");
    const db = writeSomething(file);
    const { file: backup } = await takeBackup({ source: db.$client, dir: path.join(root, "backups"), keep: 5 });
    db.$client.close();
    // As an older version left them.
    fs.chmodSync(path.dirname(file), 0o755);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(backup, 0o644);
    const { replaced } = restoreBackup(backup, file);
    expect(replaced).not.toBeNull();
    expect(mode(replaced!)).toBe(0o600);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
  });
});

import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { databaseFiles, PRIVATE_FILE, privateDir, privateFile } from "./file-modes";

/**
 * Online backups with SQLite's backup API: the site keeps running and writing while the copy is
 * made, and the copy is a consistent snapshot. Each copy is checked with PRAGMA integrity_check
 * before it counts, named by UTC time, and only the newest `keep` are kept.
 */
export function backupName(now: Date): string {
  return `valinta-${now.toISOString().replace(/[:.]/g, "-")}.db`;
}

/** A backup, or one being written. */
const isBackupFile = (name: string) => /^valinta-.*\.db(\.partial)?(-journal)?$/.test(name);

export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** The largest step better-sqlite3's backup accepts: the whole database at once. */
const ALL_PAGES = 0x7fffffff;

export async function takeBackup(opts: {
  source: Database.Database | string;
  dir: string;
  keep: number;
  now?: Date;
}): Promise<{ file: string; bytes: number; removed: string[] }> {
  // Backups hold personal data: the folder 0700, each copy 0600 (decision 067).
  privateDir(opts.dir, isBackupFile);
  const target = path.join(opts.dir, backupName(opts.now ?? new Date()));
  const partial = `${target}.partial`;
  const own = typeof opts.source === "string";
  const source = typeof opts.source === "string" ? new Database(opts.source, { fileMustExist: true }) : opts.source;
  try {
    // With a connection of its own (`npm run backup`), every page is copied in one step, inside one
    // read transaction: in WAL mode the site's writers go on meanwhile, and the copy is the snapshot
    // at that step. Copied a hundred pages at a time instead, any commit of another connection
    // between two steps restarts the copy from the first page, and under steady writes it never
    // finishes. The server's own connection (the interval backup) keeps the small steps: its own
    // writes update the copy instead of restarting it, and it keeps serving between steps.
    await source.backup(partial, own ? { progress: () => ALL_PAGES } : undefined);
  } finally {
    if (own) source.close();
  }
  privateFile(partial);
  // The copy inherits WAL mode; a backup is a single self-contained file.
  const copy = new Database(partial);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const check = integrityCheck(partial);
  if (check !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`The backup failed its integrity check (${check}); nothing was kept.`);
  }
  fs.renameSync(partial, target);
  const removed = rotate(opts.dir, opts.keep);
  return { file: target, bytes: fs.statSync(target).size, removed };
}

/** Tightens the backups an older version left readable to others (at start): the folder 0700, each copy 0600. */
export function tightenBackups(dir: string): void {
  if (!fs.existsSync(dir)) return;
  privateDir(dir, isBackupFile);
  for (const name of fs.readdirSync(dir)) if (isBackupFile(name)) privateFile(path.join(dir, name));
}

/** Keeps the newest `keep` backups (names sort by time) and removes the rest. */
export function rotate(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^valinta-.*\.db$/.test(f))
    .sort();
  const old = files.slice(0, Math.max(0, files.length - keep));
  for (const f of old) fs.rmSync(path.join(dir, f));
  return old;
}

/**
 * Puts a backup in place of the database. Only while the server is stopped: the caller checks
 * that nothing holds the database. Refuses a file that fails the integrity check. The database
 * being replaced is kept beside it as `<name>.before-restore-<time>`.
 */
export function restoreBackup(backupFile: string, databaseFile: string, now = new Date()): { replaced: string | null } {
  if (!fs.existsSync(backupFile)) throw new Error(`No such backup: ${backupFile}`);
  let check: string;
  try {
    check = integrityCheck(backupFile);
  } catch (error) {
    throw new Error(`${backupFile} is not a readable SQLite database (${(error as Error).message}); nothing was restored.`, {
      cause: error,
    });
  }
  if (check !== "ok") throw new Error(`${backupFile} failed the integrity check (${check}); nothing was restored.`);
  let replaced: string | null = null;
  if (fs.existsSync(databaseFile)) {
    replaced = `${databaseFile}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(databaseFile, replaced);
    // Its WAL goes with it (SQLite finds "<name>-wal" beside "<name>"): after a crash, the last
    // commits may be only there.
    if (fs.existsSync(`${databaseFile}-wal`)) fs.renameSync(`${databaseFile}-wal`, `${replaced}-wal`);
    // The copy kept holds the same personal data: 0600, whatever an older version made it.
    privateFile(replaced);
    privateFile(`${replaced}-wal`);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
  privateDir(path.dirname(path.resolve(databaseFile)), databaseFiles(path.resolve(databaseFile)));
  // copyFile keeps the backup's mode; the database is 0600 before it takes the database's name.
  fs.copyFileSync(backupFile, `${databaseFile}.restoring`);
  fs.chmodSync(`${databaseFile}.restoring`, PRIVATE_FILE);
  fs.renameSync(`${databaseFile}.restoring`, databaseFile);
  return { replaced };
}

/** True when another connection has the database open (a running server, even an idle one). */
export function databaseInUse(databaseFile: string): boolean {
  if (!fs.existsSync(databaseFile)) return false;
  const db = new Database(databaseFile, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    // In WAL mode BEGIN EXCLUSIVE takes only the write lock, which an idle server does not hold.
    // Exclusive locking mode needs an exclusive lock on the database file itself, which is refused
    // while any other connection has the database open (WAL connections keep a shared lock on it).
    db.pragma("locking_mode = EXCLUSIVE");
    db.prepare("BEGIN EXCLUSIVE").run();
    db.prepare("ROLLBACK").run();
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

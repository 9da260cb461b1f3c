import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "../../../db/schema";
import type { Db } from "../../../db/types";
import { config } from "./config";
import { databaseFiles, privateDir, privateFile } from "./file-modes";
import { classifyFailure } from "./write-failures";

/** Defined next to the schema (db/types.ts), which the seed shares; server code imports it from here. */
export type { Db };

/**
 * Opens the database with the pragmas that make a recorded choice durable: WAL, synchronous=FULL
 * (a commit survives a power cut, not only a crash of the process), a busy timeout so that
 * writers queue instead of failing, and foreign keys on.
 */
export function openDatabase(file: string): Db {
  const onDisk = file !== ":memory:";
  const absolute = path.resolve(file);
  // Personal data: the folder 0700, the database 0600 (SQLite gives its -wal and -shm the
  // database's mode); an older version's 0644/0755 are tightened here (decision 067).
  if (onDisk) {
    const dir = path.dirname(absolute);
    const own = databaseFiles(absolute);
    privateDir(dir, own);
    // The database and what belongs to it: journals, the copies kept before a restore.
    for (const name of fs.readdirSync(dir)) if (own(name)) privateFile(path.join(dir, name));
  }
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  if (onDisk) for (const f of [absolute, `${absolute}-wal`, `${absolute}-shm`]) privateFile(f);
  return drizzle(sqlite, { schema });
}

export function migrateDatabase(db: Db, migrationsFolder = config().MIGRATIONS_DIR) {
  migrate(db, { migrationsFolder });
}

let instance: Db | undefined;
export function getDb(): Db {
  return (instance ??= openDatabase(config().DATABASE_PATH));
}
/** Tests swap the database; the shutdown path closes it. */
export function setDb(db: Db | undefined) {
  instance = db;
}
export function closeDb() {
  if (!instance) return;
  try {
    instance.$client.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    instance.$client.close();
    instance = undefined;
  }
}

/** Below this much free space where the database lives, writes are about to fail (a WAL alone grows by megabytes). */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

/**
 * Healthy when the database opens, is in WAL mode, passes a quick integrity check and can be
 * written: a write that needs a new page, in a transaction that is rolled back (it fails as a real
 * write would on a full, read-only or locked database), and enough free space on the disk for the
 * commits that a rolled-back write never makes (decision 067).
 */
export function checkHealth(db: Db = getDb(), { minFreeBytes = MIN_FREE_BYTES }: { minFreeBytes?: number } = {}): { ok: boolean; detail: string } {
  const client = db.$client;
  try {
    const mode = client.pragma("journal_mode", { simple: true });
    const check = client.pragma("quick_check", { simple: true });
    const ok = mode === "wal" && check === "ok";
    const detail = `journal_mode=${String(mode)} quick_check=${String(check)}`;
    if (!ok) return { ok, detail };
    const failure = writeProbe(client);
    if (failure) return { ok: false, detail: `writes failing (${failure})` };
    if (!client.memory) {
      const disk = fs.statfsSync(path.dirname(path.resolve(client.name)));
      const free = disk.bavail * disk.bsize;
      if (free < minFreeBytes) return { ok: false, detail: `writes failing (${free} bytes free on the disk)` };
    }
    return { ok, detail };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : "unknown" };
  }
}

/** The SQLite code of a write that fails, or null when it would succeed; nothing is kept either way. */
function writeProbe(client: Database.Database): string | null {
  try {
    client.exec("BEGIN IMMEDIATE");
    try {
      // A page's worth of zeros needs a page of its own: it fails when the database cannot grow.
      const pageSize = Number(client.pragma("page_size", { simple: true }));
      client
        .prepare("INSERT INTO audit (at, actor, action, details) VALUES (?, 'health', 'health.write-probe', zeroblob(?))")
        .run(new Date().toISOString(), pageSize);
    } finally {
      // SQLite may already have rolled back after SQLITE_FULL or an I/O error.
      if (client.inTransaction) client.exec("ROLLBACK");
    }
    return null;
  } catch (error) {
    if (classifyFailure(error) === "error") throw error;
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? code : "unknown";
  }
}

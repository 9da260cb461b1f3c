import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "../../db/schema";
import { config } from "./config";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens the database with the pragmas that make a recorded choice durable: WAL, synchronous=FULL
 * (a commit survives a power cut, not only a crash of the process), a busy timeout so that
 * writers queue instead of failing, and foreign keys on.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
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

/** Healthy when the database opens, is in WAL mode and passes a quick integrity check. */
export function checkHealth(db: Db = getDb()): { ok: boolean; detail: string } {
  try {
    const mode = db.$client.pragma("journal_mode", { simple: true });
    const check = db.$client.pragma("quick_check", { simple: true });
    const ok = mode === "wal" && check === "ok";
    return { ok, detail: `journal_mode=${String(mode)} quick_check=${String(check)}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : "unknown" };
  }
}

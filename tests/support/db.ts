import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, setDb, type Db } from "~/.server/platform/db";
import { seed } from "~/.server/platform/seed";
import { NOW } from "./clock";

let base: string | undefined;

/**
 * A fresh database for a test: migrated and seeded once into a base file per worker, then copied,
 * so that each test starts from the same example data in a few milliseconds. The dated example data
 * is built relative to the tests' fixed day (./clock.ts).
 */
export function createTestDb(): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-test-"));
  if (!base || !fs.existsSync(base)) {
    base = path.join(dir, "base.db");
    const seedDb = openDatabase(base);
    migrateDatabase(seedDb, "db/migrations");
    seed(seedDb, { examples: false, now: NOW }); // the example data relative to the tests' one day
    seedDb.$client.pragma("wal_checkpoint(TRUNCATE)");
    seedDb.$client.close();
  }
  const file = path.join(dir, "test.db");
  fs.copyFileSync(base, file);
  const db = openDatabase(file);
  setDb(db);
  return { db, file };
}

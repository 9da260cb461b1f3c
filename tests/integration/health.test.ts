import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema";
import { checkHealth, getDb, openDatabase } from "~/.server/platform/db";
import { fillDisk, rowCounts } from "../support/full-disk";

describe("health", () => {
  it("is healthy on the seeded database (WAL, quick_check ok)", () => {
    expect(checkHealth(getDb())).toEqual({ ok: true, detail: "journal_mode=wal quick_check=ok" });
  });

  it("is unhealthy when the database is not in WAL mode", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "valinta-h-")), "h.db");
    const db = openDatabase(file);
    db.$client.pragma("journal_mode = DELETE");
    expect(checkHealth(db).ok).toBe(false);
    db.$client.close();
  });

  it("the database holds choices durably: WAL, synchronous FULL, a busy timeout, foreign keys", () => {
    const client = getDb().$client;
    expect(client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(client.pragma("synchronous", { simple: true })).toBe(2);
    expect(client.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(client.pragma("foreign_keys", { simple: true })).toBe(1);
  });
});

describe("health when writes fail (issue 12, part 7; decision 067)", () => {
  it("a full disk: unhealthy, 'writes failing (SQLITE_FULL)', and the probe leaves nothing behind", () => {
    const before = rowCounts();
    expect(checkHealth(getDb()).ok).toBe(true);
    fillDisk();
    expect(checkHealth(getDb())).toEqual({ ok: false, detail: "writes failing (SQLITE_FULL)" });
    expect(rowCounts()).toEqual(before);
    // Room again: healthy again.
    getDb().$client.pragma("max_page_count = 1000000");
    expect(checkHealth(getDb()).ok).toBe(true);
    expect(rowCounts()).toEqual(before);
  });

  it("a database that cannot be written: unhealthy, 'writes failing (SQLITE_READONLY)'", () => {
    const db = drizzle(new Database(getDb().$client.name, { readonly: true }), { schema });
    expect(checkHealth(db)).toEqual({ ok: false, detail: "writes failing (SQLITE_READONLY)" });
    db.$client.close();
  });

  it("another writer holding the lock past the busy timeout: unhealthy, 'writes failing (SQLITE_BUSY)'", () => {
    const blocker = new Database(getDb().$client.name);
    getDb().$client.pragma("busy_timeout = 50");
    blocker.exec("BEGIN IMMEDIATE");
    try {
      expect(checkHealth(getDb())).toEqual({ ok: false, detail: "writes failing (SQLITE_BUSY)" });
    } finally {
      blocker.exec("ROLLBACK");
      blocker.close();
    }
  });

  it("too little free space on the disk for the next commits: unhealthy", () => {
    const health = checkHealth(getDb(), { minFreeBytes: Number.MAX_SAFE_INTEGER });
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/^writes failing \(\d+ bytes free on the disk\)$/);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkHealth, getDb, openDatabase } from "~/.server/db";

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

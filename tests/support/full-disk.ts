import { expect } from "vitest";
import { getDb, type Db } from "~/.server/platform/db";

/**
 * A full disk on the test database: the database may not grow by a single page
 * (`PRAGMA max_page_count` = its size now), so every write that needs a new page fails with
 * SQLITE_FULL, as on a disk with no space left. Writes that still fit in a page's free space go
 * through, so a test repeats a request until it no longer fits (`untilNotSaved`).
 */
export function fillDisk(db: Db = getDb()) {
  const client = db.$client;
  client.pragma(`max_page_count = ${Number(client.pragma("page_count", { simple: true }))}`);
  expect(Number(client.pragma("freelist_count", { simple: true }))).toBe(0);
}

/** The number of rows in every table, to show that a failed write left nothing behind. */
export function rowCounts(db: Db = getDb()): Record<string, number> {
  const client = db.$client;
  const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, Number(client.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())]));
}

/**
 * Repeats a request that writes until the disk has no room for it; every earlier answer must be a
 * success (below 400). Returns the 503 and the row counts just before and after it.
 */
export async function untilNotSaved(request: (i: number) => Promise<Response>, max = 1000) {
  for (let i = 0; i < max; i++) {
    const before = rowCounts();
    const res = await request(i);
    if (res.status === 503) return { res, before, after: rowCounts() };
    expect(res.status, `request ${i}`).toBeLessThan(400);
  }
  throw new Error(`the disk never filled up in ${max} requests`);
}

/** The 503 page: translated, with Retry-After, in the page's language. */
export async function expectNotSaved(res: Response, title: string) {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("30");
  const html = await res.text();
  expect(html).toContain(`<h1>${title}</h1>`);
  return html;
}

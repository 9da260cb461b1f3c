import type { Db } from "./db";

/**
 * Statements prepared once per database, then only bound (docs/decisions/024-comparison-speed.md):
 * building a query's SQL with drizzle and compiling it in SQLite cost more than running it.
 *
 *   const byPerson = once(db, "answers:by-person", () =>
 *     db.select().from(eligibilityAnswers).where(eq(eligibilityAnswers.personId, sql.placeholder("personId"))).prepare(),
 *   );
 *   byPerson.get({ personId: user.id });
 *
 * Keyed by the database instance, because tests swap it (setDb): a statement never outlives its
 * connection. A statement prepared on `db` may be run inside `db.transaction((tx) => …)`: with
 * better-sqlite3 both are the same connection, so it reads and writes inside that transaction.
 *
 * Placeholders of JSON columns: drizzle encodes a bound value with JSON.stringify, which turns
 * null into the text "null" where a direct value would store SQL NULL. Bind those with `json()`
 * below through a raw `sql` placeholder instead.
 */
const prepared = new WeakMap<Db, Map<string, unknown>>();

export function once<T>(db: Db, key: string, make: () => T): T {
  let perDb = prepared.get(db);
  if (!perDb) prepared.set(db, (perDb = new Map<string, unknown>()));
  let stmt = perDb.get(key) as T | undefined;
  if (stmt === undefined) perDb.set(key, (stmt = make()));
  return stmt;
}

/** A value for a JSON column, stored exactly as drizzle stores a direct value: SQL NULL for null. */
export function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

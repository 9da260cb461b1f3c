import { eq, lt, sql } from "drizzle-orm";
import { people, sessions } from "../../../db/schema";
import { audit } from "../platform/audit.store";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";
import { identityHashOf } from "./people.store";

/**
 * The sessions table (docs/decisions/032-sessions.md): the only code that reads or writes it. A row
 * holds the SHA-256 of the cookie's token, never the token; ./session.ts decides what is valid.
 */

type Tx = Pick<Db, "insert" | "delete" | "update" | "select">;

export type NewSession = { tokenHash: string; personId: number; createdAt: number; lastSeenAt: number; expiresAt: number };

export function insertSession(tx: Tx, row: NewSession) {
  tx.insert(sessions).values(row).run();
}

/** The person and times of a session, without the person's row (the rate limits' key). */
export function sessionTimes(hash: string, db: Db = getDb()) {
  return once(db, "session:person", () =>
    db
      .select({ personId: sessions.personId, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(eq(sessions.tokenHash, sql.placeholder("hash")))
      .prepare(),
  ).get({ hash });
}

/** A session with its person. Every request of a signed-in person asks this: prepared once per database, then only bound. */
export function sessionWithPerson(hash: string, db: Db = getDb()) {
  return once(db, "session:by-hash", () =>
    db
      .select({ session: sessions, person: people })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .where(eq(sessions.tokenHash, sql.placeholder("hash")))
      .prepare(),
  ).get({ hash });
}

export function deleteSession(hash: string, db: Db = getDb()) {
  once(db, "session:delete", () => db.delete(sessions).where(eq(sessions.tokenHash, sql.placeholder("hash"))).prepare()).run({ hash });
}

/** Restarts a session's idle timer. */
export function touchSession(hash: string, now: number, db: Db = getDb()) {
  once(db, "session:touch", () =>
    db.update(sessions).set({ lastSeenAt: sql`${sql.placeholder("now")}` }).where(eq(sessions.tokenHash, sql.placeholder("hash"))).prepare(),
  ).run({ hash, now });
}

/** Deletes a session (inside a transaction). Returns the person id it belonged to, if any. */
export function takeSession(tx: Tx, hash: string): number | null {
  const row = tx.select({ personId: sessions.personId }).from(sessions).where(eq(sessions.tokenHash, hash)).get();
  tx.delete(sessions).where(eq(sessions.tokenHash, hash)).run();
  return row?.personId ?? null;
}

/** Removes sessions past their absolute expiry (`now`) or not used since `idleSince`. */
export function deleteEndedSessions(tx: Tx, now: number, idleSince: number) {
  tx.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  tx.delete(sessions).where(lt(sessions.lastSeenAt, idleSince)).run();
}

/**
 * Sign-out: deletes the session and, when there was one, audits it as its person's sign-out, in one
 * transaction. Returns whether there was a session.
 */
export function endSession(hash: string, db: Db = getDb()): boolean {
  return db.transaction(
    (tx) => {
      const personId = takeSession(tx, hash);
      if (personId === null) return false;
      const actor = identityHashOf(tx, personId);
      if (actor) audit(tx, { actor, action: "auth.sign-out" });
      return true;
    },
    { behavior: "immediate" },
  );
}

/** A person's sessions, times only (never the token's hash): for their own page and data download. */
export function sessionsOf(personId: number, db: Db = getDb()) {
  return once(db, "sessions:of-person", () =>
    db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.personId, sql.placeholder("personId")))
      .prepare(),
  ).all({ personId });
}

import { eq, lt } from "drizzle-orm";
import { signInAttempts } from "../../../db/schema";
import { audit } from "../platform/audit.store";
import { getDb, type Db } from "../platform/db";
import { savePerson, type IdentifiedPerson } from "./people.store";
import { deleteEndedSessions, insertSession, takeSession, type NewSession } from "./sessions.store";

/**
 * The writes of a sign-in (docs/decisions/030-identification-and-sessions.md): the one-time
 * sign-in rows (`sign_in_attempts`: state, nonce, PKCE verifier) and, when the provider's answer
 * is accepted, the person, their new session and the audit row, in one transaction. ./oidc.ts
 * decides what is accepted.
 */

export type SignInAttempt = typeof signInAttempts.$inferSelect;

/** Stores a started sign-in, and forgets the ones that expired before `now`. */
export function saveSignInAttempt(attempt: SignInAttempt, now: number, db: Db = getDb()) {
  db.transaction(
    (tx) => {
      tx.delete(signInAttempts).where(lt(signInAttempts.expiresAt, now)).run();
      tx.insert(signInAttempts).values(attempt).run();
    },
    { behavior: "immediate" },
  );
}

/** The sign-in of a cookie, used once: taken and deleted in one step, so a replayed callback finds nothing. */
export function takeSignInAttempt(cookieHash: string, db: Db = getDb()): SignInAttempt | undefined {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(signInAttempts).where(eq(signInAttempts.cookieHash, cookieHash)).get();
      if (row) tx.delete(signInAttempts).where(eq(signInAttempts.cookieHash, row.cookieHash)).run();
      return row;
    },
    { behavior: "immediate" },
  );
}

/**
 * An accepted sign-in, in one transaction: the browser's older session ends, ended sessions are
 * swept, the person is created or refreshed, the new session is stored and the sign-in audited.
 */
export function recordSignIn(
  input: {
    previousSessionHash: string | null;
    /** Sessions not used since then are swept. */
    idleSince: number;
    person: IdentifiedPerson;
    session: Omit<NewSession, "personId">;
    acr: string;
  },
  now: number,
  db: Db = getDb(),
) {
  const at = new Date(now).toISOString();
  db.transaction(
    (tx) => {
      if (input.previousSessionHash) takeSession(tx, input.previousSessionHash);
      deleteEndedSessions(tx, now, input.idleSince);
      const personId = savePerson(tx, input.person, at);
      insertSession(tx, { ...input.session, personId });
      audit(tx, { actor: input.person.identityHash, action: "auth.sign-in", details: { identifiedWith: input.person.identifiedWith, acr: input.acr } }, new Date(now));
    },
    { behavior: "immediate" },
  );
}

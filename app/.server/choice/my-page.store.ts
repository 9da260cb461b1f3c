import { desc, eq, inArray } from "drizzle-orm";
import { audit as auditTable, firstContacts } from "../../../db/schema";
import { getDb, type Db } from "../platform/db";

/**
 * What My page reads besides the person's choices (./choices.store.ts), their person row and
 * sessions (../auth/people.store.ts, ../auth/sessions.store.ts): the days providers recorded a first
 * contact and the audit rows of the person's own actions. Every query is scoped to the person.
 */

/** The day the provider recorded its first contact, for these choices (the person's own). */
export function firstContactDates(choiceIds: number[], db: Db = getDb()): Map<number, string> {
  if (choiceIds.length === 0) return new Map();
  const rows = db
    .select({ choiceId: firstContacts.choiceId, contactedOn: firstContacts.contactedOn })
    .from(firstContacts)
    .where(inArray(firstContacts.choiceId, choiceIds))
    .all();
  return new Map(rows.map((r) => [r.choiceId, r.contactedOn]));
}

/** The audit rows of a person's own actions, newest first: when, what, and on what (never another person). */
export function auditTrailOf(actorId: string, db: Db = getDb()) {
  return db
    .select({ at: auditTable.at, action: auditTable.action, subject: auditTable.subject })
    .from(auditTable)
    .where(eq(auditTable.actor, actorId))
    .orderBy(desc(auditTable.id))
    .all();
}

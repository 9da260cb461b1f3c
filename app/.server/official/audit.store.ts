import { and, count, desc, eq, inArray, like, or } from "drizzle-orm";
import { audit as auditTable, people, roles } from "../../../db/schema";
import { getDb } from "../platform/db";

/**
 * What the back office reads of the audit trail and of who did what (docs/decisions/050-back-office.md).
 * The rows are written by the audit writer (app/.server/platform/audit.store.ts); the page code
 * (./audit.ts) says who did it and what, in the official's language.
 */

export type AuditRow = typeof auditTable.$inferSelect;

/** How many rows the pilot's trail has. */
export function auditCount(pilotSlug: string): number {
  return getDb().select({ n: count() }).from(auditTable).where(eq(auditTable.pilotSlug, pilotSlug)).get()?.n ?? 0;
}

/** A page of the pilot's trail, newest first. */
export function auditRows(pilotSlug: string, limit: number, offset: number): AuditRow[] {
  return getDb().select().from(auditTable).where(eq(auditTable.pilotSlug, pilotSlug)).orderBy(desc(auditTable.id)).limit(limit).offset(offset).all();
}

/**
 * The latest changes to a provider in the pilot's trail: the officials' changes name the provider
 * by id, its staff's profile publications by business ID.
 */
export function providerAuditRows(pilotSlug: string, providerId: number, businessId: string, limit = 50): AuditRow[] {
  return getDb()
    .select()
    .from(auditTable)
    .where(and(eq(auditTable.pilotSlug, pilotSlug), or(eq(auditTable.subject, `provider:${providerId}`), eq(auditTable.subject, businessId)), like(auditTable.action, "provider.%")))
    .orderBy(desc(auditTable.id))
    .limit(limit)
    .all();
}

/** The roles of these actors (hashed identities). */
export function rolesOfActors(identityHashes: string[]) {
  if (identityHashes.length === 0) return [];
  return getDb().select({ identityHash: roles.identityHash, kind: roles.kind, scope: roles.scope }).from(roles).where(inArray(roles.identityHash, identityHashes)).all();
}

/** "Given Family" by hashed identity, for the officials among the actors. */
export function namesOfActors(identityHashes: string[]): Map<string, string> {
  if (identityHashes.length === 0) return new Map();
  const rows = getDb()
    .select({ identityHash: people.identityHash, given: people.givenName, family: people.familyName })
    .from(people)
    .where(inArray(people.identityHash, identityHashes))
    .all();
  return new Map(rows.map((p) => [p.identityHash, `${p.given} ${p.family}`]));
}

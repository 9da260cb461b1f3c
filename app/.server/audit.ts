import { audit as auditTable } from "../../db/schema";
import type { Db } from "./db";

/**
 * The append-only audit trail (docs/decisions/034-audit-trail.md).
 *
 * Call it with the transaction that makes the change, so that the change and its audit row are
 * committed together or not at all:
 *
 *   db.transaction((tx) => {
 *     tx.update(pilots).set(...).where(...).run();
 *     audit(tx, { actor: user.actorId, action: "pilot.update", subject: slug, pilotSlug: slug });
 *   });
 *
 * - actor: the hashed identity of who did it (`SignedInUser.actorId`), or "system" / "seed".
 * - action: a dotted verb ("auth.sign-in", "choice.record", "pilot.update").
 * - subject: what it was done to: an id, a slug, a reference number. Never an identity code,
 *   a name, an email address or a token.
 * - details: small JSON of codes and counts, with the same rule.
 *
 * The database refuses UPDATE and DELETE on the table (triggers in migration 0002).
 */
export type AuditEntry = {
  actor: string;
  action: string;
  subject?: string | null;
  pilotSlug?: string | null;
  details?: Record<string, unknown> | null;
};

type Tx = Pick<Db, "insert">;

export function audit(tx: Tx, entry: AuditEntry, now: Date = new Date()) {
  tx.insert(auditTable)
    .values({
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      pilotSlug: entry.pilotSlug ?? null,
      details: entry.details ?? null,
    })
    .run();
}

import { sql } from "drizzle-orm";
import { audit as auditTable } from "../../../db/schema";
import type { AuditEntry, Db } from "../../../db/types";
import { json, once } from "./prepared";

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
 * The database refuses UPDATE and DELETE on the table (triggers in migration 0002). The entry's type
 * (AuditEntry) lives next to the schema, in db/types.ts, so that the seed can be handed this writer.
 */
type Tx = Pick<Db, "insert">;

/**
 * `tx` is the transaction, or the database itself when the caller runs inside `db.transaction`
 * on it (better-sqlite3: one connection, so the row is written in that transaction). Given the
 * database, the insert is a statement prepared once per database; the row is the same.
 */
export function audit(tx: Tx | Db, entry: AuditEntry, now: Date = new Date()) {
  if ("$client" in tx) {
    const db = tx;
    once(db, "audit:insert", () =>
      db
        .insert(auditTable)
        .values({
          at: sql.placeholder("at"),
          actor: sql.placeholder("actor"),
          action: sql.placeholder("action"),
          subject: sql.placeholder("subject"),
          pilotSlug: sql.placeholder("pilotSlug"),
          details: sql`${sql.placeholder("details")}`,
        })
        .prepare(),
    ).run({
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      pilotSlug: entry.pilotSlug ?? null,
      details: json(entry.details ?? null),
    });
    return;
  }
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

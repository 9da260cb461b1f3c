import { eq, sql } from "drizzle-orm";
import { notificationAddresses, type NotificationKind } from "../../../db/schema";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

/**
 * The worker's queries on the outbox (docs/decisions/070-notifications.md; the worker is
 * worker.ts): claiming due rows with a lease, marking what happened to them, the address a
 * message goes to, the choices whose first contact is overdue, and the sweep of what is kept.
 */
export type Claimed = { id: number; person_id: number; kind: NotificationKind; data: string; message_id: string; attempts: number };

/** What happened to one claimed row, written with the others of its round. */
export type Mark =
  | { id: number; result: "sent"; at: string }
  | { id: number; result: "retry"; maxAttempts: number; next: number; code: string }
  | { id: number; result: "skip"; code: string };

const statements = new WeakMap<Db, ReturnType<typeof prepareStatements>>();
function prepareStatements(db: Db) {
  const c = db.$client;
  return {
    claim: c.prepare(
      `UPDATE notification_outbox SET state = 'sending', lease_until = @lease, attempts = attempts + 1
       WHERE id IN (SELECT id FROM notification_outbox
                    WHERE (state = 'pending' AND next_attempt_at <= @now) OR (state = 'sending' AND lease_until <= @now)
                    ORDER BY id LIMIT @batch)
       RETURNING id, person_id, kind, data, message_id, attempts`,
    ),
    sent: c.prepare(`UPDATE notification_outbox SET state = 'sent', sent_at = @at, lease_until = NULL, last_error = NULL WHERE id = @id AND state = 'sending'`),
    retry: c.prepare(
      `UPDATE notification_outbox SET state = CASE WHEN attempts >= @max THEN 'failed' ELSE 'pending' END,
         next_attempt_at = @next, lease_until = NULL, last_error = @code WHERE id = @id AND state = 'sending'`,
    ),
    skip: c.prepare(`UPDATE notification_outbox SET state = 'skipped', lease_until = NULL, last_error = @code WHERE id = @id AND state = 'sending'`),
  };
}
function statementsOf(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = prepareStatements(db);
    statements.set(db, s);
  }
  return s;
}

/**
 * Claims up to `batch` due rows by setting them "sending" with a lease, in one UPDATE: two rounds
 * (or two processes) never take the same row. A row left "sending" past its lease is due again.
 */
export function claimDue(db: Db, at: { now: number; lease: number; batch: number }): Claimed[] {
  return statementsOf(db).claim.all(at) as Claimed[];
}

/** Writes what happened to a round's rows, in one transaction (one commit, not one per message). */
export function markRound(db: Db, marks: Mark[]): void {
  if (marks.length === 0) return;
  const s = statementsOf(db);
  db.$client.transaction(() => {
    for (const m of marks) {
      if (m.result === "sent") s.sent.run({ id: m.id, at: m.at });
      else if (m.result === "retry") s.retry.run({ id: m.id, max: m.maxAttempts, next: m.next, code: m.code });
      else s.skip.run({ id: m.id, code: m.code });
    }
  })();
}

/** The person's address row (confirmed or not), or undefined. */
export function deliveryAddress(db: Db, personId: number) {
  return once(db, "notifications:address", () =>
    db.select().from(notificationAddresses).where(eq(notificationAddresses.personId, sql.placeholder("personId"))).prepare(),
  ).get({ personId });
}

/** Current provider choices made in [since, before) with no first contact recorded, of people with a confirmed address. */
export function choicesWithoutFirstContact(since: string, before: string, db: Db = getDb()) {
  return db.$client
    .prepare(
      `SELECT c.id, c.person_id AS personId, c.chosen_on AS chosenOn, json_extract(c.snapshot, '$.provider.name') AS provider
       FROM choices c
       JOIN notification_addresses a ON a.person_id = c.person_id AND a.confirmed_at IS NOT NULL
       LEFT JOIN first_contacts f ON f.choice_id = c.id
       WHERE c.status = 'current' AND c.kind = 'provider' AND f.choice_id IS NULL AND c.chosen_on >= ? AND c.chosen_on < ?`,
    )
    .all(since, before) as { id: number; personId: number; chosenOn: string; provider: string | null }[];
}

/* ---------------------------------------------------------------------------------------------
 * Keeping: what the outbox holds is kept only as long as it is needed
 * ------------------------------------------------------------------------------------------- */

/** Outbox rows that are done (sent, skipped, failed) go after this many days; an address never confirmed a week after its link expired. */
export const KEEP = { outboxDays: 90, unconfirmedDays: 7, demoMailboxDays: 30 } as const;

export function sweepNotifications(now = new Date(), db: Db = getDb()): { outbox: number; addresses: number; demo: number } {
  const c = db.$client;
  const day = 86_400_000;
  return c.transaction(() => ({
    outbox: c.prepare("DELETE FROM notification_outbox WHERE state IN ('sent', 'skipped', 'failed') AND created_at < ?").run(new Date(now.getTime() - KEEP.outboxDays * day).toISOString()).changes,
    addresses: c.prepare("DELETE FROM notification_addresses WHERE confirmed_at IS NULL AND confirm_expires_at < ?").run(now.getTime() - KEEP.unconfirmedDays * day).changes,
    demo: c.prepare("DELETE FROM demo_mailbox WHERE sent_at < ?").run(new Date(now.getTime() - KEEP.demoMailboxDays * day).toISOString()).changes,
  }))();
}

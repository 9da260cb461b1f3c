import crypto from "node:crypto";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { notificationAddresses, notificationOutbox, type NotificationKind } from "../../../db/schema";
import { getDb, type Db } from "../platform/db";
import { json, once } from "../platform/prepared";

export type { NotificationKind };

/**
 * The outbox of notifications (docs/decisions/070-notifications.md). Any event that a person should
 * hear about calls this inside the transaction that records the event:
 *
 *   db.transaction((tx) => {
 *     tx.update(problemReports).set({ state: "answered", … }).run();
 *     enqueueNotification(tx, { personId, kind: "problem_report_answered", data: { reportId: 12 }, dedupeKey: "report-answered:12:3" });
 *   });
 *
 * The row is committed with the event or not at all; the worker (worker.ts) sends it
 * later, with retries. Nothing is written for a person without a confirmed address (returns null):
 * an address given later does not bring back old events. `data` is codes, dates, a reference, a
 * provider's name: never an identity code, a person's name or an address. The same `dedupeKey`
 * twice is one row (the second call returns null).
 */
export type NotificationInput = {
  personId: number;
  kind: Exclude<NotificationKind, "address_confirm">;
  data?: Record<string, unknown>;
  dedupeKey?: string;
};

type Tx = Pick<Db, "insert" | "select">;

export function enqueueNotification(tx: Tx | Db, input: NotificationInput, now: Date = new Date()): number | null {
  const row = {
    personId: input.personId,
    kind: input.kind,
    data: json(input.data ?? {}),
    dedupeKey: input.dedupeKey ?? null,
    messageId: newMessageId(),
    nextAttemptAt: now.getTime(),
    createdAt: now.toISOString(),
  };
  if ("$client" in tx) {
    const db = tx;
    const confirmed = once(db, "notifications:confirmed", () =>
      db
        .select({ personId: notificationAddresses.personId })
        .from(notificationAddresses)
        .where(and(eq(notificationAddresses.personId, sql.placeholder("personId")), isNotNull(notificationAddresses.confirmedAt)))
        .prepare(),
    );
    if (!confirmed.get({ personId: input.personId })) return null;
    const insert = once(db, "notifications:enqueue", () =>
      db
        .insert(notificationOutbox)
        .values({
          personId: sql.placeholder("personId"),
          kind: sql.placeholder("kind"),
          data: sql`${sql.placeholder("data")}`,
          dedupeKey: sql.placeholder("dedupeKey"),
          messageId: sql.placeholder("messageId"),
          nextAttemptAt: sql.placeholder("nextAttemptAt"),
          createdAt: sql.placeholder("createdAt"),
        })
        .onConflictDoNothing()
        .returning({ id: notificationOutbox.id })
        .prepare(),
    );
    const id = insert.get(row)?.id ?? null;
    if (id !== null) wakeNotificationWorker();
    return id;
  }
  const confirmed = tx
    .select({ personId: notificationAddresses.personId })
    .from(notificationAddresses)
    .where(and(eq(notificationAddresses.personId, input.personId), isNotNull(notificationAddresses.confirmedAt)))
    .get();
  if (!confirmed) return null;
  const inserted = tx
    .insert(notificationOutbox)
    .values({ ...row, data: input.data ?? {} })
    .onConflictDoNothing()
    .returning({ id: notificationOutbox.id })
    .get();
  if (inserted) wakeNotificationWorker();
  return inserted?.id ?? null;
}

/** Enqueues several in one transaction (each as enqueueNotification); returns how many rows were written. */
export function enqueueNotifications(db: Db, inputs: NotificationInput[], now: Date = new Date()): number {
  let written = 0;
  db.transaction(() => {
    for (const input of inputs) if (enqueueNotification(db, input, now) !== null) written++;
  });
  return written;
}

/**
 * The worker in this process, told that a row was written: it takes it at once instead of at its
 * next look. Called inside the event's transaction; with better-sqlite3 that transaction is
 * synchronous, so the worker's round (scheduled, never run here) starts after the commit.
 */
let waker: (() => void) | null = null;
export function setNotificationWaker(fn: (() => void) | null) {
  waker = fn;
}
export function wakeNotificationWorker() {
  waker?.();
}

/** A Message-ID fixed when the row is written, so that every attempt of the row is the same message. */
export function newMessageId(): string {
  return `<${crypto.randomBytes(12).toString("base64url")}@valinta.notifications>`;
}

/**
 * "Your provider is no longer available": one message to each current customer of the provider (in
 * one pilot, or in every pilot when `pilotSlug` is null), with the re-choice link. `occasion` tells
 * one event from another (the day it happened) so that a later event of the same kind is a new message.
 */
export function notifyProviderCustomers(
  tx: Pick<Db, "all" | "insert" | "select">,
  input: { providerId: number; pilotSlug: string | null; reason: "left" | "suspended" | "not_taking"; occasion: string; lastDay?: string },
  now: Date = new Date(),
): number {
  const rows = tx.all<{ choiceId: number; personId: number; pilot: string | null; provider: string | null }>(sql`
    SELECT c.id AS choiceId, c.person_id AS personId, json_extract(c.snapshot, '$.pilotName') AS pilot, p.name AS provider
    FROM choices c
    JOIN notification_addresses a ON a.person_id = c.person_id AND a.confirmed_at IS NOT NULL
    LEFT JOIN providers p ON p.id = c.provider_id
    WHERE c.status = 'current' AND c.kind = 'provider' AND c.provider_id = ${input.providerId}
      AND (${input.pilotSlug} IS NULL OR c.pilot_slug = ${input.pilotSlug})`);
  let n = 0;
  for (const r of rows) {
    const id = enqueueNotification(
      tx,
      {
        personId: r.personId,
        kind: "provider_unavailable",
        data: { reason: input.reason, provider: r.provider ?? "", pilot: r.pilot ? (JSON.parse(r.pilot) as unknown) : "", lastDay: input.lastDay ?? null },
        dedupeKey: `provider-${input.reason}:${input.providerId}:${input.occasion}:${r.choiceId}`,
      },
      now,
    );
    if (id !== null) n++;
  }
  return n;
}

/** The outbox's backlog for /metrics: not sent yet (pending, incl. sending) and given up (failed, kept). */
export function outboxBacklog(db: Db = getDb()): { pending: number; failed: number } {
  const rows = db
    .select({ failed: sql<number>`${notificationOutbox.state} = 'failed'`, n: sql<number>`count(*)` })
    .from(notificationOutbox)
    .where(inArray(notificationOutbox.state, ["pending", "sending", "failed"]))
    .groupBy(sql`1`)
    .all();
  const out = { pending: 0, failed: 0 };
  for (const r of rows) out[r.failed ? "failed" : "pending"] += r.n;
  return out;
}

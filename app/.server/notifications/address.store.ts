import crypto from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { notificationAddresses, notificationOutbox } from "../../../db/schema";
import { EMAIL_MAX } from "~/domain/choice";
import type { Lang } from "~/i18n";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";
import { newMessageId, wakeNotificationWorker } from "./outbox.store";
import { secret, tokenHash } from "../platform/identity";

/**
 * The person's address for notifications (docs/decisions/070-notifications.md): given on My page,
 * confirmed through a single-use link, removed by the opt-out link on every message.
 *
 * The links' tokens are HMAC(SESSION_SECRET, purpose | nonce): the row keeps the random nonce (so
 * the worker can write the link into a message later) and the token's SHA-256 (to find the row);
 * neither is the token, so a copy of the database alone opens no link.
 */
export const CONFIRM_LINK_HOURS = 24;

export type AddressState = { email: string; lang: Lang; confirmed: boolean } | null;

export function linkToken(purpose: "confirm" | "opt-out", nonce: string): string {
  return crypto.createHmac("sha256", secret("SESSION_SECRET")).update(`notification-${purpose}|${nonce}`).digest("base64url");
}

function newNonce() {
  return crypto.randomBytes(16).toString("base64url");
}

/** The form's one field: an email address, the same rule as the contact step's. Errors are keys of `notifications`. */
export function parseAddress(value: string): { ok: true; email: string } | { ok: false; error: string } {
  const email = value.trim();
  if (email === "") return { ok: false, error: "page.errors.emailRequired" };
  if (email.length > EMAIL_MAX) return { ok: false, error: "page.errors.emailTooLong" };
  if (!z.email().safeParse(email).success) return { ok: false, error: "page.errors.emailInvalid" };
  return { ok: true, email };
}

export function addressOf(personId: number, db: Db = getDb()): AddressState {
  const row = once(db, "address:of-person", () =>
    db.select().from(notificationAddresses).where(eq(notificationAddresses.personId, sql.placeholder("personId"))).prepare(),
  ).get({ personId });
  return row ? { email: row.email, lang: row.lang, confirmed: row.confirmedAt !== null } : null;
}

/**
 * Gives (or changes) the address: it waits for confirmation, and a confirmation message goes into
 * the outbox in the same transaction. Messages still waiting for the old address are dropped
 * (their state "skipped"): they would go to an address the person no longer wants.
 */
export function giveAddress(user: SignedInUser, email: string, lang: Lang, now = new Date()): void {
  const db = getDb();
  db.transaction(
    (tx) => {
      const at = now.toISOString();
      const confirmNonce = newNonce();
      const optOutNonce = newNonce();
      const row = {
        personId: user.id,
        email,
        lang,
        confirmedAt: null,
        confirmNonce,
        confirmTokenHash: tokenHash(linkToken("confirm", confirmNonce)),
        confirmExpiresAt: now.getTime() + CONFIRM_LINK_HOURS * 3600_000,
        optOutNonce,
        optOutTokenHash: tokenHash(linkToken("opt-out", optOutNonce)),
        createdAt: at,
        updatedAt: at,
      };
      const before = tx.select({ personId: notificationAddresses.personId }).from(notificationAddresses).where(eq(notificationAddresses.personId, user.id)).get();
      tx.insert(notificationAddresses)
        .values(row)
        .onConflictDoUpdate({ target: notificationAddresses.personId, set: { ...row, createdAt: sql`created_at` } })
        .run();
      dropWaiting(tx, user.id);
      tx.insert(notificationOutbox)
        .values({ personId: user.id, kind: "address_confirm", data: { nonce: confirmNonce }, messageId: newMessageId(), nextAttemptAt: now.getTime(), createdAt: at })
        .run();
      audit(tx, { actor: user.actorId, action: before ? "notifications.address.change" : "notifications.address.give", subject: `person:${user.id}` }, now);
      wakeNotificationWorker();
    },
    { behavior: "immediate" },
  );
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function dropWaiting(tx: Tx, personId: number) {
  tx.update(notificationOutbox)
    .set({ state: "skipped", leaseUntil: null })
    .where(and(eq(notificationOutbox.personId, personId), inArray(notificationOutbox.state, ["pending", "failed"])))
    .run();
}

/** Removes the address (signed in, from the notifications page). */
export function removeAddress(user: SignedInUser, now = new Date()): void {
  const db = getDb();
  db.transaction(
    (tx) => {
      const gone = tx.delete(notificationAddresses).where(eq(notificationAddresses.personId, user.id)).returning({ personId: notificationAddresses.personId }).all();
      if (gone.length === 0) return;
      dropWaiting(tx, user.id);
      audit(tx, { actor: user.actorId, action: "notifications.address.remove", subject: `person:${user.id}` }, now);
    },
    { behavior: "immediate" },
  );
}

/** A token from a link: at most this long, base64url only; anything else finds nothing. */
function validToken(token: string | null): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(token);
}

/** Whether a confirmation link still works (for the page before its button is pressed). */
export function confirmLinkWorks(token: string | null, now = new Date(), db: Db = getDb()): boolean {
  if (!validToken(token)) return false;
  const row = db.select().from(notificationAddresses).where(eq(notificationAddresses.confirmTokenHash, tokenHash(token))).get();
  return !!row && row.confirmedAt === null && (row.confirmExpiresAt ?? 0) > now.getTime();
}

/** Follows a confirmation link, once: the token is cleared as the address is confirmed. */
export function confirmAddress(token: string | null, now = new Date()): boolean {
  if (!validToken(token)) return false;
  const db = getDb();
  return db.transaction(
    (tx) => {
      const row = tx.select().from(notificationAddresses).where(eq(notificationAddresses.confirmTokenHash, tokenHash(token))).get();
      if (!row || row.confirmedAt !== null || (row.confirmExpiresAt ?? 0) <= now.getTime()) return false;
      tx.update(notificationAddresses)
        .set({ confirmedAt: now.toISOString(), confirmNonce: null, confirmTokenHash: null, confirmExpiresAt: null, updatedAt: now.toISOString() })
        .where(eq(notificationAddresses.personId, row.personId))
        .run();
      audit(tx, { actor: "system", action: "notifications.address.confirm", subject: `person:${row.personId}` }, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Whether an opt-out link still works. */
export function optOutLinkWorks(token: string | null, db: Db = getDb()): boolean {
  if (!validToken(token)) return false;
  return !!db.select({ personId: notificationAddresses.personId }).from(notificationAddresses).where(eq(notificationAddresses.optOutTokenHash, tokenHash(token))).get();
}

/** Follows an opt-out link (no sign-in needed): the address goes, and with it every message still waiting. */
export function optOut(token: string | null, now = new Date()): boolean {
  if (!validToken(token)) return false;
  const db = getDb();
  return db.transaction(
    (tx) => {
      const row = tx.delete(notificationAddresses).where(eq(notificationAddresses.optOutTokenHash, tokenHash(token))).returning({ personId: notificationAddresses.personId }).get();
      if (!row) return false;
      dropWaiting(tx, row.personId);
      audit(tx, { actor: "system", action: "notifications.opt-out", subject: `person:${row.personId}` }, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** What the service holds about the person for notifications, for their data download: the address and the messages (kinds and times only). */
export function notificationsExport(personId: number, db: Db = getDb()) {
  const row = db.select().from(notificationAddresses).where(eq(notificationAddresses.personId, personId)).get();
  const messages = db
    .select({ kind: notificationOutbox.kind, createdAt: notificationOutbox.createdAt, state: notificationOutbox.state, sentAt: notificationOutbox.sentAt })
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.personId, personId), ne(notificationOutbox.kind, "address_confirm")))
    .all();
  return {
    address: row ? { email: row.email, language: row.lang, givenAt: row.createdAt, changedAt: row.updatedAt, confirmedAt: row.confirmedAt } : null,
    messages,
  };
}

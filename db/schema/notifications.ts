import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { people } from "./auth";

/**
 * Notifications (issue 16, item 3; docs/decisions/070-notifications.md).
 *
 * A person may give one email address for notifications. It is used only once confirmed through a
 * link; tokens are never stored, only their SHA-256 (the link's token is an HMAC of a stored random
 * nonce with the server's secret, so the worker can write the link again and a copy of the
 * database alone cannot). Opting out removes the row: nothing about the address is kept.
 */
export const notificationAddresses = sqliteTable(
  "notification_addresses",
  {
    personId: integer("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    /** The language the messages are written in: the page's language when the address was given. */
    lang: text("lang", { enum: ["fi", "sv", "en"] }).notNull(),
    /** Set when the link is followed; until then nothing but the confirmation message is sent. */
    confirmedAt: text("confirmed_at"),
    /** Random nonce of the confirmation link, and SHA-256 of its token; both cleared once used. */
    confirmNonce: text("confirm_nonce"),
    confirmTokenHash: text("confirm_token_hash").unique(),
    /** Epoch ms after which the confirmation link no longer works. */
    confirmExpiresAt: integer("confirm_expires_at"),
    /** Random nonce of the opt-out link on every message, and SHA-256 of its token. */
    optOutNonce: text("opt_out_nonce").notNull(),
    optOutTokenHash: text("opt_out_token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
);

export const notificationKinds = [
  "address_confirm",
  "choice_receipt",
  "request_decided",
  "provider_unavailable",
  "first_contact_overdue",
  "problem_report_answered",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * The outbox: one row per message, written in the same transaction as the event it tells about and
 * delivered by the worker (app/.server/notifications/worker.ts). `data` holds codes, dates, a
 * reference and a provider's name: never an identity code, a person's name or an address.
 */
export const notificationOutbox = sqliteTable(
  "notification_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The same event enqueued twice (a periodic check, a replayed action) is one row. */
    dedupeKey: text("dedupe_key"),
    /** The Message-ID every attempt of this row carries: a resend after a crash is the same message. */
    messageId: text("message_id").notNull().unique(),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "skipped"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Epoch ms: not tried before this (the backoff). */
    nextAttemptAt: integer("next_attempt_at").notNull(),
    /** Epoch ms: a row "sending" past this was left by a worker that stopped; it is tried again. */
    leaseUntil: integer("lease_until"),
    /** A short code of the last failure (an SMTP response code, ECONNREFUSED…), never message text. */
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [
    uniqueIndex("notification_outbox_dedupe").on(t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
    index("notification_outbox_due").on(t.state, t.nextAttemptAt),
    index("notification_outbox_person").on(t.personId),
  ],
);

/** The demo's and tests' mailbox (APP_ENV demo or test, no SMTP_URL): what would have been sent. */
export const demoMailbox = sqliteTable("demo_mailbox", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  messageId: text("message_id").notNull().unique(),
  to: text("to_address").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  lang: text("lang").notNull(),
  sentAt: text("sent_at").notNull(),
});

import { desc, eq } from "drizzle-orm";
import { demoMailbox } from "../../../db/schema";
import { getDb, type Db } from "../platform/db";

/**
 * The demo's and the tests' mailbox (`demo_mailbox`; decision 070): what the demo transport wrote,
 * shown at /{lang}/demo-outbox. Only outside production.
 */
export type DemoMessage = { messageId: string; to: string; subject: string; text: string; html: string; lang: string };

/** Writes one message; the Message-ID is unique, so a resend of the same outbox row is not a second message. */
export function recordDemoMessage(db: Db, m: DemoMessage, now = new Date()): void {
  db.insert(demoMailbox)
    .values({ messageId: m.messageId, to: m.to, subject: m.subject, text: m.text, html: m.html, lang: m.lang, sentAt: now.toISOString() })
    .onConflictDoNothing()
    .run();
}

/** The latest `limit` messages, newest first (without their HTML). */
export function latestDemoMessages(limit: number, db: Db = getDb()) {
  return db
    .select({ id: demoMailbox.id, to: demoMailbox.to, subject: demoMailbox.subject, text: demoMailbox.text, lang: demoMailbox.lang, sentAt: demoMailbox.sentAt })
    .from(demoMailbox)
    .orderBy(desc(demoMailbox.id))
    .limit(limit)
    .all();
}

/** One message's HTML part, or null. */
export function demoMessageHtml(id: number, db: Db = getDb()): string | null {
  return db.select({ html: demoMailbox.html }).from(demoMailbox).where(eq(demoMailbox.id, id)).get()?.html ?? null;
}

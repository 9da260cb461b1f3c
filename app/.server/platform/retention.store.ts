import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { assessedFacts, audit, changeRequests, choiceDrafts, choiceHistory, choices, signInAttempts } from "../../../db/schema";
import { FREE_TEXT_MAX_MONTHS, FREE_TEXT_MONTHS_AFTER_CLOSED } from "~/domain/accountability";
import { choicesEndedBefore, draftsSavedBefore, pilotChoicesExpired } from "~/domain/choice";
import { addMonths } from "~/domain/switching";
import { todayInFinland } from "~/format";
import { removeCaseText } from "../accountability/cases.store";
import { removeDeliveryOf } from "../accountability/delivery.store";
import { getDb, type Db } from "./db";
import { logger } from "./log";
import { loadPilots } from "../eligibility/pilots.store";
import { sweepSessions } from "../auth/session";

/**
 * Removes data past its retention period, as the privacy notice (locales/{fi,sv,en}/privacy.json) says:
 * - sessions: 30 minutes without a request, at the latest 8 hours after sign-in (settings);
 *   unfinished sign-ins after their expiry; unconfirmed choice drafts after 24 hours;
 * - contact details shared with a provider: hidden from the provider 3 months after the person
 *   moved on (`contact_visible_until`), and removed from the database then;
 * - choices, their history and change requests: 2 years after the choice ended or the pilot ended;
 * - audit records: 5 years;
 * - the free text of problem reports and disputes (a description, a note, an official's answer) and
 *   a report's link to the person: 6 months after the case was closed, at the latest 2 years after
 *   it was made (docs/decisions/071-disputes-and-problem-reports.md); meetings and answers about a
 *   choice go with the choice;
 * - assessed facts (decision 073): like choices, 2 years after their last day or after the pilot ended.
 * Idempotent: a second run the same day removes nothing. Runs at start and every hour, and logs
 * what it removed (counts only). How long drafts, choices and contact details are kept is the
 * domain's rule (app/domain/choice.ts), as is the free text's (app/domain/accountability.ts).
 */
const AUDIT_YEARS = 5;

export type RetentionReport = Record<"sessions" | "signInAttempts" | "drafts" | "contacts" | "choices" | "audit" | "caseText" | "assessedFacts", number>;

/** The history and audit tables refuse deletes (append-only triggers); retention alone lifts that,
 * inside its own transaction, and puts the same triggers back before it commits. */
function withoutTriggers<T>(db: Db, names: string[], fn: () => T): T {
  const saved = db.$client
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => "?").join(",")})`)
    .all(...names) as { name: string; sql: string }[];
  for (const t of saved) db.$client.exec(`DROP TRIGGER "${t.name}"`);
  const result = fn();
  for (const t of saved) db.$client.exec(t.sql);
  return result;
}

export function runRetention(now = new Date(), db: Db = getDb()): RetentionReport {
  const today = todayInFinland(now);
  const nowMs = now.getTime();
  const choicesBefore = choicesEndedBefore(today);
  const auditBefore = new Date(nowMs);
  auditBefore.setUTCFullYear(auditBefore.getUTCFullYear() - AUDIT_YEARS);
  const endedPilots = loadPilots(db)
    .filter((p) => pilotChoicesExpired(p.endsOn, today))
    .map((p) => p.slug);

  const run = db.$client.transaction((): RetentionReport => {
    const sessionsBefore = (db.$client.prepare("SELECT count(*) AS n FROM sessions").get() as { n: number }).n;
    sweepSessions(db, nowMs);
    const sessionsAfter = (db.$client.prepare("SELECT count(*) AS n FROM sessions").get() as { n: number }).n;
    const attempts = db.delete(signInAttempts).where(lt(signInAttempts.expiresAt, nowMs)).run().changes;
    const drafts = db
      .delete(choiceDrafts)
      .where(lt(choiceDrafts.updatedAt, draftsSavedBefore(now)))
      .run().changes;
    const contacts = db
      .update(choices)
      .set({ contactPhone: null, contactEmail: null })
      .where(
        and(
          eq(choices.status, "ended"),
          lt(choices.contactVisibleUntil, today),
          or(isNotNull(choices.contactPhone), isNotNull(choices.contactEmail)),
        ),
      )
      .run().changes;

    const expired = db
      .select({ id: choices.id })
      .from(choices)
      .where(
        or(
          and(eq(choices.status, "ended"), lt(choices.endedAt, choicesBefore)),
          endedPilots.length ? inArray(choices.pilotSlug, endedPilots) : sql`0`,
        ),
      )
      .all()
      .map((r) => r.id);
    const caseText = removeCaseText(
      new Date(`${addMonths(today, -FREE_TEXT_MONTHS_AFTER_CLOSED)}T00:00:00.000Z`).toISOString(),
      new Date(`${addMonths(today, -FREE_TEXT_MAX_MONTHS)}T00:00:00.000Z`).toISOString(),
      now,
      db,
    );
    // Assessed facts are not append-only against retention: no delete trigger (migration 0013).
    const removedAssessed = db
      .delete(assessedFacts)
      .where(or(lt(assessedFacts.endsOn, choicesBefore), endedPilots.length ? inArray(assessedFacts.pilotSlug, endedPilots) : sql`0`))
      .run().changes;
    let removedChoices = 0;
    let removedAudit = 0;
    withoutTriggers(db, ["choice_history_no_delete", "audit_no_delete"], () => {
      if (expired.length) {
        db.delete(changeRequests).where(inArray(changeRequests.choiceId, expired)).run();
        removeDeliveryOf(expired, db);
        db.delete(choiceHistory).where(inArray(choiceHistory.choiceId, expired)).run();
        removedChoices = db.delete(choices).where(inArray(choices.id, expired)).run().changes;
      }
      removedAudit = db.delete(audit).where(lt(audit.at, auditBefore.toISOString())).run().changes;
    });
    return {
      sessions: sessionsBefore - sessionsAfter,
      signInAttempts: attempts,
      drafts,
      contacts,
      choices: removedChoices,
      audit: removedAudit,
      caseText,
      assessedFacts: removedAssessed,
    };
  });
  const report = run.immediate();
  logger.info({ retention: report }, "retention job ran");
  return report;
}

/** At start and then every hour. Returns a stopper. */
export function startRetentionSchedule(intervalMs = 3_600_000): () => void {
  const tick = () => {
    try {
      runRetention();
    } catch (error) {
      logger.error({ err: (error as Error).message }, "retention job failed");
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

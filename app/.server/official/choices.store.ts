import { and, asc, count, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { changeRequests, choices, people } from "../../../db/schema";
import { getDb } from "../platform/db";

/**
 * What the back office reads of the choices (their tables belong to the choice area,
 * db/schema/choices.ts; its writes go through app/.server/choice/choices.store.ts). Every query is
 * scoped to the official's pilot. Weighty-reason requests come with the person who asked (an
 * official decides about a named person); everything else is counts only, never a list of people.
 */

/** A drizzle builder is changed by .where(): each list starts from a fresh one. */
function requestRows() {
  return getDb()
    .select({
      id: changeRequests.id,
      status: changeRequests.status,
      requestedAt: changeRequests.requestedAt,
      decidedAt: changeRequests.decidedAt,
      given: people.givenName,
      family: people.familyName,
      snapshot: choices.snapshot,
    })
    .from(changeRequests)
    .innerJoin(people, eq(people.id, changeRequests.personId))
    .innerJoin(choices, eq(choices.id, changeRequests.choiceId));
}

export type RequestRow = ReturnType<ReturnType<typeof requestRows>["all"]>[number];

/** The pilot's pending weighty-reason requests, oldest first. */
export function pendingRequests(pilotSlug: string): RequestRow[] {
  return requestRows()
    .where(and(eq(changeRequests.pilotSlug, pilotSlug), eq(changeRequests.status, "pending")))
    .orderBy(asc(changeRequests.requestedAt), asc(changeRequests.id))
    .all();
}

/** The pilot's latest decided requests, newest first. */
export function decidedRequests(pilotSlug: string, limit = 50): RequestRow[] {
  return requestRows()
    .where(and(eq(changeRequests.pilotSlug, pilotSlug), inArray(changeRequests.status, ["approved", "rejected"])))
    .orderBy(desc(changeRequests.decidedAt), desc(changeRequests.id))
    .limit(limit)
    .all();
}

/** How many requests of the pilot wait for a decision. */
export function pendingRequestCount(pilotSlug: string): number {
  return (
    getDb()
      .select({ n: count() })
      .from(changeRequests)
      .where(and(eq(changeRequests.pilotSlug, pilotSlug), eq(changeRequests.status, "pending")))
      .get()?.n ?? 0
  );
}

/** One request of the pilot with the person who asked and the choice it is about, or undefined (not of this pilot). */
export function requestOfPilot(pilotSlug: string, id: number) {
  return getDb()
    .select({ r: changeRequests, given: people.givenName, family: people.familyName, choice: choices })
    .from(changeRequests)
    .innerJoin(people, eq(people.id, changeRequests.personId))
    .innerJoin(choices, eq(choices.id, changeRequests.choiceId))
    .where(and(eq(changeRequests.id, id), eq(changeRequests.pilotSlug, pilotSlug)))
    .get();
}

/**
 * The counts behind the pilot's statistics from `fromDay` on (a month's first day): choices per
 * provider, kind and month; current choices per provider; switches per month by why the earlier
 * choice ended; requests per month by status.
 */
export function choiceCounts(pilotSlug: string, fromDay: string) {
  const db = getDb();
  const month = sql<string>`substr(${choices.chosenOn}, 1, 7)`;
  const chosen = db
    .select({ providerId: choices.providerId, kind: choices.kind, month, n: count() })
    .from(choices)
    .where(and(eq(choices.pilotSlug, pilotSlug), gte(choices.chosenOn, fromDay)))
    .groupBy(choices.providerId, choices.kind, month)
    .all();
  const current = db
    .select({ providerId: choices.providerId, n: count() })
    .from(choices)
    .where(and(eq(choices.pilotSlug, pilotSlug), eq(choices.status, "current")))
    .groupBy(choices.providerId)
    .all();
  const endedMonth = sql<string>`substr(${choices.endedAt}, 1, 7)`;
  const switches = db
    .select({ reason: choices.endedReason, month: endedMonth, n: count() })
    .from(choices)
    .where(and(eq(choices.pilotSlug, pilotSlug), isNotNull(choices.endedAt), inArray(choices.endedReason, ["changed", "weighty_reason", "provider_left"]), gte(choices.endedAt, fromDay)))
    .groupBy(choices.endedReason, endedMonth)
    .all();
  const requestMonth = sql<string>`substr(${changeRequests.requestedAt}, 1, 7)`;
  const requests = db
    .select({ status: changeRequests.status, month: requestMonth, n: count() })
    .from(changeRequests)
    .where(and(eq(changeRequests.pilotSlug, pilotSlug), gte(changeRequests.requestedAt, fromDay)))
    .groupBy(changeRequests.status, requestMonth)
    .all();
  return { chosen, current, switches, requests };
}

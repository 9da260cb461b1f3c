import { and, asc, count, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { changeRequests, choices, people, providerPilots, providers } from "../../../db/schema";
import { addMonths as addCalendarMonths } from "~/domain/switching";
import { contactDeadline, lastDayOfMonth } from "~/domain/first-contact";
import { addMonths, monthOf, monthRange } from "~/domain/results";
import { formatDate } from "~/format";
import { tFor } from "~/i18n";
import { decideWeightyReason } from "../choice/choices.store";
import { getDb } from "../platform/db";
import type { OfficialScope } from "./scope";
import { actorNames } from "./pilots";
import { firstContactCounts } from "../provider-staff/figures.store";
import { monthShort } from "../providers/format";

/**
 * What the back office reads of the choices (their tables belong to the choice area,
 * db/schema/choices.ts; its writes go through app/.server/choice/choices.store.ts). Every query is scoped to
 * the official's pilot. Weighty-reason requests show the person who asked (an official decides
 * about a named person); everything else is counts only, never a list of people.
 */

/** The pilot's weighty-reason requests: the pending ones (oldest first), then the latest decided. */
export function listRequests(scope: OfficialScope) {
  const db = getDb();
  // A drizzle builder is changed by .where(): each list starts from a fresh one.
  const requestRows = () =>
    db
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
  const pending = requestRows()
    .where(and(eq(changeRequests.pilotSlug, scope.pilot.slug), eq(changeRequests.status, "pending")))
    .orderBy(asc(changeRequests.requestedAt), asc(changeRequests.id))
    .all();
  const decided = requestRows()
    .where(and(eq(changeRequests.pilotSlug, scope.pilot.slug), inArray(changeRequests.status, ["approved", "rejected"])))
    .orderBy(desc(changeRequests.decidedAt), desc(changeRequests.id))
    .limit(50)
    .all();
  const view = (r: (typeof pending)[number]) => ({
    id: r.id,
    status: r.status,
    name: `${r.given} ${r.family}`,
    provider: r.snapshot.provider?.name ?? null,
    requestedOn: formatDate(r.requestedAt.slice(0, 10), scope.lang),
    decidedOn: r.decidedAt ? formatDate(r.decidedAt.slice(0, 10), scope.lang) : null,
  });
  return { pending: pending.map(view), decided: decided.map(view) };
}

/** One request of the pilot with what the official needs to decide it, or null (not of this pilot). */
export function requestDetail(scope: OfficialScope, id: number) {
  const row = getDb()
    .select({ r: changeRequests, given: people.givenName, family: people.familyName, choice: choices })
    .from(changeRequests)
    .innerJoin(people, eq(people.id, changeRequests.personId))
    .innerJoin(choices, eq(choices.id, changeRequests.choiceId))
    .where(and(eq(changeRequests.id, id), eq(changeRequests.pilotSlug, scope.pilot.slug)))
    .get();
  if (!row) return null;
  const c = row.choice;
  const lockEnds = c.snapshot.lockMonths > 0 ? addCalendarMonths(c.chosenOn, c.snapshot.lockMonths) : null;
  const decidedBy = row.r.decidedBy ? (actorNames(scope, [row.r.decidedBy]).get(row.r.decidedBy) ?? null) : null;
  return {
    id: row.r.id,
    status: row.r.status,
    name: `${row.given} ${row.family}`,
    reason: row.r.reason,
    requestedOn: formatDate(row.r.requestedAt.slice(0, 10), scope.lang),
    choice: {
      reference: c.reference,
      provider: c.snapshot.provider?.name ?? tFor(scope.lang)("official:requests.publicService"),
      chosenOn: formatDate(c.chosenOn, scope.lang),
      lockEnds: lockEnds ? formatDate(lockEnds, scope.lang) : null,
      current: c.status === "current",
    },
    decidedOn: row.r.decidedAt ? formatDate(row.r.decidedAt.slice(0, 10), scope.lang) : null,
    decidedBy,
    note: row.r.decisionNote,
  };
}

/**
 * Decides a request with the choice area's own function, which checks the role again, scopes the
 * update to the pilot, and writes the person's history row and the audit row in one transaction.
 * Approving lets the person choose again at once (app/domain/switching.ts).
 */
export function decideRequest(scope: OfficialScope, id: number, decision: "approved" | "rejected", note: string): boolean {
  return decideWeightyReason(scope.user, { requestId: id, pilotSlug: scope.pilot.slug, decision, note }, scope.now);
}

/* ---------------------------------------------------------------------------------------------
 * Aggregates: counts only
 * ------------------------------------------------------------------------------------------- */

export const statisticsMonths = 12;

/**
 * Choices per provider per month (the public service as one row), switches per month by why the
 * earlier choice ended, requests per month, and the customers each provider has now. Counts only.
 */
export function pilotStatistics(scope: OfficialScope) {
  const db = getDb();
  const slug = scope.pilot.slug;
  const t = tFor(scope.lang);
  const last = monthOf(scope.today);
  const first = addMonths(last, -(statisticsMonths - 1));
  const months = monthRange(first, last);
  const month = sql<string>`substr(${choices.chosenOn}, 1, 7)`;

  const chosen = db
    .select({ providerId: choices.providerId, kind: choices.kind, month, n: count() })
    .from(choices)
    .where(and(eq(choices.pilotSlug, slug), gte(choices.chosenOn, `${first}-01`)))
    .groupBy(choices.providerId, choices.kind, month)
    .all();
  const current = db
    .select({ providerId: choices.providerId, n: count() })
    .from(choices)
    .where(and(eq(choices.pilotSlug, slug), eq(choices.status, "current")))
    .groupBy(choices.providerId)
    .all();
  const endedMonth = sql<string>`substr(${choices.endedAt}, 1, 7)`;
  const switches = db
    .select({ reason: choices.endedReason, month: endedMonth, n: count() })
    .from(choices)
    .where(and(eq(choices.pilotSlug, slug), isNotNull(choices.endedAt), inArray(choices.endedReason, ["changed", "weighty_reason", "provider_left"]), gte(choices.endedAt, `${first}-01`)))
    .groupBy(choices.endedReason, endedMonth)
    .all();
  const requestMonth = sql<string>`substr(${changeRequests.requestedAt}, 1, 7)`;
  const requests = db
    .select({ status: changeRequests.status, month: requestMonth, n: count() })
    .from(changeRequests)
    .where(and(eq(changeRequests.pilotSlug, slug), gte(changeRequests.requestedAt, `${first}-01`)))
    .groupBy(changeRequests.status, requestMonth)
    .all();

  // Every provider of the pilot is a row, and any other provider its choices name.
  const ids = new Set<number>(
    db
      .select({ id: providerPilots.providerId })
      .from(providerPilots)
      .where(eq(providerPilots.pilotSlug, slug))
      .all()
      .map((r) => r.id),
  );
  for (const r of [...chosen, ...current]) if (r.providerId !== null) ids.add(r.providerId);
  const named = ids.size ? db.select({ id: providers.id, name: providers.name, sortKey: providers.sortKey }).from(providers).where(inArray(providers.id, [...ids])).all() : [];
  named.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const subjects: { key: number | null; name: string }[] = [{ key: null, name: t("official:results.publicService") }, ...named.map((p) => ({ key: p.id, name: p.name }))];

  const byProvider = subjects.map((s) => {
    const counts = months.map((m) => chosen.filter((c) => c.providerId === s.key && c.month === m).reduce((sum, c) => sum + c.n, 0));
    return { name: s.name, counts, total: counts.reduce((a, b) => a + b, 0), current: current.find((c) => c.providerId === s.key)?.n ?? 0 };
  });
  const totals = months.map((_, i) => byProvider.reduce((sum, p) => sum + p.counts[i], 0));
  type Reason = "changed" | "weighty_reason" | "provider_left";
  const switchRows = months.map((m) => {
    const of = (reason: Reason) => switches.filter((s) => s.month === m && s.reason === reason).reduce((sum, s) => sum + s.n, 0);
    const requestsOf = (status: "pending" | "approved" | "rejected") => requests.filter((r) => r.month === m && r.status === status).reduce((sum, r) => sum + r.n, 0);
    return {
      month: monthShort(m),
      // Every switch, whatever ended the earlier choice: the columns after it say why.
      all: of("changed") + of("weighty_reason") + of("provider_left"),
      changed: of("changed"),
      weightyReason: of("weighty_reason"),
      providerLeft: of("provider_left"),
      requested: requestsOf("pending") + requestsOf("approved") + requestsOf("rejected"),
      approved: requestsOf("approved"),
      rejected: requestsOf("rejected"),
    };
  });
  return {
    months: months.map(monthShort),
    from: monthShort(first),
    to: monthShort(last),
    byProvider,
    totals,
    total: totals.reduce((a, b) => a + b, 0),
    switches: switchRows.reverse(),
  };
}

export const contactStatisticsMonths = 6;

/**
 * Time to first contact from the contacts provider staff record (decision 055), for the pilot's
 * latest months (the current one still running): per provider and month, how many customers chose
 * it in Valinta and how many of them it contacted within 5 working days. Counts only.
 */
export function firstContactStatistics(scope: OfficialScope) {
  const last = monthOf(scope.today);
  const months = monthRange(addMonths(last, -(contactStatisticsMonths - 1)), last);
  const counts = months.map((m) => firstContactCounts(scope.pilot.slug, m, scope.today));
  const names = new Map<string, string>();
  for (const month of counts) for (const c of month) names.set(c.businessId, c.providerName);
  const rows = [...names]
    .sort((a, b) => a[1].localeCompare(b[1], "fi"))
    .map(([businessId, name]) => ({
      businessId,
      name,
      cells: counts.map((month) => {
        const f = month.find((c) => c.businessId === businessId)?.figure;
        return f && f.started > 0 ? { started: f.started, within: f.within } : null;
      }),
    }));
  return {
    months: months.map((m) => ({ label: monthShort(m), running: scope.today <= contactDeadline(lastDayOfMonth(m)) })),
    rows,
  };
}

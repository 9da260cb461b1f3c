import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { choices, firstContacts, providers } from "../../../db/schema";
import { firstContactFigure, firstContactFigures, lastDayOfMonth, type ContactRecord, type MonthFigure } from "~/domain/first-contact";
import { addMonths, isMonth, monthOf } from "~/domain/results";
import { getDb, type Db } from "../platform/db";

/**
 * The time-to-first-contact measure from the contacts provider staff record
 * (docs/decisions/055-first-contact-measure.md): per provider, per pilot, per month of the choice,
 * how many customers were contacted within 5 working days. Counts only: nothing here names a person.
 *
 * Staff see their own running figure; officials can read `firstContactCounts` for a pilot's month
 * when they prepare the month's results file (its `started` and `contacted_within_5_days`).
 */

type GroupedRecord = ContactRecord & { pilotSlug: string; providerId: number };

function groupedRecords(where: ReturnType<typeof and>, db: Db): GroupedRecord[] {
  return db
    .select({
      pilotSlug: choices.pilotSlug,
      providerId: sql<number>`${choices.providerId}`,
      chosenOn: choices.chosenOn,
      contactedOn: firstContacts.contactedOn,
      count: sql<number>`count(*)`,
    })
    .from(choices)
    .leftJoin(firstContacts, eq(firstContacts.choiceId, choices.id))
    .where(and(eq(choices.kind, "provider"), where))
    .groupBy(choices.pilotSlug, choices.providerId, choices.chosenOn, firstContacts.contactedOn)
    .all();
}

export type PilotFigures = { pilotSlug: string; months: MonthFigure[] };

/**
 * One provider's figures for the latest `months` months (the current month, still running, first),
 * for each pilot it has had customers in. Months without customers are left out.
 */
export function providerFirstContactFigures(providerId: number, today: string, months = 12, db: Db = getDb()): PilotFigures[] {
  const to = monthOf(today);
  const from = addMonths(to, -(months - 1));
  const records = groupedRecords(and(eq(choices.providerId, providerId), gte(choices.chosenOn, `${from}-01`), lte(choices.chosenOn, today)), db);
  const pilots = [...new Set(records.map((r) => r.pilotSlug))].sort();
  return pilots.map((pilotSlug) => ({
    pilotSlug,
    months: firstContactFigures(
      records.filter((r) => r.pilotSlug === pilotSlug),
      from,
      to,
      today,
    ),
  }));
}

export type ProviderMonthCount = { providerId: number; businessId: string; providerName: string; figure: MonthFigure };

/**
 * For the officials' results: each provider's `started` (choices made in the month) and
 * `contacted_within_5_days` in one pilot and month, from the recorded contacts, by business ID.
 * `figure.final` says whether every customer's 5 working days are over on `today`.
 */
export function firstContactCounts(pilotSlug: string, month: string, today: string, db: Db = getDb()): ProviderMonthCount[] {
  if (!isMonth(month)) return [];
  const records = groupedRecords(
    and(eq(choices.pilotSlug, pilotSlug), gte(choices.chosenOn, `${month}-01`), lte(choices.chosenOn, lastDayOfMonth(month))),
    db,
  );
  const ids = [...new Set(records.map((r) => r.providerId))];
  if (ids.length === 0) return [];
  const rows = db
    .select({ id: providers.id, businessId: providers.businessId, name: providers.name })
    .from(providers)
    .where(inArray(providers.id, ids))
    .orderBy(asc(providers.businessId))
    .all();
  return rows.map((p) => ({
    providerId: p.id,
    businessId: p.businessId,
    providerName: p.name,
    figure: firstContactFigure(
      records.filter((r) => r.providerId === p.id),
      month,
      today,
    ),
  }));
}

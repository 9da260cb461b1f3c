import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { pilots, providers, resultMonths, results } from "../../../db/schema";
import {
  measureWindow,
  shareMeasures,
  type ResultRow,
  type ShareMeasure,
  type Window,
} from "~/domain/results";
import { isSuppressed, meanFigure, publishedMean, shareFigure, type MeanFigure, type ShareFigure } from "~/domain/statistics";
import { versusPublicService, type Difference, type Verdict } from "~/domain/verdict";
import { allGroup, dimensionOf, groupValues, isCustomerGroup, type GroupOrAll } from "~/domain/customer-groups";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

/**
 * Published results: the state of a pilot's publication, the figures of the comparison period and
 * the monthly series of one provider (docs/decisions/021-honest-figures.md, 024-comparison-speed.md).
 * Only months with a publication date are ever read.
 */

/** The key of the public service among a pilot's subjects (provider ids start at 1). */
export const publicKey = 0;

export type PublicationState = {
  /** The latest published month, or null when nothing is published. */
  latestMonth: string | null;
  /** When figures were last published or replaced (ISO timestamp). */
  lastUpdated: string | null;
  publishedMonths: number;
};

export function publicationState(pilotSlug: string, db: Db = getDb()): PublicationState {
  const q = once(db, "publication-state", () =>
    db
      .select({
        latestMonth: sql<string | null>`max(${resultMonths.month})`,
        lastUpdated: sql<string | null>`max(coalesce(${resultMonths.correctedAt}, ${resultMonths.publishedAt}))`,
        publishedMonths: sql<number>`count(*)`,
      })
      .from(resultMonths)
      .where(and(eq(resultMonths.pilotSlug, sql.placeholder("pilot")), isNotNull(resultMonths.publishedAt)))
      .prepare(),
  );
  const row = q.get({ pilot: pilotSlug });
  return { latestMonth: row?.latestMonth ?? null, lastUpdated: row?.lastUpdated ?? null, publishedMonths: row?.publishedMonths ?? 0 };
}

export type Counts = { x: number; n: number };

/** A subject's verdict against the public service of the same pilot and period (app/domain/verdict.ts). */
export type Versus = { verdict: Verdict; difference: Difference | null };

export type SubjectFigures = {
  shares: Record<ShareMeasure, ShareFigure>;
  /** The counts behind each share, also when the share is too small to show. */
  counts: Record<ShareMeasure, Counts>;
  /** Against the public service; null for the public service itself. */
  versus: Record<ShareMeasure, Versus> | null;
  satisfaction: MeanFigure;
  /** Published months with a result of this subject, among the latest 18 (12 months make a provider no longer new). */
  months: number;
};

export type PilotFigures = {
  pilot: string;
  threshold: number;
  latestMonth: string;
  lastUpdated: string;
  windows: Record<ShareMeasure | "satisfaction", Window>;
  /** By subject key (provider id, or publicKey for the public service). */
  figures: Map<number, SubjectFigures>;
};

/** The results column of each share measure. */
export const shareColumn: Record<ShareMeasure, AnySQLiteColumn> = {
  employed_open_3m: results.employedOpen3m,
  employed_open_6m: results.employedOpen6m,
  in_education: results.inEducation,
  in_subsidised_work: results.inSubsidisedWork,
  contacted_within_5_days: results.contactedWithin5Days,
};

/**
 * The figures of every provider and the public service of a pilot over the comparison period,
 * each provider with its verdict against the public service. Computing them reads every published row of the period, so the
 * result is kept in memory until a month is published or replaced, or the threshold changes:
 * a page then costs what it shows, not what is stored.
 */
export function pilotFigures(pilotSlug: string, threshold: number, db: Db = getDb()): PilotFigures | null {
  const state = publicationState(pilotSlug, db);
  if (!state.latestMonth || !state.lastUpdated) return null;
  const stamp = `${state.latestMonth}|${state.lastUpdated}|${state.publishedMonths}|${threshold}`;
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map<string, { stamp: string; value: PilotFigures }>()));
  const cached = perDb.get(pilotSlug);
  if (cached && cached.stamp === stamp) return cached.value;
  const value = computeFigures(pilotSlug, threshold, state.latestMonth, state.lastUpdated, db);
  perDb.set(pilotSlug, { stamp, value });
  return value;
}

const cache = new WeakMap<Db, Map<string, { stamp: string; value: PilotFigures }>>();

function computeFigures(pilotSlug: string, threshold: number, latestMonth: string, lastUpdated: string, db: Db): PilotFigures {
  const windows = {
    ...(Object.fromEntries(shareMeasures.map((m) => [m, measureWindow(m, latestMonth)])) as Record<ShareMeasure, Window>),
    satisfaction: measureWindow("satisfaction", latestMonth),
  };
  const earliest = Object.values(windows).reduce((min, w) => (w.from < min ? w.from : min), latestMonth);
  const inWindow = (m: ShareMeasure) => sql`${results.month} BETWEEN ${windows[m].from} AND ${windows[m].to} AND ${shareColumn[m]} IS NOT NULL`;
  const selection: Record<string, ReturnType<typeof sql<number>>> = {};
  for (const m of shareMeasures) {
    selection[`n_${m}`] = sql<number>`coalesce(sum(CASE WHEN ${inWindow(m)} THEN ${results.started} END), 0)`;
    selection[`x_${m}`] = sql<number>`coalesce(sum(CASE WHEN ${inWindow(m)} THEN ${shareColumn[m]} END), 0)`;
  }
  const satisfactionWindow = sql`${results.month} BETWEEN ${windows.satisfaction.from} AND ${windows.satisfaction.to} AND ${results.satisfactionMean} IS NOT NULL`;
  const rows = db
    .select({
      providerId: results.providerId,
      months: sql<number>`count(DISTINCT ${results.month})`,
      responses: sql<number>`coalesce(sum(CASE WHEN ${satisfactionWindow} THEN ${results.satisfactionResponses} END), 0)`,
      total: sql<number>`coalesce(sum(CASE WHEN ${satisfactionWindow} THEN ${results.satisfactionResponses} * ${results.satisfactionMean} END), 0)`,
      ...selection,
    })
    .from(results)
    .innerJoin(resultMonths, and(eq(resultMonths.pilotSlug, results.pilotSlug), eq(resultMonths.month, results.month)))
    .where(
      and(
        eq(results.pilotSlug, pilotSlug),
        isNotNull(resultMonths.publishedAt),
        eq(results.customerGroup, allGroup),
        gte(results.month, earliest),
        lte(results.month, latestMonth),
      ),
    )
    .groupBy(results.providerId)
    .all() as ({ providerId: number | null; months: number; responses: number; total: number } & Record<string, number>)[];

  const counted = rows.map((row) => ({
    key: row.providerId ?? publicKey,
    row,
    counts: Object.fromEntries(shareMeasures.map((m) => [m, { x: row[`x_${m}`], n: row[`n_${m}`] }])) as Record<ShareMeasure, Counts>,
  }));
  const publicCounts = counted.find((c) => c.key === publicKey)?.counts ?? null;
  const figures = new Map<number, SubjectFigures>();
  for (const { key, row, counts } of counted) {
    figures.set(key, {
      shares: Object.fromEntries(shareMeasures.map((m) => [m, shareFigure(counts[m].x, counts[m].n, threshold)])) as Record<ShareMeasure, ShareFigure>,
      counts,
      versus:
        key === publicKey
          ? null
          : (Object.fromEntries(shareMeasures.map((m) => [m, versusPublicService(counts[m], publicCounts?.[m] ?? null, threshold)])) as Record<
              ShareMeasure,
              Versus
            >),
      satisfaction: meanFigure(row.responses, row.total, threshold),
      months: row.months,
    });
  }
  return { pilot: pilotSlug, threshold, latestMonth, lastUpdated, windows, figures };
}

/** A provider with fewer published months of results than this is "new: results after 12 months". */
export const newProviderMonths = 12;

export type MonthRow = typeof results.$inferSelect;

/**
 * The latest `limit` published months of one subject in a pilot, oldest first. The index on
 * (pilot, provider, month) keeps this a short read however many months are stored.
 */
export function monthlySeries(pilotSlug: string, providerId: number | null, limit: number, db: Db = getDb()): MonthRow[] {
  const q = once(db, `monthly-series:${providerId === null ? "public" : "provider"}`, () =>
    db
      .select({ r: results })
      .from(results)
      .innerJoin(resultMonths, and(eq(resultMonths.pilotSlug, results.pilotSlug), eq(resultMonths.month, results.month)))
      .where(
        and(
          eq(results.pilotSlug, sql.placeholder("pilot")),
          providerId === null ? isNull(results.providerId) : eq(results.providerId, sql.placeholder("provider")),
          eq(results.customerGroup, allGroup),
          isNotNull(resultMonths.publishedAt),
        ),
      )
      .orderBy(desc(results.month))
      .limit(sql.placeholder("limit"))
      .prepare(),
  );
  return q
    .all({ pilot: pilotSlug, provider: providerId ?? 0, limit })
    .map((x) => x.r)
    .reverse();
}

// ---- open data ----

/** Name of the public service in the exports (the data's source language is Finnish). */
export const publicServiceExportName = "Julkinen työvoimapalvelu";

/** A published row: the validated row with when its month was published and last corrected. */
export type ExportRow = ResultRow & {
  published_at: string;
  corrected_at: string | null;
};

/**
 * A version of everything the open data shows: it changes when a month is published or replaced,
 * or a provider's name changes. The exports' ETag, without reading the rows.
 */
export function openDataVersion(db: Db = getDb()): { results: string; providers: string; lastModified: string | null } {
  const months = db
    .select({
      count: sql<number>`count(*)`,
      latest: sql<string | null>`max(coalesce(${resultMonths.correctedAt}, ${resultMonths.publishedAt}))`,
    })
    .from(resultMonths)
    .where(isNotNull(resultMonths.publishedAt))
    .get();
  const provs = db
    .select({ count: sql<number>`count(*)`, latest: sql<string | null>`max(${providers.updatedAt})`, maxId: sql<number | null>`max(${providers.id})` })
    .from(providers)
    .get();
  const pilotsRow = db.select({ latest: sql<string | null>`max(${pilots.updatedAt})`, count: sql<number>`count(*)` }).from(pilots).get();
  const p = `${provs?.count ?? 0}.${provs?.maxId ?? 0}.${provs?.latest ?? "-"}.${pilotsRow?.count ?? 0}.${pilotsRow?.latest ?? "-"}`;
  const r = `${months?.count ?? 0}.${months?.latest ?? "-"}.${p}`;
  const dates = [months?.latest, provs?.latest].filter((d): d is string => Boolean(d)).sort();
  return { results: r, providers: p, lastModified: dates[dates.length - 1] ?? null };
}

/** Every published month of every pilot, oldest first within each pilot. */
export function publishedMonths(db: Db = getDb()) {
  return db
    .select({ pilot: resultMonths.pilotSlug, month: resultMonths.month, publishedAt: resultMonths.publishedAt, correctedAt: resultMonths.correctedAt })
    .from(resultMonths)
    .where(isNotNull(resultMonths.publishedAt))
    .orderBy(asc(resultMonths.pilotSlug), asc(resultMonths.month))
    .all() as { pilot: string; month: string; publishedAt: string; correctedAt: string | null }[];
}

/**
 * The rows of one published month of a pilot: the public service first, then the providers by
 * business ID. Exports read month by month, so that an export of any size streams without holding
 * the table in memory or the database busy between reads. `threshold` is the pilot's small-number
 * threshold: a mean from fewer answers is left empty (publishedMean, app/domain/statistics.ts).
 */
export function exportMonth(
  m: { pilot: string; month: string; publishedAt: string; correctedAt: string | null },
  threshold: number,
  db: Db = getDb(),
): ExportRow[] {
  const rows = db
    .select({
      businessId: providers.businessId,
      providerName: providers.name,
      group: results.customerGroup,
      started: results.started,
      employed3m: results.employedOpen3m,
      employed6m: results.employedOpen6m,
      education: results.inEducation,
      subsidised: results.inSubsidisedWork,
      contacted: results.contactedWithin5Days,
      responses: results.satisfactionResponses,
      mean: results.satisfactionMean,
    })
    .from(results)
    .leftJoin(providers, eq(providers.id, results.providerId))
    .where(and(eq(results.pilotSlug, m.pilot), eq(results.month, m.month)))
    .orderBy(sql`coalesce(${providers.businessId}, '')`, groupOrder)
    .all();
  return withheldGroupCells(rows, threshold).map((r) => ({
    month: m.month,
    pilot: m.pilot,
    provider_business_id: r.businessId,
    provider_name: r.providerName ?? publicServiceExportName,
    group: r.group as GroupOrAll,
    started: r.started,
    employed_open_3m: r.employed3m,
    employed_open_6m: r.employed6m,
    in_education: r.education,
    in_subsidised_work: r.subsidised,
    contacted_within_5_days: r.contacted,
    satisfaction_responses: r.responses,
    satisfaction_mean: publishedMean(r.responses, r.mean, threshold),
    published_at: m.publishedAt,
    corrected_at: m.correctedAt,
  }));
}

/** Rows of a month in the order of groupValues: `all` first, then each dimension's groups. */
const groupOrder = sql.raw(`CASE customer_group ${groupValues.map((g, i) => `WHEN '${g}' THEN ${i}`).join(" ")} ELSE ${groupValues.length} END`);

type CellRow = {
  businessId: string | null;
  group: string;
  started: number;
  employed3m: number | null;
  employed6m: number | null;
  education: number | null;
  subsidised: number | null;
  contacted: number | null;
  responses: number;
  mean: number | null;
};

/**
 * The small-number rule for the breakdown by customer group
 * (docs/decisions/069-customer-groups-and-adjusted-figures.md): a group row of fewer customers than
 * the threshold keeps its `started` and count of answers but publishes its outcomes and mean empty, since a
 * small group's outcomes are those of people others may know. When that leaves a single cell of a
 * dimension withheld, the next smallest group of the dimension is withheld too, so that it cannot be
 * worked out from the row of all customers. Rows of all customers are published as before.
 */
export function withheldGroupCells<R extends CellRow>(rows: readonly R[], threshold: number): R[] {
  const withheld = new Set<R>();
  const bySubject = new Map<string, R[]>();
  for (const r of rows) {
    if (r.group === allGroup || !isCustomerGroup(r.group)) continue;
    const key = `${r.businessId ?? "public"}|${dimensionOf(r.group)}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), r]);
  }
  for (const list of bySubject.values()) {
    const small = list.filter((r) => isSuppressed(r.started, threshold));
    for (const r of small) withheld.add(r);
    if (small.length === 1 && list.length > 1) {
      const next = list.filter((r) => !withheld.has(r)).sort((a, b) => a.started - b.started)[0];
      if (next) withheld.add(next);
    }
  }
  return rows.map((r) =>
    withheld.has(r)
      ? { ...r, employed3m: null, employed6m: null, education: null, subsidised: null, contacted: null, mean: null }
      : r,
  );
}


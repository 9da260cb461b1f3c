import { and, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { resultMonths, results } from "../../../db/schema";
import { adjustmentDimension, allGroup, groupDimensions, type CustomerGroup } from "~/domain/customer-groups";
import { measureWindow, shareMeasures, type ShareMeasure, type Window } from "~/domain/results";
import { differenceOfIntervals, standardise, type StratumCounts } from "~/domain/standardisation";
import { isSuppressed, shareFigure, type Interval, type ShareFigure } from "~/domain/statistics";
import { verdictOf, versusPublicService, type Difference, type Verdict } from "~/domain/verdict";
import { getDb, type Db } from "../platform/db";
import { publicationState, publicKey, shareColumn, type PilotFigures } from "./results.store";

/**
 * Figures from the breakdown by customer group (docs/decisions/069-customer-groups-and-adjusted-figures.md):
 * each subject's figure adjusted for whom it serves (indirect standardisation by the adjustment
 * dimension, app/domain/standardisation.ts), and each subject's figure for one group ("people like
 * me"). Same periods, published months and threshold as the comparison (app/.server/providers/results.store.ts);
 * kept in memory until a month is published or replaced, like the comparison's figures.
 */

type Sums = Record<ShareMeasure, StratumCounts>;
/** subject key → group → counts per measure over the measure's period */
type GroupSums = Map<number, Map<string, Sums>>;

/** The published counts of the groups asked (and `all`), per subject and group, each measure over its period. */
function groupSums(pilotSlug: string, latestMonth: string, groups: readonly string[], db: Db): GroupSums {
  const windows = Object.fromEntries(shareMeasures.map((m) => [m, measureWindow(m, latestMonth)])) as Record<ShareMeasure, Window>;
  const earliest = Object.values(windows).reduce((min, w) => (w.from < min ? w.from : min), latestMonth);
  const selection: Record<string, ReturnType<typeof sql<number>>> = {};
  for (const m of shareMeasures) {
    const inWindow = sql`${results.month} BETWEEN ${windows[m].from} AND ${windows[m].to} AND ${shareColumn[m]} IS NOT NULL`;
    selection[`n_${m}`] = sql<number>`coalesce(sum(CASE WHEN ${inWindow} THEN ${results.started} END), 0)`;
    selection[`x_${m}`] = sql<number>`coalesce(sum(CASE WHEN ${inWindow} THEN ${shareColumn[m]} END), 0)`;
  }
  const rows = db
    .select({ providerId: results.providerId, group: results.customerGroup, ...selection })
    .from(results)
    .innerJoin(resultMonths, and(eq(resultMonths.pilotSlug, results.pilotSlug), eq(resultMonths.month, results.month)))
    .where(
      and(
        eq(results.pilotSlug, pilotSlug),
        inArray(results.customerGroup, [allGroup, ...groups]),
        isNotNull(resultMonths.publishedAt),
        gte(results.month, earliest),
        lte(results.month, latestMonth),
      ),
    )
    .groupBy(results.providerId, results.customerGroup)
    .all() as ({ providerId: number | null; group: string } & Record<string, number>)[];
  const out: GroupSums = new Map();
  for (const row of rows) {
    const key = row.providerId ?? publicKey;
    let byGroup = out.get(key);
    if (!byGroup) out.set(key, (byGroup = new Map<string, Sums>()));
    byGroup.set(row.group, Object.fromEntries(shareMeasures.map((m) => [m, { x: row[`x_${m}`], n: row[`n_${m}`] }])) as Sums);
  }
  return out;
}

/** An adjusted share with its interval and its verdict against the public service's adjusted share. */
export type AdjustedFigure = Interval & { n: number; expected: number; observed: number; verdict: Verdict | null };

export type AdjustedFigures = Map<number, Partial<Record<ShareMeasure, AdjustedFigure>>>;

/**
 * Each subject's adjusted figure per measure, where the subject's breakdown by the adjustment
 * dimension covers every one of its customers in the period and they are not fewer than the
 * threshold. The pilot-wide rates of each group come from every subject with such a breakdown,
 * the public service included. A provider's verdict compares its adjusted share with the public
 * service's adjusted share (a MOVER interval of the difference; the same rule as the raw verdict:
 * "better" only when the whole interval is above zero).
 */
export function adjustedFigures(pilotSlug: string, threshold: number, db: Db = getDb()): AdjustedFigures | null {
  return cached(`adjusted|${pilotSlug}|${threshold}`, pilotSlug, db, (latest) => computeAdjusted(pilotSlug, threshold, latest, db));
}

const byFigures = new WeakMap<PilotFigures, AdjustedFigures | null>();

/**
 * The adjusted figures that go with a pilot's figures (as pilotFigures returns them, cached while
 * nothing is published): looked up once per figures object, so that a page asking for each of its
 * figures costs no query.
 */
export function adjustedOf(figures: PilotFigures, db: Db = getDb()): AdjustedFigures | null {
  if (byFigures.has(figures)) return byFigures.get(figures)!;
  const value = adjustedFigures(figures.pilot, figures.threshold, db);
  byFigures.set(figures, value);
  return value;
}

function computeAdjusted(pilotSlug: string, threshold: number, latestMonth: string, db: Db): AdjustedFigures {
  const groups = groupDimensions[adjustmentDimension] as readonly CustomerGroup[];
  const sums = groupSums(pilotSlug, latestMonth, groups, db);
  const out: AdjustedFigures = new Map();
  for (const m of shareMeasures) {
    // Subjects whose groups cover all their customers of the period.
    const covered = new Map<number, Map<string, StratumCounts>>();
    for (const [key, byGroup] of sums) {
      const whole = byGroup.get(allGroup)?.[m];
      const strata = new Map(groups.filter((g) => byGroup.has(g)).map((g) => [g, byGroup.get(g)![m]] as const));
      const n = [...strata.values()].reduce((a, c) => a + c.n, 0);
      if (whole && strata.size > 0 && n === whole.n && n > 0) covered.set(key, strata);
    }
    const pilot = new Map<string, StratumCounts>();
    for (const strata of covered.values()) {
      for (const [g, c] of strata) {
        const p = pilot.get(g) ?? { x: 0, n: 0 };
        pilot.set(g, { x: p.x + c.x, n: p.n + c.n });
      }
    }
    const figures = new Map<number, Omit<AdjustedFigure, "verdict">>();
    for (const [key, strata] of covered) {
      const s = standardise(strata, pilot);
      if (!s || isSuppressed(s.n, threshold)) continue;
      figures.set(key, { ...s.adjusted, n: s.n, expected: s.expected, observed: s.observed });
    }
    const publicFigure = figures.get(publicKey);
    for (const [key, f] of figures) {
      const verdict = key === publicKey ? null : publicFigure ? verdictOf(differenceOfIntervals(f, publicFigure)) : "too_few";
      const entry = out.get(key) ?? {};
      entry[m] = { ...f, verdict };
      out.set(key, entry);
    }
  }
  return out;
}

/** A subject's figures for one customer group, each with its verdict against the public service's figure for the same group. */
export type GroupSubjectFigures = Record<ShareMeasure, { figure: ShareFigure; verdict: Verdict | null; difference: Difference | null }>;

/**
 * Every subject's figures for one customer group ("people like me"), over the comparison's
 * periods and with its threshold: a group of fewer customers is "too few", as on the rest of the
 * page. Subjects without a breakdown for the group are missing from the map.
 */
export function groupFigures(pilotSlug: string, threshold: number, group: CustomerGroup, db: Db = getDb()): Map<number, GroupSubjectFigures> | null {
  return cached(`group|${pilotSlug}|${threshold}|${group}`, pilotSlug, db, (latest) => {
    const sums = groupSums(pilotSlug, latest, [group], db);
    const publicSums = sums.get(publicKey)?.get(group);
    const out = new Map<number, GroupSubjectFigures>();
    for (const [key, byGroup] of sums) {
      const own = byGroup.get(group);
      if (!own) continue;
      out.set(
        key,
        Object.fromEntries(
          shareMeasures.map((m) => [
            m,
            {
              figure: shareFigure(own[m].x, own[m].n, threshold),
              ...(key === publicKey ? { verdict: null, difference: null } : versusPublicService(own[m], publicSums?.[m] ?? null, threshold)),
            },
          ]),
        ) as GroupSubjectFigures,
      );
    }
    return out;
  });
}

const cache = new WeakMap<Db, Map<string, { stamp: string; value: unknown }>>();

/** Computed once per publication state of the pilot (as pilotFigures is): a page costs what it shows. */
function cached<T>(key: string, pilotSlug: string, db: Db, compute: (latestMonth: string) => T): T | null {
  const state = publicationState(pilotSlug, db);
  if (!state.latestMonth || !state.lastUpdated) return null;
  const stamp = `${state.latestMonth}|${state.lastUpdated}|${state.publishedMonths}`;
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map<string, { stamp: string; value: unknown }>()));
  const hit = perDb.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = compute(state.latestMonth);
  perDb.set(key, { stamp, value });
  return value;
}

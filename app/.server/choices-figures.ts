import { and, desc, eq, gte, isNotNull, lte } from "drizzle-orm";
import { resultMonths, results } from "../../db/schema";
import { allGroup } from "~/domain/customer-groups";
import type { PilotDefinition } from "~/domain/pilot";
import { measureWindow, type ShareMeasure } from "~/domain/results";
import { shareFigure, type ShareFigure } from "~/domain/statistics";
import { locales } from "~/format";
import type { Lang } from "~/i18n";
import { getDb, type Db } from "./db";

/**
 * "The comparison's figures at hand" on the pick step: for each provider of the pilot and for
 * the public service, on the same scale, the shares the comparison page shows first, each over
 * its own window of the latest twelve start months that can be known, from published months only,
 * with the pilot's small-number threshold and a 95 % Wilson range (app/domain/statistics.ts).
 */
export const pickMeasures = ["employed_open_3m", "contacted_within_5_days"] as const satisfies readonly ShareMeasure[];

const columns = {
  employed_open_3m: results.employedOpen3m,
  contacted_within_5_days: results.contactedWithin5Days,
} as const;

export type PickFigure = { measure: (typeof pickMeasures)[number]; figure: ShareFigure; from: string; to: string };

export function pickFigures(pilot: PilotDefinition, providerIds: number[], _today: string, lang: Lang, db: Db = getDb()) {
  const latest = db
    .select({ month: resultMonths.month })
    .from(resultMonths)
    .where(and(eq(resultMonths.pilotSlug, pilot.slug), isNotNull(resultMonths.publishedAt)))
    .orderBy(desc(resultMonths.month))
    .get()?.month;
  const providers = new Map<number, PickFigure[]>(providerIds.map((id) => [id, []]));
  const publicService: PickFigure[] = [];
  if (!latest) return { providers, publicService, period: null };
  const published = new Set(
    db
      .select({ month: resultMonths.month })
      .from(resultMonths)
      .where(and(eq(resultMonths.pilotSlug, pilot.slug), isNotNull(resultMonths.publishedAt)))
      .all()
      .map((r) => r.month),
  );
  for (const measure of pickMeasures) {
    const window = measureWindow(measure, latest);
    const column = columns[measure];
    const rows = db
      .select({ providerId: results.providerId, month: results.month, started: results.started, x: column })
      .from(results)
      .where(
        and(
          eq(results.pilotSlug, pilot.slug),
          eq(results.customerGroup, allGroup),
          gte(results.month, window.from),
          lte(results.month, window.to),
          isNotNull(column),
        ),
      )
      .all()
      .filter((r) => published.has(r.month));
    const sums = new Map<number | null, { x: number; n: number }>();
    for (const r of rows) {
      const s = sums.get(r.providerId) ?? { x: 0, n: 0 };
      s.x += r.x ?? 0;
      s.n += r.started;
      sums.set(r.providerId, s);
    }
    const figure = (key: number | null): PickFigure => {
      const s = sums.get(key) ?? { x: 0, n: 0 };
      return { measure, figure: shareFigure(s.x, s.n, pilot.smallNumberThreshold), from: window.from, to: window.to };
    };
    for (const id of providerIds) providers.get(id)!.push(figure(id));
    publicService.push(figure(null));
  }
  return { providers, publicService, period: { latest: monthName(latest, lang) } };
}

/** "2026-10" → "lokakuu 2026", "oktober 2026", "October 2026" */
export function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locales[lang], { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

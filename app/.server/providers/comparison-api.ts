import { groupValues, isCustomerGroup } from "~/domain/customer-groups";
import { isShareMeasure, shareMeasures, type ShareMeasure } from "~/domain/results";
import type { Verdict } from "~/domain/verdict";
import { participationState } from "~/domain/official-provider";
import { getDb, type Db } from "../platform/db";
import { figuresForGroup } from "./people-like-me";
import { pilotsWithVersion } from "../eligibility/pilots.store";
import { providersOfPilot } from "./providers.store";
import { licence } from "./open-data";
import { pilotFigures, publicKey, type PilotFigures } from "./results.store";
import { adjustedFigures, type AdjustedFigures } from "./results-groups.store";

/**
 * GET /api/v1/comparison.json?pilot=SLUG&measure=MEASURE[&group=GROUP]
 * (docs/decisions/068-verdicts-and-figure-sentences.md): for one pilot and measure, the public
 * service's and every provider's count (`x` of `n` customers), share and 95 % Wilson range, and
 * each provider's verdict against the public service (`versusPublicService`: better, similar,
 * worse or too_few), from the same figures as the comparison page. Shares of fewer customers than
 * the pilot's small-number threshold are null, as on the pages. Unknown values answer 400 with a
 * message that names the allowed values; nothing anyone sends answers 5xx.
 */

/** The customer groups the API accepts: `all`, or one group of the breakdown (docs/decisions/069-customer-groups-and-adjusted-figures.md). */
export const comparisonGroups = groupValues;

type Figure = {
  x: number;
  n: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /**
   * The share adjusted for how long the customers had been unemployed (indirect standardisation,
   * Byar's interval) and its verdict against the public service's adjusted share; null where the
   * breakdown does not cover the period, for too few customers, and for a group.
   */
  adjusted: { estimate: number; lower: number; upper: number; versusPublicService: Verdict | null } | null;
};

export type ComparisonProvider = Figure & {
  businessId: string;
  slug: string;
  name: string;
  /** Whether the provider serves the pilot on the day of the answer (one that left keeps its results). */
  servesNow: boolean;
  versusPublicService: Verdict;
  /** The difference provider − public service with its 95 % interval (Newcombe), or null when too few. */
  difference: { estimate: number; lower: number; upper: number } | null;
};

const round = (v: number) => Math.round(v * 10000) / 10000;

function figureOf(figures: PilotFigures | null, key: number, measure: ShareMeasure, adjustedAll: AdjustedFigures | null): Figure {
  const f = figures?.figures.get(key);
  const counts = f?.counts[measure] ?? { x: 0, n: 0 };
  const share = f?.shares[measure];
  const a = share?.kind === "shown" ? adjustedAll?.get(key)?.[measure] : undefined;
  const adjusted = a ? { estimate: round(a.estimate), lower: round(a.lower), upper: round(a.upper), versusPublicService: key === publicKey ? null : a.verdict } : null;
  return share?.kind === "shown"
    ? { x: counts.x, n: counts.n, estimate: round(share.estimate), lower: round(share.lower), upper: round(share.upper), adjusted }
    : { x: counts.x, n: counts.n, estimate: null, lower: null, upper: null, adjusted: null };
}

type Answer = { status: number; body: unknown };

function problem(error: string, message: string): Answer {
  return { status: 400, body: { error, message } };
}

/** What the caller sent, as it may be repeated in a message: letters, digits, "_", "-", "." only. */
function echo(value: string): string {
  return value.slice(0, 64).replace(/[^\w.-]/g, "?");
}

export function comparisonApi(params: URLSearchParams, today: string, origin: string, db: Db = getDb()): Answer {
  const { pilots } = pilotsWithVersion(db);
  const slugs = pilots.map((p) => p.slug);
  for (const name of params.keys()) {
    if (!["pilot", "measure", "group"].includes(name)) {
      return problem("unknown_parameter", `Unknown parameter "${echo(name)}". Allowed: pilot, measure, group.`);
    }
  }
  for (const name of ["pilot", "measure", "group"]) {
    if (params.getAll(name).length > 1) return problem("repeated_parameter", `Give "${name}" once.`);
  }
  const pilotSlug = params.get("pilot");
  const measure = params.get("measure");
  const group = params.get("group") ?? "all";
  if (!pilotSlug) return problem("pilot_required", `Give a pilot: pilot=${slugs.join(" | ")}.`);
  const pilot = pilots.find((p) => p.slug === pilotSlug);
  if (!pilot) return problem("unknown_pilot", `Unknown pilot "${echo(pilotSlug)}". Known pilots: ${slugs.join(", ")}.`);
  if (!measure) return problem("measure_required", `Give a measure: measure=${shareMeasures.join(" | ")}.`);
  if (!isShareMeasure(measure)) return problem("unknown_measure", `Unknown measure "${echo(measure)}". Measures: ${shareMeasures.join(", ")}.`);
  if (!(comparisonGroups as readonly string[]).includes(group)) {
    return problem("unknown_group", `Unknown group "${echo(group)}". Groups: ${comparisonGroups.join(", ")}.`);
  }

  const all = pilotFigures(pilot.slug, pilot.smallNumberThreshold, db);
  // A group's figures in place of the whole's; the adjusted figures are of the whole only.
  const figures = isCustomerGroup(group) ? figuresForGroup(all, group, db) : all;
  const adjusted = isCustomerGroup(group) ? null : adjustedFigures(pilot.slug, pilot.smallNumberThreshold, db);
  const serving = (p: { startsOn: string; endsOn: string | null }) => participationState(p, false, today) === "active";
  // Every provider serving now, and every one that has left but has results in the period.
  const providers: ComparisonProvider[] = providersOfPilot(pilot.slug, db)
    .filter((p) => serving(p) || figures?.figures.has(p.id))
    .sort((a, b) => (a.businessId < b.businessId ? -1 : a.businessId > b.businessId ? 1 : 0))
    .map((p) => {
      const versus = figures?.figures.get(p.id)?.versus?.[measure];
      const d = versus?.difference ?? null;
      return {
        businessId: p.businessId,
        slug: p.slug,
        name: p.name,
        servesNow: serving(p),
        ...figureOf(figures, p.id, measure, adjusted),
        versusPublicService: versus?.verdict ?? "too_few",
        difference: d ? { estimate: round(d.estimate), lower: round(d.lower), upper: round(d.upper) } : null,
      };
    });
  return {
    status: 200,
    body: {
      licence: licence.name,
      licence_url: licence.url,
      attribution: licence.attribution,
      example_data: pilot.isExample,
      documentation: `${origin}/en/open-data#comparison`,
      pilot: pilot.slug,
      measure,
      group,
      threshold: pilot.smallNumberThreshold,
      latestMonth: figures?.latestMonth ?? null,
      period: figures ? figures.windows[measure] : null,
      method:
        "95 % Wilson score interval for each share; Newcombe's hybrid score interval (method 10) for the difference from the public service; " +
        "adjusted: indirect standardisation by length of unemployment over the pilot's rates (public service included), Byar's interval, MOVER difference from the public service's adjusted share",
      publicService: { ...figureOf(figures, publicKey, measure, adjusted), versusPublicService: null },
      providers,
    },
  };
}

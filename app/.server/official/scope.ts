import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, count, eq, isNotNull, max } from "drizzle-orm";
import { changeRequests, providerPilots, resultMonths } from "../../../db/schema";
import { pilotStatus, type PilotDefinition, namesItsMunicipalities } from "~/domain/pilot";
import { formatDate, formatDateTime, municipalityName, todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import { requireOfficial, type SignedInUser } from "../auth/auth";
import { getDb } from "../platform/db";
import { langParam } from "../platform/forms";
import { loadPilots, municipalitiesByCode, type Municipality } from "../eligibility/pilots.store";
import { monthName } from "../providers/format";
import "../platform/i18n";

/**
 * The officials' back office under /{lang}/official (issue 7; docs/decisions/050-back-office.md).
 *
 * Every loader and action starts with officialScope(): requireOfficial(request, pilot) — not signed
 * in: 303 to sign-in; signed in without the role for THIS pilot: 403 — and then every query of the
 * page is scoped to `scope.pilot.slug`. Nothing is looked up across pilots.
 */
export type OfficialScope = {
  user: SignedInUser;
  lang: Lang;
  pilot: PilotDefinition;
  today: string;
  now: Date;
};

export function officialScope({ request, params }: Pick<LoaderFunctionArgs, "request" | "params">, now = new Date()): OfficialScope {
  // A missing or malformed slug is "not an official of that pilot", never "any pilot".
  const slug = typeof params.pilot === "string" && /^[a-z0-9-]{1,64}$/.test(params.pilot) ? params.pilot : "-";
  const user = requireOfficial(request, slug);
  const pilot = loadPilots().find((p) => p.slug === slug);
  if (!pilot) throw new Response(null, { status: 404 });
  return { user, lang: langParam(params), pilot, today: todayInFinland(now), now };
}

/** What every back-office page of a pilot shows in its frame. */
export function pilotHeader(scope: OfficialScope) {
  return { slug: scope.pilot.slug, name: scope.pilot.name[scope.lang], isExample: scope.pilot.isExample };
}

/** An id from the address: a positive whole number, otherwise the page does not exist. */
export function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value) || Number(value) < 1) throw new Response(null, { status: 404 });
  return Number(value);
}

/* ---------------------------------------------------------------------------------------------
 * Pages
 * ------------------------------------------------------------------------------------------- */

/** /{lang}/official: the pilots the official works on. */
export function officialHome({ request, params }: Pick<LoaderFunctionArgs, "request" | "params">, now = new Date()) {
  const user = requireOfficial(request);
  const lang = langParam(params);
  const today = todayInFinland(now);
  const pilots = loadPilots()
    .filter((p) => user.roles.officialPilots.includes(p.slug))
    .map((p) => ({
      slug: p.slug,
      name: p.name[lang],
      isExample: p.isExample,
      status: pilotStatus(p, today),
      startsOn: formatDate(p.startsOn, lang),
      endsOn: p.endsOn ? formatDate(p.endsOn, lang) : null,
      pendingRequests: pendingRequestCount(p.slug),
    }));
  return { lang, givenName: user.givenName, pilots };
}

function pendingRequestCount(pilotSlug: string): number {
  return (
    getDb()
      .select({ n: count() })
      .from(changeRequests)
      .where(and(eq(changeRequests.pilotSlug, pilotSlug), eq(changeRequests.status, "pending")))
      .get()?.n ?? 0
  );
}

/** /{lang}/official/{pilot}: the pilot at a glance, with the way to each task. */
export function pilotOverview(scope: OfficialScope) {
  const { pilot, lang, today } = scope;
  const db = getDb();
  const names = namesItsMunicipalities(pilot) ? municipalitiesByCode(pilot.municipalities) : new Map<string, Municipality>();
  const participations = db.select().from(providerPilots).where(eq(providerPilots.pilotSlug, pilot.slug)).all();
  const active = participations.filter((p) => p.startsOn <= today && (p.endsOn === null || p.endsOn >= today)).length;
  const published = db
    .select({ latest: max(resultMonths.month), updated: max(resultMonths.correctedAt), first: max(resultMonths.publishedAt), n: count() })
    .from(resultMonths)
    .where(and(eq(resultMonths.pilotSlug, pilot.slug), isNotNull(resultMonths.publishedAt)))
    .get();
  const lastUpdated = [published?.updated, published?.first].filter((d): d is string => !!d).sort().pop() ?? null;
  return {
    lang,
    pilot: pilotHeader(scope),
    status: pilotStatus(pilot, today),
    startsOn: formatDate(pilot.startsOn, lang),
    endsOn: pilot.endsOn ? formatDate(pilot.endsOn, lang) : null,
    area:
      namesItsMunicipalities(pilot)
        ? pilot.municipalities.map((c) => {
            const m = names.get(c);
            return m ? municipalityName(m, lang) : c;
          })
        : null,
    municipalityCount: pilot.municipalities.length,
    lockMonths: pilot.lockMonths,
    threshold: pilot.smallNumberThreshold,
    providers: { active, total: participations.length },
    pendingRequests: pendingRequestCount(pilot.slug),
    results: published?.latest
      ? { latest: monthName(lang, published.latest), months: published.n, lastUpdated: lastUpdated ? formatDateTime(lastUpdated, lang) : null }
      : null,
  };
}

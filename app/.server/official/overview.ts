import type { LoaderFunctionArgs } from "@remix-run/node";
import { participationState } from "~/domain/official-provider";
import { namesItsMunicipalities, pilotStatus } from "~/domain/pilot";
import { formatDate, formatDateTime, municipalityName, todayInFinland } from "~/format";
import { openCasesPerProvider } from "../accountability/cases.store";
import { requireOfficial } from "../auth/auth";
import { pilotSummary } from "../eligibility/pilots";
import { loadPilots, municipalitiesByCode, type Municipality } from "../eligibility/pilots.store";
import { langParam } from "../platform/forms";
import { monthName } from "../providers/format";
import { pendingRequestCount } from "./choices.store";
import { participationsOf } from "./providers.store";
import { publishedSummary } from "./results.store";
import { officialScope, pilotHeader, type OfficialScope } from "./scope";

/** The back office's first pages: the official's pilots, and one pilot at a glance (docs/decisions/050-back-office.md). */

/** /{lang}/official: the pilots the official works on. */
export function officialHome({ request, params }: Pick<LoaderFunctionArgs, "request" | "params">, now = new Date()) {
  const user = requireOfficial(request);
  const lang = langParam(params);
  const today = todayInFinland(now);
  const pilots = loadPilots()
    .filter((p) => user.roles.officialPilots.includes(p.slug))
    .map((p) => ({ ...pilotSummary(p, lang, today), pendingRequests: pendingRequestCount(p.slug) }));
  return { lang, givenName: user.givenName, pilots };
}

/** /{lang}/official/{pilot}: the pilot at a glance, with the way to each task. */
function pilotOverview(scope: OfficialScope) {
  const { pilot, lang, today } = scope;
  const names = namesItsMunicipalities(pilot) ? municipalitiesByCode(pilot.municipalities) : new Map<string, Municipality>();
  const participations = participationsOf(pilot.slug);
  // A suspended provider's last day is the day before its suspension: by its dates it is not active.
  const active = participations.filter((p) => participationState(p, false, today) === "active").length;
  const published = publishedSummary(pilot.slug);
  const lastUpdated = [published?.updated, published?.first].filter((d): d is string => !!d).sort().pop() ?? null;
  return {
    lang,
    pilot: pilotHeader(scope),
    status: pilotStatus(pilot, today),
    startsOn: formatDate(pilot.startsOn, lang),
    endsOn: pilot.endsOn ? formatDate(pilot.endsOn, lang) : null,
    area: namesItsMunicipalities(pilot)
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

/** The loader of /{lang}/official/{pilot}: the overview, and the problem reports and disputes still open (issue 16). */
export function overviewLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const openCases = [...openCasesPerProvider(scope.pilot.slug).values()].reduce((n, c) => n + c.reports + c.disputes, 0);
  return { ...pilotOverview(scope), openCases };
}

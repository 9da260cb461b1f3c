import type {
  CardFigure,
  ComparisonNotice,
  ComparisonView,
  FiguresView,
  MonthView,
  ProfileView,
  ProviderCardView,
  ReferenceView,
} from "~/view-models/providers";
import { pilotStatus, type PilotDefinition } from "~/domain/pilot";
import {
  chooseProviderPath,
  choosePilot,
  comparisonSearch,
  pageSize,
  parseComparisonQuery,
  serviceLanguages,
  type ComparisonQuery,
  type ShownOption,
} from "~/domain/providers";
import { isSuppressed, publishedMean } from "~/domain/statistics";
import { participationState } from "~/domain/official-provider";
import { orderByLowerEnd } from "~/domain/verdict";
import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { locales, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";
import { municipalitiesByCode, municipalityCodeSet, pilotsWithVersion } from "../eligibility/pilots.store";
import {
  countProviders,
  languagesOf,
  matchingProviderKeys,
  officesOf,
  pilotsOf,
  pilotsWithProviders,
  providerBySlug,
  providersByIds,
  providersByName,
  servicesOf,
  departedProviders,
  suspendedPilotsOf,
  type ListFilters,
  type ProviderListRow,
} from "./providers.store";
import { dateInFinland, dateText, decimal, languageName, list, meanView, monthName, monthShort, openingHoursLines, percent, shareView } from "./format";
import { meanSentence, newProviderSentence, shareSentence } from "./figure-sentence";
import { figuresForGroup, isGroupView } from "./people-like-me";
import { monthlySeries, newProviderMonths, pilotFigures, publicKey, type PilotFigures } from "./results.store";
import { adjustedOf } from "./results-groups.store";

/**
 * The comparison page and the profile page, assembled from the repositories and the domain
 * (docs/decisions/024-comparison-speed.md). Routes call these and render what they return.
 */

// Pilots change rarely (an official saves one): parsed once per version in ./pilots, shared here.
function cachedPilots(db: Db): { stamp: string; pilots: readonly PilotDefinition[] } {
  const { version, pilots } = pilotsWithVersion(db);
  return { stamp: String(version), pilots };
}

const collators = new Map<Lang, Intl.Collator>();
function collator(lang: Lang) {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(locales[lang])));
  return c;
}

/** The date in Finland of an ISO timestamp, formatted. */
function finnishDate(iso: string, lang: Lang) {
  return dateText(dateInFinland(new Date(iso)), lang);
}

/**
 * One share of a subject as the pages show it, with its sentence: for a provider, the public
 * service's figure and the verdict against it follow (app/.server/providers/figure-sentence.ts).
 */
export function shareWithSentence(lang: Lang, figures: PilotFigures | null, key: number, measure: ShareMeasure) {
  const f = figures?.figures.get(key);
  const figure = f?.shares[measure];
  const isPublic = key === publicKey;
  const verdict = isPublic || !f ? null : (f.versus?.[measure].verdict ?? null);
  const publicService = isPublic ? undefined : figures?.figures.get(publicKey)?.shares[measure];
  // Beside the raw figure, the figure adjusted for whom the subject serves, where the breakdown allows (decision 069).
  const adjusted = figures && !isGroupView(figures) && figure?.kind === "shown" ? (adjustedOf(figures)?.get(key)?.[measure] ?? null) : null;
  const adjustedVerdict = isPublic ? null : (adjusted?.verdict ?? null);
  return shareView(lang, figure, {
    sentence: shareSentence(lang, { measure, figure, publicService, verdict, adjusted, adjustedVerdict }),
    ...(!isPublic && { verdict }),
  });
}

function figuresView(lang: Lang, figures: PilotFigures | null, key: number): FiguresView {
  const f = figures?.figures.get(key);
  return {
    shares: Object.fromEntries(shareMeasures.map((m) => [m, shareWithSentence(lang, figures, key, m)])) as FiguresView["shares"],
    satisfaction: meanView(lang, f?.satisfaction, meanSentence(lang, f?.satisfaction)),
  };
}

function cardFigure(lang: Lang, figures: PilotFigures | null, key: number, shown: ShownOption): CardFigure {
  const f = figures?.figures.get(key);
  return shown === "satisfaction"
    ? { measure: "satisfaction", mean: meanView(lang, f?.satisfaction, meanSentence(lang, f?.satisfaction)) }
    : { measure: shown, share: shareWithSentence(lang, figures, key, shown) };
}

/** "New: results after 12 months (5 months so far)" while a provider has fewer published months of results. */
export function newnessOf(lang: Lang, figures: PilotFigures | null, key: number): string | null {
  const months = figures?.figures.get(key)?.months ?? 0;
  return months < newProviderMonths ? newProviderSentence(lang, months, newProviderMonths) : null;
}

function referenceView(lang: Lang, figures: PilotFigures | null): ReferenceView {
  const ref: ReferenceView = {};
  const f = figures?.figures.get(publicKey);
  for (const m of shareMeasures) {
    const s = f?.shares[m];
    if (s?.kind === "shown") ref[m] = { estimate: Math.round(s.estimate * 1000) / 1000, percent: percent(lang, s.estimate) };
  }
  return ref;
}

function periodView(lang: Lang, figures: PilotFigures | null): ComparisonView["period"] {
  if (!figures) return null;
  const windows = Object.fromEntries(
    Object.entries(figures.windows).map(([m, w]) => [m, `${monthName(lang, w.from)} – ${monthName(lang, w.to)}`]),
  ) as Record<ShareMeasure | "satisfaction", string>;
  return { latest: monthName(lang, figures.latestMonth), lastUpdated: finnishDate(figures.lastUpdated, lang), windows };
}

function card(lang: Lang, row: ProviderListRow, languages: string[], figures: PilotFigures | null, shown: ShownOption): ProviderCardView {
  return {
    slug: row.slug,
    name: row.name,
    shortDescription: row.shortDescription[lang],
    takesNewCustomers: row.takesNewCustomers,
    firstMeetingWithinDays: row.firstMeetingWithinDays,
    languages: list(lang, orderLanguages(languages).map((c) => languageName(lang, c))),
    verified: row.commitmentsVerifiedOn !== null,
    figure: cardFigure(lang, figures, row.id, shown),
    isNew: newnessOf(lang, figures, row.id),
  };
}

/** The languages in the order of the service's list (fi, sv, en first). */
function orderLanguages(codes: string[]): string[] {
  const order = serviceLanguages as readonly string[];
  return [...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Page links: all when there are few, otherwise the first, the last and two either side of the current. */
function pageLinks(query: ComparisonQuery, page: number, pageCount: number) {
  const numbers = new Set<number>([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) numbers.add(p);
  if (pageCount <= 7) for (let p = 1; p <= pageCount; p++) numbers.add(p);
  return [...numbers].sort((a, b) => a - b).map((number) => ({ number, search: comparisonSearch({ ...query, page: number }) }));
}

type FormOptions = Omit<ComparisonView["form"], "values"> & { comparable: PilotDefinition[]; names: Map<string, { nameFi: string; nameSv: string }> };

/** The filter form's choices change only with the pilots and the providers serving them: made once per version. */
const formCache = new WeakMap<Db, Map<string, FormOptions>>();
function formOptions(lang: Lang, today: string, db: Db): FormOptions {
  const { stamp, pilots } = cachedPilots(db);
  const serving = pilotsWithProviders(today, db);
  const key = `${lang}|${stamp}|${[...serving].sort().join(",")}`;
  let perDb = formCache.get(db);
  if (!perDb) formCache.set(db, (perDb = new Map<string, FormOptions>()));
  const hit = perDb.get(key);
  if (hit) return hit;
  const c = collator(lang);
  const comparable = pilots.filter((p) => serving.has(p.slug));
  const areaCodes = [...new Set(comparable.flatMap((p) => p.municipalities))];
  const names = municipalitiesByCode(areaCodes, db);
  const options: FormOptions = {
    comparable,
    names,
    pilots: comparable.map((p) => ({ value: p.slug, label: p.name[lang] })),
    municipalities: areaCodes
      .filter((code) => names.has(code) && !names.get(code)!.mergedInto)
      .map((code) => ({ value: code, label: municipalityName(names.get(code)!, lang) }))
      .sort((a, b) => c.compare(a.label, b.label)),
    languages: serviceLanguages.map((code) => ({ value: code, label: languageName(lang, code) })),
  };
  if (perDb.size > 50) perDb.clear();
  perDb.set(key, options);
  return options;
}

export function loadComparison(lang: Lang, params: URLSearchParams, today: string, db: Db = getDb()): ComparisonView {
  const { pilots: allPilots } = cachedPilots(db);
  const options = formOptions(lang, today, db);
  const { comparable } = options;
  const { query, notices: parsed } = parseComparisonQuery(params, {
    pilots: new Set(comparable.map((p) => p.slug)),
    municipalities: params.get("municipality") ? municipalityCodeSet(db) : new Set(),
  });
  const notices: ComparisonNotice[] = [...parsed];
  const choice = choosePilot(
    query,
    comparable.map((p) => ({ slug: p.slug, municipalities: p.municipalities, running: pilotStatus(p, today) === "running", hasProviders: true })),
  );
  const nameOf = (code: string) => {
    const m = options.names.get(code) ?? municipalitiesByCode([code], db).get(code);
    return m ? municipalityName(m, lang) : code;
  };
  const { comparable: _c, names: _n, ...formLists } = options;
  const form: ComparisonView["form"] = {
    ...formLists,
    values: {
      pilot: choice.pilot ?? "",
      municipality: query.municipality ?? "",
      language: query.language ?? "",
      service: query.service ?? "",
      sort: query.sort,
      show: query.show,
    },
  };

  const empty: ComparisonView = {
    lang,
    today,
    notices,
    group: query.group,
    outside: null,
    pilot: null,
    form,
    period: null,
    publicService: null,
    reference: {},
    sort: query.sort,
    show: query.show,
    total: 0,
    page: 1,
    pageCount: 1,
    firstOnPage: 0,
    lastOnPage: 0,
    items: [],
    departed: [],
    pages: [],
    search: { previous: null, next: null },
  };
  if (choice.outside) return { ...empty, outside: { municipality: nameOf(query.municipality!) } };
  const def = allPilots.find((p) => p.slug === choice.pilot);
  if (!def) return empty;
  if (choice.municipalityOverrode) {
    notices.push({ key: "municipalityPilot", municipality: nameOf(query.municipality!), pilot: def.name[lang] });
  }

  const threshold = def.smallNumberThreshold;
  // With a customer group chosen ("people like me"), every figure is that group's (decision 069).
  const figures = figuresForGroup(pilotFigures(def.slug, threshold, db), query.group, db);
  const filters: ListFilters = { pilot: def.slug, language: query.language, service: query.service, today };
  const total = countProviders(filters, db);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  let page = query.page;
  if (page > pageCount) {
    notices.push({ key: "pageBeyond", value: String(page), last: pageCount });
    page = pageCount;
  }
  const offset = (page - 1) * pageSize;
  const effective = { ...query, pilot: def.slug, municipality: query.municipality, page };

  let rows: ProviderListRow[];
  if (query.sort === "name") {
    rows = providersByName(filters, pageSize, offset, db);
  } else {
    // By the lower end of the range, highest first, the rule the page states; never in groups.
    const measure = query.sort;
    const order = orderByLowerEnd(
      matchingProviderKeys(filters, db).map((k) => {
        const s = figures?.figures.get(k.id)?.shares[measure];
        return { key: k.id, sortKey: k.sortKey, range: s?.kind === "shown" ? s : null };
      }),
    );
    rows = providersByIds(order.slice(offset, offset + pageSize), db);
  }
  const languages = languagesOf(rows.map((r) => r.id), db);

  return {
    ...empty,
    pilot: { slug: def.slug, name: def.name[lang], isExample: def.isExample, threshold },
    period: periodView(lang, figures),
    publicService: figures?.figures.has(publicKey) ? { figures: figuresView(lang, figures, publicKey) } : null,
    reference: referenceView(lang, figures),
    total,
    page,
    pageCount,
    firstOnPage: total === 0 ? 0 : offset + 1,
    lastOnPage: offset + rows.length,
    items: rows.map((r) => card(lang, r, languages.get(r.id) ?? [], figures, query.show)),
    departed: departedProviders(def.slug, today, db).map((p) => ({ slug: p.slug, name: p.name, lastDay: dateText(p.endsOn, lang) })),
    pages: pageCount > 1 ? pageLinks(effective, page, pageCount) : [],
    search: {
      previous: page > 1 ? comparisonSearch({ ...effective, page: page - 1 }) : null,
      next: page < pageCount ? comparisonSearch({ ...effective, page: page + 1 }) : null,
    },
  };
}

/** For each pilot a provider has left: who, where, its last day and why (it ended, or was suspended). */
function departedSentences(
  lang: Lang,
  row: { id: number; name: string },
  served: { pilot: string; startsOn: string; endsOn: string | null; def: PilotDefinition }[],
  today: string,
  db: Db,
): string[] {
  const left = served.filter((p) => participationState(p, false, today) === "left");
  if (left.length === 0) return [];
  const suspended = suspendedPilotsOf(row.id, db);
  const t = tFor(lang);
  return left.map((p) =>
    t(suspended.has(p.pilot) ? "providers:departed.suspended" : "providers:departed.left", {
      name: row.name,
      pilot: p.def.name[lang],
      date: dateText(p.endsOn!, lang),
    }),
  );
}

function satisfactionOfMonth(lang: Lang, responses: number, mean: number | null): MonthView["satisfaction"] {
  return { responses, mean: mean === null ? null : decimal(lang, mean), value: mean };
}

/** How many months of a provider's results the profile shows (its cost stays the same as years pass). */
export const profileMonths = 24;

const outcomeColumn = {
  employed_open_3m: "employedOpen3m",
  employed_open_6m: "employedOpen6m",
  in_education: "inEducation",
  in_subsidised_work: "inSubsidisedWork",
  contacted_within_5_days: "contactedWithin5Days",
} as const;

export function loadProfile(lang: Lang, slug: string, params: URLSearchParams, today: string, db: Db = getDb()): ProfileView | null {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const row = providerBySlug(slug, db);
  if (!row) return null;
  const { pilots: allPilots } = cachedPilots(db);
  const served = pilotsOf(row.id, db)
    .map((p) => ({ ...p, def: allPilots.find((d) => d.slug === p.pilot) }))
    .filter((p): p is typeof p & { def: PilotDefinition } => p.def !== undefined);
  const current = (p: { startsOn: string; endsOn: string | null }) => participationState(p, false, today) === "active";

  const notices: ComparisonNotice[] = [];
  const asked = params.get("pilot");
  let chosen = served.find((p) => p.pilot === asked);
  if (asked !== null && asked !== "" && !chosen) notices.push({ key: "pilot", value: asked.length > 40 ? `${asked.slice(0, 40)}…` : asked });
  chosen ??= served.find(current) ?? served[served.length - 1];

  const langs = languagesOf([row.id], db).get(row.id) ?? [];
  const services = servicesOf([row.id], db).get(row.id) ?? [];
  const offices = officesOf(row.id, db).map(({ office, nameFi, nameSv }) => ({
    streetAddress: office.streetAddress,
    postalCode: office.postalCode,
    municipality: municipalityName({ nameFi, nameSv }, lang),
    hours: openingHoursLines(lang, office.openingHours),
    hoursNote: office.openingHoursNote?.[lang] ?? null,
    accessibility: { ...office.accessibility, note: office.accessibility.note?.[lang] ?? null },
  }));

  let results: ProfileView["results"] = null;
  if (chosen) {
    const threshold = chosen.def.smallNumberThreshold;
    const figures = pilotFigures(chosen.pilot, threshold, db);
    const series = monthlySeries(chosen.pilot, row.id, profileMonths, db);
    const months: MonthView[] = series.map((r) => ({
      month: r.month,
      label: monthShort(r.month),
      started: r.started,
      shares: Object.fromEntries(
        shareMeasures.map((m) => {
          const x = r[outcomeColumn[m]];
          if (x === null) return [m, null];
          const shown = !isSuppressed(r.started, threshold) && r.started > 0;
          return [m, { x, share: shown ? Math.round((x / r.started) * 1000) / 1000 : null, percent: shown ? percent(lang, x / r.started) : null }];
        }),
      ) as MonthView["shares"],
      satisfaction: satisfactionOfMonth(lang, r.satisfactionResponses, publishedMean(r.satisfactionResponses, r.satisfactionMean, threshold)),
    }));
    results = {
      pilot: { slug: chosen.pilot, name: chosen.def.name[lang], threshold },
      period: periodView(lang, figures),
      figures: figures?.figures.has(row.id) ? figuresView(lang, figures, row.id) : null,
      publicService: figures?.figures.has(publicKey) ? figuresView(lang, figures, publicKey) : null,
      isNew: current(chosen) ? newnessOf(lang, figures, row.id) : null,
      reference: referenceView(lang, figures),
      months,
      span: months.length > 0 ? `${monthName(lang, months[0].month)} – ${monthName(lang, months[months.length - 1].month)}` : null,
    };
  }

  return {
    lang,
    notices,
    provider: {
      slug: row.slug,
      businessId: row.businessId,
      name: row.name,
      shortDescription: row.shortDescription[lang],
      longDescription: row.longDescription[lang],
      isExample: row.isExample,
      phone: row.phone,
      email: row.email,
      web: row.web,
      languages: list(lang, orderLanguages(langs).map((c) => languageName(lang, c))),
      services,
      commitments: {
        takesNewCustomers: row.takesNewCustomers,
        firstMeetingWithinDays: row.firstMeetingWithinDays,
        coachMeetingsPerMonth: row.coachMeetingsPerMonth,
        remoteMeetings: row.remoteMeetings,
        verifiedOn: row.commitmentsVerifiedOn ? dateText(row.commitmentsVerifiedOn, lang) : null,
      },
    },
    offices,
    pilots: served.map((p) => ({
      slug: p.pilot,
      name: p.def.name[lang],
      from: dateText(p.startsOn, lang),
      until: p.endsOn ? dateText(p.endsOn, lang) : null,
      current: current(p),
    })),
    chooseHref: chooseProviderPath(lang, row.slug),
    servesNow: served.some(current),
    departed: departedSentences(lang, row, served, today, db),
    compareSearch: chosen ? comparisonSearch({ pilot: chosen.pilot }) : "",
    results,
  };
}

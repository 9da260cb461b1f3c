import {
  wholeCards,
  type CardFigure,
  type CardInPage,
  type ComparisonNotice,
  type ComparisonView,
  type FiguresView,
  type MeanView,
  type MonthView,
  type ProfileView,
  type ProviderCardView,
  type ReferenceView,
  type ShareView,
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
import { locales, municipalityName, languageName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";
import { databaseGeneration } from "../platform/page-cache";
import { deepFreeze } from "../platform/frozen";
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
import { dateInFinland, dateText, decimal, list, meanView, monthName, monthShort, openingHoursLines, percent, shareView } from "./format";
import { meanSentence, newProviderSentence, shareSentence } from "./figure-sentence";
import { figuresForGroup, isGroupView } from "./people-like-me";
import { monthlySeries, newProviderMonths, pilotFigures, publicKey, type PilotFigures } from "./results.store";
import { adjustedOf } from "./results-groups.store";

/**
 * The comparison page and the profile page, assembled from the repositories and the domain
 * (docs/decisions/024-comparison-speed.md). Routes call these and render what they return.
 */

/**
 * Work per data version, not per request (issue 17; docs/decisions/024-comparison-speed.md): what
 * the pages read from the database and what they make of it (the list's rows, counts, cards, the
 * profile's months) is kept while the database is unchanged, by the same test as the public page
 * cache (`databaseGeneration`: no write by this process, no commit by another), and is read again
 * after any change. Whatever depends on the day has the day in its key. Bounded: emptied at 500
 * values (a page of cards is some 30 KB, so at most about 15 MB under the capped heap, decision 004).
 * Kept values are shared between requests: nothing may change them.
 */
type Memo = <T>(key: string, make: () => T) => T;
const versions = new WeakMap<Db, { generation: string; values: Map<string, unknown> }>();
const maxKept = 500;
function versionMemo(db: Db): Memo {
  const generation = databaseGeneration(db.$client);
  let version = versions.get(db);
  if (!version || version.generation !== generation) versions.set(db, (version = { generation, values: new Map() }));
  const { values } = version;
  return <T>(key: string, make: () => T): T => {
    if (values.has(key)) return values.get(key) as T;
    const value = deepFreeze(make());
    if (values.size >= maxKept) values.clear();
    values.set(key, value);
    return value;
  };
}

/**
 * A value that depends only on the stored data (and what its key names), kept while the database is
 * unchanged: for the route modules of these pages, which add other folders' parts to the page.
 */
export function keptWhileUnchanged<T>(key: string, make: () => T, db: Db = getDb()): T {
  return versionMemo(db)(`route|${key}`, make);
}

/**
 * What is made from a pilot's figures (a figure's view with its sentence, a card's figure) is the
 * same for as long as the figures object is (results.store.ts keeps one per publication): made once
 * per figures object, language and subject.
 */
const madeFromFigures = new WeakMap<PilotFigures, Map<string, unknown>>();
function fromFigures<T>(figures: PilotFigures | null, key: string, make: () => T): T {
  if (!figures) return make();
  let made = madeFromFigures.get(figures);
  if (!made) madeFromFigures.set(figures, (made = new Map<string, unknown>()));
  if (made.has(key)) return made.get(key) as T;
  const value = make();
  if (made.size >= 6_000) made.clear();
  made.set(key, value);
  return value;
}

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
export function shareWithSentence(lang: Lang, figures: PilotFigures | null, key: number, measure: ShareMeasure): ShareView {
  return fromFigures(figures, `share|${lang}|${key}|${measure}`, () => makeShareWithSentence(lang, figures, key, measure));
}

function makeShareWithSentence(lang: Lang, figures: PilotFigures | null, key: number, measure: ShareMeasure): ShareView {
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

function satisfactionView(lang: Lang, figures: PilotFigures | null, key: number): MeanView {
  return fromFigures(figures, `mean|${lang}|${key}`, () => {
    const f = figures?.figures.get(key);
    return meanView(lang, f?.satisfaction, meanSentence(lang, f?.satisfaction));
  });
}

function figuresView(lang: Lang, figures: PilotFigures | null, key: number): FiguresView {
  return fromFigures(figures, `figures|${lang}|${key}`, () => ({
    shares: Object.fromEntries(shareMeasures.map((m) => [m, shareWithSentence(lang, figures, key, m)])) as FiguresView["shares"],
    satisfaction: satisfactionView(lang, figures, key),
  }));
}

function cardFigure(lang: Lang, figures: PilotFigures | null, key: number, shown: ShownOption): CardFigure {
  return shown === "satisfaction"
    ? { measure: "satisfaction", mean: satisfactionView(lang, figures, key) }
    : { measure: shown, share: shareWithSentence(lang, figures, key, shown) };
}

/** "New: results after 12 months (5 months so far)" while a provider has fewer published months of results. */
export function newnessOf(lang: Lang, figures: PilotFigures | null, key: number): string | null {
  const months = figures?.figures.get(key)?.months ?? 0;
  return months < newProviderMonths ? newProviderSentence(lang, months, newProviderMonths) : null;
}

function referenceView(lang: Lang, figures: PilotFigures | null): ReferenceView {
  return fromFigures(figures, `reference|${lang}`, () => makeReferenceView(lang, figures));
}

function makeReferenceView(lang: Lang, figures: PilotFigures | null): ReferenceView {
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
  return fromFigures(figures, `period|${lang}`, () => makePeriodView(lang, figures));
}

function makePeriodView(lang: Lang, figures: PilotFigures): NonNullable<ComparisonView["period"]> {
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
    languages: list(lang, orderLanguages(languages).map((c) => languageName(c, lang))),
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
    languages: serviceLanguages.map((code) => ({ value: code, label: languageName(code, lang) })),
  };
  if (perDb.size > 50) perDb.clear();
  perDb.set(key, options);
  return options;
}

/**
 * A whole comparison page's cards as its data carries them (docs/decisions/082-cards-written-once.md):
 * name and address only; the server renders each from the whole card it stands for. Made once per
 * list of cards (kept while the data is unchanged, like the list), deep-frozen like it, so that their
 * encoding is made once too (decision 079).
 */
export function cardsInPage(items: readonly ProviderCardView[]): CardInPage[] {
  let cards = madeInPage.get(items);
  if (!cards) {
    cards = items.map((item) => {
      const card = { slug: item.slug, name: item.name };
      wholeCards.set(card, item);
      return card;
    });
    madeInPage.set(items, deepFreeze(cards));
  }
  return cards;
}
const madeInPage = new WeakMap<readonly ProviderCardView[], CardInPage[]>();

export function loadComparison(lang: Lang, params: URLSearchParams, today: string, db: Db = getDb()): ComparisonView {
  const memo = versionMemo(db);
  const { pilots: allPilots } = memo("pilots", () => cachedPilots(db));
  const options = memo(`form|${lang}|${today}`, () => formOptions(lang, today, db));
  const { comparable } = options;
  const { query, notices: parsed } = parseComparisonQuery(params, {
    pilots: memo(`comparable|${lang}|${today}`, () => new Set(comparable.map((p) => p.slug))),
    municipalities: params.get("municipality") ? memo("municipality-codes", () => municipalityCodeSet(db)) : new Set(),
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
  const figuresKey = `${def.slug}|${threshold}|${query.group ?? ""}`;
  const figures = memo(`figures|${figuresKey}`, () => figuresForGroup(pilotFigures(def.slug, threshold, db), query.group, db));
  // The period, the public service's figures and the reference marks: made once per language and
  // figures, so that the same objects come back and each card's kept markup is found (ProviderCard).
  const figureViews = memo(`figure-views|${lang}|${figuresKey}`, () => ({
    period: periodView(lang, figures),
    publicService: figures?.figures.has(publicKey) ? { figures: figuresView(lang, figures, publicKey) } : null,
    reference: referenceView(lang, figures),
  }));
  const filters: ListFilters = { pilot: def.slug, language: query.language, service: query.service, today };
  const filtersKey = `${def.slug}|${query.language ?? ""}|${query.service ?? ""}|${today}`;
  const total = memo(`count|${filtersKey}`, () => countProviders(filters, db));
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  let page = query.page;
  if (page > pageCount) {
    notices.push({ key: "pageBeyond", value: String(page), last: pageCount });
    page = pageCount;
  }
  const offset = (page - 1) * pageSize;
  const effective = { ...query, pilot: def.slug, municipality: query.municipality, page };

  // The page's providers in the order the page states, with their cards: the same for as long as the data and the day are.
  const listKey = `${filtersKey}|${query.sort}|${query.sort === "name" ? "" : (query.group ?? "")}|${offset}`;
  const rows = memo(`rows|${listKey}`, () => pageRows(filters, query.sort, figures, offset, db));
  const items = memo(`items|${lang}|${listKey}|${query.group ?? ""}|${query.show}`, () => {
    const languages = languagesOf(rows.map((r) => r.id), db);
    return rows.map((r) => card(lang, r, languages.get(r.id) ?? [], figures, query.show));
  });

  return {
    ...empty,
    pilot: { slug: def.slug, name: def.name[lang], isExample: def.isExample, threshold },
    ...figureViews,
    total,
    page,
    pageCount,
    firstOnPage: total === 0 ? 0 : offset + 1,
    lastOnPage: offset + rows.length,
    items,
    departed: memo(`departed|${lang}|${def.slug}|${today}`, () =>
      departedProviders(def.slug, today, db).map((p) => ({ slug: p.slug, name: p.name, lastDay: dateText(p.endsOn, lang) })),
    ),
    pages: pageCount > 1 ? pageLinks(effective, page, pageCount) : [],
    search: {
      previous: page > 1 ? comparisonSearch({ ...effective, page: page - 1 }) : null,
      next: page < pageCount ? comparisonSearch({ ...effective, page: page + 1 }) : null,
    },
  };
}

/** One page of the providers the filters match: by name, or by the lower end of a result's range, highest first (the rule the page states; never in groups). */
function pageRows(filters: ListFilters, sort: ComparisonQuery["sort"], figures: PilotFigures | null, offset: number, db: Db): ProviderListRow[] {
  if (sort === "name") return providersByName(filters, pageSize, offset, db);
  const order = orderByLowerEnd(
    matchingProviderKeys(filters, db).map((k) => {
      const s = figures?.figures.get(k.id)?.shares[sort];
      return { key: k.id, sortKey: k.sortKey, range: s?.kind === "shown" ? s : null };
    }),
  );
  return providersByIds(order.slice(offset, offset + pageSize), db);
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
  const memo = versionMemo(db);
  const row = memo(`provider|${slug}`, () => providerBySlug(slug, db) ?? null);
  if (!row) return null;
  const { pilots: allPilots } = memo("pilots", () => cachedPilots(db));
  const served = memo(`served|${row.id}`, () =>
    pilotsOf(row.id, db)
      .map((p) => ({ ...p, def: allPilots.find((d) => d.slug === p.pilot) }))
      .filter((p): p is typeof p & { def: PilotDefinition } => p.def !== undefined),
  );
  const current = (p: { startsOn: string; endsOn: string | null }) => participationState(p, false, today) === "active";

  const notices: ComparisonNotice[] = [];
  const asked = params.get("pilot");
  let chosen = served.find((p) => p.pilot === asked);
  if (asked !== null && asked !== "" && !chosen) notices.push({ key: "pilot", value: asked.length > 40 ? `${asked.slice(0, 40)}…` : asked });
  chosen ??= served.find(current) ?? served[served.length - 1];

  const languages = memo(`languages|${lang}|${row.id}`, () =>
    list(lang, orderLanguages(languagesOf([row.id], db).get(row.id) ?? []).map((c) => languageName(c, lang))),
  );
  const services = memo(`services|${row.id}`, () => servicesOf([row.id], db).get(row.id) ?? []);
  const offices = memo(`offices|${lang}|${row.id}`, () =>
    officesOf(row.id, db).map(({ office, nameFi, nameSv }) => ({
      streetAddress: office.streetAddress,
      postalCode: office.postalCode,
      municipality: municipalityName({ nameFi, nameSv }, lang),
      hours: openingHoursLines(lang, office.openingHours),
      hoursNote: office.openingHoursNote?.[lang] ?? null,
      accessibility: { ...office.accessibility, note: office.accessibility.note?.[lang] ?? null },
    })),
  );

  const results = chosen ? memo(`results|${lang}|${row.id}|${chosen.pilot}|${current(chosen)}`, () => profileResults(lang, row.id, chosen, current(chosen), db)) : null;

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
      languages,
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
    pilots: memo(`pilots-of|${lang}|${row.id}|${today}`, () =>
      served.map((p) => ({
        slug: p.pilot,
        name: p.def.name[lang],
        from: dateText(p.startsOn, lang),
        until: p.endsOn ? dateText(p.endsOn, lang) : null,
        current: current(p),
      })),
    ),
    chooseHref: chooseProviderPath(lang, row.slug),
    servesNow: served.some(current),
    departed: memo(`departed-sentences|${lang}|${row.id}|${today}`, () => departedSentences(lang, row, served, today, db)),
    compareSearch: chosen ? comparisonSearch({ pilot: chosen.pilot }) : "",
    results,
  };
}

/** The profile's results in one pilot: the figures of the comparison period and the latest months. */
function profileResults(
  lang: Lang,
  providerId: number,
  chosen: { pilot: string; def: PilotDefinition },
  servesNow: boolean,
  db: Db,
): NonNullable<ProfileView["results"]> {
  const threshold = chosen.def.smallNumberThreshold;
  const figures = pilotFigures(chosen.pilot, threshold, db);
  const series = monthlySeries(chosen.pilot, providerId, profileMonths, db);
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
  return {
    pilot: { slug: chosen.pilot, name: chosen.def.name[lang], threshold },
    period: periodView(lang, figures),
    figures: figures?.figures.has(providerId) ? figuresView(lang, figures, providerId) : null,
    publicService: figures?.figures.has(publicKey) ? figuresView(lang, figures, publicKey) : null,
    isNew: servesNow ? newnessOf(lang, figures, providerId) : null,
    reference: referenceView(lang, figures),
    months,
    span: months.length > 0 ? `${monthName(lang, months[0].month)} – ${monthName(lang, months[months.length - 1].month)}` : null,
  };
}

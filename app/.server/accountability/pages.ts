import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  caseStates,
  closedStates,
  deliverySchema,
  handleSchema,
  publishedDelivery,
  reportCategories,
  reportSchema,
  type CaseState,
  type ReportCategory,
} from "~/domain/accountability";
import { addMonths, monthOf } from "~/domain/results";
import { formatDate, todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import type { MyAccountabilityView, MyDeliveryItemView, ProfileAccountabilityView } from "~/view-models/accountability";
import {
  caseCount,
  caseDetail,
  caseQueue,
  createReport,
  handleCase,
  myReports,
  openCasesPerProvider,
  reportCountsByMonth,
  reportPilotsOf,
  QUEUE_PAGE_SIZE,
  type CaseFilter,
  type CaseRow,
} from "./cases.store";
import { answerDelivery, deliveryByMonth, myDeliveryItem, myDeliveryItems, type MyItem } from "./delivery.store";
import { getUser, requireUser, type SignedInUser } from "../auth/auth";
import { config } from "../platform/config";
import { csrfForRequest } from "../platform/csrf";
import { fieldErrors, formText, hasFormError, invalid, langParam, markPageState, readPostedForm } from "../platform/forms";
import "../platform/i18n";
import { officialScope, pilotHeader, type OfficialScope } from "../official/scope";
import { loadPilots } from "../eligibility/pilots.store";
import { providerBySlug, providersOfPilot } from "../providers/providers.store";
import { monthName } from "../providers/format";

/**
 * The loaders and actions of accountability's pages (issue 16; decision 071): confirm or dispute
 * on My page, the problem report form of a provider, and the officials' queue. Each form is read
 * by the one form kit (readPostedForm) and checked with one zod schema (app/domain/accountability.ts);
 * a refused form answers 400 with what was typed and a translated message next to the field.
 */

/* ---------------------------------------------------------------------------------------------
 * My page: the sections, and /{lang}/my/delivery/{item}
 * ------------------------------------------------------------------------------------------- */

function itemView(i: MyItem, lang: Lang): MyDeliveryItemView {
  return {
    key: i.key,
    kind: i.kind,
    on: formatDate(i.on, lang),
    provider: i.provider,
    answer: i.answer,
    note: i.note,
    state: i.state,
    officialAnswer: i.officialAnswer,
    changeable: i.state === null || i.state === "received",
  };
}

/** What My page shows of accountability: recorded contacts and meetings, and the person's reports. */
export function myAccountability(user: SignedInUser, lang: Lang): MyAccountabilityView {
  return {
    items: myDeliveryItems(user).map((i) => itemView(i, lang)),
    reports: myReports(user).map((r) => ({
      id: r.id,
      provider: r.provider,
      category: r.category,
      description: r.description,
      on: formatDate(todayInFinland(new Date(r.createdAt)), lang),
      state: r.state,
      answer: r.answer,
      handledOn: r.handledAt ? formatDate(todayInFinland(new Date(r.handledAt)), lang) : null,
    })),
  };
}

function myItemOr404(request: Request, params: LoaderFunctionArgs["params"]) {
  const lang = langParam(params);
  const user = requireUser(request);
  const item = myDeliveryItem(user, params.item ?? "");
  if (!item) throw new Response(null, { status: 404 });
  return { lang, user, item };
}

export function deliveryLoader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, item } = myItemOr404(request, params);
  return { lang, item: itemView(item, lang), formError: hasFormError(context) };
}

export async function deliveryAction({ request, params, context }: ActionFunctionArgs) {
  const { lang, user, item } = myItemOr404(request, params);
  const form = await readPostedForm(request);
  const values = { answer: formText(form, "answer", 40), note: formText(form, "note", 20_000) };
  const parsed = deliverySchema.safeParse(values);
  if (!parsed.success) {
    return invalid(context, { values, errors: fieldErrors(parsed.error) });
  }
  const result = answerDelivery(user, item.key, parsed.data.answer, parsed.data.note);
  if (!result.ok && result.reason === "not_found") throw new Response(null, { status: 404 });
  if (!result.ok) {
    markPageState(context);
    return data({ values, errors: { answer: "errors.answer.handled" } }, { status: 409 });
  }
  throw redirect(`/${lang}/my?answered=${item.key}#my-delivery`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/providers/{slug}/report
 * ------------------------------------------------------------------------------------------- */

function reportTarget(params: LoaderFunctionArgs["params"]) {
  const lang = langParam(params);
  const slug = params.slug ?? "";
  const provider = /^[a-z0-9-]{1,100}$/.test(slug) ? providerBySlug(slug) : undefined;
  if (!provider) throw new Response(null, { status: 404 });
  const slugs = reportPilotsOf(provider.id);
  const names = new Map(loadPilots().map((p) => [p.slug, p.name[lang]]));
  return { lang, provider, pilots: slugs.map((s) => ({ value: s, label: names.get(s) ?? s })) };
}

export function reportLoader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, provider, pilots } = reportTarget(params);
  const sent = new URL(request.url).searchParams.get("sent");
  const signedIn = getUser(request) !== null;
  // The one form that someone not signed in may post: the root gives visitors no CSRF token (their
  // pages are the same for everyone, decision 059), so this page gives its own, with its cookie.
  // The page is never answered from the page cache (it is not one of its addresses).
  const csrf = signedIn ? null : csrfForRequest(request, null);
  return data(
    {
      lang,
      provider: { name: provider.name, slug: provider.slug, isExample: provider.isExample },
      pilots: pilots.length > 1 ? pilots : [],
      signedIn,
      csrf: csrf?.token ?? null,
      sent: sent === "1",
      formError: hasFormError(context),
    },
    { headers: csrf?.setCookie ? { "Set-Cookie": csrf.setCookie, "Cache-Control": "no-store" } : { "Cache-Control": "no-store" } },
  );
}

export async function reportAction({ request, params, context }: ActionFunctionArgs) {
  const { lang, provider, pilots } = reportTarget(params);
  const form = await readPostedForm(request);
  const values = { category: formText(form, "category", 40), description: formText(form, "description", 20_000), pilot: formText(form, "pilot", 80) };
  const slugs = pilots.map((p) => p.value);
  const parsed = reportSchema(slugs).safeParse(values);
  if (!parsed.success) {
    return invalid(context, { values, errors: fieldErrors(parsed.error) });
  }
  const pilotSlug = slugs.length > 1 ? parsed.data.pilot : slugs[0];
  // A provider that has never served a pilot has nobody to handle a report (the form is not offered).
  if (!pilotSlug) throw new Response(null, { status: 404 });
  createReport(getUser(request), provider, { pilotSlug, category: parsed.data.category, description: parsed.data.description, lang });
  throw redirect(`/${lang}/providers/${provider.slug}/report?sent=1`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * The profile: counts per month
 * ------------------------------------------------------------------------------------------- */

export const PROFILE_MONTHS = 6;

/**
 * The profile's accountability section: the last PROFILE_MONTHS months (this one included) of
 * problem reports per category, and meetings and first contacts as customers answered them, the
 * shares held back under the small-number rule of the provider's (first) pilot.
 */
export function profileAccountability(lang: Lang, providerId: number, today: string): ProfileAccountabilityView {
  const to = monthOf(today);
  const from = addMonths(to, -(PROFILE_MONTHS - 1));
  const reports = reportCountsByMonth([providerId], null, from, to);
  const delivery = deliveryByMonth([providerId], null, from, to);
  const slugs = reportPilotsOf(providerId);
  const pilot = loadPilots().find((p) => p.slug === slugs[0]);
  const threshold = pilot?.smallNumberThreshold ?? config().SMALL_NUMBER_THRESHOLD;
  const months = [];
  for (let m = to; m >= from; m = addMonths(m, -1)) {
    const r = reports.get(`${providerId}/${m}`);
    const d = delivery.get(`${providerId}/${m}`);
    const shown = d ? publishedDelivery(d, threshold) : { recorded: 0, confirmed: null, disputed: null };
    const contactsShown = d !== undefined && d.contactsInTime >= threshold;
    months.push({
      month: m,
      label: monthName(lang, m),
      reports: r ? r.total : 0,
      byCategory: reportCategories.map((c) => ({ category: c, count: r ? r[c] : 0 })).filter((c) => c.count > 0),
      meetings: shown.recorded,
      confirmed: shown.confirmed,
      disputed: shown.disputed,
      contactsInTime: d?.contactsInTime ?? 0,
      contactsConfirmed: contactsShown ? d.contactsInTimeConfirmed : null,
    });
  }
  return { months, threshold, canReport: slugs.length > 0 };
}

/** The same, for the profile of the provider with this slug (the profile's loader has found it). */
export function profileAccountabilityOf(lang: Lang, slug: string, today: string): ProfileAccountabilityView | null {
  const provider = providerBySlug(slug);
  return provider ? profileAccountability(lang, provider.id, today) : null;
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/reports and /{lang}/official/{pilot}/reports/{case}
 * ------------------------------------------------------------------------------------------- */

function readCaseFilter(search: URLSearchParams, providerIds: Set<number>): CaseFilter {
  const p = search.get("provider") ?? "";
  const c = search.get("category") ?? "";
  const s = search.get("state") ?? "";
  return {
    providerId: /^\d{1,9}$/.test(p) && providerIds.has(Number(p)) ? Number(p) : null,
    category: c === "dispute" || (reportCategories as readonly string[]).includes(c) ? (c as ReportCategory | "dispute") : null,
    state: (caseStates as readonly string[]).includes(s) ? (s as CaseState) : null,
  };
}

function readPage(search: URLSearchParams): number {
  const text = search.get("page") ?? "";
  return /^\d{1,6}$/.test(text) && Number(text) >= 1 ? Number(text) : 1;
}

/** The queue's address with the filter kept, on page `page`. */
function queueHref(base: string, f: CaseFilter, page: number): string {
  const q = new URLSearchParams();
  if (f.providerId !== null) q.set("provider", String(f.providerId));
  if (f.category !== null) q.set("category", f.category);
  if (f.state !== null) q.set("state", f.state);
  if (page > 1) q.set("page", String(page));
  const query = q.toString();
  return query ? `${base}?${query}` : base;
}

/** The page numbers to link: all of up to 9 pages; else the first, the last and two either side of this one, null for a gap. */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  if (pageCount <= 9) return Array.from({ length: pageCount }, (_, i) => i + 1);
  const out: (number | null)[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) out.push(n);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

function caseRowView(r: CaseRow, lang: Lang) {
  return { ...r, on: formatDate(todayInFinland(new Date(r.at)), lang), aboutOn: r.about?.on ? formatDate(r.about.on, lang) : null };
}

export function queueLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const search = new URL(args.request.url).searchParams;
  const providerRows = providersOfPilot(scope.pilot.slug);
  const filter = readCaseFilter(search, new Set(providerRows.map((p) => p.id)));
  const total = caseCount(scope.pilot.slug, filter);
  // A page past the last (an old link, a typed number) shows the last page.
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(readPage(search), pageCount);
  const offset = (page - 1) * QUEUE_PAGE_SIZE;
  const rows = caseQueue(scope.pilot.slug, filter, { offset, limit: QUEUE_PAGE_SIZE });
  const open = openCasesPerProvider(scope.pilot.slug);
  const base = `/${scope.lang}/official/${scope.pilot.slug}/reports`;
  const saved = search.get("saved");
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    providers: providerRows.map((p) => ({ id: p.id, name: p.name, open: open.get(p.id) ?? { reports: 0, disputes: 0 } })),
    filter: { provider: filter.providerId === null ? "" : String(filter.providerId), category: filter.category ?? "", state: filter.state ?? "" },
    total,
    rows: rows.map((r) => caseRowView(r, scope.lang)),
    paging: {
      page,
      pageCount,
      from: rows.length ? offset + 1 : 0,
      to: offset + rows.length,
      previous: page > 1 ? queueHref(base, filter, page - 1) : null,
      next: page < pageCount ? queueHref(base, filter, page + 1) : null,
      pages: pageNumbers(page, pageCount).map((n) => (n === null ? null : { number: n, href: queueHref(base, filter, n), current: n === page })),
    },
    saved: saved && (caseStates as readonly string[]).includes(saved) ? (saved as CaseState) : null,
  };
}

function loadCase(args: LoaderFunctionArgs): { scope: OfficialScope; detail: NonNullable<ReturnType<typeof caseDetail>> } {
  const scope = officialScope(args);
  const detail = caseDetail(scope.pilot.slug, args.params.case ?? "");
  if (!detail) throw new Response(null, { status: 404 });
  return { scope, detail };
}

export function caseLoader(args: LoaderFunctionArgs) {
  const { scope, detail } = loadCase(args);
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    detail: { ...caseRowView(detail, scope.lang), description: detail.description, answer: detail.answer, person: detail.person, choice: detail.choice, textRemoved: detail.textRemoved, handledOn: detail.handledAt ? formatDate(todayInFinland(new Date(detail.handledAt)), scope.lang) : null },
    closed: closedStates.includes(detail.state),
    formError: hasFormError(args.context),
  };
}

export async function caseAction(args: ActionFunctionArgs) {
  const { scope, detail } = loadCase(args);
  const form = await readPostedForm(args.request);
  const values = { state: formText(form, "state", 40), answer: formText(form, "answer", 20_000) };
  const parsed = handleSchema.safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  const result = handleCase(scope.user, scope.pilot.slug, detail.key, parsed.data.state, parsed.data.answer, scope.now);
  if (!result.ok && result.reason === "not_found") throw new Response(null, { status: 404 });
  if (!result.ok) return invalid(args.context, { values, errors: { state: "errors.state.closed" } });
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/reports?saved=${result.state}`, 303);
}

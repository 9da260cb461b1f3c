import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import type { OfficeView } from "~/view-models/providers";
import type {
  CustomerFilterView,
  CustomersView,
  CustomerView,
  LandingView,
  OtherLanguageTexts,
  PilotFiguresView,
  PreviewView,
  ProfileActionView,
  ProfilePageView,
  StaffProviderHead,
} from "~/view-models/staff";
import { contactDeadline, contactedInTime } from "~/domain/first-contact";
import { serviceLanguages } from "~/domain/providers";
import { monthOf } from "~/domain/results";
import {
  changedParts,
  emptyOffice,
  formReader,
  profileFormSchema,
  profileToForm,
  readProfileForm,
  textLangs,
  type ProfileForm,
  type StaffProfile,
} from "~/domain/staff-profile";
import { formatDate, municipalityName, todayInFinland, languageName } from "~/format";
import type { Lang } from "~/i18n";
import { requireProviderStaff, type SignedInUser } from "../auth/auth";
import { formText, langParam, markPageState, pageStateOf, readPostedForm } from "../platform/forms";
import type { PageState } from "~/view-models/page-state";
import "../platform/i18n";
import { allMunicipalities, loadPilots } from "../eligibility/pilots.store";
import { list, monthName, openingHoursLines } from "../providers/format";
import { pilotsOf, servicesOf } from "../providers/providers.store";
import {
  CUSTOMERS_PAGE_SIZE,
  customerOf,
  listCustomers,
  providerOfStaff,
  providersOfStaff,
  publishProfile,
  recordFirstContact,
  staffProfileOf,
  waitingCount,
  type Customer,
  type ProviderRow,
} from "./staff.store";
import { providerFirstContactFigures } from "./figures.store";
import type { StaffDisputeView } from "~/view-models/accountability";
import { recordMeeting, staffDeliveryOf, staffDisputes } from "../accountability/delivery.store";

/**
 * The loaders and actions of the provider staff pages (app/routes/lang.provider-staff*.tsx), kept
 * here so that the route modules stay thin. Every one starts with requireProviderStaff: without a
 * session it redirects to sign-in (303), without the role of that business ID it answers 403. What
 * it reads is then scoped to that one provider.
 */

/** The staff member and the provider of the address; 403 without the role, 404 when the provider does not exist. */
function staffAndProvider(request: Request, params: LoaderFunctionArgs["params"]): { user: SignedInUser; provider: ProviderRow; lang: Lang } {
  const lang = langParam(params);
  const businessId = params.businessId ?? "";
  const user = requireProviderStaff(request, businessId);
  const provider = providerOfStaff(user, businessId);
  if (!provider) throw new Response(null, { status: 404 });
  return { user, provider, lang };
}

function head(p: ProviderRow): StaffProviderHead {
  return { name: p.name, businessId: p.businessId, slug: p.slug, isExample: p.isExample };
}

function base(lang: Lang, businessId: string) {
  return `/${lang}/provider-staff/${businessId}`;
}

export type StaffPageState = PageState | null;



function pilotNames(lang: Lang): Map<string, string> {
  return new Map(loadPilots().map((p) => [p.slug, p.name[lang]]));
}

function figuresView(lang: Lang, providerId: number, today: string, names: Map<string, string>): PilotFiguresView[] {
  const current = monthOf(today);
  return providerFirstContactFigures(providerId, today).map((p) => ({
    pilotSlug: p.pilotSlug,
    pilotName: names.get(p.pilotSlug) ?? p.pilotSlug,
    months: p.months.map((m) => ({ ...m, label: monthName(lang, m.month), current: m.month === current })),
  }));
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/provider-staff
 * ------------------------------------------------------------------------------------------- */

export function landingLoader({ request, params }: LoaderFunctionArgs): LandingView {
  const lang = langParam(params);
  const user = requireProviderStaff(request);
  const today = todayInFinland();
  const rows = providersOfStaff(user);
  const names = pilotNames(lang);
  const current = monthOf(today);
  return {
    lang,
    providers: rows.map((p) => ({
      ...head(p),
      waiting: waitingCount(p.id, today),
      thisMonth: providerFirstContactFigures(p.id, today, 1)
        .map((f) => ({ pilotName: names.get(f.pilotSlug) ?? f.pilotSlug, month: f.months.find((m) => m.month === current) }))
        .filter((f) => f.month !== undefined)
        .map((f) => ({ pilotName: f.pilotName, started: f.month!.started, within: f.month!.within, open: f.month!.open })),
    })),
    unknown: user.roles.providerBusinessIds.filter((id) => !rows.some((r) => r.businessId === id)),
  };
}

/** `/{lang}/provider-staff/{businessId}`: the customers are the provider's first page. */
export function providerIndexLoader({ request, params }: LoaderFunctionArgs): never {
  const { lang, provider } = staffAndProvider(request, params);
  throw redirect(`${base(lang, provider.businessId)}/customers`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/provider-staff/{businessId}/customers
 * ------------------------------------------------------------------------------------------- */

function readFilter(params: URLSearchParams): { filter: CustomerFilterView; page: number } {
  const show = params.get("show");
  const pageText = params.get("page") ?? "";
  return {
    filter: show === "all" ? "all" : "waiting",
    page: /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1,
  };
}

function customerView(lang: Lang, c: Customer, today: string, names: Map<string, string>): CustomerView {
  const deadline = contactDeadline(c.chosenOn);
  return {
    id: c.choiceId,
    name: `${c.givenName} ${c.familyName}`,
    channel: c.contactChannel,
    phone: c.contactPhone,
    email: c.contactEmail,
    language: c.serviceLanguage ? languageName(c.serviceLanguage, lang) : null,
    pilotName: names.get(c.pilotSlug) ?? c.pilotSlug,
    chosenOn: formatDate(c.chosenOn, lang),
    deadline: formatDate(deadline, lang),
    contactedOnIso: c.contactedOn,
    contactedOn: c.contactedOn ? formatDate(c.contactedOn, lang) : null,
    inTime: c.contactedOn ? contactedInTime(c.chosenOn, c.contactedOn) : null,
    overdue: c.contactedOn === null && c.visibility.movedOn === null && today > deadline,
    movedOn: c.visibility.movedOn ? formatDate(c.visibility.movedOn, lang) : null,
    visibleUntil: c.visibility.visibleUntil ? formatDate(c.visibility.visibleUntil, lang) : null,
  };
}

export function customersLoader({ request, params, context }: LoaderFunctionArgs): CustomersView & { pageState: StaffPageState; meetingSaved: { name: string } | null; disputes: StaffDisputeView[] } {
  const { provider, lang } = staffAndProvider(request, params);
  const today = todayInFinland();
  const url = new URL(request.url);
  const { filter, page: asked } = readFilter(url.searchParams);
  const names = pilotNames(lang);
  const counts = {
    waiting: listCustomers(provider.id, { today, filter: "waiting", page: 1, pageSize: 0 }).total,
    all: listCustomers(provider.id, { today, filter: "all", page: 1, pageSize: 0 }).total,
  };
  const total = counts[filter];
  const pageCount = Math.max(1, Math.ceil(total / CUSTOMERS_PAGE_SIZE));
  const page = Math.min(asked, pageCount);
  const { customers } = listCustomers(provider.id, { today, filter, page });
  const savedText = url.searchParams.get("saved") ?? "";
  const savedCustomer = /^\d{1,12}$/.test(savedText) ? customerOf(provider.id, Number(savedText), today) : null;
  return {
    lang,
    provider: head(provider),
    filter,
    counts,
    total,
    page,
    pageCount,
    from: customers.length ? (page - 1) * CUSTOMERS_PAGE_SIZE + 1 : 0,
    to: (page - 1) * CUSTOMERS_PAGE_SIZE + customers.length,
    customers: withDelivery(lang, customers.map((c) => customerView(lang, c, today, names))),
    saved:
      savedCustomer && savedCustomer.contactedOn
        ? { name: `${savedCustomer.givenName} ${savedCustomer.familyName}`, contactedOn: formatDate(savedCustomer.contactedOn, lang) }
        : null,
    figures: figuresView(lang, provider.id, today, names),
    meetingSaved: url.searchParams.get("meeting") === "saved" && savedCustomer ? { name: `${savedCustomer.givenName} ${savedCustomer.familyName}` } : null,
    disputes: staffDisputes(provider.id, today).map((d) => ({ ...d, on: formatDate(d.on, lang) })),
    pageState: pageStateOf(context),
  };
}

/** Where on the customer list a form was sent from (filter and page), to return there. */
function listPlace(form: FormData): URLSearchParams {
  const back = new URLSearchParams();
  const { filter, page } = readFilter(new URLSearchParams({ show: formText(form, "show"), page: formText(form, "page") }));
  if (filter === "all") back.set("show", "all");
  if (page > 1) back.set("page", String(page));
  return back;
}

export async function customersAction({ request, params, context }: ActionFunctionArgs) {
  const { user, provider, lang } = staffAndProvider(request, params);
  const form = await readPostedForm(request);
  const choiceText = formText(form, "choice");
  if (!/^\d{1,12}$/.test(choiceText)) throw new Response(null, { status: 400 });
  const choiceId = Number(choiceText);
  if (formText(form, "intent") === "meeting") return meetingAction(context, form, { user, provider, lang, choiceId });
  const typed = formText(form, "contactedOn");
  const result = recordFirstContact(user, provider, choiceId, typed);
  if (!result.ok && result.reason === "not_found") throw new Response(null, { status: 404 });
  const back = listPlace(form);
  if (!result.ok) {
    markPageState(context, "error");
    return data({ error: { choiceId, message: result.error, value: typed } }, { status: 400 });
  }
  back.set("saved", String(choiceId));
  return redirect(`${base(lang, provider.businessId)}/customers?${back.toString()}`, 303);
}

/** The meetings recorded with each customer shown, and the customer's answers (issue 16). */
function withDelivery(lang: Lang, views: CustomerView[]): CustomerView[] {
  const delivery = staffDeliveryOf(views.map((v) => v.id));
  return views.map((v) => {
    const d = delivery.get(v.id);
    return d ? { ...v, delivery: { firstContact: d.firstContact, meetings: d.meetings.map((m) => ({ ...m, heldOn: formatDate(m.heldOn, lang) })) } } : v;
  });
}

/** Records a meeting with a customer (the customers page's second form; issue 16). */
function meetingAction(context: AppLoadContext, form: FormData, s: { user: SignedInUser; provider: ProviderRow; lang: Lang; choiceId: number }) {
  const typed = formText(form, "meetingOn");
  const result = recordMeeting(s.user, s.provider, s.choiceId, typed);
  if (!result.ok && result.reason === "not_found") throw new Response(null, { status: 404 });
  const back = listPlace(form);
  if (!result.ok) {
    markPageState(context, "error");
    return data({ error: { choiceId: s.choiceId, message: `accountability:${result.error}`, value: typed, field: "meetingOn" as const } }, { status: 400 });
  }
  back.set("saved", String(s.choiceId));
  back.set("meeting", "saved");
  return redirect(`${base(s.lang, s.provider.businessId)}/customers?${back.toString()}`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/provider-staff/{businessId}/profile
 * ------------------------------------------------------------------------------------------- */

/**
 * The municipalities an office can be chosen in: those of the regions where the provider's pilots
 * are (an office serves a pilot's customers), and any the offices are in now. All of them when the
 * provider serves no pilot yet.
 */
function municipalityOptions(lang: Lang, providerId: number, officeCodes: string[]) {
  const all = allMunicipalities();
  const served = new Set(pilotsOf(providerId).map((p) => p.pilot));
  const pilotCodes = new Set(
    loadPilots()
      .filter((p) => served.has(p.slug))
      .flatMap((p) => p.municipalities),
  );
  const regions = new Set(all.filter((m) => pilotCodes.has(m.code)).map((m) => m.regionCode));
  const collator = new Intl.Collator(lang === "sv" ? "sv-FI" : lang === "en" ? "en-GB" : "fi-FI");
  return all
    .filter((m) => !m.mergedInto && (regions.size === 0 || regions.has(m.regionCode) || officeCodes.includes(m.code)))
    .map((m) => ({ value: m.code, label: municipalityName(m, lang) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

function currentMunicipalities(): Set<string> {
  return new Set(
    allMunicipalities()
      .filter((m) => !m.mergedInto)
      .map((m) => m.code),
  );
}

export function profileLoader({ request, params, context }: LoaderFunctionArgs): ProfilePageView & { pageState: StaffPageState } {
  const { provider, lang } = staffAndProvider(request, params);
  const stored = staffProfileOf(provider.id)!;
  const done = new URL(request.url).searchParams.get("done");
  return {
    lang,
    provider: head(provider),
    commitments: {
      takesNewCustomers: provider.takesNewCustomers,
      firstMeetingWithinDays: provider.firstMeetingWithinDays,
      coachMeetingsPerMonth: provider.coachMeetingsPerMonth,
      remoteMeetings: provider.remoteMeetings,
      verifiedOn: provider.commitmentsVerifiedOn ? formatDate(provider.commitmentsVerifiedOn, lang) : null,
    },
    services: servicesOf([provider.id]).get(provider.id) ?? [],
    municipalities: municipalityOptions(
      lang,
      provider.id,
      stored.offices.map((o) => o.municipalityCode),
    ),
    languages: serviceLanguages.map((code) => ({ value: code, label: languageName(code, lang) })),
    values: profileToForm(stored),
    version: provider.updatedAt,
    done: done === "published" || done === "unchanged" ? done : null,
    pageState: pageStateOf(context),
  };
}

function previewOf(lang: Lang, profile: StaffProfile): NonNullable<ProfileActionView["preview"]> {
  const codes = profile.offices.map((o) => o.municipalityCode);
  const names = new Map(
    allMunicipalities()
      .filter((m) => codes.includes(m.code))
      .map((m) => [m.code, m]),
  );
  const order = serviceLanguages as readonly string[];
  const offices: OfficeView[] = profile.offices.map((o) => {
    const m = names.get(o.municipalityCode);
    return {
      streetAddress: o.streetAddress,
      postalCode: o.postalCode,
      municipality: m ? municipalityName(m, lang) : o.municipalityCode,
      hours: openingHoursLines(lang, o.openingHours),
      hoursNote: o.openingHoursNote?.[lang] ?? null,
      accessibility: { ...o.accessibility, note: o.accessibility.note?.[lang] ?? null },
    };
  });
  const view: PreviewView = {
    shortDescription: profile.shortDescription[lang],
    longDescription: profile.longDescription[lang],
    languages: list(
      lang,
      [...profile.languages].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((c) => languageName(c, lang)),
    ),
    phone: profile.phone,
    email: profile.email,
    web: profile.web,
    offices,
  };
  const others: OtherLanguageTexts[] = textLangs
    .filter((l) => l !== lang)
    .map((l) => ({
      lang: l,
      shortDescription: profile.shortDescription[l],
      longDescription: profile.longDescription[l],
      notes: profile.offices.flatMap((o) => [o.openingHoursNote?.[l], o.accessibility.note?.[l]]).filter((n): n is string => !!n),
    }));
  return { view, others };
}

export async function profileAction({ request, params, context }: ActionFunctionArgs) {
  const { user, provider, lang } = staffAndProvider(request, params);
  const form = await readPostedForm(request);
  const intent = formText(form, "intent");
  const versionText = formText(form, "version", 40);
  const values: ProfileForm = readProfileForm(formReader(form), { add: intent === "add-office" });
  if (values.offices.length === 0) values.offices.push(emptyOffice());
  const view = (over: Partial<ProfileActionView>): ProfileActionView => ({
    state: "edit",
    values,
    errors: {},
    version: versionText,
    notice: null,
    preview: null,
    changed: null,
    ...over,
  });

  if (intent === "add-office" || intent === "edit") return data(view({}), { status: 200 });
  if (intent !== "preview" && intent !== "publish") throw new Response(null, { status: 400 });

  const parsed = profileFormSchema(currentMunicipalities()).safeParse(values);
  if (!parsed.success) {
    markPageState(context, "error");
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "offices");
      errors[key] ??= issue.message;
    }
    return data(view({ errors }), { status: 400 });
  }

  if (intent === "preview") {
    markPageState(context, "preview");
    const stored = staffProfileOf(provider.id)!;
    return data(view({ state: "preview", preview: previewOf(lang, parsed.data), changed: changedParts(stored, parsed.data) }), { status: 200 });
  }

  const published = publishProfile(user, provider.businessId, parsed.data, versionText);
  if (!published.ok && published.reason === "not_found") throw new Response(null, { status: 404 });
  if (!published.ok) {
    // Published by someone else since the form was opened: show their values again, with a notice.
    markPageState(context, "error");
    const fresh = providerOfStaff(user, provider.businessId);
    return data(view({ notice: "stale", version: fresh?.updatedAt ?? versionText }), { status: 409 });
  }
  return redirect(`${base(lang, provider.businessId)}/profile?done=${published.changed.length ? "published" : "unchanged"}`, 303);
}

import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  addProviderFields,
  addProviderSchema,
  businessIdField,
  datesSchema,
  editProviderFields,
  editProviderSchema,
  joinSchema,
  keepsSharedDetails,
  participationState,
  providerListFields,
  suspendSchema,
} from "~/domain/official-provider";
import { serviceLanguages } from "~/domain/providers";
import { formatDate, formatDateTime, languageName } from "~/format";
import { tFor } from "~/i18n";
import { loadPilots } from "../eligibility/pilots.store";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "../platform/forms";
import { list } from "../providers/format";
import { actionText, actorNames, whoDid } from "./audit";
import { providerAuditRows } from "./audit.store";
import {
  addProvider,
  currentCustomerCount,
  currentCustomerCounts,
  currentCustomersOf,
  joinProvider,
  languagesAndServicesOf,
  liftSuspension,
  openSuspensionOf,
  pilotProviderRow,
  pilotProviderRows,
  pilotSlugsOfProvider,
  providerByBusinessId,
  setDates,
  suspendedProviderIds,
  suspendProvider,
  updateProvider,
  type DuplicateProvider,
} from "./providers.store";
import { idParam, officialScope, pilotHeader, type OfficialScope } from "./scope";

/**
 * Providers in the back office (docs/decisions/053-providers-in-the-back-office.md): the pages'
 * loaders, actions and view models. An official sees only the providers that have (or had) a place
 * in their own pilot, and changes only what their pilot keeps (065-provider-ownership-across-pilots.md);
 * the queries and the changes, each one transaction with its audit rows, are in ./providers.store.ts.
 */

/** Every provider that serves, will serve or served the pilot, by name, with its state and customers. */
function listProviders(scope: OfficialScope) {
  const slug = scope.pilot.slug;
  const rows = pilotProviderRows(slug);
  const suspended = suspendedProviderIds(slug);
  const customers = currentCustomerCounts(slug);
  return rows.map((r) => ({
    id: r.p.id,
    name: r.p.name,
    businessId: r.p.businessId,
    isExample: r.p.isExample,
    startsOn: formatDate(r.startsOn, scope.lang),
    endsOn: r.endsOn ? formatDate(r.endsOn, scope.lang) : null,
    state: participationState(r, suspended.has(r.p.id), scope.today),
    takesNewCustomers: r.p.takesNewCustomers,
    verified: r.p.commitmentsVerifiedOn !== null,
    customers: customers.get(r.p.id) ?? 0,
  }));
}

/** One provider of the pilot with everything its back-office page shows, or null (not of this pilot). */
function providerDetail(scope: OfficialScope, id: number) {
  const slug = scope.pilot.slug;
  const row = pilotProviderRow(slug, id);
  if (!row) return null;
  const suspension = openSuspensionOf(slug, id);
  const state = participationState(row, suspension !== null, scope.today);
  const { languages, services } = languagesAndServicesOf(id);
  // The people to tell: their choice of this provider is current, and the provider has left, is
  // suspended or is leaving. Names and the date of the choice only.
  const leaving = state !== "active" || row.endsOn !== null;
  const toTell = leaving ? currentCustomersOf(slug, id).map((c) => ({ name: `${c.given} ${c.family}`, chosenOn: formatDate(c.chosenOn, scope.lang) })) : [];
  const currentCustomers = leaving ? toTell.length : currentCustomerCount(slug, id);
  const history = providerAuditRows(slug, id, row.p.businessId);
  const names = actorNames(
    scope,
    history.map((h) => h.actor),
  );
  const t = tFor(scope.lang);
  const orderedLanguages = serviceLanguages.filter((l) => languages.includes(l));
  return {
    id,
    name: row.p.name,
    slug: row.p.slug,
    businessId: row.p.businessId,
    isExample: row.p.isExample,
    ...sharing(scope, id, row.p.homePilotSlug),
    values: {
      name: row.p.name,
      services,
      languages: orderedLanguages,
      takesNewCustomers: row.p.takesNewCustomers ? "yes" : "no",
      firstMeetingWithinDays: String(row.p.firstMeetingWithinDays),
      coachMeetingsPerMonth: String(row.p.coachMeetingsPerMonth),
      remoteMeetings: row.p.remoteMeetings ? "yes" : "no",
      verified: "",
    },
    languagesText: list(scope.lang, orderedLanguages.map((l) => languageName(l, scope.lang))),
    servicesText: list(
      scope.lang,
      services.map((s) => t(`providers:services.${s}`)),
    ),
    verifiedOn: row.p.commitmentsVerifiedOn ? formatDate(row.p.commitmentsVerifiedOn, scope.lang) : null,
    dates: { startsOn: row.startsOn, endsOn: row.endsOn ?? "" },
    startsOn: formatDate(row.startsOn, scope.lang),
    endsOn: row.endsOn ? formatDate(row.endsOn, scope.lang) : null,
    state,
    suspension: suspension
      ? { since: formatDate(suspension.suspendedOn, scope.lang), reason: suspension.reason, by: actorNames(scope, [suspension.suspendedBy]).get(suspension.suspendedBy) ?? "" }
      : null,
    currentCustomers,
    toTell,
    history: history.map((h) => ({
      at: formatDateTime(h.at, scope.lang),
      who: whoDid(scope, names, h),
      what: actionText(scope, h.action),
    })),
  };
}

/** The pilots that share a provider, for its page: who keeps the shared details, and who else has it. */
function sharing(scope: OfficialScope, providerId: number, homePilotSlug: string | null) {
  const slugs = pilotSlugsOfProvider(providerId);
  const pilots = loadPilots();
  const nameOf = (slug: string) => pilots.find((p) => p.slug === slug)?.name[scope.lang] ?? slug;
  const others = slugs.filter((s) => s !== scope.pilot.slug);
  return {
    keepsShared: keepsSharedDetails({ homePilotSlug }, scope.pilot.slug),
    homePilot: homePilotSlug ? nameOf(homePilotSlug) : null,
    otherPilots: list(scope.lang, others.map(nameOf).sort((a, b) => a.localeCompare(b, scope.lang))),
    otherPilotCount: others.length,
  };
}

/** The languages a provider can serve in, named in the official's language. */
export function languageOptions(scope: OfficialScope) {
  return serviceLanguages.map((l) => ({ value: l, label: languageName(l, scope.lang) }));
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/providers
 * ------------------------------------------------------------------------------------------- */

/** /{lang}/official/{pilot}/providers: the providers that serve, will serve or served the pilot. */
export function providersLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const added = new URL(args.request.url).searchParams.get("added");
  return { lang: scope.lang, pilot: pilotHeader(scope), providers: listProviders(scope), added: added === "1" || added === "joined" ? added : null };
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/providers/{id}
 * ------------------------------------------------------------------------------------------- */

export type ProviderFormName = "details" | "dates" | "suspend";
type Posted = { form: ProviderFormName; values: Record<string, string | string[]>; errors: Record<string, string> };

const done = ["updated", "dates", "suspended", "lifted", "added", "joined"] as const;

function loadProvider(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const provider = providerDetail(scope, idParam(args.params.id));
  if (!provider) throw new Response(null, { status: 404 });
  return { scope, provider };
}

/** /{lang}/official/{pilot}/providers/{id}: edit, set the dates (join or leave), suspend; who to tell. */
export function providerLoader(args: LoaderFunctionArgs) {
  const { scope, provider } = loadProvider(args);
  const url = new URL(args.request.url);
  const notice = [url.searchParams.get("done"), url.searchParams.get("added") === "1" ? "added" : url.searchParams.get("added")].find(
    (v): v is (typeof done)[number] => (done as readonly (string | null)[]).includes(v),
  );
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    provider,
    languageOptions: languageOptions(scope),
    notice: notice ?? null,
    formError: hasFormError(args.context),
  };
}

export async function providerAction(args: ActionFunctionArgs) {
  const { scope, provider } = loadProvider(args);
  const form = await readPostedForm(args.request);
  const intent = form.get("intent");
  const back = (what: (typeof done)[number]) => redirect(`/${scope.lang}/official/${scope.pilot.slug}/providers/${provider.id}?done=${what}`, 303);
  const refuse = (posted: Posted) => invalid(args.context, posted);

  if (intent === "details") {
    // The shared details are the home pilot's (decision 065): the page offers no form elsewhere.
    if (!provider.keepsShared) throw new Response(null, { status: 403 });
    const values = formValues(form, editProviderFields, providerListFields);
    const parsed = editProviderSchema.safeParse(values);
    if (!parsed.success) return refuse({ form: "details", values, errors: fieldErrors(parsed.error) });
    const result = updateProvider(scope, provider.id, parsed.data);
    if (!result.ok) throw new Response(null, { status: result.reason === "not-found" ? 404 : 403 });
    throw back("updated");
  }
  if (intent === "dates") {
    const values = formValues(form, ["startsOn", "endsOn"]);
    const parsed = datesSchema.safeParse(values);
    if (!parsed.success) return refuse({ form: "dates", values, errors: fieldErrors(parsed.error) });
    const result = setDates(scope, provider.id, { startsOn: parsed.data.startsOn!, endsOn: parsed.data.endsOn });
    if (!result.ok) return refuse({ form: "dates", values, errors: { startsOn: "providers.errors.suspendedDates" } });
    throw back("dates");
  }
  if (intent === "suspend") {
    const values = formValues(form, ["reason"]);
    const parsed = suspendSchema.safeParse(values);
    if (!parsed.success) return refuse({ form: "suspend", values, errors: fieldErrors(parsed.error) });
    const result = suspendProvider(scope, provider.id, parsed.data.reason);
    if (!result.ok) return refuse({ form: "suspend", values, errors: { reason: "providers.errors.notActive" } });
    throw back("suspended");
  }
  if (intent === "lift") {
    liftSuspension(scope, provider.id);
    throw back("lifted");
  }
  throw new Response(null, { status: 400 });
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/providers/new
 * ------------------------------------------------------------------------------------------- */

/** /{lang}/official/{pilot}/providers/new: register a provider and give it a place in the pilot. */
export function addProviderLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    languageOptions: languageOptions(scope),
    values: { startsOn: scope.today, takesNewCustomers: "yes", remoteMeetings: "yes", languages: ["fi"] } as Record<string, string | string[]>,
    formError: hasFormError(args.context),
  };
}

export async function addProviderAction(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const values = formValues(form, addProviderFields, providerListFields);
  const parsed = addProviderSchema.safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error), duplicate: null as DuplicateProvider | null });
  const added = addProvider(scope, parsed.data);
  if (!added.ok) {
    return invalid(args.context, {
      values,
      errors: { businessId: added.duplicate.inPilot ? "providers.errors.duplicateInPilot" : "providers.errors.duplicate" },
      duplicate: added.duplicate,
    });
  }
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/providers/${added.id}?added=1`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/providers/join
 * ------------------------------------------------------------------------------------------- */

/**
 * /{lang}/official/{pilot}/providers/join: give a provider that is already registered (it serves
 * another pilot) a place in this pilot. Step 1 finds it by business ID (GET), step 2 sets the dates.
 */
export function joinLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const raw = (new URL(args.request.url).searchParams.get("businessId") ?? "").slice(0, 40);
  let lookupError: string | null = null;
  let found: DuplicateProvider | null = null;
  if (raw.trim() !== "") {
    const parsed = businessIdField.safeParse(raw);
    if (!parsed.success) lookupError = fieldErrors(parsed.error).form ?? "providers.errors.businessIdRequired";
    else {
      found = providerByBusinessId(scope, parsed.data);
      if (!found) lookupError = "join.errors.unknown";
    }
  }
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    businessId: raw.trim(),
    lookupError,
    found,
    values: { startsOn: scope.today, endsOn: "" } as Record<string, string>,
    formError: hasFormError(args.context) || lookupError !== null,
  };
}

export async function joinAction(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const values = formValues(form, ["businessId", "startsOn", "endsOn"]) as Record<string, string>;
  const parsed = joinSchema.safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  const joined = joinProvider(scope, parsed.data.businessId, { startsOn: parsed.data.startsOn!, endsOn: parsed.data.endsOn });
  if (!joined.ok) return invalid(args.context, { values, errors: { businessId: joined.reason === "already" ? "join.errors.already" : "join.errors.unknown" } });
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/providers/${joined.id}?added=joined`, 303);
}

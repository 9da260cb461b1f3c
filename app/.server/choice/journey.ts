import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { confirmSchema, contactBy as contactByDate, contactSchema, pickSchema, PUBLIC_SERVICE, weightyReasonSchema, type Refusal } from "~/domain/choice";
import { answersFromQuery, factsFormSchema, factsToForm, missingFacts } from "~/domain/choice-facts";
import { relevantFacts } from "~/domain/eligibility";
import { isAssessedFact, type FactName } from "~/domain/pilot";
import { parseReference } from "~/domain/reference-number";
import { addMonths } from "~/domain/switching";
import { formatDate, formatDateTime, municipalityName } from "~/format";
import type { Lang } from "~/i18n";
import { requireUser, type SignedInUser } from "../auth/auth";
import {
  choiceContext,
  confirmChoice,
  getDraft,
  getReceipt,
  justConfirmed,
  refusalFor,
  requestWeightyReason,
  saveAnswers,
  saveContact,
  savePick,
  type ChoiceContext,
  type DraftRow,
  type Failure,
} from "./choices.store";
import { pickFigures } from "./figures";
import { activeProviders, findProvider } from "./providers.store";
import { explainEvaluation } from "./eligibility";
import { jobMarketFinland, publicServiceFor, publicServiceView } from "../eligibility/employment-areas.store";
import { fieldErrors, langParam, markPageState, readPostedForm, textValues } from "../platform/forms";
import type { CurrentView } from "~/view-models/choice";
import { municipalitiesByCode } from "../eligibility/pilots.store";
import "../platform/i18n";

/**
 * The loaders and actions of the choice journey (app/routes/lang.choose*.tsx, the receipt), kept
 * here so that the route modules stay thin. Every one starts with requireUser and reads only the
 * signed-in person's rows. Nothing personal goes into a URL: steps are plain paths, the receipt
 * is addressed by its reference.
 */

const slugParam = z.string().regex(/^[a-z0-9-]{1,80}$/);

/* ---------------------------------------------------------------------------------------------
 * What every step shows about the person's situation
 * ------------------------------------------------------------------------------------------- */


export function currentView(ctx: ChoiceContext, lang: Lang): CurrentView {
  const c = ctx.current;
  return {
    situation: ctx.situation,
    reference: c?.row.reference ?? null,
    kind: c?.row.kind ?? null,
    providerName: c?.row.snapshot.provider?.name ?? null,
    pilotName: c ? c.row.snapshot.pilotName[lang] : null,
    chosenOn: c ? formatDate(c.row.chosenOn, lang) : null,
    lockedUntil: !ctx.rule.allowed ? formatDate(ctx.rule.possibleFrom, lang) : null,
    pendingRequestOn: c?.pendingRequest ? formatDate(c.pendingRequest.requestedAt.slice(0, 10), lang) : null,
    approvedRequest: !!c?.approvedRequest,
  };
}

function askedFacts(user: SignedInUser, ctx: ChoiceContext): FactName[] {
  const code = user.homeMunicipality;
  const m = code ? municipalitiesByCode([code]).get(code) : undefined;
  // An assessed fact is recorded by an official, never asked of the person (decision 073).
  return relevantFacts(ctx.pilots, m ? { code: m.code, mergedInto: m.mergedInto, mergedOn: m.mergedOn } : null, ctx.today).filter((f) => !isAssessedFact(f));
}

function municipalityLabel(user: SignedInUser, lang: Lang): string | null {
  const code = user.homeMunicipality;
  const m = code ? municipalitiesByCode([code]).get(code) : undefined;
  return m ? municipalityName(m, lang) : null;
}

/* ---------------------------------------------------------------------------------------------
 * Step 1: /choose — eligibility from identification and the few facts still needed
 * ------------------------------------------------------------------------------------------- */

export function startLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const url = new URL(request.url);
  const ctx = choiceContext(user);
  const asked = askedFacts(user, ctx);
  const missing = missingFacts(asked, ctx.facts);
  const provider = slugParam.safeParse(url.searchParams.get("provider") ?? "");
  return {
    lang,
    municipality: municipalityLabel(user, lang),
    identifiedWith: user.identifiedWith,
    current: currentView(ctx, lang),
    asked,
    missing,
    editing: missing.length > 0 || url.searchParams.get("edit") === "1",
    // Answers given on the eligibility check before signing in fill in what is not yet stored.
    values: { ...answersFromQuery(url.searchParams, missing), ...factsToForm(ctx.facts) },
    errors: {} as Record<string, string>,
    explanation: explainEvaluation(ctx.evaluation, lang, user.homeMunicipality, ctx.pilots),
    mayChoose: ctx.evaluation.outcome === "may_choose" && !!ctx.pilot,
    pilotName: ctx.pilot?.name[lang] ?? null,
    /** How long a choice of a provider binds in the person's pilot (its own rule). */
    lockMonths: ctx.pilot?.lockMonths ?? 0,
    /** The purchased-services model: the public service offers the pilot, and declining it is an answer (decision 073). */
    voluntary: ctx.pilot?.model === "purchased_services",
    providerParam: provider.success ? provider.data : null,
  };
}

export async function startAction(args: ActionFunctionArgs) {
  const { request, params, context } = args;
  const lang = langParam(params);
  const user = requireUser(request);
  const form = await readPostedForm(request);
  const ctx = choiceContext(user);
  const asked = askedFacts(user, ctx);
  const parsed = factsFormSchema(asked).safeParse(textValues(form, asked));
  const provider = slugParam.safeParse(form.get("provider") ?? "");
  const next = `/${lang}/choose${provider.success ? `?provider=${provider.data}` : ""}`;
  if (!parsed.success) {
    markPageState(context);
    const page = startLoader({ ...args, request: new Request(new URL(next, request.url), { headers: request.headers }) });
    return data({ ...page, editing: true, values: textValues(form, asked), errors: fieldErrors(parsed.error) }, { status: 400 });
  }
  saveAnswers(user, parsed.data);
  return redirect(next, 303);
}

/* ---------------------------------------------------------------------------------------------
 * Step 2: /choose/provider — a provider of the pilot, with figures, or the public service
 * ------------------------------------------------------------------------------------------- */

/** Sends the person to the first step their situation needs, or returns the context. */
function journeyGate(user: SignedInUser, lang: Lang) {
  const ctx = choiceContext(user);
  if (ctx.evaluation.outcome !== "may_choose" || !ctx.pilot) throw redirect(`/${lang}/choose`, 303);
  if (!ctx.rule.allowed) throw redirect(`/${lang}/choose`, 303);
  return { ctx, pilot: ctx.pilot };
}

export function pickLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const { ctx, pilot } = journeyGate(user, lang);
  const url = new URL(request.url);
  const draft = getDraft(user);
  const asked = slugParam.safeParse(url.searchParams.get("provider") ?? "");
  const providers = activeProviders(pilot.slug, ctx.today);
  const figures = pickFigures(pilot, providers.map((p) => p.id), ctx.today, lang);
  const selected = asked.success
    ? asked.data
    : draft && draft.pilotSlug === pilot.slug
      ? draft.kind === "public_service"
        ? PUBLIC_SERVICE
        : draft.providerSlug
      : null;
  const current = ctx.current && ctx.situation === "provider" ? ctx.current.row.providerId : null;
  return {
    lang,
    pilotName: pilot.name[lang],
    pilotSlug: pilot.slug,
    current: currentView(ctx, lang),
    lockMonths: pilot.lockMonths,
    selected: selected ?? null,
    /** The provider asked for in the address does not serve this pilot (now). */
    unknownProvider: asked.success && asked.data !== PUBLIC_SERVICE && !providers.some((p) => p.slug === asked.data),
    providers: providers.map((p) => ({
      slug: p.slug,
      name: p.name,
      languages: p.languages,
      takesNewCustomers: p.takesNewCustomers,
      // A last day already set: the person is told before choosing (they may choose again at once after it).
      leavesAfter: p.servesUntil ? formatDate(p.servesUntil, lang) : null,
      isCurrent: p.id === current,
      figures: figures.providers.get(p.id) ?? [],
    })),
    publicService: { figures: figures.publicService, isCurrent: ctx.situation === "public_service" },
    period: figures.period,
    errors: {} as Record<string, string>,
  };
}

export async function pickAction(args: ActionFunctionArgs) {
  const { request, params, context } = args;
  const lang = langParam(params);
  const user = requireUser(request);
  const form = await readPostedForm(request);
  const { ctx, pilot } = journeyGate(user, lang);
  const parsed = pickSchema.safeParse({ provider: form.get("provider") ?? undefined });
  const fail = (error: string, status = 400) => {
    markPageState(context);
    return data({ ...pickLoader(args), selected: parsed.success ? parsed.data.provider : null, errors: { provider: error } }, { status });
  };
  if (!parsed.success) return fail("errors.pickRequired");
  if (parsed.data.provider === PUBLIC_SERVICE) {
    savePick(user, { pilotSlug: pilot.slug, kind: "public_service", providerId: null, providerSlug: null });
    return redirect(`/${lang}/choose/check`, 303);
  }
  const provider = findProvider(pilot.slug, { slug: parsed.data.provider }, ctx.today);
  if (!provider || provider.state !== "active") return fail("errors.providerUnavailable", 409);
  if (!provider.takesNewCustomers) return fail("errors.providerFull", 409);
  savePick(user, { pilotSlug: pilot.slug, kind: "provider", providerId: provider.id, providerSlug: provider.slug });
  return redirect(`/${lang}/choose/contact`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * Step 3: /choose/contact — how the provider may contact the person, and the language
 * ------------------------------------------------------------------------------------------- */

function providerDraft(user: SignedInUser, lang: Lang, ctx: ChoiceContext) {
  const draft = getDraft(user);
  if (!draft || draft.pilotSlug !== ctx.pilot?.slug) throw redirect(`/${lang}/choose/provider`, 303);
  if (draft.kind !== "provider") throw redirect(`/${lang}/choose/check`, 303);
  const provider = findProvider(draft.pilotSlug, { id: draft.providerId! }, ctx.today);
  if (!provider) throw redirect(`/${lang}/choose/provider`, 303);
  return { draft, provider };
}

export function contactLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const { ctx } = journeyGate(user, lang);
  const { draft, provider } = providerDraft(user, lang, ctx);
  return {
    lang,
    providerName: provider.name,
    languages: provider.languages.length ? provider.languages : ["fi", "sv", "en"],
    values: {
      channel: draft.contactChannel ?? "",
      phone: draft.contactPhone ?? "",
      email: draft.contactEmail ?? "",
      // The page's language when the provider serves in it; the only one when it serves in one.
      language: draft.serviceLanguage ?? (provider.languages.includes(lang) ? lang : provider.languages.length === 1 ? provider.languages[0] : ""),
    } as Record<string, string>,
    errors: {} as Record<string, string>,
  };
}

export async function contactAction(args: ActionFunctionArgs) {
  const { request, params, context } = args;
  const lang = langParam(params);
  const user = requireUser(request);
  const form = await readPostedForm(request);
  const { ctx } = journeyGate(user, lang);
  const { provider } = providerDraft(user, lang, ctx);
  const offered = provider.languages.length ? provider.languages : ["fi", "sv", "en"];
  const values = textValues(form, ["channel", "phone", "email", "language"]);
  const parsed = contactSchema(offered).safeParse(values);
  if (!parsed.success) {
    markPageState(context);
    return data({ ...contactLoader(args), values, errors: fieldErrors(parsed.error) }, { status: 400 });
  }
  saveContact(user, parsed.data);
  return redirect(`/${lang}/choose/check`, 303);
}

/* ---------------------------------------------------------------------------------------------
 * Step 4: /choose/check — what will be recorded, the switching rule, what happens next
 * ------------------------------------------------------------------------------------------- */

export type CheckProblem = Refusal | "stale" | Failure;

function checkPage(user: SignedInUser, lang: Lang, draft: DraftRow, ctx: ChoiceContext) {
  const pilot = ctx.pilot!;
  const provider = draft.kind === "provider" ? findProvider(draft.pilotSlug, { id: draft.providerId! }, ctx.today) : null;
  const chosenOn = ctx.today;
  const refusal = refusalFor(ctx, draft);
  return {
    lang,
    key: draft.idempotencyKey,
    kind: draft.kind,
    pilotName: pilot.name[lang],
    municipality: municipalityLabel(user, lang),
    providerName: provider?.name ?? null,
    providerSlug: provider?.slug ?? null,
    contact: draft.kind === "provider"
      ? { channel: draft.contactChannel, phone: draft.contactPhone, email: draft.contactEmail, language: draft.serviceLanguage }
      : null,
    lockMonths: draft.kind === "provider" ? pilot.lockMonths : 0,
    changeFrom: draft.kind === "provider" && pilot.lockMonths > 0 ? formatDate(addMonths(chosenOn, pilot.lockMonths), lang) : null,
    contactBy: draft.kind === "provider" ? formatDate(contactByDate(chosenOn), lang) : null,
    replaces: ctx.current && ctx.situation !== "pilot_ended" ? currentView(ctx, lang) : null,
    problem: refusal as CheckProblem | null,
  };
}

export function checkLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const ctx = choiceContext(user);
  const draft = getDraft(user);
  if (!draft) {
    // Back to the confirmation page of a choice already recorded: its receipt, never a second choice.
    const reference = justConfirmed(user);
    throw redirect(reference ? `/${lang}/my/receipts/${reference}` : `/${lang}/choose`, 303);
  }
  if (ctx.evaluation.outcome !== "may_choose" || !ctx.pilot || draft.pilotSlug !== ctx.pilot.slug) {
    // Eligibility changed since the pick: the first step explains the new answer.
    return { ...emptyCheck(lang), problem: "not_eligible" as CheckProblem };
  }
  if (draft.kind === "provider" && (!draft.contactChannel || !draft.serviceLanguage)) throw redirect(`/${lang}/choose/contact`, 303);
  return checkPage(user, lang, draft, ctx);
}

function emptyCheck(lang: Lang): ReturnType<typeof checkPage> {
  return {
    lang,
    key: "",
    kind: "public_service",
    pilotName: "",
    municipality: null,
    providerName: null,
    providerSlug: null,
    contact: null,
    lockMonths: 0,
    changeFrom: null,
    contactBy: null,
    replaces: null,
    problem: null,
  };
}

/**
 * Confirms the choice. Success: 303 to the receipt, only after the commit. A repeated key: 303 to
 * the same receipt. A refusal: 409 with the reason on the same page, nothing written. A failed
 * write: 503 with a page that says plainly that the choice was NOT recorded.
 */
export async function checkAction(args: ActionFunctionArgs) {
  const { request, params, context } = args;
  const lang = langParam(params);
  const user = requireUser(request);
  const form = await readPostedForm(request);
  const parsed = confirmSchema.safeParse({ key: form.get("key") ?? undefined });
  if (!parsed.success) {
    // A confirmation without its key is incomplete: the page again, with a fresh form, nothing written.
    markPageState(context);
    const ctx = choiceContext(user);
    const draft = getDraft(user);
    const page = draft && ctx.pilot && draft.pilotSlug === ctx.pilot.slug ? checkPage(user, lang, draft, ctx) : emptyCheck(lang);
    return data({ ...page, problem: "stale", notRecorded: false }, { status: 400 });
  }
  const result = confirmChoice(user, parsed.data.key);
  if (result.ok) return redirect(`/${lang}/my/receipts/${result.reference}`, 303);
  markPageState(context, "failure" in result ? "notRecorded" : "error");
  const problem: CheckProblem = "refusal" in result ? result.refusal : result.failure;
  const status = "failure" in result ? 503 : 409;
  const ctx = choiceContext(user);
  const draft = getDraft(user);
  const page =
    draft && ctx.pilot && draft.pilotSlug === ctx.pilot.slug && (draft.kind === "public_service" || draft.contactChannel)
      ? checkPage(user, lang, draft, ctx)
      : emptyCheck(lang);
  return data({ ...page, problem, notRecorded: "failure" in result }, { status });
}

/* ---------------------------------------------------------------------------------------------
 * The receipt: /my/receipts/:reference
 * ------------------------------------------------------------------------------------------- */

export function receiptLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const reference = parseReference(params.reference ?? "");
  const row = reference ? getReceipt(user, reference) : null;
  // Another person's reference, a mistyped one and an unknown one look the same: not found.
  if (!row) throw new Response(null, { status: 404 });
  if (row.reference !== params.reference) throw redirect(`/${lang}/my/receipts/${row.reference}`, 301);
  const s = row.snapshot;
  return {
    lang,
    reference: row.reference,
    kind: row.kind,
    recordedAt: formatDateTime(row.chosenAt, lang),
    chosenOn: formatDate(row.chosenOn, lang),
    name: `${user.givenName} ${user.familyName}`,
    pilotName: s.pilotName[lang],
    provider: s.provider,
    providerSlug: row.providerSlug,
    contact: row.kind === "provider" ? { channel: row.contactChannel, phone: row.contactPhone, email: row.contactEmail, language: row.serviceLanguage } : null,
    lockMonths: s.lockMonths,
    changeFrom: s.lockMonths > 0 ? formatDate(addMonths(row.chosenOn, s.lockMonths), lang) : null,
    contactBy: s.contactBy ? formatDate(s.contactBy, lang) : null,
    status: row.status,
    endedAt: row.endedAt ? formatDate(row.endedAt.slice(0, 10), lang) : null,
    // The public service is a choice on the same footing: its receipt says whom to contact too.
    publicService: row.kind === "public_service" ? publicServiceContact(user, lang) : null,
  };
}

/** The person's own public employment service (their home municipality's), and where to confirm the office. */
function publicServiceContact(user: SignedInUser, lang: Lang): { name: string | null; web: string | null; jobMarket: string } {
  const service = user.homeMunicipality ? publicServiceFor(user.homeMunicipality) : null;
  return { ...publicServiceView(service, lang), jobMarket: jobMarketFinland.web };
}

/* ---------------------------------------------------------------------------------------------
 * A weighty reason: /choose/weighty-reason
 * ------------------------------------------------------------------------------------------- */

export function weightyLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const ctx = choiceContext(user);
  if (!ctx.current || ctx.rule.allowed) throw redirect(`/${lang}/choose`, 303);
  return { lang, current: currentView(ctx, lang), values: { reason: "" } as Record<string, string>, errors: {} as Record<string, string>, problem: null as string | null };
}

export async function weightyAction(args: ActionFunctionArgs) {
  const { request, params, context } = args;
  const lang = langParam(params);
  const user = requireUser(request);
  const form = await readPostedForm(request);
  const values = textValues(form, ["reason"]);
  const parsed = weightyReasonSchema.safeParse(values);
  if (!parsed.success) {
    markPageState(context);
    return data({ ...weightyLoader(args), values, errors: fieldErrors(parsed.error) }, { status: 400 });
  }
  const result = requestWeightyReason(user, parsed.data.reason);
  if (result.ok) return redirect(`/${lang}/my#choice`, 303);
  if ("refusal" in result && result.refusal === "not_locked") return redirect(`/${lang}/choose`, 303);
  markPageState(context, "refusal" in result ? "error" : "notRecorded");
  const problem = "refusal" in result ? result.refusal : "notRecorded";
  return data({ ...weightyLoader(args), values, problem }, { status: "refusal" in result ? 409 : 503 });
}


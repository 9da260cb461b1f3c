import { and, asc, count, desc, eq, isNull, like, or } from "drizzle-orm";
import {
  audit as auditTable,
  choices,
  people,
  providerLanguages,
  providerPilots,
  providerServices,
  providerSuspensions,
  providers,
} from "../../../db/schema";
import { serviceLanguages } from "~/domain/providers";
import {
  dayBefore,
  keepsSharedDetails,
  participationState,
  type AddProviderInput,
  type EditProviderInput,
  type ParticipationState,
} from "~/domain/official-provider";
import { nameSortKey, slugify } from "~/domain/providers";
import { formatDate, formatDateTime } from "~/format";
import { tFor } from "~/i18n";
import { audit } from "../platform/audit.store";
import { getDb, type Db } from "../platform/db";
import { notifyProviderCustomers } from "../notifications/outbox.store";
import type { OfficialScope } from "./scope";
import { whoDid } from "./audit";
import { actorNames } from "./pilots";
import { loadPilots } from "../eligibility/pilots.store";
import { languageName, list } from "../providers/format";

/**
 * Providers in the back office (docs/decisions/053-providers-in-the-back-office.md). An official
 * sees only the providers that have (or had) a place in their own pilot, and changes only what their
 * pilot keeps (065-provider-ownership-across-pilots.md): the shared details (name, services,
 * languages, commitments) are kept by the provider's home pilot, the pilot that added it; every
 * pilot keeps its own participation (dates, suspension). Every change is one BEGIN IMMEDIATE
 * transaction with an audit row in each pilot the provider has a place in, naming the official's pilot.
 *
 * Leaving and suspension work through the provider's dates in the pilot (provider_pilots), which
 * every other part of the service reads: the comparison stops listing the provider, and the
 * choice treats its customers as served by the public service until they choose again.
 */

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

function openSuspension(tx: Tx, providerId: number, pilotSlug: string) {
  return tx
    .select()
    .from(providerSuspensions)
    .where(and(eq(providerSuspensions.providerId, providerId), eq(providerSuspensions.pilotSlug, pilotSlug), isNull(providerSuspensions.liftedOn)))
    .get();
}

/**
 * Audits a change to a provider in every pilot it has (or had) a place in, and in the official's own,
 * so that each pilot sees in its trail what was done to a provider it shares and from which pilot
 * (decision 065). Call it inside the change's transaction, after the change.
 */
function auditProvider(tx: Tx, scope: OfficialScope, providerId: number, action: string, details: Record<string, unknown>, now: Date) {
  const others = tx
    .select({ slug: providerPilots.pilotSlug })
    .from(providerPilots)
    .where(eq(providerPilots.providerId, providerId))
    .all()
    .map((r) => r.slug)
    .filter((slug) => slug !== scope.pilot.slug)
    .sort();
  for (const pilotSlug of [scope.pilot.slug, ...others]) {
    audit(tx, { actor: scope.user.actorId, action, subject: `provider:${providerId}`, pilotSlug, details: { ...details, byPilot: scope.pilot.slug } }, now);
  }
}

/** Every provider that serves, will serve or served the pilot, by name, with its state and customers. */
export function listProviders(scope: OfficialScope) {
  const db = getDb();
  const slug = scope.pilot.slug;
  const rows = db
    .select({ p: providers, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn })
    .from(providerPilots)
    .innerJoin(providers, eq(providers.id, providerPilots.providerId))
    .where(eq(providerPilots.pilotSlug, slug))
    .orderBy(asc(providers.sortKey))
    .all();
  const suspended = new Set(
    db
      .select({ id: providerSuspensions.providerId })
      .from(providerSuspensions)
      .where(and(eq(providerSuspensions.pilotSlug, slug), isNull(providerSuspensions.liftedOn)))
      .all()
      .map((r) => r.id),
  );
  const customers = new Map(
    db
      .select({ id: choices.providerId, n: count() })
      .from(choices)
      .where(and(eq(choices.pilotSlug, slug), eq(choices.status, "current"), eq(choices.kind, "provider")))
      .groupBy(choices.providerId)
      .all()
      .map((r) => [r.id, r.n]),
  );
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
export function providerDetail(scope: OfficialScope, id: number) {
  const db = getDb();
  const slug = scope.pilot.slug;
  const row = db
    .select({ p: providers, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn })
    .from(providerPilots)
    .innerJoin(providers, eq(providers.id, providerPilots.providerId))
    .where(and(eq(providerPilots.pilotSlug, slug), eq(providerPilots.providerId, id)))
    .get();
  if (!row) return null;
  const suspension = openSuspension(db, id, slug) ?? null;
  const state = participationState(row, suspension !== null, scope.today);
  const languages = db.select({ l: providerLanguages.language }).from(providerLanguages).where(eq(providerLanguages.providerId, id)).all().map((r) => r.l);
  const services = db.select({ s: providerServices.service }).from(providerServices).where(eq(providerServices.providerId, id)).all().map((r) => r.s);
  // The people to tell: their choice of this provider is current, and the provider has left, is
  // suspended or is leaving. Names and the date of the choice only.
  const leaving = state !== "active" || row.endsOn !== null;
  const toTell = leaving
    ? db
        .select({ given: people.givenName, family: people.familyName, chosenOn: choices.chosenOn })
        .from(choices)
        .innerJoin(people, eq(people.id, choices.personId))
        .where(and(eq(choices.pilotSlug, slug), eq(choices.providerId, id), eq(choices.status, "current")))
        .orderBy(asc(people.familyName), asc(people.givenName))
        .all()
        .map((c) => ({ name: `${c.given} ${c.family}`, chosenOn: formatDate(c.chosenOn, scope.lang) }))
    : [];
  const currentCustomers = leaving
    ? toTell.length
    : (db
        .select({ n: count() })
        .from(choices)
        .where(and(eq(choices.pilotSlug, slug), eq(choices.providerId, id), eq(choices.status, "current")))
        .get()?.n ?? 0);
  const history = db
    .select()
    .from(auditTable)
    // The officials' changes name the provider by id; its staff's profile publications by business ID.
    .where(and(eq(auditTable.pilotSlug, slug), or(eq(auditTable.subject, `provider:${id}`), eq(auditTable.subject, row.p.businessId)), like(auditTable.action, "provider.%")))
    .orderBy(desc(auditTable.id))
    .limit(50)
    .all();
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
    languagesText: list(scope.lang, orderedLanguages.map((l) => languageName(scope.lang, l))),
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
      what: t(`official:audit.actions.${h.action.replace(/[.-]/g, "_")}`, { defaultValue: h.action }),
    })),
  };
}

/** The pilots that share a provider, for its page: who keeps the shared details, and who else has it. */
function sharing(scope: OfficialScope, providerId: number, homePilotSlug: string | null) {
  const slugs = getDb()
    .select({ slug: providerPilots.pilotSlug })
    .from(providerPilots)
    .where(eq(providerPilots.providerId, providerId))
    .all()
    .map((r) => r.slug);
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

export type DuplicateProvider = { id: number; name: string; inPilot: boolean };

/** The provider with this business ID, and whether it already has a place in the pilot. */
export function providerByBusinessId(scope: OfficialScope, businessId: string, db: Db = getDb()): DuplicateProvider | null {
  const row = db.select({ id: providers.id, name: providers.name }).from(providers).where(eq(providers.businessId, businessId)).get();
  if (!row) return null;
  const inPilot = !!db
    .select({ id: providerPilots.providerId })
    .from(providerPilots)
    .where(and(eq(providerPilots.providerId, row.id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
    .get();
  return { ...row, inPilot };
}

function uniqueSlug(tx: Tx, name: string, businessId: string): string {
  const base = slugify(name) || `provider-${businessId.replace("-", "")}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!tx.select({ id: providers.id }).from(providers).where(eq(providers.slug, candidate)).get()) return candidate;
  }
}

export type AddResult = { ok: true; id: number } | { ok: false; duplicate: DuplicateProvider };

/**
 * Registers a provider and its place in the pilot. The business ID is unique: a provider that is
 * already registered is refused (and can be joined to the pilot instead), checked again inside
 * the transaction so that two officials adding the same provider at once get one row.
 */
export function addProvider(scope: OfficialScope, input: AddProviderInput, now = scope.now): AddResult {
  const db = getDb();
  return db.transaction(
    (tx): AddResult => {
      const existing = providerByBusinessId(scope, input.businessId, tx as unknown as Db);
      if (existing) return { ok: false, duplicate: existing };
      const at = now.toISOString();
      const slug = uniqueSlug(tx, input.name, input.businessId);
      const inserted = tx
        .insert(providers)
        .values({
          businessId: input.businessId,
          slug,
          name: input.name,
          sortKey: nameSortKey(input.name),
          shortDescription: { fi: input.shortFi, sv: input.shortSv, en: input.shortEn },
          longDescription: { fi: input.longFi, sv: input.longSv, en: input.longEn },
          phone: input.phone,
          email: input.email,
          web: input.web,
          takesNewCustomers: input.takesNewCustomers,
          firstMeetingWithinDays: input.firstMeetingWithinDays,
          coachMeetingsPerMonth: input.coachMeetingsPerMonth,
          remoteMeetings: input.remoteMeetings,
          commitmentsVerifiedOn: scope.today,
          commitmentsVerifiedBy: scope.user.actorId,
          homePilotSlug: scope.pilot.slug,
          isExample: false,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: providers.id })
        .get();
      for (const language of input.languages) tx.insert(providerLanguages).values({ providerId: inserted.id, language }).run();
      for (const service of input.services) tx.insert(providerServices).values({ providerId: inserted.id, service }).run();
      tx.insert(providerPilots).values({ providerId: inserted.id, pilotSlug: scope.pilot.slug, startsOn: input.startsOn!, endsOn: input.endsOn }).run();
      auditProvider(tx, scope, inserted.id, "provider.add", { businessId: input.businessId, startsOn: input.startsOn, endsOn: input.endsOn }, now);
      return { ok: true, id: inserted.id };
    },
    { behavior: "immediate" },
  );
}

export type UpdateResult = { ok: true } | { ok: false; reason: "not-found" | "not-home-pilot" };

/**
 * Changes the details officials keep: name, services, languages and the commitments (and marks them
 * verified). Only the officials of the provider's home pilot may: every pilot shares these details,
 * so an official of a pilot that joined the provider is refused here, whatever was posted (065).
 */
export function updateProvider(scope: OfficialScope, id: number, input: EditProviderInput, now = scope.now): UpdateResult {
  const db = getDb();
  return db.transaction(
    (tx): UpdateResult => {
      const before = tx
        .select({ p: providers })
        .from(providers)
        .innerJoin(providerPilots, and(eq(providerPilots.providerId, providers.id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
        .where(eq(providers.id, id))
        .get();
      if (!before) return { ok: false, reason: "not-found" };
      const p = before.p;
      if (!keepsSharedDetails(p, scope.pilot.slug)) return { ok: false, reason: "not-home-pilot" };
      const oldLanguages = tx.select({ l: providerLanguages.language }).from(providerLanguages).where(eq(providerLanguages.providerId, id)).all().map((r) => r.l).sort();
      const oldServices = tx.select({ s: providerServices.service }).from(providerServices).where(eq(providerServices.providerId, id)).all().map((r) => r.s).sort();
      const changed: string[] = [];
      if (p.name !== input.name) changed.push("name");
      if (p.takesNewCustomers !== input.takesNewCustomers) changed.push("takesNewCustomers");
      if (p.firstMeetingWithinDays !== input.firstMeetingWithinDays) changed.push("firstMeetingWithinDays");
      if (p.coachMeetingsPerMonth !== input.coachMeetingsPerMonth) changed.push("coachMeetingsPerMonth");
      if (p.remoteMeetings !== input.remoteMeetings) changed.push("remoteMeetings");
      if (oldLanguages.join() !== [...input.languages].sort().join()) changed.push("languages");
      if (oldServices.join() !== [...input.services].sort().join()) changed.push("services");
      if (input.verified) changed.push("verified");
      if (changed.length === 0) return { ok: true };
      const at = now.toISOString();
      tx.update(providers)
        .set({
          name: input.name,
          sortKey: nameSortKey(input.name),
          takesNewCustomers: input.takesNewCustomers,
          firstMeetingWithinDays: input.firstMeetingWithinDays,
          coachMeetingsPerMonth: input.coachMeetingsPerMonth,
          remoteMeetings: input.remoteMeetings,
          ...(input.verified ? { commitmentsVerifiedOn: scope.today, commitmentsVerifiedBy: scope.user.actorId } : {}),
          updatedAt: at,
        })
        .where(eq(providers.id, id))
        .run();
      if (changed.includes("languages")) {
        tx.delete(providerLanguages).where(eq(providerLanguages.providerId, id)).run();
        for (const language of input.languages) tx.insert(providerLanguages).values({ providerId: id, language }).run();
      }
      if (changed.includes("services")) {
        tx.delete(providerServices).where(eq(providerServices.providerId, id)).run();
        for (const service of input.services) tx.insert(providerServices).values({ providerId: id, service }).run();
      }
      auditProvider(tx, scope, id, "provider.update", { changed: changed.join(",") }, now);
      // Its customers hear that it takes no new customers (decision 070).
      if (p.takesNewCustomers && !input.takesNewCustomers) notifyProviderCustomers(tx, { providerId: id, pilotSlug: null, reason: "not_taking", occasion: at }, now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export type DatesResult = { ok: true } | { ok: false; reason: "not-found" | "suspended" };

/** Sets the provider's first and last day in the pilot. A last day makes it leave after that day. */
export function setDates(scope: OfficialScope, id: number, dates: { startsOn: string; endsOn: string | null }, now = scope.now): DatesResult {
  const db = getDb();
  return db.transaction(
    (tx): DatesResult => {
      const row = tx
        .select()
        .from(providerPilots)
        .where(and(eq(providerPilots.providerId, id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
        .get();
      if (!row) return { ok: false, reason: "not-found" };
      if (openSuspension(tx, id, scope.pilot.slug)) return { ok: false, reason: "suspended" };
      if (row.startsOn === dates.startsOn && row.endsOn === dates.endsOn) return { ok: true };
      tx.update(providerPilots)
        .set({ startsOn: dates.startsOn, endsOn: dates.endsOn })
        .where(and(eq(providerPilots.providerId, id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
        .run();
      const leaves = dates.endsOn !== null && row.endsOn !== dates.endsOn;
      auditProvider(tx, scope, id, leaves ? "provider.leave" : "provider.dates", { startsOn: dates.startsOn, endsOn: dates.endsOn, before: `${row.startsOn}..${row.endsOn ?? ""}` }, now);
      if (leaves) notifyProviderCustomers(tx, { providerId: id, pilotSlug: scope.pilot.slug, reason: "left", occasion: dates.endsOn!, lastDay: dates.endsOn! }, now);
      touchProvider(tx, id, now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

// The open data's version (app/.server/providers/results.store.ts openDataVersion) follows providers.updated_at.
function touchProvider(tx: Tx, id: number, now: Date) {
  tx.update(providers).set({ updatedAt: now.toISOString() }).where(eq(providers.id, id)).run();
}

export type JoinResult = { ok: true; id: number } | { ok: false; reason: "unknown" | "already" };

/** Gives a registered provider (of another pilot) a place in this pilot. */
export function joinProvider(scope: OfficialScope, businessId: string, dates: { startsOn: string; endsOn: string | null }, now = scope.now): JoinResult {
  const db = getDb();
  return db.transaction(
    (tx): JoinResult => {
      const found = providerByBusinessId(scope, businessId, tx as unknown as Db);
      if (!found) return { ok: false, reason: "unknown" };
      if (found.inPilot) return { ok: false, reason: "already" };
      tx.insert(providerPilots).values({ providerId: found.id, pilotSlug: scope.pilot.slug, startsOn: dates.startsOn, endsOn: dates.endsOn }).run();
      auditProvider(tx, scope, found.id, "provider.join", { ...dates }, now);
      touchProvider(tx, found.id, now);
      return { ok: true, id: found.id };
    },
    { behavior: "immediate" },
  );
}

export type SuspendResult = { ok: true } | { ok: false; reason: "not-found" | "not-active" };

/**
 * Suspends a provider in the pilot from today: its last day becomes yesterday, so that from now on
 * it takes no choices and its customers are with the public service until they choose again.
 */
export function suspendProvider(scope: OfficialScope, id: number, reason: string, now = scope.now): SuspendResult {
  const db = getDb();
  return db.transaction(
    (tx): SuspendResult => {
      const row = tx
        .select()
        .from(providerPilots)
        .where(and(eq(providerPilots.providerId, id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
        .get();
      if (!row) return { ok: false, reason: "not-found" };
      const suspended = openSuspension(tx, id, scope.pilot.slug);
      if (suspended || participationState(row, false, scope.today) !== "active") return { ok: false, reason: "not-active" };
      tx.insert(providerSuspensions)
        .values({ providerId: id, pilotSlug: scope.pilot.slug, suspendedOn: scope.today, reason, previousEndsOn: row.endsOn, suspendedBy: scope.user.actorId })
        .run();
      tx.update(providerPilots)
        .set({ endsOn: dayBefore(scope.today) })
        .where(and(eq(providerPilots.providerId, id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
        .run();
      auditProvider(tx, scope, id, "provider.suspend", { from: scope.today }, now);
      notifyProviderCustomers(tx, { providerId: id, pilotSlug: scope.pilot.slug, reason: "suspended", occasion: scope.today }, now);
      touchProvider(tx, id, now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** Lifts a suspension: the provider's dates in the pilot are what they were before it. */
export function liftSuspension(scope: OfficialScope, id: number, now = scope.now): boolean {
  const db = getDb();
  return db.transaction(
    (tx) => {
      const open = openSuspension(tx, id, scope.pilot.slug);
      if (!open) return false;
      tx.update(providerSuspensions).set({ liftedOn: scope.today, liftedBy: scope.user.actorId }).where(eq(providerSuspensions.id, open.id)).run();
      tx.update(providerPilots)
        .set({ endsOn: open.previousEndsOn })
        .where(and(eq(providerPilots.providerId, id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
        .run();
      auditProvider(tx, scope, id, "provider.lift-suspension", { since: open.suspendedOn }, now);
      touchProvider(tx, id, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

export type { ParticipationState };

/** The languages a provider can serve in, named in the official's language. */
export function languageOptions(scope: OfficialScope) {
  return serviceLanguages.map((l) => ({ value: l, label: languageName(scope.lang, l) }));
}

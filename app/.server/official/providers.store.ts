import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { choices, people, providerLanguages, providerPilots, providerServices, providerSuspensions, providers } from "../../../db/schema";
import { dayBefore, keepsSharedDetails, participationState, sharedDetailChanges, type AddProviderInput, type EditProviderInput } from "~/domain/official-provider";
import { nameSortKey, slugify } from "~/domain/providers";
import { audit } from "../platform/audit.store";
import { getDb, type Db } from "../platform/db";
import { notifyProviderCustomers } from "../notifications/outbox.store";
import type { OfficialScope } from "./scope";

/**
 * The providers' store for the back office (docs/decisions/053-providers-in-the-back-office.md):
 * every query is scoped to the official's pilot. An official changes only what their pilot keeps
 * (065-provider-ownership-across-pilots.md): the shared details (name, services, languages,
 * commitments) are kept by the provider's home pilot, the pilot that added it; every pilot keeps its
 * own participation (dates, suspension). Every change is one BEGIN IMMEDIATE transaction with an
 * audit row in each pilot the provider has a place in, naming the official's pilot.
 *
 * Leaving and suspension work through the provider's dates in the pilot (provider_pilots), which
 * every other part of the service reads: the comparison stops listing the provider, and the
 * choice treats its customers as served by the public service until they choose again.
 */

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

export type SuspensionRow = typeof providerSuspensions.$inferSelect;

function openSuspension(tx: Pick<Db, "select">, providerId: number, pilotSlug: string): SuspensionRow | undefined {
  return tx
    .select()
    .from(providerSuspensions)
    .where(and(eq(providerSuspensions.providerId, providerId), eq(providerSuspensions.pilotSlug, pilotSlug), isNull(providerSuspensions.liftedOn)))
    .get();
}

/* ---------------------------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------------------------- */

/** Every provider with a place (past, present or future) in the pilot, by name, with its dates there. */
export function pilotProviderRows(pilotSlug: string) {
  return getDb()
    .select({ p: providers, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn })
    .from(providerPilots)
    .innerJoin(providers, eq(providers.id, providerPilots.providerId))
    .where(eq(providerPilots.pilotSlug, pilotSlug))
    .orderBy(asc(providers.sortKey))
    .all();
}

/** The providers' places in the pilot: their dates. */
export function participationsOf(pilotSlug: string) {
  return getDb().select().from(providerPilots).where(eq(providerPilots.pilotSlug, pilotSlug)).all();
}

/** The ids of the providers suspended in the pilot now. */
export function suspendedProviderIds(pilotSlug: string): Set<number> {
  return new Set(
    getDb()
      .select({ id: providerSuspensions.providerId })
      .from(providerSuspensions)
      .where(and(eq(providerSuspensions.pilotSlug, pilotSlug), isNull(providerSuspensions.liftedOn)))
      .all()
      .map((r) => r.id),
  );
}

/** How many current choices of the pilot name each provider. */
export function currentCustomerCounts(pilotSlug: string): Map<number | null, number> {
  return new Map(
    getDb()
      .select({ id: choices.providerId, n: count() })
      .from(choices)
      .where(and(eq(choices.pilotSlug, pilotSlug), eq(choices.status, "current"), eq(choices.kind, "provider")))
      .groupBy(choices.providerId)
      .all()
      .map((r) => [r.id, r.n]),
  );
}

/** One provider of the pilot with its dates there, or undefined (not of this pilot). */
export function pilotProviderRow(pilotSlug: string, providerId: number) {
  return getDb()
    .select({ p: providers, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn })
    .from(providerPilots)
    .innerJoin(providers, eq(providers.id, providerPilots.providerId))
    .where(and(eq(providerPilots.pilotSlug, pilotSlug), eq(providerPilots.providerId, providerId)))
    .get();
}

/** The provider's suspension in the pilot that has not been lifted, if any. */
export function openSuspensionOf(pilotSlug: string, providerId: number): SuspensionRow | null {
  return openSuspension(getDb(), providerId, pilotSlug) ?? null;
}

/** The languages and services of a provider. */
export function languagesAndServicesOf(providerId: number): { languages: string[]; services: string[] } {
  const db = getDb();
  return {
    languages: db.select({ l: providerLanguages.language }).from(providerLanguages).where(eq(providerLanguages.providerId, providerId)).all().map((r) => r.l),
    services: db.select({ s: providerServices.service }).from(providerServices).where(eq(providerServices.providerId, providerId)).all().map((r) => r.s),
  };
}

/** The people whose current choice in the pilot is this provider, by family name: names and the day of the choice. */
export function currentCustomersOf(pilotSlug: string, providerId: number): { given: string; family: string; chosenOn: string }[] {
  return getDb()
    .select({ given: people.givenName, family: people.familyName, chosenOn: choices.chosenOn })
    .from(choices)
    .innerJoin(people, eq(people.id, choices.personId))
    .where(and(eq(choices.pilotSlug, pilotSlug), eq(choices.providerId, providerId), eq(choices.status, "current")))
    .orderBy(asc(people.familyName), asc(people.givenName))
    .all();
}

/** How many current choices in the pilot name this provider. */
export function currentCustomerCount(pilotSlug: string, providerId: number): number {
  return (
    getDb()
      .select({ n: count() })
      .from(choices)
      .where(and(eq(choices.pilotSlug, pilotSlug), eq(choices.providerId, providerId), eq(choices.status, "current")))
      .get()?.n ?? 0
  );
}

/** The pilots a provider has (or had) a place in. */
export function pilotSlugsOfProvider(providerId: number, tx: Pick<Db, "select"> = getDb()): string[] {
  return tx
    .select({ slug: providerPilots.pilotSlug })
    .from(providerPilots)
    .where(eq(providerPilots.providerId, providerId))
    .all()
    .map((r) => r.slug);
}

/** The ids of the providers with a place in the pilot. */
export function providerIdsOfPilot(pilotSlug: string): number[] {
  return getDb()
    .select({ id: providerPilots.providerId })
    .from(providerPilots)
    .where(eq(providerPilots.pilotSlug, pilotSlug))
    .all()
    .map((r) => r.id);
}

/** Providers' names by id. */
export function providerNames(ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    getDb()
      .select({ id: providers.id, name: providers.name })
      .from(providers)
      .where(inArray(providers.id, [...new Set(ids)]))
      .all()
      .map((p) => [p.id, p.name]),
  );
}

/** Providers by id, in the order of their names (the sort key). */
export function providersInNameOrder(ids: number[]): { id: number; name: string }[] {
  if (ids.length === 0) return [];
  const rows = getDb().select({ id: providers.id, name: providers.name, sortKey: providers.sortKey }).from(providers).where(inArray(providers.id, ids)).all();
  return rows.sort((a, b) => a.sortKey.localeCompare(b.sortKey)).map(({ id, name }) => ({ id, name }));
}

/** Providers' names by business ID. */
export function providerNamesByBusinessId(businessIds: string[]): Map<string, string> {
  if (businessIds.length === 0) return new Map();
  return new Map(
    getDb()
      .select({ businessId: providers.businessId, name: providers.name })
      .from(providers)
      .where(inArray(providers.businessId, businessIds))
      .all()
      .map((p) => [p.businessId, p.name]),
  );
}

export type DuplicateProvider = { id: number; name: string; inPilot: boolean };

/** The provider with this business ID, and whether it already has a place in the pilot. */
export function providerByBusinessId(scope: OfficialScope, businessId: string, db: Pick<Db, "select"> = getDb()): DuplicateProvider | null {
  const row = db.select({ id: providers.id, name: providers.name }).from(providers).where(eq(providers.businessId, businessId)).get();
  if (!row) return null;
  const inPilot = !!db
    .select({ id: providerPilots.providerId })
    .from(providerPilots)
    .where(and(eq(providerPilots.providerId, row.id), eq(providerPilots.pilotSlug, scope.pilot.slug)))
    .get();
  return { ...row, inPilot };
}

/* ---------------------------------------------------------------------------------------------
 * Changing
 * ------------------------------------------------------------------------------------------- */

/**
 * Audits a change to a provider in every pilot it has (or had) a place in, and in the official's own,
 * so that each pilot sees in its trail what was done to a provider it shares and from which pilot
 * (decision 065). Call it inside the change's transaction, after the change.
 */
function auditProvider(tx: Tx, scope: OfficialScope, providerId: number, action: string, details: Record<string, unknown>, now: Date) {
  const others = pilotSlugsOfProvider(providerId, tx)
    .filter((slug) => slug !== scope.pilot.slug)
    .sort();
  for (const pilotSlug of [scope.pilot.slug, ...others]) {
    audit(tx, { actor: scope.user.actorId, action, subject: `provider:${providerId}`, pilotSlug, details: { ...details, byPilot: scope.pilot.slug } }, now);
  }
}

function uniqueSlug(tx: Tx, name: string, businessId: string): string {
  const base = slugify(name) || `provider-${businessId.replace("-", "")}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!tx.select({ id: providers.id }).from(providers).where(eq(providers.slug, candidate)).get()) return candidate;
  }
}

// The open data's version (app/.server/providers/results.store.ts openDataVersion) follows providers.updated_at.
function touchProvider(tx: Tx, id: number, now: Date) {
  tx.update(providers).set({ updatedAt: now.toISOString() }).where(eq(providers.id, id)).run();
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
      const existing = providerByBusinessId(scope, input.businessId, tx);
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
      const languages = tx.select({ l: providerLanguages.language }).from(providerLanguages).where(eq(providerLanguages.providerId, id)).all().map((r) => r.l);
      const services = tx.select({ s: providerServices.service }).from(providerServices).where(eq(providerServices.providerId, id)).all().map((r) => r.s);
      const changed = sharedDetailChanges({ ...p, languages, services }, input);
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

export type JoinResult = { ok: true; id: number } | { ok: false; reason: "unknown" | "already" };

/** Gives a registered provider (of another pilot) a place in this pilot. */
export function joinProvider(scope: OfficialScope, businessId: string, dates: { startsOn: string; endsOn: string | null }, now = scope.now): JoinResult {
  const db = getDb();
  return db.transaction(
    (tx): JoinResult => {
      const found = providerByBusinessId(scope, businessId, tx);
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

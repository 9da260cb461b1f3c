import { and, asc, desc, eq, gte, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import { choices, firstContacts, people, providerLanguages, providerOffices, providerPilots, providers } from "../../../db/schema";
import { contactedInTime, contactedOnSchema, customerVisibility, earliestVisibleMoveOn, type CustomerVisibility } from "~/domain/first-contact";
import type { PilotDefinition } from "~/domain/pilot";
import { changedParts, type ProfilePart, type StaffProfile } from "~/domain/staff-profile";
import { addDays } from "~/domain/working-days";
import { todayInFinland } from "~/format";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { getDb, type Db } from "../platform/db";
import { logger } from "../platform/log";
import { loadPilots } from "../eligibility/pilots.store";

/**
 * What provider staff read and write (docs/decisions/055–059). Every function takes the provider
 * that requireProviderStaff(request, businessId) allowed, and scopes every query to its id: a
 * customer of another provider is never found, whatever id is sent. Customers who moved on are
 * read only while the privacy notice lets the provider see them (3 months), then not at all.
 */

export type ProviderRow = typeof providers.$inferSelect;

/** The providers a staff member works for (their roles' business IDs), by name. */
export function providersOfStaff(user: SignedInUser, db: Db = getDb()): ProviderRow[] {
  const ids = user.roles.providerBusinessIds;
  if (ids.length === 0) return [];
  return db.select().from(providers).where(inArray(providers.businessId, ids)).orderBy(asc(providers.sortKey)).all();
}

/** The provider with this business ID, when the person is its staff; null otherwise (or when it does not exist). */
export function providerOfStaff(user: SignedInUser, businessId: string, db: Db = getDb()): ProviderRow | null {
  if (!user.roles.providerBusinessIds.includes(businessId)) return null;
  return db.select().from(providers).where(eq(providers.businessId, businessId)).get() ?? null;
}

/* ---------------------------------------------------------------------------------------------
 * Customers
 * ------------------------------------------------------------------------------------------- */

export type Customer = {
  choiceId: number;
  pilotSlug: string;
  givenName: string;
  familyName: string;
  contactChannel: "phone" | "email" | null;
  contactPhone: string | null;
  contactEmail: string | null;
  serviceLanguage: string | null;
  chosenOn: string;
  contactedOn: string | null;
  visibility: CustomerVisibility;
};

export type CustomerFilter = "waiting" | "all";

type Scope = { today: string; pilots: PilotDefinition[] };

/**
 * The conditions that keep a query to the provider's customers that it may still see on `today`
 * (customerVisibility decides each row again; this only keeps the others out of the read).
 */
function visibleTo(providerId: number, s: Scope): SQL {
  const earliest = earliestVisibleMoveOn(s.today);
  // A pilot that ended before the earliest visible day has no customer left to show.
  const hiddenPilots = s.pilots.filter((p) => p.endsOn !== null && addDays(p.endsOn, 1) < earliest).map((p) => p.slug);
  return and(
    eq(choices.providerId, providerId),
    eq(choices.kind, "provider"),
    or(eq(choices.status, "current"), gte(choices.contactVisibleUntil, s.today)),
    or(isNull(providerPilots.endsOn), gte(providerPilots.endsOn, addDays(earliest, -1))),
    hiddenPilots.length ? notInArray(choices.pilotSlug, hiddenPilots) : undefined,
  )!;
}

/** Still the provider's customer today, and not contacted yet. */
function waitingFor(s: Scope): SQL {
  const endedPilots = s.pilots.filter((p) => p.endsOn !== null && p.endsOn < s.today).map((p) => p.slug);
  return and(
    eq(choices.status, "current"),
    isNull(firstContacts.contactedOn),
    or(isNull(providerPilots.endsOn), gte(providerPilots.endsOn, s.today)),
    endedPilots.length ? notInArray(choices.pilotSlug, endedPilots) : undefined,
  )!;
}

const customerColumns = {
  choiceId: choices.id,
  pilotSlug: choices.pilotSlug,
  givenName: people.givenName,
  familyName: people.familyName,
  contactChannel: choices.contactChannel,
  contactPhone: choices.contactPhone,
  contactEmail: choices.contactEmail,
  serviceLanguage: choices.serviceLanguage,
  chosenOn: choices.chosenOn,
  chosenAt: choices.chosenAt,
  status: choices.status,
  endedAt: choices.endedAt,
  contactVisibleUntil: choices.contactVisibleUntil,
  providerEndsOn: providerPilots.endsOn,
  contactedOn: firstContacts.contactedOn,
};

function customerQuery(db: Db, where: SQL) {
  return db
    .select(customerColumns)
    .from(choices)
    .innerJoin(people, eq(people.id, choices.personId))
    .leftJoin(providerPilots, and(eq(providerPilots.providerId, choices.providerId), eq(providerPilots.pilotSlug, choices.pilotSlug)))
    .leftJoin(firstContacts, eq(firstContacts.choiceId, choices.id))
    .where(where);
}

type CustomerQueryRow = ReturnType<ReturnType<typeof customerQuery>["all"]>[number];

function toCustomer(r: CustomerQueryRow, s: Scope): Customer | null {
  const pilot = s.pilots.find((p) => p.slug === r.pilotSlug);
  const visibility = customerVisibility(
    {
      status: r.status,
      endedOn: r.endedAt ? todayInFinland(new Date(r.endedAt)) : null,
      storedVisibleUntil: r.contactVisibleUntil,
      providerEndsOn: r.providerEndsOn,
      pilotEndsOn: pilot?.endsOn ?? null,
    },
    s.today,
  );
  if (!visibility.visible) return null;
  return {
    choiceId: r.choiceId,
    pilotSlug: r.pilotSlug,
    givenName: r.givenName,
    familyName: r.familyName,
    contactChannel: r.contactChannel,
    contactPhone: r.contactPhone,
    contactEmail: r.contactEmail,
    serviceLanguage: r.serviceLanguage,
    chosenOn: r.chosenOn,
    contactedOn: r.contactedOn,
    visibility,
  };
}

export const CUSTOMERS_PAGE_SIZE = 20;

/**
 * One page of the provider's customers. "waiting": customers who are still its customers and have
 * not been contacted, the longest waiting first; "all": every customer it may still see, the
 * newest choice first.
 */
export function listCustomers(
  providerId: number,
  opts: { today: string; filter: CustomerFilter; page: number; pageSize?: number },
  db: Db = getDb(),
): { total: number; customers: Customer[] } {
  const s: Scope = { today: opts.today, pilots: loadPilots(db) };
  const pageSize = opts.pageSize ?? CUSTOMERS_PAGE_SIZE;
  const where = opts.filter === "waiting" ? and(visibleTo(providerId, s), waitingFor(s))! : visibleTo(providerId, s);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(choices)
      .leftJoin(providerPilots, and(eq(providerPilots.providerId, choices.providerId), eq(providerPilots.pilotSlug, choices.pilotSlug)))
      .leftJoin(firstContacts, eq(firstContacts.choiceId, choices.id))
      .where(where)
      .get()?.n ?? 0;
  const order = opts.filter === "waiting" ? [asc(choices.chosenAt), asc(choices.id)] : [desc(choices.chosenAt), desc(choices.id)];
  const rows = customerQuery(db, where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((Math.max(1, opts.page) - 1) * pageSize)
    .all();
  return { total, customers: rows.map((r) => toCustomer(r, s)).filter((c): c is Customer => c !== null) };
}

/** How many of the provider's customers wait for their first contact. */
export function waitingCount(providerId: number, today: string, db: Db = getDb()): number {
  return listCustomers(providerId, { today, filter: "waiting", page: 1, pageSize: 0 }, db).total;
}

/** One customer of the provider, when it may still see them; null for anyone else's. */
export function customerOf(providerId: number, choiceId: number, today: string, db: Db = getDb()): Customer | null {
  const s: Scope = { today, pilots: loadPilots(db) };
  const row = customerQuery(db, and(eq(choices.id, choiceId), visibleTo(providerId, s))!).get();
  return row ? toCustomer(row, s) : null;
}

export type RecordResult =
  | { ok: true; customer: Customer; contactedOn: string }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; error: string };

/**
 * Records (or corrects) the day the provider first contacted a customer. The customer must be the
 * provider's and still visible to it; the date is checked against the choice, today and the day
 * the customer moved on, inside the write transaction. The audit row names the choice, not the person.
 */
export function recordFirstContact(
  user: SignedInUser,
  provider: Pick<ProviderRow, "id" | "businessId">,
  choiceId: number,
  typed: string,
  now = new Date(),
): RecordResult {
  if (!user.roles.providerBusinessIds.includes(provider.businessId)) return { ok: false, reason: "not_found" };
  const db = getDb();
  const today = todayInFinland(now);
  const result = db.transaction(
    (tx): RecordResult => {
      const customer = customerOf(provider.id, choiceId, today, db);
      if (!customer) return { ok: false, reason: "not_found" };
      const parsed = contactedOnSchema({ chosenOn: customer.chosenOn, today, movedOn: customer.visibility.movedOn }).safeParse({ contactedOn: typed });
      if (!parsed.success) return { ok: false, reason: "invalid", error: parsed.error.issues[0]?.message ?? "errors.contactedOn.invalid" };
      const contactedOn = parsed.data.contactedOn;
      const at = now.toISOString();
      tx.insert(firstContacts)
        .values({ choiceId, contactedOn, recordedAt: at, recordedBy: user.actorId })
        .onConflictDoUpdate({ target: firstContacts.choiceId, set: { contactedOn, recordedAt: at, recordedBy: user.actorId } })
        .run();
      audit(
        tx,
        {
          actor: user.actorId,
          action: customer.contactedOn === null ? "provider.first-contact.record" : "provider.first-contact.correct",
          subject: `choice:${choiceId}`,
          pilotSlug: customer.pilotSlug,
          details: { businessId: provider.businessId, inTime: contactedInTime(customer.chosenOn, contactedOn) },
        },
        now,
      );
      return { ok: true, customer: { ...customer, contactedOn }, contactedOn };
    },
    { behavior: "immediate" },
  );
  if (result.ok) logger.info({ event: "first-contact-recorded", businessId: provider.businessId, choiceId }, "first contact recorded");
  return result;
}

/* ---------------------------------------------------------------------------------------------
 * The profile
 * ------------------------------------------------------------------------------------------- */

/** The parts of the provider's profile that staff keep, as stored. */
export function staffProfileOf(providerId: number, db: Db = getDb()): StaffProfile | null {
  const row = db.select().from(providers).where(eq(providers.id, providerId)).get();
  if (!row) return null;
  const languages = db
    .select({ language: providerLanguages.language })
    .from(providerLanguages)
    .where(eq(providerLanguages.providerId, providerId))
    .all()
    .map((l) => l.language);
  const offices = db.select().from(providerOffices).where(eq(providerOffices.providerId, providerId)).orderBy(asc(providerOffices.position)).all();
  return {
    shortDescription: row.shortDescription,
    longDescription: row.longDescription,
    phone: row.phone,
    email: row.email,
    web: row.web,
    languages,
    offices: offices.map((o) => ({
      streetAddress: o.streetAddress,
      postalCode: o.postalCode,
      municipalityCode: o.municipalityCode,
      openingHours: o.openingHours,
      openingHoursNote: o.openingHoursNote ?? null,
      accessibility: o.accessibility,
    })),
  };
}

export type PublishResult = { ok: true; changed: ProfilePart[] } | { ok: false; reason: "not_found" | "stale" };

/**
 * Publishes the profile: the public page shows it from the next request on. Written in one
 * transaction with its audit rows (one for each pilot the provider serves, so that the pilot's
 * officials read it in their trail). `version` is the provider's updated_at when the form was
 * opened: a profile changed by someone else since then is not overwritten unseen.
 */
export function publishProfile(
  user: SignedInUser,
  businessId: string,
  profile: StaffProfile,
  version: string,
  now = new Date(),
): PublishResult {
  if (!user.roles.providerBusinessIds.includes(businessId)) return { ok: false, reason: "not_found" };
  const db = getDb();
  return db.transaction(
    (tx): PublishResult => {
      const row = tx.select().from(providers).where(eq(providers.businessId, businessId)).get();
      if (!row) return { ok: false, reason: "not_found" };
      if (row.updatedAt !== version) return { ok: false, reason: "stale" };
      const before = staffProfileOf(row.id, db)!;
      const changed = changedParts(before, profile);
      if (changed.length === 0) return { ok: true, changed };
      const at = now.toISOString();
      tx.update(providers)
        .set({
          shortDescription: profile.shortDescription,
          longDescription: profile.longDescription,
          phone: profile.phone,
          email: profile.email,
          web: profile.web,
          updatedAt: at,
        })
        .where(eq(providers.id, row.id))
        .run();
      if (changed.includes("languages")) {
        tx.delete(providerLanguages).where(eq(providerLanguages.providerId, row.id)).run();
        tx.insert(providerLanguages)
          .values(profile.languages.map((language) => ({ providerId: row.id, language })))
          .run();
      }
      if (changed.includes("offices")) {
        tx.delete(providerOffices).where(eq(providerOffices.providerId, row.id)).run();
        tx.insert(providerOffices)
          .values(profile.offices.map((o, position) => ({ providerId: row.id, position, ...o })))
          .run();
      }
      const pilots = tx.select({ slug: providerPilots.pilotSlug }).from(providerPilots).where(eq(providerPilots.providerId, row.id)).all();
      for (const pilotSlug of pilots.length ? pilots.map((p) => p.slug) : [null]) {
        audit(tx, { actor: user.actorId, action: "provider.profile.publish", subject: businessId, pilotSlug, details: { changed } }, now);
      }
      return { ok: true, changed };
    },
    { behavior: "immediate" },
  );
}

import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { municipalities, pilots, providerLanguages, providerOffices, providerPilots, providerServices, providerSuspensions, providers } from "../../../db/schema";
import type { Service, ServiceLanguage } from "~/domain/providers";
import { dayBefore } from "~/domain/official-provider";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

/**
 * Reading providers (docs/decisions/020-provider-data.md). Every list query is bounded by what
 * the page shows: the default order reads the name index a page at a time.
 */

export type ProviderRow = typeof providers.$inferSelect;

/** What a provider's card in the list needs: no long description, no contact details. */
const listColumns = {
  id: providers.id,
  slug: providers.slug,
  name: providers.name,
  shortDescription: providers.shortDescription,
  takesNewCustomers: providers.takesNewCustomers,
  firstMeetingWithinDays: providers.firstMeetingWithinDays,
  commitmentsVerifiedOn: providers.commitmentsVerifiedOn,
};
export type ProviderListRow = Pick<ProviderRow, keyof typeof listColumns>;

export type ListFilters = {
  pilot: string;
  language: ServiceLanguage | null;
  service: Service | null;
  /** Only providers that serve the pilot on this day. */
  today: string;
};

// Prepared once per database and filter shape (4 shapes), then only bound (./prepared): the page's
// queries cost no parsing or planning per request.

function filterConditions(f: Pick<ListFilters, "language" | "service">): SQL {
  const conditions: (SQL | undefined)[] = [
    sql`EXISTS (SELECT 1 FROM ${providerPilots} WHERE ${providerPilots.providerId} = ${providers.id} AND ${providerPilots.pilotSlug} = ${sql.placeholder("pilot")} AND ${providerPilots.startsOn} <= ${sql.placeholder("today")} AND (${providerPilots.endsOn} IS NULL OR ${providerPilots.endsOn} >= ${sql.placeholder("today")}))`,
    f.language
      ? sql`EXISTS (SELECT 1 FROM ${providerLanguages} WHERE ${providerLanguages.providerId} = ${providers.id} AND ${providerLanguages.language} = ${sql.placeholder("language")})`
      : undefined,
    f.service
      ? sql`EXISTS (SELECT 1 FROM ${providerServices} WHERE ${providerServices.providerId} = ${providers.id} AND ${providerServices.service} = ${sql.placeholder("service")})`
      : undefined,
  ];
  return and(...conditions)!;
}

const shape = (f: ListFilters) => `${f.language ? "L" : "-"}${f.service ? "S" : "-"}`;
const bind = (f: ListFilters) => ({ pilot: f.pilot, today: f.today, language: f.language ?? "", service: f.service ?? "" });

/**
 * How many providers the filters match. Read from the pilot's entries in provider_pilots (a
 * covering index), so it touches only the index, not the providers: the one part of the page
 * that reads every provider of the pilot, at a fraction of a millisecond for a thousand.
 */
export function countProviders(f: ListFilters, db: Db = getDb()): number {
  const q = once(db, `count:${shape(f)}`, () =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(providerPilots)
      .where(
        and(
          eq(providerPilots.pilotSlug, sql.placeholder("pilot")),
          lte(providerPilots.startsOn, sql.placeholder("today")),
          or(isNull(providerPilots.endsOn), gte(providerPilots.endsOn, sql.placeholder("today"))),
          f.language
            ? sql`EXISTS (SELECT 1 FROM ${providerLanguages} WHERE ${providerLanguages.providerId} = ${providerPilots.providerId} AND ${providerLanguages.language} = ${sql.placeholder("language")})`
            : undefined,
          f.service
            ? sql`EXISTS (SELECT 1 FROM ${providerServices} WHERE ${providerServices.providerId} = ${providerPilots.providerId} AND ${providerServices.service} = ${sql.placeholder("service")})`
            : undefined,
        ),
      )
      .prepare(),
  );
  return q.get(bind(f))?.n ?? 0;
}

/** One page of providers in name order: read along the name index, so a page costs the same however many are stored. */
export function providersByName(f: ListFilters, limit: number, offset: number, db: Db = getDb()): ProviderListRow[] {
  const q = once(db, `page:${shape(f)}`, () =>
    db
      .select(listColumns)
      .from(providers)
      .where(filterConditions(f))
      .orderBy(asc(providers.sortKey), asc(providers.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  );
  return q.all({ ...bind(f), limit, offset });
}

/** Every matching provider's id and sort key: for the orders that need the whole set (by a result). */
export function matchingProviderKeys(f: ListFilters, db: Db = getDb()): { id: number; sortKey: string }[] {
  const q = once(db, `keys:${shape(f)}`, () =>
    db.select({ id: providers.id, sortKey: providers.sortKey }).from(providers).where(filterConditions(f)).prepare(),
  );
  return q.all(bind(f));
}

/** The ids as one JSON parameter, so that one prepared statement serves any number of them. */
const idList = () => sql`(SELECT value FROM json_each(${sql.placeholder("ids")}))`;

export function providersByIds(ids: number[], db: Db = getDb()): ProviderListRow[] {
  if (ids.length === 0) return [];
  const q = once(db, "providers-by-ids", () => db.select(listColumns).from(providers).where(inArray(providers.id, idList())).prepare());
  const rows = q.all({ ids: JSON.stringify(ids) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ProviderListRow => r !== undefined);
}

/** The languages of service of each provider. */
export function languagesOf(ids: number[], db: Db = getDb()): Map<number, string[]> {
  const out = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const q = once(db, "languages-of", () => db.select().from(providerLanguages).where(inArray(providerLanguages.providerId, idList())).prepare());
  for (const r of q.all({ ids: JSON.stringify(ids) })) out.get(r.providerId)?.push(r.language);
  return out;
}

export function servicesOf(ids: number[], db: Db = getDb()): Map<number, string[]> {
  const out = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const q = once(db, "services-of", () => db.select().from(providerServices).where(inArray(providerServices.providerId, idList())).prepare());
  for (const r of q.all({ ids: JSON.stringify(ids) })) out.get(r.providerId)?.push(r.service);
  return out;
}

/** The pilots that have at least one provider serving on `today`. */
export function pilotsWithProviders(today: string, db: Db = getDb()): Set<string> {
  const q = once(db, "pilots-with-providers", () =>
    db
      .selectDistinct({ pilot: providerPilots.pilotSlug })
      .from(providerPilots)
      .where(
        and(
          lte(providerPilots.startsOn, sql.placeholder("today")),
          or(isNull(providerPilots.endsOn), gte(providerPilots.endsOn, sql.placeholder("today"))),
        ),
      )
      .prepare(),
  );
  return new Set(q.all({ today }).map((r) => r.pilot));
}

export function providerBySlug(slug: string, db: Db = getDb()): ProviderRow | undefined {
  return once(db, "provider-by-slug", () => db.select().from(providers).where(eq(providers.slug, sql.placeholder("slug"))).prepare()).get({ slug });
}

export function officesOf(providerId: number, db: Db = getDb()) {
  const q = once(db, "offices-of", () =>
    db
      .select({ office: providerOffices, nameFi: municipalities.nameFi, nameSv: municipalities.nameSv })
      .from(providerOffices)
      .innerJoin(municipalities, eq(municipalities.code, providerOffices.municipalityCode))
      .where(eq(providerOffices.providerId, sql.placeholder("id")))
      .orderBy(asc(providerOffices.position))
      .prepare(),
  );
  return q.all({ id: providerId });
}

export function pilotsOf(providerId: number, db: Db = getDb()) {
  const q = once(db, "pilots-of", () =>
    db
      .select({ pilot: providerPilots.pilotSlug, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn })
      .from(providerPilots)
      .innerJoin(pilots, eq(pilots.slug, providerPilots.pilotSlug))
      .where(eq(providerPilots.providerId, sql.placeholder("id")))
      .orderBy(asc(providerPilots.startsOn))
      .prepare(),
  );
  return q.all({ id: providerId });
}

// ---- open data ----

/** Every provider with what providers.json publishes, in business ID order. */
export function allProvidersForExport(db: Db = getDb()) {
  const rows = db.select().from(providers).orderBy(asc(providers.businessId)).all();
  const ids = rows.map((r) => r.id);
  const languages = languagesOf(ids, db);
  const services = servicesOf(ids, db);
  const pilotRows = db.select().from(providerPilots).orderBy(asc(providerPilots.startsOn)).all();
  const officeRows = db.select().from(providerOffices).orderBy(asc(providerOffices.providerId), asc(providerOffices.position)).all();
  const pilotsBy = new Map<number, typeof pilotRows>();
  for (const p of pilotRows) (pilotsBy.get(p.providerId) ?? pilotsBy.set(p.providerId, []).get(p.providerId)!).push(p);
  const officesBy = new Map<number, typeof officeRows>();
  for (const o of officeRows) (officesBy.get(o.providerId) ?? officesBy.set(o.providerId, []).get(o.providerId)!).push(o);
  return rows.map((r) => ({
    provider: r,
    languages: languages.get(r.id) ?? [],
    services: services.get(r.id) ?? [],
    pilots: pilotsBy.get(r.id) ?? [],
    offices: officesBy.get(r.id) ?? [],
  }));
}

/**
 * Every provider that has ever served a pilot, with its dates there, by name: the comparison's
 * open data (comparison.json) and its list of providers that have left. A provider that left or
 * was suspended keeps its row, its business ID and its results (docs/decisions/068-verdicts-and-figure-sentences.md).
 */
export function providersOfPilot(pilotSlug: string, db: Db = getDb()) {
  const q = once(db, "providers-of-pilot", () =>
    db
      .select({
        id: providers.id,
        businessId: providers.businessId,
        slug: providers.slug,
        name: providers.name,
        startsOn: providerPilots.startsOn,
        endsOn: providerPilots.endsOn,
      })
      .from(providerPilots)
      .innerJoin(providers, eq(providers.id, providerPilots.providerId))
      .where(eq(providerPilots.pilotSlug, sql.placeholder("pilot")))
      .orderBy(asc(providers.sortKey), asc(providers.id))
      .prepare(),
  );
  return q.all({ pilot: pilotSlug });
}

/**
 * The providers whose time in a pilot ended before `today`, by name: the comparison's list of
 * providers that have left. Filtered in the query, so the page reads only those, not every provider.
 */
export function departedProviders(pilotSlug: string, today: string, db: Db = getDb()) {
  const q = once(db, "departed-providers", () =>
    db
      .select({ slug: providers.slug, name: providers.name, endsOn: sql<string>`${providerPilots.endsOn}` })
      .from(providerPilots)
      .innerJoin(providers, eq(providers.id, providerPilots.providerId))
      .where(and(eq(providerPilots.pilotSlug, sql.placeholder("pilot")), lte(providerPilots.endsOn, sql.placeholder("yesterday"))))
      .orderBy(asc(providers.sortKey), asc(providers.id))
      .prepare(),
  );
  return q.all({ pilot: pilotSlug, yesterday: dayBefore(today) });
}

/**
 * The pilots a provider is suspended from now (an official's suspension not lifted). A provider whose
 * dates in a pilot are over without one ended its participation. The official's written reason is
 * for the pilot's officials only (db/schema/backoffice.ts); the public pages say which of the two it was.
 */
export function suspendedPilotsOf(providerId: number, db: Db = getDb()): Set<string> {
  const q = once(db, "suspended-pilots-of", () =>
    db
      .select({ pilot: providerSuspensions.pilotSlug })
      .from(providerSuspensions)
      .where(and(eq(providerSuspensions.providerId, sql.placeholder("id")), isNull(providerSuspensions.liftedOn)))
      .prepare(),
  );
  return new Set(q.all({ id: providerId }).map((r) => r.pilot));
}

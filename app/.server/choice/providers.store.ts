import { and, eq, inArray, sql } from "drizzle-orm";
import { providerLanguages, providerPilots, providers } from "../../../db/schema";
import { participationState, type ParticipationState } from "~/domain/official-provider";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

/**
 * What the choice needs to know about providers (their tables belong to the providers area,
 * db/schema/providers.ts): whether a provider serves a pilot today, and what a receipt shows.
 *
 * A provider is "active" in a pilot on a day when it serves the pilot on that day (the day is
 * within its dates there: participationState of app/domain/official-provider.ts, the one rule the
 * officials' and public pages use too). Otherwise it has "left" (its dates there ended), has
 * "not_started", or is "gone" (it does not serve the pilot at all, or no longer exists). A
 * suspension by an official ends the provider's dates in the pilot (db/schema/backoffice.ts), so a
 * suspended provider is "left" here too.
 */
export type ProviderState = "active" | "left" | "not_started" | "gone";

/** The choice's words for the states of participationState. */
const choiceState: Record<ParticipationState, ProviderState> = { active: "active", upcoming: "not_started", left: "left", suspended: "left" };

/** The ids as one JSON parameter, so that one prepared statement serves any number of them. */
const idList = () => sql`(SELECT value FROM json_each(${sql.placeholder("ids")}))`;

export function providerStatuses(pilotSlug: string, ids: number[], today: string, db: Db = getDb()): Map<number, ProviderState> {
  const states = new Map<number, ProviderState>(ids.map((id) => [id, "gone"]));
  if (ids.length === 0) return states;
  const rows = once(db, "choice-providers:statuses", () =>
    db
      .select({ providerId: providerPilots.providerId, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn })
      .from(providerPilots)
      .where(and(eq(providerPilots.pilotSlug, sql.placeholder("pilot")), inArray(providerPilots.providerId, idList())))
      .prepare(),
  ).all({ pilot: pilotSlug, ids: JSON.stringify(ids) });
  for (const r of rows) {
    // The suspension is already in the dates (see above).
    states.set(r.providerId, choiceState[participationState(r, false, today)]);
  }
  return states;
}

export type ProviderForChoice = {
  id: number;
  slug: string;
  name: string;
  phone: string | null;
  email: string | null;
  web: string | null;
  /** Languages the provider serves in (ISO 639-1), in a stable order. */
  languages: string[];
  takesNewCustomers: boolean;
  state: ProviderState;
};

function withLanguages<R extends Omit<ProviderForChoice, "languages" | "state">>(rows: R[], db: Db) {
  const ids = rows.map((r) => r.id);
  const langs = ids.length
    ? once(db, "choice-providers:languages", () =>
        db.select().from(providerLanguages).where(inArray(providerLanguages.providerId, idList())).prepare(),
      ).all({ ids: JSON.stringify(ids) })
    : [];
  const order = ["fi", "sv", "en"];
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
  return rows.map((r) => ({
    ...r,
    languages: langs
      .filter((l) => l.providerId === r.id)
      .map((l) => l.language)
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
  }));
}

const columns = {
  id: providers.id,
  slug: providers.slug,
  name: providers.name,
  phone: providers.phone,
  email: providers.email,
  web: providers.web,
  takesNewCustomers: providers.takesNewCustomers,
};

/** A provider of the pilot by id or slug, with its state there today; null when it never served the pilot. */
export function findProvider(pilotSlug: string, key: { id: number } | { slug: string }, today: string, db: Db = getDb()): ProviderForChoice | null {
  const row =
    "id" in key
      ? once(db, "choice-providers:by-id", () => db.select(columns).from(providers).where(eq(providers.id, sql.placeholder("id"))).prepare()).get({ id: key.id })
      : once(db, "choice-providers:by-slug", () => db.select(columns).from(providers).where(eq(providers.slug, sql.placeholder("slug"))).prepare()).get({
          slug: key.slug,
        });
  if (!row) return null;
  const state = providerStatuses(pilotSlug, [row.id], today, db).get(row.id)!;
  if (state === "gone") return null;
  return { ...withLanguages([row], db)[0], state };
}

/** The provider a choice may be recorded for: active in the pilot today; otherwise null. */
export function providerForChoice(id: number, pilotSlug: string, today: string, db: Db = getDb()): ProviderForChoice | null {
  const found = findProvider(pilotSlug, { id }, today, db);
  return found && found.state === "active" ? found : null;
}

/** The providers that serve the pilot today, by name, each with its last day in the pilot when one is set. */
export function activeProviders(pilotSlug: string, today: string, db: Db = getDb()): (ProviderForChoice & { servesUntil: string | null })[] {
  const rows = once(db, "choice-providers:of-pilot", () =>
    db
      .select({ ...columns, startsOn: providerPilots.startsOn, endsOn: providerPilots.endsOn, sortKey: providers.sortKey })
      .from(providers)
      .innerJoin(providerPilots, eq(providerPilots.providerId, providers.id))
      .where(eq(providerPilots.pilotSlug, sql.placeholder("pilot")))
      .prepare(),
  )
    .all({ pilot: pilotSlug })
    .filter((r) => participationState(r, false, today) === "active")
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  return withLanguages(
    rows.map(({ startsOn: _s, endsOn, sortKey: _k, ...r }) => ({ ...r, servesUntil: endsOn })),
    db,
  ).map((r) => ({ ...r, state: "active" as const }));
}

import { eq, inArray, sql } from "drizzle-orm";
import { people, roles } from "../../../db/schema";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

/**
 * The people who have signed in and their roles (docs/decisions/030, 035): the only code that reads
 * or writes the `people` and `roles` tables. A person is keyed by the hash of their identity, never
 * by the identity code.
 */

export type Person = typeof people.$inferSelect;
export type Roles = { jobseeker: true; officialPilots: string[]; providerBusinessIds: string[] };

type Tx = Pick<Db, "insert" | "select">;

/** The roles of an identity: everyone is a jobseeker; officials by pilot, provider staff by business ID, sorted. */
export function rolesOf(identityHash: string, db: Db = getDb()): Roles {
  const rows = once(db, "roles:of", () =>
    db
      .select({ kind: roles.kind, scope: roles.scope })
      .from(roles)
      .where(eq(roles.identityHash, sql.placeholder("identityHash")))
      .prepare(),
  ).all({ identityHash });
  return {
    jobseeker: true,
    officialPilots: rows.filter((r) => r.kind === "official").map((r) => r.scope).sort(),
    providerBusinessIds: rows.filter((r) => r.kind === "provider_staff").map((r) => r.scope).sort(),
  };
}

export function personById(id: number, db: Db = getDb()): Person | undefined {
  return once(db, "people:by-id", () => db.select().from(people).where(eq(people.id, sql.placeholder("id"))).prepare()).get({ id });
}

/** The identity hash of a person (inside a transaction: the sign-out's audit row names it). */
export function identityHashOf(tx: Tx, personId: number): string | null {
  return tx.select({ identityHash: people.identityHash }).from(people).where(eq(people.id, personId)).get()?.identityHash ?? null;
}

/** The names of the people with these identity hashes who have signed in (unknown hashes are left out). */
export function namesByIdentityHash(hashes: string[], db: Db = getDb()) {
  if (hashes.length === 0) return [];
  return db
    .select({ id: people.id, identityHash: people.identityHash, givenName: people.givenName, familyName: people.familyName })
    .from(people)
    .where(inArray(people.identityHash, hashes))
    .all();
}

export type IdentifiedPerson = Pick<Person, "identityHash" | "givenName" | "familyName" | "homeMunicipality" | "identifiedWith">;

/** Creates the person of a sign-in, or refreshes their names and municipality. Returns their id. */
export function savePerson(tx: Tx, person: IdentifiedPerson, at: string): number {
  return tx
    .insert(people)
    .values({
      identityHash: person.identityHash,
      givenName: person.givenName,
      familyName: person.familyName,
      homeMunicipality: person.homeMunicipality,
      identifiedWith: person.identifiedWith,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoUpdate({
      target: people.identityHash,
      set: {
        givenName: person.givenName,
        familyName: person.familyName,
        homeMunicipality: person.homeMunicipality,
        identifiedWith: person.identifiedWith,
        updatedAt: at,
      },
    })
    .returning({ id: people.id })
    .get().id;
}

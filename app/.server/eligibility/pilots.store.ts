import { municipalities } from "../../../db/schema";
import { checkPilotSet, InvalidPilotSetError, type PilotDefinition } from "~/domain/pilot";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

export type Municipality = typeof municipalities.$inferSelect;

/*
 * Reference data is read on almost every request (a confirmation evaluates the person's
 * eligibility inside its write transaction), so it is kept per database instead of being read
 * and parsed each time:
 *
 * - Municipalities are reference data that nothing changes while the service runs (the seed adds
 *   missing ones at start). Kept per database; their count is checked on each use, so rows the
 *   seed adds after a first read are seen.
 * - Pilots change when an official saves one. Their parsed set is kept per database together
 *   with the stored text of every definition it was parsed from; each use reads that text again
 *   (one prepared statement, a few kilobytes) and parses again only when any of it differs. The
 *   stamp is the text itself, not a count and a newest timestamp, so that a change is seen at once
 *   whatever `updated_at` says (a write that does not set it, two saves in one millisecond).
 */

type MunicipalityTable = { count: number; all: Municipality[]; byCode: Map<string, Municipality>; codes: Set<string> };
const municipalityTables = new WeakMap<Db, MunicipalityTable>();

function municipalityTable(db: Db): MunicipalityTable {
  const count = once(db, "municipalities:count", () => db.$client.prepare("SELECT count(*) FROM municipalities").pluck()).get() as number;
  let table = municipalityTables.get(db);
  if (!table || table.count !== count) {
    const all = db.select().from(municipalities).all();
    table = { count: all.length, all, byCode: new Map(all.map((m) => [m.code, m])), codes: new Set(all.map((m) => m.code)) };
    municipalityTables.set(db, table);
  }
  return table;
}

type PilotSet = ReturnType<typeof checkPilotSet>;
type StoredPilot = [slug: string, definition: string];
const pilotSets = new WeakMap<Db, { stored: StoredPilot[]; municipalityCount: number; set: PilotSet; version: number }>();
let parses = 0;

function sameStored(a: StoredPilot[], b: StoredPilot[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

function cachedPilotSet(db: Db): { set: PilotSet; version: number } {
  // In the order a plain `SELECT * FROM pilots` returns them (the table's rowid order): the order
  // of the parsed set, which pages list.
  const stored = once(db, "pilots:stored", () => db.$client.prepare("SELECT slug, definition FROM pilots ORDER BY rowid").raw()).all() as StoredPilot[];
  const table = municipalityTable(db);
  const hit = pilotSets.get(db);
  if (hit && hit.municipalityCount === table.count && sameStored(hit.stored, stored)) return hit;
  // The JSON column's own decoding (drizzle reads a `mode: "json"` text column with JSON.parse).
  const set = checkPilotSet(
    stored.map(([, definition]) => JSON.parse(definition) as unknown),
    table.codes,
  );
  const entry = { stored, municipalityCount: table.count, set, version: ++parses };
  pilotSets.set(db, entry);
  return entry;
}

/**
 * The pilots as parsed now, shared and read-only, with a version that changes whenever they are
 * parsed again: for callers that keep something derived from them (the comparison's form options).
 */
export function pilotsWithVersion(db: Db = getDb()): { version: number; pilots: readonly PilotDefinition[] } {
  const { set, version } = cachedPilotSet(db);
  if (!set.ok) throw new InvalidPilotSetError(set.problems);
  return { version, pilots: set.pilots };
}

/** The codes of every known municipality (kept per database, see above). */
export function municipalityCodeSet(db: Db = getDb()): ReadonlySet<string> {
  return municipalityTable(db).codes;
}

/**
 * Every stored pilot, checked as a set with the domain schema (each definition, unique slugs, known
 * municipality codes). A set with a definition that does not parse is refused as a whole, never
 * half-applied: the result lists every problem, each naming the pilot and the field.
 */
export function loadPilotSet(db: Db = getDb()): { ok: true; pilots: PilotDefinition[] } | { ok: false; problems: string[] } {
  const { set } = cachedPilotSet(db);
  // A new array each time: a caller may sort or filter its copy without touching the cache.
  return set.ok ? { ok: true, pilots: set.pilots.slice() } : { ok: false, problems: set.problems.slice() };
}

/** Every pilot, parsed with the domain schema. Throws InvalidPilotSetError (naming every problem) on a bad set. */
export function loadPilots(db: Db = getDb()): PilotDefinition[] {
  const set = loadPilotSet(db);
  if (!set.ok) throw new InvalidPilotSetError(set.problems);
  return set.pilots;
}

/** The municipalities with these codes (unknown codes are left out), in code order. */
export function municipalitiesByCode(codes: string[], db: Db = getDb()): Map<string, Municipality> {
  if (codes.length === 0) return new Map();
  const { byCode } = municipalityTable(db);
  const found: Municipality[] = [];
  for (const code of new Set(codes)) {
    const m = byCode.get(code);
    if (m) found.push(m);
  }
  // `code IN (…)` is answered along the code index: the rows come in code order.
  if (found.length > 1) found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return new Map(found.map((m) => [m.code, m]));
}

export function allMunicipalities(db: Db = getDb()): Municipality[] {
  return municipalityTable(db).all.slice();
}

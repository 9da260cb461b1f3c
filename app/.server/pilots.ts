import { inArray } from "drizzle-orm";
import { municipalities, pilots } from "../../db/schema";
import { checkPilotSet, InvalidPilotSetError, type PilotDefinition } from "~/domain/pilot";
import { getDb, type Db } from "./db";

export type Municipality = typeof municipalities.$inferSelect;

/**
 * Every stored pilot, checked as a set with the domain schema (each definition, unique slugs, known
 * municipality codes). A set with a definition that does not parse is refused as a whole, never
 * half-applied: the result lists every problem, each naming the pilot and the field.
 */
export function loadPilotSet(db: Db = getDb()): { ok: true; pilots: PilotDefinition[] } | { ok: false; problems: string[] } {
  const rows = db.select().from(pilots).all();
  const known = new Set(db.select({ code: municipalities.code }).from(municipalities).all().map((m) => m.code));
  return checkPilotSet(
    rows.map((r) => r.definition),
    known,
  );
}

/** Every pilot, parsed with the domain schema. Throws InvalidPilotSetError (naming every problem) on a bad set. */
export function loadPilots(db: Db = getDb()): PilotDefinition[] {
  const set = loadPilotSet(db);
  if (!set.ok) throw new InvalidPilotSetError(set.problems);
  return set.pilots;
}

export function municipalitiesByCode(codes: string[], db: Db = getDb()): Map<string, Municipality> {
  if (codes.length === 0) return new Map();
  const rows = db.select().from(municipalities).where(inArray(municipalities.code, codes)).all();
  return new Map(rows.map((m) => [m.code, m]));
}

export function allMunicipalities(db: Db = getDb()): Municipality[] {
  return db.select().from(municipalities).all();
}

import { inArray } from "drizzle-orm";
import { municipalities, pilots } from "../../db/schema";
import { pilotDefinitionSchema, type PilotDefinition } from "~/domain/pilot";
import { getDb, type Db } from "./db";

export type Municipality = typeof municipalities.$inferSelect;

/**
 * Every pilot, parsed with the domain schema. A definition that does not parse is refused as a
 * whole, never half-applied: the error names the pilot and the field.
 */
export function loadPilots(db: Db = getDb()): PilotDefinition[] {
  return db
    .select()
    .from(pilots)
    .all()
    .map((row) => {
      const parsed = pilotDefinitionSchema.safeParse(row.definition);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
        throw new Error(`Pilot ${row.slug} has an invalid definition: ${issues}`);
      }
      return parsed.data;
    });
}

export function municipalitiesByCode(codes: string[], db: Db = getDb()): Map<string, Municipality> {
  if (codes.length === 0) return new Map();
  const rows = db.select().from(municipalities).where(inArray(municipalities.code, codes)).all();
  return new Map(rows.map((m) => [m.code, m]));
}

export function allMunicipalities(db: Db = getDb()): Municipality[] {
  return db.select().from(municipalities).all();
}

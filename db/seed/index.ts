import type { Db } from "../../app/.server/db";
import { seedPilots } from "./seed-pilots";
import { seedReference } from "./reference";

/**
 * Seeds reference and example data. Idempotent: every step inserts what is missing and never
 * overwrites what officials, providers or people have changed since.
 */
export function seedDatabase(db: Db) {
  seedReference(db);
  seedPilots(db);
}

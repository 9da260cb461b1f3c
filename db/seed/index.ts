import type { Db } from "../../app/.server/platform/db";
import { seedAccountability } from "./accountability";
import { seedPeople } from "./people";
import { seedPilots } from "./seed-pilots";
import { seedProviders } from "./providers";
import { seedPurchasedServices } from "./purchased-services";
import { seedReference } from "./reference";

/**
 * Seeds reference and example data. Idempotent: every step inserts what is missing and never
 * overwrites what officials, providers or people have changed since. Reference data that no page
 * edits (municipalities, employment areas) follows the shipped files in db/data at every start.
 */
export function seedDatabase(db: Db, { examples = false }: { examples?: boolean } = {}) {
  seedReference(db);
  seedPilots(db);
  seedProviders(db);
  seedPurchasedServices(db);
  seedPeople(db);
  if (examples) seedAccountability(db);
}

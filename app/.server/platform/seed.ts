import { seedDatabase, type SeedServices } from "../../../db/seed";
import { seedAssessedFact } from "../eligibility/assessed-facts.store";
import { audit } from "./audit.store";
import { config, testIdpEnabled } from "./config";
import type { Db } from "./db";
import { identityCodeHash } from "./identity";

/** What the seed (db/seed) is handed from the server: db/ imports nothing from app/.server. */
export const seedServices: SeedServices = { identityCodeHash, audit, seedAssessedFact };

/**
 * Seeds the database as the configuration says: the test people where the test identity provider
 * is on, the demo's examples of accountability when APP_ENV=demo (decision 071) unless told;
 * the dated example data relative to `now` (the tests give their fixed day).
 * The server's start, `npm run db:migrate`, `npm run db:seed` and the tests call it.
 */
export function seed(db: Db, { examples = config().APP_ENV === "demo", now }: { examples?: boolean; now?: Date } = {}) {
  seedDatabase(db, seedServices, { examples, testPeople: testIdpEnabled(), now });
}

import type { AssessedFact } from "../../app/domain/pilot";
import { todayInFinland } from "../../app/format";
import type { AuditEntry, Db } from "../types";
import { seedAccountability } from "./accountability";
import { seedPeople } from "./people";
import { seedPilots } from "./seed-pilots";
import { seedProviders } from "./providers";
import { seedPurchasedServices } from "./purchased-services";
import { seedReference } from "./reference";

/**
 * What the seed needs from the application. db/ imports nothing from app/.server
 * (eslint.boundaries.js): the server passes these in (app/.server/platform/seed.ts).
 */
export type SeedServices = {
  /** The keyed hash that stands for an identity code (app/.server/platform/identity.ts). */
  identityCodeHash: (code: string) => string;
  /** The audit writer, called with the transaction that makes the change (app/.server/platform/audit.store.ts). */
  audit: (tx: Pick<Db, "insert">, entry: AuditEntry, now?: Date) => void;
  /** Records an assessed fact with the same row and audit as an official's (app/.server/eligibility/assessed-facts.store.ts). */
  seedAssessedFact: (db: Db, row: { identityHash: string; pilotSlug: string; fact: AssessedFact; value: boolean; recordedBy: string }) => void;
};

export type SeedOptions = {
  /** The demo's example data of accountability (decision 071). */
  examples?: boolean;
  /** The test people's roles and records: only where the test identity provider is on. */
  testPeople?: boolean;
  /** The moment the dated example data (results months, accountability) is built relative to: the tests give their fixed day. */
  now?: Date;
};

/**
 * Seeds reference and example data. Idempotent: every step inserts what is missing and never
 * overwrites what officials, providers or people have changed since. Reference data that no page
 * edits (municipalities, employment areas) follows the shipped files in db/data at every start.
 */
export function seedDatabase(db: Db, services: SeedServices, { examples = false, testPeople = false, now = new Date() }: SeedOptions = {}) {
  seedReference(db);
  seedPilots(db, services);
  seedProviders(db, todayInFinland(now), now.toISOString());
  seedPurchasedServices(db, now.toISOString());
  if (testPeople) seedPeople(db, services);
  if (examples) seedAccountability(db, services, now);
}

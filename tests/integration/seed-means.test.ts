import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "~/.server/platform/db";
import { seedServices } from "~/.server/platform/seed";
import { seedProviders } from "../../db/seed/providers";
import { seedPilots } from "../../db/seed/seed-pilots";
import { seedReference } from "../../db/seed/reference";
import { NOW, TODAY } from "../support/clock";
import { possibleMean as possible } from "../support/survey-means";

/**
 * The satisfaction means of the seeded example data, in a migrated database (the means' arithmetic
 * without a database: tests/unit/seed-means.test.ts).
 */
const databases: Db[] = [];
function seeded(): { responses: number; mean: number | null; month: string; provider: number | null }[] {
  const db = openDatabase(":memory:");
  databases.push(db);
  migrateDatabase(db, "db/migrations");
  seedReference(db);
  seedPilots(db, seedServices);
  seedProviders(db, TODAY, NOW.toISOString());
  return db.$client
    .prepare("SELECT satisfaction_responses AS responses, satisfaction_mean AS mean, month, provider_id AS provider FROM results ORDER BY provider_id, month")
    .all() as { responses: number; mean: number | null; month: string; provider: number | null }[];
}
afterAll(() => {
  for (const db of databases) db.$client.close();
});

describe("the seeded example data's satisfaction means", () => {
  it("every seeded month's mean is one that whole-number answers from 1 to 5 can give", () => {
    const rows = seeded();
    expect(rows.length).toBeGreaterThan(100);
    const impossible = rows.filter((r) => r.mean !== null && !possible(r.responses, r.mean));
    expect(impossible).toEqual([]);
    // A mean exactly when someone answered.
    expect(rows.filter((r) => (r.mean === null) !== (r.responses === 0))).toEqual([]);
  });

  it("the seed is still deterministic", () => {
    expect(seeded()).toEqual(seeded());
  });
});

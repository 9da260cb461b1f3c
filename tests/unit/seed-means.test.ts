import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "~/.server/platform/db";
import { seedServices } from "~/.server/platform/seed";
import { seedProviders, hashSeed, inventMonth, publicServiceRates, randomSource, roundedMean, surveyMean, exampleProviders } from "../../db/seed/providers";
import { seedPilots } from "../../db/seed/seed-pilots";
import { seedReference } from "../../db/seed/reference";

/**
 * A satisfaction mean is the mean of whole-number answers from 1 to 5, stored to two decimals:
 * some sum s of `responses` answers, n ≤ s ≤ 5n, with |mean − s/n| ≤ 0.005.
 */
function possible(responses: number, mean: number): boolean {
  if (!Number.isInteger(Math.round(mean * 100)) || Math.abs(mean * 100 - Math.round(mean * 100)) > 1e-6) return false;
  const sum = Math.round(mean * responses);
  return sum >= responses && sum <= 5 * responses && Math.abs(mean - sum / responses) <= 0.005 + 1e-9;
}

const databases: Db[] = [];
function seeded(): { responses: number; mean: number | null; month: string; provider: number | null }[] {
  const db = openDatabase(":memory:");
  databases.push(db);
  migrateDatabase(db, "db/migrations");
  seedReference(db);
  seedPilots(db, seedServices);
  seedProviders(db, "2026-12-04", "2026-12-04T08:00:00.000Z");
  return db.$client
    .prepare("SELECT satisfaction_responses AS responses, satisfaction_mean AS mean, month, provider_id AS provider FROM results ORDER BY provider_id, month")
    .all() as { responses: number; mean: number | null; month: string; provider: number | null }[];
}
afterAll(() => {
  for (const db of databases) db.$client.close();
});

describe("the example data's satisfaction means", () => {
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

  it("so are the scale data's months (npm run seed:scale uses the same inventMonth)", () => {
    const random = randomSource(1);
    const rates = [publicServiceRates, ...exampleProviders.map((e) => e.rates)];
    for (let i = 0; i < 200; i++) {
      rates.push({ ...publicServiceRates, started: 2 + random() * 60, satisfaction: 1 + random() * 4 });
    }
    for (const [index, r] of rates.entries()) {
      for (let m = 0; m < 24; m++) {
        const month = `20${20 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
        const row = inventMonth(r, month, "2026-11", randomSource(hashSeed(`${index}:${month}`)));
        if (row.satisfactionMean !== null && row.satisfactionMean !== undefined) {
          expect(possible(row.satisfactionResponses, row.satisfactionMean), `${index} ${month} ${row.satisfactionResponses} ${row.satisfactionMean}`).toBe(true);
        }
      }
    }
  });

  it("answers around the provider's typical satisfaction, rounded half up from the exact sum", () => {
    expect(roundedMean(33, 8)).toBe(4.13); // 4.125
    expect(roundedMean(13, 3)).toBe(4.33);
    expect(roundedMean(5, 1)).toBe(5);
    expect(roundedMean(3, 3)).toBe(1);
    for (const typical of [1, 2.5, 3.6, 4.3, 5]) {
      const random = randomSource(hashSeed(String(typical)));
      const means = Array.from({ length: 400 }, () => surveyMean(20, typical, random));
      expect(means.every((m) => possible(20, m))).toBe(true);
      const average = means.reduce((s, m) => s + m, 0) / means.length;
      // The month's level moves ±0.4 around the typical value, cut at 1 and 5.
      expect(Math.abs(average - typical)).toBeLessThan(0.25);
    }
  });
});

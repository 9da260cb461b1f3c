import { describe, expect, it } from "vitest";
import { hashSeed, inventMonth, publicServiceRates, randomSource, roundedMean, surveyMean, exampleProviders } from "../../db/seed/providers";
import { possibleMean as possible } from "../support/survey-means";

/** The example data's satisfaction means, without a database (the seeded rows: tests/integration/seed-means.test.ts). */
describe("the example data's satisfaction means", () => {
  it("the scale data's months have possible means too (npm run seed:scale uses the same inventMonth)", () => {
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

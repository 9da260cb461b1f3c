import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerGroups, groupDimensions, groupsFromFacts, groupValues, isGroupValue } from "~/domain/customer-groups";
import { byarLimits, differenceOfIntervals, standardise, type StratumCounts } from "~/domain/standardisation";
import { wilsonInterval } from "~/domain/statistics";

const counts = (entries: [string, number, number][]) => new Map<string, StratumCounts>(entries.map(([g, x, n]) => [g, { x, n }]));

describe("Byar's approximation to the Poisson limits", () => {
  // The exact 95 % Poisson limits, from the chi-square distribution (Breslow & Day 1987, vol. II,
  // the table of exact limits; also Haenszel, Loveland & Sirken 1962): for 10 events 4.795–18.390,
  // for 46 events 33.678–61.358, for 100 events 81.364–121.627. Byar's approximation is within 0.2 %
  // of them from 10 events up (Breslow & Day vol. II, ch. 2).
  it.each([
    [10, 4.7954, 18.3904],
    [46, 33.678, 61.358],
    [100, 81.364, 121.627],
  ])("%i events: %f–%f within 0.2 %", (o, lower, upper) => {
    const l = byarLimits(o);
    expect(Math.abs(l.lower / lower - 1)).toBeLessThan(0.002);
    expect(Math.abs(l.upper / upper - 1)).toBeLessThan(0.002);
  });

  it("the published example of the Byar calculator (Ruby gem 'byar'): 100 observed, 90 expected → ratio 0.904–1.351", () => {
    const l = byarLimits(100);
    expect(l.lower / 90).toBeCloseTo(0.904, 3);
    expect(l.upper / 90).toBeCloseTo(1.3514, 3);
  });

  it("no events: from 0 to within 1 % of the exact 3.689", () => {
    const l = byarLimits(0);
    expect(l.lower).toBe(0);
    expect(Math.abs(l.upper / 3.689 - 1)).toBeLessThan(0.01);
  });

  it("refuses what is not a count", () => {
    expect(() => byarLimits(-1)).toThrow(RangeError);
    expect(() => byarLimits(2.5)).toThrow(RangeError);
  });
});

describe("indirect standardisation", () => {
  // The worked example of /about-the-figures: a provider with 120 customers, 20 of them unemployed
  // under 6 months, 40 for 6–12 months and 60 for over a year; in the whole pilot those groups found
  // work 50 %, 35 % and 20 % of the time, 35 % overall. Expected: 20×0.5 + 40×0.35 + 60×0.2 = 36.
  // Observed 46, so 46/36 = 1.28 times the expected, and the adjusted share 1.28 × 35 % = 45 %.
  const pilot = counts([
    ["unemployed_under_6m", 400, 800],
    ["unemployed_6_12m", 280, 800],
    ["unemployed_over_12m", 160, 800],
  ]);
  const provider = counts([
    ["unemployed_under_6m", 12, 20],
    ["unemployed_6_12m", 16, 40],
    ["unemployed_over_12m", 18, 60],
  ]);

  it("the worked example: 46 observed, 36 expected, adjusted 45 % (between 33 % and 60 %)", () => {
    const s = standardise(provider, pilot)!;
    expect(s.n).toBe(120);
    expect(s.observed).toBe(46);
    expect(s.expected).toBeCloseTo(36, 10);
    expect(s.pilotShare).toBeCloseTo(0.35, 10);
    expect(s.ratio.estimate).toBeCloseTo(46 / 36, 10);
    expect(Math.round(s.adjusted.estimate * 100)).toBe(45);
    expect(Math.round(s.adjusted.lower * 100)).toBe(33);
    expect(Math.round(s.adjusted.upper * 100)).toBe(60);
    // The raw figure of the same customers: 38 %, between 30 % and 47 %.
    expect(Math.round(wilsonInterval(46, 120).estimate * 100)).toBe(38);
  });

  it("a provider whose groups do as well as the pilot's gets the pilot's share", () => {
    const s = standardise(counts([["unemployed_under_6m", 10, 20], ["unemployed_over_12m", 12, 60]]), pilot)!;
    expect(s.ratio.estimate).toBeCloseTo(1, 10);
    expect(s.adjusted.estimate).toBeCloseTo(0.35, 10);
  });

  it("has nothing to adjust without customers or expected outcomes, or with a group the pilot lacks", () => {
    expect(standardise(new Map(), pilot)).toBeNull();
    expect(standardise(counts([["age_50_plus", 1, 5]]), pilot)).toBeNull();
    expect(standardise(counts([["a", 0, 5]]), counts([["a", 0, 50]]))).toBeNull();
  });

  const stratum = fc.record({ n: fc.integer({ min: 0, max: 300 }), p: fc.double({ min: 0, max: 1, noNaN: true }), extraN: fc.integer({ min: 0, max: 2000 }), q: fc.double({ min: 0, max: 1, noNaN: true }) });
  const case_ = fc.array(stratum, { minLength: 1, maxLength: 4 }).map((strata) => {
    const subject = new Map<string, StratumCounts>();
    const whole = new Map<string, StratumCounts>();
    strata.forEach((s, i) => {
      const x = Math.round(s.n * s.p);
      const otherX = Math.round(s.extraN * s.q);
      subject.set(`g${i}`, { x, n: s.n });
      whole.set(`g${i}`, { x: x + otherX, n: s.n + s.extraN });
    });
    return { subject, whole };
  });

  it("property: the adjusted figure lies within its interval, and every bound within 0–1", () => {
    fc.assert(
      fc.property(case_, ({ subject, whole }) => {
        const s = standardise(subject, whole);
        if (!s) return;
        expect(s.adjusted.lower).toBeGreaterThanOrEqual(0);
        expect(s.adjusted.upper).toBeLessThanOrEqual(1);
        expect(s.adjusted.lower).toBeLessThanOrEqual(s.adjusted.estimate + 1e-12);
        expect(s.adjusted.estimate).toBeLessThanOrEqual(s.adjusted.upper + 1e-12);
        expect(s.expected).toBeGreaterThan(0);
        expect(s.expected).toBeLessThanOrEqual(s.n + 1e-9);
      }),
    );
  });

  it("property: when the subject is the whole pilot, observed equals expected and the adjusted share is the raw share", () => {
    fc.assert(
      fc.property(case_, ({ subject }) => {
        const s = standardise(subject, subject);
        if (!s) return;
        expect(s.expected).toBeCloseTo(s.observed, 8);
        expect(s.adjusted.estimate).toBeCloseTo(s.observed / s.n, 8);
      }),
    );
  });

  it("property: with one group only, the adjusted share is the raw share", () => {
    fc.assert(
      fc.property(case_, ({ subject, whole }) => {
        const one = new Map([...subject].slice(0, 1));
        const ref = new Map([...whole].slice(0, 1));
        const s = standardise(one, ref);
        if (!s) return;
        expect(s.adjusted.estimate).toBeCloseTo(Math.min(1, s.observed / s.n), 8);
      }),
    );
  });

  it("property: more observed outcomes never lower the adjusted figure", () => {
    fc.assert(
      fc.property(case_, ({ subject, whole }) => {
        const [first] = subject.keys();
        const c = subject.get(first)!;
        if (c.x >= c.n) return;
        const more = new Map(subject).set(first, { x: c.x + 1, n: c.n });
        const moreWhole = new Map(whole).set(first, { x: whole.get(first)!.x + 1, n: whole.get(first)!.n });
        const a = standardise(subject, moreWhole);
        const b = standardise(more, moreWhole);
        if (!a || !b) return;
        expect(b.adjusted.estimate).toBeGreaterThanOrEqual(a.adjusted.estimate - 1e-12);
        expect(b.adjusted.lower).toBeGreaterThanOrEqual(a.adjusted.lower - 1e-12);
      }),
    );
  });
});

describe("difference of two intervals (MOVER)", () => {
  it("with two Wilson intervals it is Newcombe's hybrid score interval: his example 56/70 − 48/80 → 0.0524–0.3339", () => {
    // Newcombe 1998 (Stat Med 17:873–890), table II, example (a), method 10.
    const d = differenceOfIntervals(wilsonInterval(56, 70), wilsonInterval(48, 80));
    expect(d.lower).toBeCloseTo(0.0524, 4);
    expect(d.upper).toBeCloseTo(0.3339, 4);
  });

  it("property: contains the difference of the estimates", () => {
    const interval = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map((v) => [...v].sort((a, b) => a - b))
      .map(([lower, estimate, upper]) => ({ lower, estimate, upper }));
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        const d = differenceOfIntervals(a, b);
        expect(d.lower).toBeLessThanOrEqual(d.estimate + 1e-12);
        expect(d.upper).toBeGreaterThanOrEqual(d.estimate - 1e-12);
      }),
    );
  });
});

describe("customer groups", () => {
  it("every dimension's groups are distinct, and `all` is a value of the column", () => {
    expect(new Set(customerGroups).size).toBe(customerGroups.length);
    expect(customerGroups.length).toBe(Object.values(groupDimensions).flat().length);
    expect(groupValues[0]).toBe("all");
    expect(isGroupValue("all")).toBe(true);
    expect(isGroupValue("age_50_plus")).toBe(true);
    expect(isGroupValue("Age_50_plus")).toBe(false);
  });

  it("the reader's groups from the check's answers: age, language, benefit", () => {
    expect(groupsFromFacts({ age: 29, foreign_language: true, benefit: "basic_allowance" })).toEqual(["age_under_30", "language_foreign", "allowance_other"]);
    expect(groupsFromFacts({ age: 30 })).toEqual(["age_30_49"]);
    expect(groupsFromFacts({ age: 50, benefit: "earnings_related" })).toEqual(["age_50_plus", "allowance_earnings_related"]);
    expect(groupsFromFacts({})).toEqual([]);
  });
});

describe("indirect standardisation against a published worked example", () => {
  // IUSSP, "Population Analysis for Policies and Programmes" (PAPP101), session 6, "Indirect
  // standardisation": Ecuador's deaths against Sweden's age-specific rates. Population (1000s) 7,498 /
  // 3,219 / 742 aged 0–29 / 30–59 / 60+; observed deaths 16,700 / 11,900 / 36,100; Sweden's rates
  // 0.45 / 2.4 / 42.4 per 1,000. Published: expected 3,374 / 7,726 / 31,461, in all 42,561; observed
  // 64,700; ratio of observed to expected 1.52.
  // (http://papp.iussp.org/sessions/papp101_s06/PAPP101_s06_080_020.html)
  it("gives the published expected count and ratio", () => {
    const ecuador = counts([
      ["0-29", 16_700, 7_498_000],
      ["30-59", 11_900, 3_219_000],
      ["60+", 36_100, 742_000],
    ]);
    // The reference: rates exactly Sweden's, over populations large enough to include Ecuador's.
    const reference = counts([
      ["0-29", 45_000, 100_000_000],
      ["30-59", 240_000, 100_000_000],
      ["60+", 4_240_000, 100_000_000],
    ]);
    const s = standardise(ecuador, reference)!;
    expect(Math.round(s.expected)).toBe(42_561);
    expect(s.observed).toBe(64_700);
    expect(s.ratio.estimate.toFixed(2)).toBe("1.52");
    expect(s.ratio.lower).toBeLessThan(s.ratio.estimate);
    expect(s.ratio.upper).toBeGreaterThan(s.ratio.estimate);
  });
});

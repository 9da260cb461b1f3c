import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, outcomes, type Facts, type MunicipalityInfo, type Outcome } from "~/domain/eligibility";
import { benefits, pilotDefinitionSchema, pilotStatus, statuses, yesNoFacts, type Condition, type PilotDefinition } from "~/domain/pilot";
import { examplePilots } from "../../db/seed/pilots";
import { mainlandCodes } from "../../db/seed/reference";

const examples = examplePilots(mainlandCodes());
const rank: Record<Outcome, number> = { may_choose: 2, municipal_pilot: 1, public_service: 0 };

/** A day between 2015 and 2031, as YYYY-MM-DD. */
const dateArb = fc.integer({ min: 0, max: 365 * 16 }).map((d) => new Date(Date.UTC(2015, 0, 1 + d)).toISOString().slice(0, 10));

/** Any combination of answers, each fact possibly unanswered. */
const factsArb: fc.Arbitrary<Facts> = fc.record(
  {
    registered: fc.boolean(),
    status: fc.constantFrom(...statuses),
    age: fc.integer({ min: 15, max: 99 }),
    benefit: fc.constantFrom(...benefits),
    integration_act: fc.boolean(),
    foreign_language: fc.boolean(),
    typ: fc.boolean(),
    referral: fc.boolean(),
    weaker_position: fc.boolean(),
  },
  { requiredKeys: [] },
);
/** Every fact answered, as the form and the API make sure of. */
const completeFactsArb = fc.record({
  registered: fc.boolean(),
  status: fc.constantFrom(...statuses),
  age: fc.integer({ min: 15, max: 99 }),
  benefit: fc.constantFrom(...benefits),
  integration_act: fc.boolean(),
  foreign_language: fc.boolean(),
  typ: fc.boolean(),
  referral: fc.boolean(),
  weaker_position: fc.boolean(),
});

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.subarray([...statuses], { minLength: 1, maxLength: 2 }).chain((list) => fc.constantFrom<Condition>({ fact: "status", in: list }, { fact: "status", notIn: list })),
  fc.subarray([...benefits], { minLength: 1, maxLength: 3 }).chain((list) => fc.constantFrom<Condition>({ fact: "benefit", in: list }, { fact: "benefit", notIn: list })),
  fc
    .tuple(fc.option(fc.integer({ min: 15, max: 99 }), { nil: undefined }), fc.option(fc.integer({ min: 15, max: 99 }), { nil: undefined }))
    .filter(([a, b]) => a !== undefined || b !== undefined)
    .map(([a, b]): Condition => (a !== undefined && b !== undefined ? { fact: "age", min: Math.min(a, b), max: Math.max(a, b) } : { fact: "age", min: a, max: b })),
  fc.record({ fact: fc.constantFrom(...yesNoFacts), is: fc.boolean() }),
);

/** Municipality codes the generated pilots draw from; 900–999 are never used, so they are outside every pilot. */
const pool = ["491", "749", "402", "588", "507", "740", "743", "091", "297", "593"];

const pilotArb: fc.Arbitrary<PilotDefinition> = fc
  .record({
    n: fc.integer({ min: 0, max: 1_000_000 }),
    municipalities: fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }),
    startsOn: dateArb,
    days: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    outcome: fc.constantFrom("may_choose" as const, "municipal_pilot" as const),
    requirements: fc.array(conditionArb, { maxLength: 3 }),
    targetGroup: fc.array(conditionArb, { maxLength: 3 }),
    exclusions: fc.array(conditionArb, { maxLength: 2 }),
  })
  .map((g) =>
    // Every generated pilot is one that the schema accepts.
    pilotDefinitionSchema.parse({
      ...examples[0],
      slug: `p-${g.n}`,
      isExample: true,
      municipalities: g.municipalities,
      startsOn: g.startsOn,
      endsOn: g.days === null ? null : new Date(Date.parse(g.startsOn) + g.days * 86_400_000).toISOString().slice(0, 10),
      eligibility: { outcome: g.outcome, requirements: g.requirements, targetGroup: g.targetGroup, exclusions: g.exclusions },
    }),
  );
const pilotSetArb = fc.uniqueArray(pilotArb, { minLength: 1, maxLength: 4, selector: (p) => p.slug });

const placeArb: fc.Arbitrary<MunicipalityInfo> = fc.oneof(
  fc.constantFrom(...pool, "478", "905").map((code) =>
    code === "588" ? { code, mergedInto: "507", mergedOn: "2025-01-01" } : { code, mergedInto: null, mergedOn: null },
  ),
  fc.integer({ min: 900, max: 999 }).map((n) => ({ code: String(n), mergedInto: null, mergedOn: null })),
);

describe("eligibility properties", () => {
  it("every combination of facts gives exactly one outcome with at least one reason (example pilots)", () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom(...mainlandCodes(), "588", "478"), dateArb, (facts, code, date) => {
        const place = code === "588" ? { code, mergedInto: "507", mergedOn: "2025-01-01" } : { code, mergedInto: null, mergedOn: null };
        const result = evaluate(facts, examples, place, date);
        expect(outcomes).toContain(result.outcome);
        expect(result.reasons.length).toBeGreaterThanOrEqual(1);
        expect(result.pilot === null || examples.some((p) => p.slug === result.pilot)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("every combination of facts gives exactly one outcome with at least one reason (any valid rules)", () => {
    fc.assert(
      fc.property(factsArb, pilotSetArb, placeArb, dateArb, (facts, pilots, place, date) => {
        const result = evaluate(facts, pilots, place, date);
        expect(outcomes).toContain(result.outcome);
        expect(result.reasons.length).toBeGreaterThanOrEqual(1);
        // The pilot used and the others named are exactly the pilots that cover the place.
        const named = [result.pilot, ...result.others.map((o) => o.pilot)].filter((s) => s !== null);
        expect(new Set(named).size).toBe(named.length);
      }),
      { numRuns: 1000 },
    );
  });

  it("a municipality outside every pilot never gives may_choose", () => {
    fc.assert(
      fc.property(completeFactsArb, pilotSetArb, fc.integer({ min: 900, max: 999 }), dateArb, (facts, pilots, n, date) => {
        const result = evaluate(facts, pilots, { code: String(n), mergedInto: null, mergedOn: null }, date);
        expect(result.outcome).toBe("public_service");
        const running = pilots.filter((p) => pilotStatus(p, date) === "running").map((p) => p.slug).sort();
        expect(result.reasons).toEqual([{ code: "no_pilot", municipality: String(n), on: date, running }]);
        expect(result.pilot).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it("adding an exclusion never turns public_service into may_choose, nor makes any answer better", () => {
    fc.assert(
      fc.property(completeFactsArb, pilotSetArb, placeArb, dateArb, conditionArb, fc.nat(), (facts, pilots, place, date, exclusion, which) => {
        const before = evaluate(facts, pilots, place, date);
        const target = which % pilots.length;
        const stricter = pilots.map((p, i) => (i === target ? { ...p, eligibility: { ...p.eligibility, exclusions: [...p.eligibility.exclusions, exclusion] } } : p));
        const after = evaluate(facts, stricter, place, date);
        if (before.outcome === "public_service") expect(after.outcome).not.toBe("may_choose");
        expect(rank[after.outcome]).toBeLessThanOrEqual(rank[before.outcome]);
      }),
      { numRuns: 1000 },
    );
  });

  it("adding a requirement never makes an answer better either", () => {
    fc.assert(
      fc.property(completeFactsArb, pilotSetArb, placeArb, dateArb, conditionArb, fc.nat(), (facts, pilots, place, date, requirement, which) => {
        const before = evaluate(facts, pilots, place, date);
        const target = which % pilots.length;
        const stricter = pilots.map((p, i) =>
          i === target ? { ...p, eligibility: { ...p.eligibility, requirements: [...p.eligibility.requirements, requirement] } } : p,
        );
        expect(rank[evaluate(facts, stricter, place, date).outcome]).toBeLessThanOrEqual(rank[before.outcome]);
      }),
      { numRuns: 500 },
    );
  });

  it("the generated cases reach every outcome, so the properties above are not empty", () => {
    const seen = new Set(
      fc.sample(fc.tuple(completeFactsArb, pilotSetArb, placeArb, dateArb), { numRuns: 3000, seed: 42 }).map(
        ([facts, pilots, place, date]) => evaluate(facts, pilots, place, date).outcome,
      ),
    );
    expect(seen).toEqual(new Set(outcomes));
  });
});

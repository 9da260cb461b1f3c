import { describe, expect, it } from "vitest";
import { assessedByPilot, evaluate, withAssessedFacts, type AssessedRecord, type Facts } from "~/domain/eligibility";
import { assessedFacts, isAssessedFact } from "~/domain/pilot";
import { examplePilots } from "../../db/seed/pilots";
import { mainlandCodes } from "../../db/seed/reference";

/** Decision 073: an assessed fact comes from the official's record, never from the person's answer. */
const pilots = examplePilots(mainlandCodes());
const iisalmi = { code: "140", mergedInto: null, mergedOn: null };
const today = "2026-12-04";
const answers: Facts = { registered: true, status: "unemployed" };

describe("assessed facts in the eligibility rule", () => {
  it("the assessed facts are the ones the public service decides", () => {
    expect(assessedFacts).toEqual(["referral", "weaker_position"]);
    expect(isAssessedFact("referral")).toBe(true);
    expect(isAssessedFact("registered")).toBe(false);
  });

  it("withAssessedFacts replaces the person's own answer with the record, and with false where there is none", () => {
    expect(withAssessedFacts({ ...answers, referral: true, weaker_position: true }, {})).toEqual({ ...answers, referral: false, weaker_position: false });
    expect(withAssessedFacts({ ...answers, referral: false }, { referral: true })).toEqual({ ...answers, referral: true, weaker_position: false });
  });

  it("purchased services: a person who says they are referred, without a record, may not choose (not confirmed, not 'answer missing')", () => {
    const result = evaluate({ ...answers, referral: true }, pilots, iisalmi, today, {});
    expect(result).toMatchObject({ outcome: "public_service", pilot: "purchased-services-example" });
    expect(result.reasons.map((r) => r.code)).toEqual(["requires_referral"]);
  });

  it("purchased services: with the official's record the person may choose, whatever they answered", () => {
    const result = evaluate({ ...answers, referral: false }, pilots, iisalmi, today, { "purchased-services-example": { referral: true } });
    expect(result).toMatchObject({ outcome: "may_choose", pilot: "purchased-services-example", reasons: [{ code: "may_choose" }] });
  });

  it("a record counts only for its own pilot", () => {
    const result = evaluate(answers, pilots, iisalmi, today, { "purchased-services": { referral: true } });
    expect(result.outcome).toBe("public_service");
  });

  it("the rest of the rule still holds: a confirmed person who is employed may not choose", () => {
    const result = evaluate({ registered: true, status: "employed" }, pilots, iisalmi, today, { "purchased-services-example": { referral: true } });
    expect(result.reasons.map((r) => r.code)).toEqual(["requires_status"]);
  });

  it("Kasvo: the weaker labour-market position is the official's assessment, not the person's answer", () => {
    const during = "2020-06-01";
    const pieksamaki = { code: "593", mergedInto: null, mergedOn: null };
    const said = evaluate({ registered: true, weaker_position: true }, pilots, pieksamaki, during, {});
    expect(said.reasons.map((r) => r.code)).toEqual(["requires_weaker_position"]);
    const assessed = evaluate({ registered: true }, pilots, pieksamaki, during, { "kasvo-south-savo": { weaker_position: true } });
    expect(assessed).toMatchObject({ outcome: "may_choose", pilot: "kasvo-south-savo" });
  });

  it("the open check (no records given) reads the answers as given, to explain the rule", () => {
    expect(evaluate({ ...answers, referral: true }, pilots, iisalmi, today).outcome).toBe("may_choose");
  });
});

describe("which record counts", () => {
  const record = (pilotSlug: string, fact: AssessedRecord["fact"], value: boolean, endsOn: string | null = null): AssessedRecord => ({ pilotSlug, fact, value, endsOn });

  it("the newest record of each pilot and fact counts; an older one is replaced, even by a no", () => {
    // Newest first, as the store gives them.
    const records = [record("a", "referral", false), record("a", "referral", true), record("b", "referral", true), record("a", "weaker_position", true)];
    expect(assessedByPilot(records, today)).toEqual({ a: { referral: false, weaker_position: true }, b: { referral: true } });
  });

  it("a record counts up to and including its last day, then not at all (an older record does not come back)", () => {
    const records = [record("a", "referral", true, today), record("a", "referral", false)];
    expect(assessedByPilot(records, today)).toEqual({ a: { referral: true } });
    expect(assessedByPilot(records, "2026-12-05")).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import { evaluate, relevantFacts, type Facts, type MunicipalityInfo, type Outcome } from "~/domain/eligibility";
import { checkPilotSet, pilotDefinitionSchema, type PilotDefinition } from "~/domain/pilot";
import { examplePilots } from "../../db/seed/pilots";
import { mainlandCodes } from "../../db/seed/reference";

const mainland = mainlandCodes();
const pilots = examplePilots(mainland);

/** A municipality as the evaluator sees it; Pertunmaa (588) merged into Mäntyharju (507) on 1.1.2025. */
function place(code: string): MunicipalityInfo {
  return code === "588" ? { code, mergedInto: "507", mergedOn: "2025-01-01" } : { code, mergedInto: null, mergedOn: null };
}

type Row = { name: string; municipality: string; date: string; facts: Facts; outcome: Outcome; pilot: string | null; codes: string[] };

function check(rows: Row[]) {
  it.each(rows)("$name", (row) => {
    const result = evaluate(row.facts, pilots, place(row.municipality), row.date);
    expect(result.outcome).toBe(row.outcome);
    expect(result.pilot).toBe(row.pilot);
    expect(result.reasons.map((r) => r.code)).toEqual(row.codes);
  });
}

describe("freedom-of-choice pilot (North Savo example: Siilinjärvi 749, Lapinlahti 402, from 1.1.2025)", () => {
  const ok: Facts = { registered: true, integration_act: false, typ: false };
  const today = "2026-11-25";
  check([
    { name: "a registered jobseeker may choose", municipality: "749", date: today, facts: ok, outcome: "may_choose", pilot: "north-savo-choice", codes: ["may_choose"] },
    { name: "Lapinlahti too", municipality: "402", date: today, facts: ok, outcome: "may_choose", pilot: "north-savo-choice", codes: ["may_choose"] },
    { name: "not registered: public service, register first", municipality: "749", date: today, facts: { ...ok, registered: false }, outcome: "public_service", pilot: "north-savo-choice", codes: ["requires_registered"] },
    { name: "Integration Act customer is excluded", municipality: "749", date: today, facts: { ...ok, integration_act: true }, outcome: "public_service", pilot: "north-savo-choice", codes: ["excluded_integration_act"] },
    { name: "TYP customer is excluded", municipality: "749", date: today, facts: { ...ok, typ: true }, outcome: "public_service", pilot: "north-savo-choice", codes: ["excluded_typ"] },
    {
      name: "every reason is given, not only the first",
      municipality: "749",
      date: today,
      facts: { registered: false, integration_act: true, typ: true },
      outcome: "public_service",
      pilot: "north-savo-choice",
      codes: ["requires_registered", "excluded_integration_act", "excluded_typ"],
    },
    { name: "first day 1.1.2025: open", municipality: "749", date: "2025-01-01", facts: ok, outcome: "may_choose", pilot: "north-savo-choice", codes: ["may_choose"] },
    { name: "the day before: starts on 1.1.2025", municipality: "749", date: "2024-12-31", facts: ok, outcome: "public_service", pilot: "north-savo-choice", codes: ["no_running_pilot", "pilot_not_started"] },
    { name: "no end date: still open in 2040", municipality: "749", date: "2040-06-30", facts: ok, outcome: "may_choose", pilot: "north-savo-choice", codes: ["may_choose"] },
    { name: "Kuopio next door is outside: only the ended national pilot covers it", municipality: "297", date: today, facts: ok, outcome: "public_service", pilot: "purchased-services", codes: ["no_running_pilot", "pilot_ended"] },
    { name: "Åland is in no pilot at all", municipality: "478", date: today, facts: ok, outcome: "public_service", pilot: null, codes: ["no_pilot"] },
  ]);

  it("outside the pilot areas says first that no pilot runs there, and which pilots run where", () => {
    for (const code of ["297", "091", "049"]) {
      expect(evaluate(ok, pilots, place(code), today).reasons[0]).toEqual({ code: "no_running_pilot", municipality: code, on: today, running: ["north-savo-choice", "purchased-services-example"] });
    }
    expect(evaluate(ok, pilots, place("478"), today).reasons).toEqual([{ code: "no_pilot", municipality: "478", on: today, running: ["north-savo-choice", "purchased-services-example"] }]);
  });

  it("names the other pilot that covers the municipality, with its own answer", () => {
    const result = evaluate(ok, pilots, place("749"), today);
    expect(result.others).toEqual([
      expect.objectContaining({ pilot: "purchased-services", status: "ended", outcome: "public_service", endsOn: "2018-12-31" }),
    ]);
  });

  it("asks only the questions its rules read", () => {
    expect(relevantFacts(pilots, place("749"), today)).toEqual(["registered", "integration_act", "typ"]);
    expect(relevantFacts(pilots, place("091"), today)).toEqual([]);
    expect(relevantFacts(pilots, place("749"), "2024-12-31")).toEqual([]);
  });

  it("never counts a missing answer in the person's favour", () => {
    const result = evaluate({ registered: true }, pilots, place("749"), today);
    expect(result.outcome).toBe("public_service");
    expect(result.reasons).toEqual([{ code: "answers_missing", pilot: "north-savo-choice", facts: ["integration_act", "typ"] }]);
  });
});

describe("municipal pilot (Mikkeli region, Savonlinna: 1.3.2021–31.12.2024)", () => {
  const base: Facts = { registered: true, status: "unemployed", age: 45, benefit: "earnings_related", foreign_language: false, integration_act: false };
  const during = "2023-05-01";
  const served = ["served_by_pilot", "in_target_group"];
  check([
    { name: "45, earnings-related allowance, Finnish-speaking: not in the target group", municipality: "491", date: during, facts: base, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["not_in_target_group"] },
    { name: "age 29 is under 30", municipality: "491", date: during, facts: { ...base, age: 29 }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "age exactly 30 is not under 30", municipality: "491", date: during, facts: { ...base, age: 30 }, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["not_in_target_group"] },
    { name: "labour-market subsidy: not entitled to the earnings-related allowance", municipality: "491", date: during, facts: { ...base, benefit: "labour_market_subsidy" }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "no benefit at all", municipality: "491", date: during, facts: { ...base, benefit: "none" }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "foreign-language speaker", municipality: "491", date: during, facts: { ...base, foreign_language: true }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "Integration Act customer (an immigrant)", municipality: "491", date: during, facts: { ...base, integration_act: true }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "in services counts like unemployed", municipality: "491", date: during, facts: { ...base, age: 25, status: "in_services" }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "employed: stays with the TE office", municipality: "491", date: during, facts: { ...base, age: 25, status: "employed" }, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["requires_status"] },
    { name: "not registered", municipality: "491", date: during, facts: { ...base, age: 25, registered: false }, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["requires_registered"] },
    { name: "first day 1.3.2021", municipality: "491", date: "2021-03-01", facts: { ...base, age: 25 }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "the day before: starts on 1.3.2021 (Kasvo had ended)", municipality: "491", date: "2021-02-28", facts: { ...base, age: 25 }, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["no_running_pilot", "pilot_not_started"] },
    { name: "last day 31.12.2024", municipality: "491", date: "2024-12-31", facts: { ...base, age: 25 }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "the day after: ended on 31.12.2024", municipality: "491", date: "2025-01-01", facts: { ...base, age: 25 }, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["no_running_pilot", "pilot_ended"] },
    { name: "Pertunmaa before its merger is in the pilot", municipality: "588", date: during, facts: { ...base, age: 25 }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "Mäntyharju before the merger too", municipality: "507", date: during, facts: { ...base, age: 25 }, outcome: "municipal_pilot", pilot: "mikkeli-region-municipal", codes: served },
    { name: "Pertunmaa after its merger: read as Mäntyharju, pilot ended", municipality: "588", date: "2026-11-25", facts: { ...base, age: 25 }, outcome: "public_service", pilot: "mikkeli-region-municipal", codes: ["municipality_merged", "no_running_pilot", "pilot_ended"] },
    { name: "Savonlinna runs its own pilot", municipality: "740", date: during, facts: { ...base, age: 25 }, outcome: "municipal_pilot", pilot: "savonlinna-municipal", codes: served },
    { name: "Pieksämäki was outside the municipal pilots", municipality: "593", date: during, facts: { ...base, age: 25 }, outcome: "public_service", pilot: "kasvo-south-savo", codes: ["no_running_pilot", "pilot_ended"] },
  ]);

  it("names the target-group conditions that the person meets", () => {
    const result = evaluate({ ...base, age: 22, benefit: "none" }, pilots, place("491"), during);
    expect(result.reasons[1]).toEqual({
      code: "in_target_group",
      pilot: "mikkeli-region-municipal",
      conditions: [
        { fact: "benefit", notIn: ["earnings_related"] },
        { fact: "age", max: 29 },
      ],
    });
  });

  it("asks about status, age, benefit and language while it runs, nothing after", () => {
    expect(relevantFacts(pilots, place("491"), during)).toEqual(["registered", "status", "age", "benefit", "integration_act", "foreign_language"]);
    expect(relevantFacts(pilots, place("588"), during)).toEqual(["registered", "status", "age", "benefit", "integration_act", "foreign_language"]);
    expect(relevantFacts(pilots, place("588"), "2025-06-01")).toEqual([]);
  });
});

describe("purchased-services pilot (nationwide mainland, 2017–2018, referral required)", () => {
  const ok: Facts = { registered: true, status: "unemployed", referral: true };
  check([
    { name: "a confirmed referral: may choose", municipality: "091", date: "2018-06-01", facts: ok, outcome: "may_choose", pilot: "purchased-services", codes: ["may_choose"] },
    { name: "nobody can refer themselves", municipality: "091", date: "2018-06-01", facts: { ...ok, referral: false }, outcome: "public_service", pilot: "purchased-services", codes: ["requires_referral"] },
    { name: "only the unemployed", municipality: "091", date: "2018-06-01", facts: { ...ok, status: "in_services" }, outcome: "public_service", pilot: "purchased-services", codes: ["requires_status"] },
    { name: "first day 1.1.2017", municipality: "091", date: "2017-01-01", facts: ok, outcome: "may_choose", pilot: "purchased-services", codes: ["may_choose"] },
    { name: "last day 31.12.2018", municipality: "091", date: "2018-12-31", facts: ok, outcome: "may_choose", pilot: "purchased-services", codes: ["may_choose"] },
    { name: "ended on 31.12.2018", municipality: "091", date: "2019-01-01", facts: ok, outcome: "public_service", pilot: "purchased-services", codes: ["no_running_pilot", "pilot_ended"] },
    { name: "Åland was not in it", municipality: "478", date: "2018-06-01", facts: ok, outcome: "public_service", pilot: null, codes: ["no_pilot"] },
  ]);
});

describe("services alliance (Seinäjoki 743, 2019–2020, labour-market subsidy)", () => {
  check([
    { name: "on labour-market subsidy", municipality: "743", date: "2020-06-01", facts: { registered: true, benefit: "labour_market_subsidy" }, outcome: "municipal_pilot", pilot: "seinajoki-alliance", codes: ["served_by_pilot"] },
    { name: "on earnings-related allowance", municipality: "743", date: "2020-06-01", facts: { registered: true, benefit: "earnings_related" }, outcome: "public_service", pilot: "seinajoki-alliance", codes: ["requires_benefit"] },
    { name: "Ilmajoki next door is not in it", municipality: "145", date: "2020-06-01", facts: {}, outcome: "public_service", pilot: "purchased-services", codes: ["no_running_pilot", "pilot_ended"] },
  ]);
});

describe("growth services pilot (Kasvo, South Savo, 2019–2020, weaker labour-market position)", () => {
  check([
    { name: "assessed as in a weaker position", municipality: "593", date: "2020-06-01", facts: { registered: true, weaker_position: true }, outcome: "may_choose", pilot: "kasvo-south-savo", codes: ["may_choose"] },
    { name: "not assessed", municipality: "593", date: "2020-06-01", facts: { registered: true, weaker_position: false }, outcome: "public_service", pilot: "kasvo-south-savo", codes: ["requires_weaker_position"] },
    { name: "Pertunmaa was in it, under its own code", municipality: "588", date: "2020-06-01", facts: { registered: true, weaker_position: true }, outcome: "may_choose", pilot: "kasvo-south-savo", codes: ["may_choose"] },
  ]);
});

describe("several pilots in one municipality", () => {
  // The North Savo rules moved to Mikkeli in 2023, beside the municipal pilot.
  const choice: PilotDefinition = { ...pilots[0], slug: "choice-in-mikkeli", municipalities: ["491"], startsOn: "2023-01-01", endsOn: null };
  const both = [...pilots, choice];
  const young: Facts = { registered: true, status: "unemployed", age: 25, benefit: "earnings_related", foreign_language: false, integration_act: false, typ: false };

  it("uses the pilot most favourable to the person and names the others", () => {
    const result = evaluate(young, both, place("491"), "2023-05-01");
    expect(result.outcome).toBe("may_choose");
    expect(result.pilot).toBe("choice-in-mikkeli");
    expect(result.others.map((o) => [o.pilot, o.outcome])).toEqual([
      ["mikkeli-region-municipal", "municipal_pilot"],
      ["kasvo-south-savo", "public_service"],
      ["purchased-services", "public_service"],
    ]);
  });

  it("falls back to the next best when the first excludes the person", () => {
    const result = evaluate({ ...young, integration_act: true }, both, place("491"), "2023-05-01");
    expect(result.outcome).toBe("municipal_pilot");
    expect(result.pilot).toBe("mikkeli-region-municipal");
    expect(result.others[0]).toMatchObject({ pilot: "choice-in-mikkeli", outcome: "public_service", reasons: [{ code: "excluded_integration_act" }] });
  });

  it("does not depend on the order the pilots are stored in", () => {
    for (const facts of [young, { ...young, integration_act: true }, { ...young, age: 45 }]) {
      expect(evaluate(facts, [...both].reverse(), place("491"), "2023-05-01")).toEqual(evaluate(facts, both, place("491"), "2023-05-01"));
    }
  });

  it("asks the union of the questions of the running pilots", () => {
    expect(relevantFacts(both, place("491"), "2023-05-01")).toEqual(["registered", "status", "age", "benefit", "integration_act", "foreign_language", "typ"]);
  });

  it("an unknown municipality is the public service, never an error", () => {
    expect(evaluate(young, both, null, "2023-05-01")).toMatchObject({ outcome: "public_service", reasons: [{ code: "municipality_unknown" }], pilot: null });
  });
});

describe("the rules as data", () => {
  const known = new Set([...mainland, "588", "478"]);
  const valid = () => structuredClone(pilots[1]) as unknown as Record<string, unknown> & { eligibility: Record<string, unknown> };

  it("the six example pilots parse and cover every model", () => {
    const checked = checkPilotSet(pilots, known);
    expect(checked.ok).toBe(true);
    expect(new Set(pilots.map((p) => p.model))).toEqual(new Set(["freedom_of_choice", "municipal_pilot", "purchased_services", "alliance", "growth_services"]));
    const northSavo = pilots.find((p) => p.slug === "north-savo-choice")!;
    expect(northSavo).toMatchObject({ isExample: true, startsOn: "2025-01-01", endsOn: null, municipalities: ["749", "402"] });
  });

  it.each([
    ["a misspelt key", (p: ReturnType<typeof valid>) => ((p.eligibility.exclusion = []), delete p.eligibility.exclusions), /eligibility: Unrecognized key: "exclusion"/],
    ["an unknown fact", (p: ReturnType<typeof valid>) => (p.eligibility.requirements = [{ fact: "shoe_size", is: true }]), /eligibility\.requirements\.0\.fact/],
    ["an age range upside down", (p: ReturnType<typeof valid>) => (p.eligibility.targetGroup = [{ fact: "age", min: 40, max: 30 }]), /age: min is greater than max/],
    ["an empty list", (p: ReturnType<typeof valid>) => (p.eligibility.requirements = [{ fact: "status", in: [] }]), /status: the list is empty/],
    ["a list of every value", (p: ReturnType<typeof valid>) => (p.eligibility.requirements = [{ fact: "status", in: ["unemployed", "in_services", "employed"] }]), /says nothing/],
    ["both in and notIn", (p: ReturnType<typeof valid>) => (p.eligibility.requirements = [{ fact: "benefit", in: ["none"], notIn: ["earnings_related"] }]), /benefit: give either in or notIn/],
    ["an unknown outcome", (p: ReturnType<typeof valid>) => (p.eligibility.outcome = "maybe"), /eligibility\.outcome/],
    ["an unknown municipality", (p: ReturnType<typeof valid>) => (p.municipalities = ["491", "999"]), /unknown code\(s\) 999/],
    ["an end before the start", (p: ReturnType<typeof valid>) => (p.endsOn = "2020-01-01"), /endsOn/],
  ])("refuses %s with a message naming the pilot and the field", (_name, breakIt, message) => {
    const broken = valid();
    breakIt(broken);
    const checked = checkPilotSet([pilots[0], broken], known);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.join("\n")).toMatch(/pilot "mikkeli-region-municipal"/);
    expect(checked.problems.join("\n")).toMatch(message);
  });

  it("refuses two pilots with the same slug", () => {
    const checked = checkPilotSet([pilots[0], pilots[0]], known);
    expect(checked).toEqual({ ok: false, problems: ['pilot "north-savo-choice": slug: another pilot has the same slug'] });
  });

  it("a definition without rules does not parse", () => {
    expect(pilotDefinitionSchema.safeParse({ ...pilots[0], eligibility: null }).success).toBe(false);
  });
});

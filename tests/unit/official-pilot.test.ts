import { describe, expect, it } from "vitest";
import {
  canonical,
  definitionToForm,
  formToDefinition,
  parseDate,
  pilotChanges,
  previewExamples,
  readPilotForm,
  ruleLists,
  type PilotForm,
} from "~/domain/official-pilot";
import { yesNoFacts, type PilotDefinition } from "~/domain/pilot";
import { examplePilots } from "../../db/seed/pilots";

const known = new Set(["749", "402", "491", "097", "178", "213", "507", "588", "623", "740", "743", "046", "593", "681", "768", "297", "140", "263"]);
const pilots = examplePilots([...known]);
const northSavo = pilots.find((p) => p.slug === "north-savo-choice")!;
const mikkeli = pilots.find((p) => p.slug === "mikkeli-region-municipal")!;

/** The form as the browser would post it. */
function post(form: PilotForm): FormData {
  const data = new FormData();
  for (const c of form.municipalities) data.append("municipality", c);
  data.set("addMunicipalities", form.addMunicipalities);
  data.set("startsOn", form.startsOn);
  data.set("endsOn", form.endsOn);
  data.set("lockMonths", form.lockMonths);
  data.set("smallNumberThreshold", form.smallNumberThreshold);
  for (const list of ruleLists) {
    const l = form.rules[list];
    for (const f of yesNoFacts) data.set(`${list}.${f}`, l.yesNo[f]);
    for (const fact of ["status", "benefit"] as const) {
      data.set(`${list}.${fact}.mode`, l[fact].mode);
      for (const v of l[fact].values) data.append(`${list}.${fact}`, v);
    }
    data.set(`${list}.age.min`, l.age.min);
    data.set(`${list}.age.max`, l.age.max);
  }
  return data;
}

const names = new Map([
  ["kuopio", "297"],
  ["siilinjärvi", "749"],
  ["s:t michel", "491"],
]);

function roundTrip(def: PilotDefinition, change: (form: PilotForm) => void = () => undefined) {
  const { form, kept } = definitionToForm(def);
  change(form);
  return formToDefinition(readPilotForm(post(form)), def, kept, known, names);
}

describe("the rules form", () => {
  it.each(pilots.map((p) => [p.slug, p] as const))("%s goes to the form and back unchanged", (_slug, def) => {
    const result = roundTrip(def);
    expect(result.ok && canonical(result.definition)).toBe(canonical(def));
  });

  it("keeps conditions the form cannot hold (a second age range in the target group)", () => {
    const def: PilotDefinition = {
      ...mikkeli,
      eligibility: { ...mikkeli.eligibility, targetGroup: [...mikkeli.eligibility.targetGroup, { fact: "age", min: 55 }] },
    };
    const { kept } = definitionToForm(def);
    expect(kept.targetGroup).toEqual([{ fact: "age", min: 55 }]);
    const result = roundTrip(def, (f) => (f.lockMonths = "3"));
    expect(result.ok && result.definition.eligibility.targetGroup).toContainEqual({ fact: "age", min: 55 });
    expect(result.ok && result.definition.lockMonths).toBe(3);
  });

  it("changes what the form says and leaves the rest of the definition", () => {
    const result = roundTrip(northSavo, (f) => {
      f.municipalities.push("297");
      f.endsOn = "31.12.2027";
      f.smallNumberThreshold = "10";
      f.rules.exclusions.yesNo.foreign_language = "true";
      f.rules.targetGroup.age = { min: "", max: "29" };
      f.rules.requirements.status = { mode: "in", values: ["unemployed", "in_services"] };
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const d = result.definition;
    expect(d.municipalities).toEqual(["749", "402", "297"]);
    expect(d.endsOn).toBe("2027-12-31");
    expect(d.smallNumberThreshold).toBe(10);
    expect(d.eligibility.exclusions).toContainEqual({ fact: "foreign_language", is: true });
    expect(d.eligibility.targetGroup).toEqual([{ fact: "age", max: 29 }]);
    expect(d.eligibility.requirements).toEqual([
      { fact: "registered", is: true },
      { fact: "status", in: ["unemployed", "in_services"] },
    ]);
    expect({ ...d, municipalities: [], endsOn: null, smallNumberThreshold: 0, eligibility: null }).toEqual({
      ...northSavo,
      municipalities: [],
      endsOn: null,
      smallNumberThreshold: 0,
      eligibility: null,
    });
  });

  it.each([
    ["no municipality", (f: PilotForm) => (f.municipalities = []), "municipalities", "rules.errors.municipalitiesRequired"],
    ["an unknown municipality", (f: PilotForm) => (f.municipalities = ["999"]), "municipalities", "rules.errors.municipalitiesUnknown"],
    ["no start date", (f: PilotForm) => (f.startsOn = ""), "startsOn", "rules.errors.startsOnRequired"],
    ["31 February", (f: PilotForm) => (f.startsOn = "31.2.2026"), "startsOn", "rules.errors.dateInvalid"],
    ["an end before the start", (f: PilotForm) => (f.endsOn = "2024-12-31"), "endsOn", "rules.errors.endsBeforeStart"],
    ["a lock of 61 months", (f: PilotForm) => (f.lockMonths = "61"), "lockMonths", "rules.errors.lockMonthsInvalid"],
    ["a lock of -1", (f: PilotForm) => (f.lockMonths = "-1"), "lockMonths", "rules.errors.lockMonthsInvalid"],
    ["no lock", (f: PilotForm) => (f.lockMonths = ""), "lockMonths", "rules.errors.lockMonthsRequired"],
    ["a threshold of 0", (f: PilotForm) => (f.smallNumberThreshold = "0"), "smallNumberThreshold", "rules.errors.thresholdInvalid"],
    ["a status list with every value", (f: PilotForm) => (f.rules.requirements.status = { mode: "in", values: ["unemployed", "in_services", "employed"] }), "requirements-status", "rules.errors.setAll"],
    ["a benefit condition with nothing ticked", (f: PilotForm) => (f.rules.exclusions.benefit = { mode: "notIn", values: [] }), "exclusions-benefit", "rules.errors.setEmpty"],
    ["values ticked without a condition", (f: PilotForm) => (f.rules.targetGroup.status = { mode: "", values: ["employed"] }), "targetGroup-status", "rules.errors.setModeMissing"],
    ["an age range upside down", (f: PilotForm) => (f.rules.targetGroup.age = { min: "40", max: "30" }), "targetGroup-age", "rules.errors.ageOrder"],
    ["an age that is not a number", (f: PilotForm) => (f.rules.targetGroup.age = { min: "x", max: "" }), "targetGroup-age", "rules.errors.ageInvalid"],
    ["an age over 150", (f: PilotForm) => (f.rules.requirements.age = { min: "", max: "151" }), "requirements-age", "rules.errors.ageInvalid"],
  ])("refuses %s, at its field", (_name, change, field, key) => {
    const result = roundTrip(northSavo, change);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field]).toBe(key);
  });

  it("adds municipalities typed by name (any case, Finnish or Swedish) or by code", () => {
    const result = roundTrip(northSavo, (f) => (f.addMunicipalities = " KUOPIO, 491 ;743\n"));
    expect(result.ok && result.definition.municipalities).toEqual(["749", "402", "297", "491", "743"]);
    const swedish = roundTrip(northSavo, (f) => (f.addMunicipalities = "S:t Michel"));
    expect(swedish.ok && swedish.definition.municipalities).toEqual(["749", "402", "491"]);
    const unknown = roundTrip(northSavo, (f) => (f.addMunicipalities = "Kuopio, Kuopo"));
    expect(!unknown.ok && unknown.errors).toEqual({ addMunicipalities: "rules.errors.addUnknown" });
    const only = roundTrip(northSavo, (f) => {
      f.municipalities = [];
      f.addMunicipalities = "297";
    });
    expect(only.ok && only.definition.municipalities).toEqual(["297"]);
  });

  it("ignores values that cannot come from the page", () => {
    const data = post(definitionToForm(northSavo).form);
    data.append("municipality", "abc");
    data.set("requirements.registered", "maybe");
    data.append("exclusions.status", "retired");
    const form = readPilotForm(data);
    expect(form.municipalities).toEqual(["749", "402"]);
    expect(form.rules.requirements.yesNo.registered).toBe("");
    expect(form.rules.exclusions.status.values).toEqual([]);
  });
});

describe("dates", () => {
  it.each([
    ["2026-03-01", "2026-03-01"],
    ["1.3.2026", "2026-03-01"],
    ["01.03.2026", "2026-03-01"],
    ["29.2.2028", "2028-02-29"],
    ["29.2.2027", null],
    ["2026-13-01", null],
    ["1/3/2026", null],
    ["", null],
    ["1.3.1899", null],
  ])("%s → %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe("the preview on example people", () => {
  it("shows who would now be excluded, and that the others stay as they are", () => {
    const proposed = roundTrip(northSavo, (f) => (f.rules.exclusions.yesNo.foreign_language = "true"));
    expect(proposed.ok).toBe(true);
    if (!proposed.ok) return;
    const rows = previewExamples(northSavo, proposed.definition, "2026-11-25");
    const changed = rows.filter((r) => r.changed).map((r) => r.key);
    expect(changed).toEqual(["inServicesForeignLanguage", "integrationAct"]);
    const person = rows.find((r) => r.key === "inServicesForeignLanguage")!;
    expect(person.current.outcome).toBe("may_choose");
    expect(person.proposed.outcome).toBe("public_service");
    expect(person.proposed.reasons).toContainEqual(expect.objectContaining({ code: "excluded_foreign_language" }));
    expect(rows.find((r) => r.key === "notRegistered")!.proposed.outcome).toBe("public_service");
  });

  it("uses the dates: a pilot that ended serves nobody, and reopening it changes every example", () => {
    const reopened = roundTrip(mikkeli, (f) => (f.endsOn = ""));
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    const rows = previewExamples(mikkeli, reopened.definition, "2026-11-25");
    expect(rows.every((r) => r.current.outcome === "public_service")).toBe(true);
    expect(rows.find((r) => r.key === "youngOnSubsidy")!.proposed.outcome).toBe("municipal_pilot");
    expect(rows.find((r) => r.key === "unemployedAdult")!.proposed.outcome).toBe("public_service");
  });
});

describe("what a change changes", () => {
  it("lists the area, dates, lock, threshold and each condition added or removed", () => {
    const after: PilotDefinition = {
      ...northSavo,
      municipalities: ["749", "297"],
      lockMonths: 3,
      eligibility: { ...northSavo.eligibility, exclusions: [{ fact: "typ", is: true }, { fact: "foreign_language", is: true }] },
    };
    expect(pilotChanges(northSavo, after)).toEqual([
      { kind: "areaAdded", codes: ["297"] },
      { kind: "areaRemoved", codes: ["402"] },
      { kind: "lockMonths", from: 6, to: 3 },
      { kind: "conditionRemoved", list: "exclusions", condition: { fact: "integration_act", is: true } },
      { kind: "conditionAdded", list: "exclusions", condition: { fact: "foreign_language", is: true } },
    ]);
    expect(pilotChanges(northSavo, northSavo)).toEqual([]);
  });
});

import { evaluatePilot, type Facts, type PilotResult } from "./eligibility";
import {
  ageLimits,
  benefits,
  pilotDefinitionSchema,
  statuses,
  yesNoFacts,
  type Benefit,
  type Condition,
  type EligibilityRules,
  type PilotDefinition,
  type Status,
  type YesNoFact,
} from "./pilot";

/**
 * Officials edit a pilot's rules with a form (docs/decisions/051-pilot-rules-editing.md). This
 * module turns a definition into the form's values and back, checks the proposal with the same zod
 * schema that the eligibility check loads (pilotDefinitionSchema), previews it on a fixed set of
 * example people, and lists what a save changed. Framework-free: "today" is a parameter.
 *
 * The form edits one condition per fact in each list (requirements, target group, exclusions).
 * A definition with more (two age ranges in the target group, say) keeps the extra conditions as
 * they are: the page lists them, and a save never drops them.
 */

export const ruleLists = ["requirements", "targetGroup", "exclusions"] as const;
export type RuleList = (typeof ruleLists)[number];

export type YesNoValue = "" | "true" | "false";
export type SetMode = "" | "in" | "notIn";

export type ListForm = {
  yesNo: Record<YesNoFact, YesNoValue>;
  status: { mode: SetMode; values: Status[] };
  benefit: { mode: SetMode; values: Benefit[] };
  age: { min: string; max: string };
};

export type PilotForm = {
  municipalities: string[];
  /** Municipalities to add, by name (Finnish or Swedish) or code, separated by commas. */
  addMunicipalities: string;
  startsOn: string;
  endsOn: string;
  lockMonths: string;
  smallNumberThreshold: string;
  rules: Record<RuleList, ListForm>;
};

/** A field of the form and the translation key (official namespace) of its problem. */
export type PilotFormErrors = Record<string, string>;

function emptyList(): ListForm {
  return {
    yesNo: Object.fromEntries(yesNoFacts.map((f) => [f, ""])) as Record<YesNoFact, YesNoValue>,
    status: { mode: "", values: [] },
    benefit: { mode: "", values: [] },
    age: { min: "", max: "" },
  };
}

/** The form's values for a definition, and the conditions the form cannot hold (kept as they are). */
export function definitionToForm(def: PilotDefinition): { form: PilotForm; kept: Record<RuleList, Condition[]> } {
  const rules = {} as Record<RuleList, ListForm>;
  const kept = {} as Record<RuleList, Condition[]>;
  for (const list of ruleLists) {
    const form = emptyList();
    const filled = new Set<string>();
    kept[list] = [];
    for (const c of def.eligibility[list]) {
      if (filled.has(c.fact)) {
        kept[list].push(c);
        continue;
      }
      filled.add(c.fact);
      if (c.fact === "status" || c.fact === "benefit") {
        const slot = form[c.fact] as { mode: SetMode; values: string[] };
        slot.mode = c.in ? "in" : "notIn";
        slot.values = [...(c.in ?? c.notIn ?? [])];
      } else if (c.fact === "age") {
        form.age = { min: c.min === undefined ? "" : String(c.min), max: c.max === undefined ? "" : String(c.max) };
      } else {
        form.yesNo[c.fact] = c.is ? "true" : "false";
      }
    }
    rules[list] = form;
  }
  return {
    form: {
      municipalities: [...def.municipalities],
      addMunicipalities: "",
      startsOn: def.startsOn,
      endsOn: def.endsOn ?? "",
      lockMonths: String(def.lockMonths),
      smallNumberThreshold: String(def.smallNumberThreshold),
      rules,
    },
    kept,
  };
}

type FormInput = { get(name: string): unknown; getAll(name: string): unknown[] };

const str = (v: unknown, max = 100) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/** Reads the posted form; values outside the known sets are dropped (they cannot come from the page). */
export function readPilotForm(input: FormInput): PilotForm {
  const rules = {} as Record<RuleList, ListForm>;
  for (const list of ruleLists) {
    const form = emptyList();
    for (const f of yesNoFacts) {
      const v = str(input.get(`${list}.${f}`));
      form.yesNo[f] = v === "true" || v === "false" ? v : "";
    }
    for (const fact of ["status", "benefit"] as const) {
      const mode = str(input.get(`${list}.${fact}.mode`));
      const allowed: readonly string[] = fact === "status" ? statuses : benefits;
      const values = new Set(input.getAll(`${list}.${fact}`).map((v) => str(v)));
      const slot = { mode: (mode === "in" || mode === "notIn" ? mode : ""), values: allowed.filter((a) => values.has(a)) };
      if (fact === "status") form.status = slot as ListForm["status"];
      else form.benefit = slot as ListForm["benefit"];
    }
    form.age = { min: str(input.get(`${list}.age.min`), 10), max: str(input.get(`${list}.age.max`), 10) };
    rules[list] = form;
  }
  const codes = [...new Set(input.getAll("municipality").map((v) => str(v, 10)))].filter((c) => /^\d{3}$/.test(c)).slice(0, 400);
  return {
    municipalities: codes,
    addMunicipalities: str(input.get("addMunicipalities"), 2000),
    startsOn: str(input.get("startsOn"), 20),
    endsOn: str(input.get("endsOn"), 20),
    lockMonths: str(input.get("lockMonths"), 10),
    smallNumberThreshold: str(input.get("smallNumberThreshold"), 10),
    rules,
  };
}

/** "2026-03-01" or "1.3.2026" → "2026-03-01"; anything else (or a date that does not exist) → null. */
export function parseDate(value: string): string | null {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (finnish) [d, m, y] = [Number(finnish[1]), Number(finnish[2]), Number(finnish[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1990 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

function parseInteger(value: string, min: number, max: number): number | null | undefined {
  if (value === "") return null;
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** The field a problem of a rule's condition is shown at. */
export function ruleField(list: RuleList, fact: string) {
  return `${list}-${fact.replace(/_/g, "-")}`;
}

/**
 * The proposed definition from the form's values, over the current definition (what the form does
 * not edit stays), checked with the domain's schema. Problems come as field → translation key.
 */
export function formToDefinition(
  form: PilotForm,
  current: PilotDefinition,
  kept: Record<RuleList, Condition[]>,
  knownMunicipalities: ReadonlySet<string>,
  names: ReadonlyMap<string, string> = new Map(),
): { ok: true; definition: PilotDefinition } | { ok: false; errors: PilotFormErrors } {
  const errors: PilotFormErrors = {};

  // Municipalities typed in to be added: each a code or a name, in any case.
  const added: string[] = [];
  for (const token of form.addMunicipalities.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean)) {
    const code = /^\d{3}$/.test(token) && knownMunicipalities.has(token) ? token : names.get(token.toLocaleLowerCase("fi"));
    if (code) added.push(code);
    else errors.addMunicipalities = "rules.errors.addUnknown";
  }
  const chosen = [...new Set([...form.municipalities, ...added])];
  if (chosen.length === 0) errors.municipalities = "rules.errors.municipalitiesRequired";
  else if (chosen.some((c) => !knownMunicipalities.has(c))) errors.municipalities = "rules.errors.municipalitiesUnknown";

  const startsOn = parseDate(form.startsOn);
  if (form.startsOn === "") errors.startsOn = "rules.errors.startsOnRequired";
  else if (!startsOn) errors.startsOn = "rules.errors.dateInvalid";
  const endsOn = form.endsOn === "" ? null : parseDate(form.endsOn);
  if (form.endsOn !== "" && !endsOn) errors.endsOn = "rules.errors.dateInvalid";
  else if (startsOn && endsOn && endsOn < startsOn) errors.endsOn = "rules.errors.endsBeforeStart";

  const lockMonths = parseInteger(form.lockMonths, 0, 60);
  if (lockMonths === null) errors.lockMonths = "rules.errors.lockMonthsRequired";
  else if (lockMonths === undefined) errors.lockMonths = "rules.errors.lockMonthsInvalid";
  const threshold = parseInteger(form.smallNumberThreshold, 1, 1000);
  if (threshold === null) errors.smallNumberThreshold = "rules.errors.thresholdRequired";
  else if (threshold === undefined) errors.smallNumberThreshold = "rules.errors.thresholdInvalid";

  // Each list in the order of the facts; `facts` remembers which field each condition came from.
  const eligibility = { outcome: current.eligibility.outcome } as EligibilityRules;
  const facts = {} as Record<RuleList, string[]>;
  for (const list of ruleLists) {
    const f = form.rules[list];
    const conditions: Condition[] = [];
    facts[list] = [];
    const push = (c: Condition) => {
      conditions.push(c);
      facts[list].push(c.fact);
    };
    if (f.yesNo.registered) push({ fact: "registered", is: f.yesNo.registered === "true" });
    for (const fact of ["status", "benefit"] as const) {
      const slot = f[fact];
      const all: readonly string[] = fact === "status" ? statuses : benefits;
      if (slot.mode === "") {
        if (slot.values.length > 0) errors[ruleField(list, fact)] = "rules.errors.setModeMissing";
        continue;
      }
      if (slot.values.length === 0) errors[ruleField(list, fact)] = "rules.errors.setEmpty";
      else if (slot.values.length === all.length) errors[ruleField(list, fact)] = "rules.errors.setAll";
      else push(fact === "status" ? { fact, [slot.mode]: slot.values as Status[] } : ({ fact, [slot.mode]: slot.values as Benefit[] }));
    }
    const min = parseInteger(f.age.min, ageLimits.min, ageLimits.max);
    const max = parseInteger(f.age.max, ageLimits.min, ageLimits.max);
    if (min === undefined || max === undefined) errors[ruleField(list, "age")] = "rules.errors.ageInvalid";
    else if (min !== null && max !== null && min > max) errors[ruleField(list, "age")] = "rules.errors.ageOrder";
    else if (min !== null || max !== null) push({ fact: "age", ...(min !== null ? { min } : {}), ...(max !== null ? { max } : {}) });
    for (const fact of yesNoFacts) {
      if (fact === "registered" || !f.yesNo[fact]) continue;
      push({ fact, is: f.yesNo[fact] === "true" });
    }
    for (const c of kept[list]) {
      conditions.push(c);
      facts[list].push(c.fact);
    }
    // The stored order is kept (it is the order reasons are given in); new conditions come last.
    const stored = current.eligibility[list];
    const rank = (c: Condition, i: number) => {
      const same = stored.findIndex((s) => canonical(s) === canonical(c));
      if (same >= 0) return same;
      const fact = i < conditions.length - kept[list].length ? stored.findIndex((s) => s.fact === c.fact) : -1;
      return fact >= 0 ? fact : stored.length + i;
    };
    const order = conditions.map((c, i) => ({ c, fact: facts[list][i], rank: rank(c, i) })).sort((a, b) => a.rank - b.rank);
    eligibility[list] = order.map((o) => o.c);
    facts[list] = order.map((o) => o.fact);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const proposal = {
    ...current,
    // The stored order is kept; municipalities added come after, by code.
    municipalities: [
      ...current.municipalities.filter((c) => chosen.includes(c)),
      ...chosen.filter((c) => !current.municipalities.includes(c)).sort(),
    ],
    startsOn: startsOn!,
    endsOn,
    lockMonths: lockMonths!,
    smallNumberThreshold: threshold!,
    eligibility,
  };
  // The schema the eligibility check loads has the last word; its problems point at their field.
  const parsed = pilotDefinitionSchema.safeParse(proposal);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, list, index] = issue.path;
      let field = "form";
      if (first === "eligibility" && typeof list === "string" && (ruleLists as readonly string[]).includes(list) && typeof index === "number") {
        field = ruleField(list as RuleList, facts[list as RuleList][index] ?? "registered");
      } else if (typeof first === "string" && ["municipalities", "startsOn", "endsOn", "lockMonths", "smallNumberThreshold"].includes(first)) {
        field = first;
      }
      errors[field] ??= first === "endsOn" ? "rules.errors.endsBeforeStart" : "rules.errors.invalid";
    }
    return { ok: false, errors };
  }
  return { ok: true, definition: parsed.data };
}

/** A stable text of a value, the same for equal values whatever the order of their keys. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/* ---------------------------------------------------------------------------------------------
 * Preview: these example people would now get…
 * ------------------------------------------------------------------------------------------- */

/** A fixed set of example people who live in the pilot's area, chosen to meet each kind of rule. */
export const examplePeople: { key: string; facts: Required<Facts> }[] = [
  {
    key: "unemployedAdult",
    facts: { registered: true, status: "unemployed", age: 45, benefit: "earnings_related", integration_act: false, foreign_language: false, typ: false, referral: false, weaker_position: false },
  },
  {
    key: "youngOnSubsidy",
    facts: { registered: true, status: "unemployed", age: 24, benefit: "labour_market_subsidy", integration_act: false, foreign_language: false, typ: false, referral: false, weaker_position: false },
  },
  {
    key: "inServicesForeignLanguage",
    facts: { registered: true, status: "in_services", age: 35, benefit: "basic_allowance", integration_act: false, foreign_language: true, typ: false, referral: false, weaker_position: false },
  },
  {
    key: "integrationAct",
    facts: { registered: true, status: "unemployed", age: 31, benefit: "labour_market_subsidy", integration_act: true, foreign_language: true, typ: false, referral: false, weaker_position: false },
  },
  {
    key: "typCustomer",
    facts: { registered: true, status: "unemployed", age: 52, benefit: "labour_market_subsidy", integration_act: false, foreign_language: false, typ: true, referral: false, weaker_position: true },
  },
  {
    key: "referred",
    facts: { registered: true, status: "unemployed", age: 50, benefit: "earnings_related", integration_act: false, foreign_language: false, typ: false, referral: true, weaker_position: false },
  },
  {
    key: "employedPartTime",
    facts: { registered: true, status: "employed", age: 40, benefit: "none", integration_act: false, foreign_language: false, typ: false, referral: false, weaker_position: false },
  },
  {
    key: "notRegistered",
    facts: { registered: false, status: "unemployed", age: 28, benefit: "none", integration_act: false, foreign_language: false, typ: false, referral: false, weaker_position: false },
  },
];

export type PreviewRow = { key: string; facts: Required<Facts>; current: PilotResult; proposed: PilotResult; changed: boolean };

/** What each example person gets under the current and the proposed rules, on `today`. */
export function previewExamples(current: PilotDefinition, proposed: PilotDefinition, today: string): PreviewRow[] {
  return examplePeople.map((person) => {
    const before = evaluatePilot(current, person.facts, today);
    const after = evaluatePilot(proposed, person.facts, today);
    return {
      key: person.key,
      facts: person.facts,
      current: before,
      proposed: after,
      changed: before.outcome !== after.outcome || canonical(before.reasons) !== canonical(after.reasons),
    };
  });
}

/* ---------------------------------------------------------------------------------------------
 * What a change changes
 * ------------------------------------------------------------------------------------------- */

export type PilotChange =
  | { kind: "areaAdded"; codes: string[] }
  | { kind: "areaRemoved"; codes: string[] }
  | { kind: "startsOn" | "endsOn"; from: string | null; to: string | null }
  | { kind: "lockMonths" | "smallNumberThreshold"; from: number; to: number }
  | { kind: "conditionAdded" | "conditionRemoved"; list: RuleList; condition: Condition }
  | { kind: "other" };

/** The differences between two versions of a pilot, in the order the form shows them. */
export function pilotChanges(before: PilotDefinition, after: PilotDefinition): PilotChange[] {
  const changes: PilotChange[] = [];
  const added = after.municipalities.filter((c) => !before.municipalities.includes(c));
  const removed = before.municipalities.filter((c) => !after.municipalities.includes(c));
  if (added.length) changes.push({ kind: "areaAdded", codes: added });
  if (removed.length) changes.push({ kind: "areaRemoved", codes: removed });
  if (before.startsOn !== after.startsOn) changes.push({ kind: "startsOn", from: before.startsOn, to: after.startsOn });
  if (before.endsOn !== after.endsOn) changes.push({ kind: "endsOn", from: before.endsOn, to: after.endsOn });
  if (before.lockMonths !== after.lockMonths) changes.push({ kind: "lockMonths", from: before.lockMonths, to: after.lockMonths });
  if (before.smallNumberThreshold !== after.smallNumberThreshold) {
    changes.push({ kind: "smallNumberThreshold", from: before.smallNumberThreshold, to: after.smallNumberThreshold });
  }
  for (const list of ruleLists) {
    const was = before.eligibility[list].map(canonical);
    const now = after.eligibility[list].map(canonical);
    before.eligibility[list].forEach((c, i) => {
      if (!now.includes(was[i])) changes.push({ kind: "conditionRemoved", list, condition: c });
    });
    after.eligibility[list].forEach((c, i) => {
      if (!was.includes(now[i])) changes.push({ kind: "conditionAdded", list, condition: c });
    });
  }
  const known = ["municipalities", "startsOn", "endsOn", "lockMonths", "smallNumberThreshold", "eligibility"];
  const rest = (d: PilotDefinition) => canonical(Object.fromEntries(Object.entries(d).filter(([k]) => !known.includes(k))));
  if (rest(before) !== rest(after) || before.eligibility.outcome !== after.eligibility.outcome) changes.push({ kind: "other" });
  return changes;
}

import {
  assessedFacts,
  factNames,
  pilotStatus,
  type Benefit,
  type Condition,
  type EligibilityRules,
  type FactName,
  type PilotDefinition,
  type PilotStatus,
  type Status,
  type AssessedFact,
} from "./pilot";

/**
 * "May I choose?" as a pure function of a person's facts, the pilots, their home municipality and a
 * date. No framework, no database, no clock: `today` is a parameter.
 *
 *   evaluate(facts, pilots, municipality, today) → { outcome, reasons, pilot, others, … }
 *
 * - Every pilot that covers the municipality is evaluated on its own: outside its dates it says
 *   "ended on …" / "starts on …"; inside them its rules decide (requirements, exclusions, target
 *   group: see app/domain/pilot.ts).
 * - Where several pilots cover the municipality, the answer uses the one most favourable to the
 *   person (may_choose, then municipal_pilot, then public_service) and names the others.
 * - Every outcome carries at least one reason. A municipality that no pilot covers is always
 *   `public_service`. Where no pilot covering the municipality is running on the date, the answer
 *   says so first (`no_pilot` / `no_running_pilot`) and names the pilots running elsewhere, so that
 *   an ended or future pilot is never the only thing a person outside the pilot areas reads. A fact that a running pilot needs but that was not answered never counts in
 *   the person's favour: that pilot then answers `public_service` with `answers_missing`.
 */

export const outcomes = ["may_choose", "municipal_pilot", "public_service"] as const;
export type Outcome = (typeof outcomes)[number];

/** A person's answers. A fact that was not asked is left out. */
export type Facts = {
  registered?: boolean;
  status?: Status;
  age?: number;
  benefit?: Benefit;
  integration_act?: boolean;
  foreign_language?: boolean;
  typ?: boolean;
  referral?: boolean;
  weaker_position?: boolean;
};

/**
 * The facts a signed-in person's answer is read with (docs/decisions/073-assessed-facts.md): an
 * assessed fact never comes from the person's own answer. Each is the official's record for the
 * pilot, and `false` where there is none, so that a rule that needs it says "not confirmed", never
 * "answer missing". `assessed` maps each fact to its value as recorded for the person.
 */
export function withAssessedFacts(answers: Facts, assessed: Partial<Record<AssessedFact, boolean>>): Facts {
  const facts: Facts = { ...answers };
  for (const name of assessedFacts) facts[name] = assessed[name] ?? false;
  return facts;
}

/** What the evaluator needs to know about the home municipality (historical codes included). */
export type MunicipalityInfo = { code: string; mergedInto: string | null; mergedOn: string | null };

export type RequirementCode = `requires_${FactName}`;
export type ExclusionCode = `excluded_${FactName}`;

export type Reason =
  | { code: "municipality_unknown" }
  | { code: "municipality_merged"; into: string; on: string }
  /** `municipality`: the code the rules were applied to; `running`: slugs of the pilots running anywhere on `on`. */
  | { code: "no_pilot"; municipality: string; on: string; running: string[] }
  | { code: "no_running_pilot"; municipality: string; on: string; running: string[] }
  | { code: "pilot_ended"; pilot: string; on: string }
  | { code: "pilot_not_started"; pilot: string; on: string }
  | { code: "answers_missing"; pilot: string; facts: FactName[] }
  | { code: RequirementCode; pilot: string; condition: Condition }
  | { code: ExclusionCode; pilot: string; condition: Condition }
  | { code: "not_in_target_group"; pilot: string; conditions: Condition[] }
  | { code: "in_target_group"; pilot: string; conditions: Condition[] }
  | { code: "may_choose"; pilot: string }
  | { code: "served_by_pilot"; pilot: string };
export type ReasonCode = Reason["code"];

/** Every reason code, for documentation and for the test that each one is explained in fi, sv, en. */
export const reasonCodes: ReasonCode[] = [
  "municipality_unknown",
  "municipality_merged",
  "no_pilot",
  "no_running_pilot",
  "pilot_ended",
  "pilot_not_started",
  "answers_missing",
  ...factNames.map((f) => `requires_${f}` as const),
  ...factNames.map((f) => `excluded_${f}` as const),
  "not_in_target_group",
  "in_target_group",
  "may_choose",
  "served_by_pilot",
];

/** The answer of one pilot for one person. */
export type PilotResult = {
  pilot: string;
  status: PilotStatus;
  startsOn: string;
  endsOn: string | null;
  outcome: Outcome;
  reasons: Reason[];
};

export type Evaluation = {
  outcome: Outcome;
  /** At least one; municipality notes first, then the reasons of the pilot used. */
  reasons: Reason[];
  /** Slug of the pilot the answer uses, or null when no pilot covers the municipality. */
  pilot: string | null;
  /** The other pilots that cover the municipality, with their own answers. */
  others: PilotResult[];
  /** The code the rules were applied to: the given one, or the one it merged into. */
  effectiveMunicipality: string | null;
  date: string;
};

/** The facts a set of rules reads, in the order the questions are asked. */
export function rulesFacts(rules: EligibilityRules): FactName[] {
  const used = new Set([...rules.requirements, ...rules.targetGroup, ...rules.exclusions].map((c) => c.fact));
  return factNames.filter((f) => used.has(f));
}

/** Whether a condition holds for the facts; undefined when the fact was not answered. */
export function holds(condition: Condition, facts: Facts): boolean | undefined {
  switch (condition.fact) {
    case "status":
      if (facts.status === undefined) return undefined;
      return condition.in ? condition.in.includes(facts.status) : !condition.notIn!.includes(facts.status);
    case "benefit":
      if (facts.benefit === undefined) return undefined;
      return condition.in ? condition.in.includes(facts.benefit) : !condition.notIn!.includes(facts.benefit);
    case "age":
      if (facts.age === undefined) return undefined;
      return (condition.min === undefined || facts.age >= condition.min) && (condition.max === undefined || facts.age <= condition.max);
    default: {
      const value = facts[condition.fact];
      return value === undefined ? undefined : value === condition.is;
    }
  }
}

function effectiveCode(m: MunicipalityInfo, today: string) {
  const merged = m.mergedInto !== null && m.mergedOn !== null && today >= m.mergedOn;
  return { code: merged ? m.mergedInto! : m.code, merged };
}

function covers(p: PilotDefinition, m: MunicipalityInfo, today: string) {
  const effective = effectiveCode(m, today);
  return p.municipalities.includes(m.code) || (effective.merged && p.municipalities.includes(effective.code));
}

/** The pilots that cover a municipality (under its given code or the code it merged into). */
export function coveringPilots(pilots: readonly PilotDefinition[], m: MunicipalityInfo, today: string) {
  return pilots.filter((p) => covers(p, m, today));
}

/**
 * The questions that can change the answer for this municipality on this date: the facts read by
 * the running pilots that cover it. Empty when no running pilot covers it.
 */
export function relevantFacts(pilots: readonly PilotDefinition[], m: MunicipalityInfo | null, today: string): FactName[] {
  if (!m) return [];
  const used = new Set(
    coveringPilots(pilots, m, today)
      .filter((p) => pilotStatus(p, today) === "running")
      .flatMap((p) => rulesFacts(p.eligibility)),
  );
  return factNames.filter((f) => used.has(f));
}

/** One pilot's answer for one person on one date. */
export function evaluatePilot(p: PilotDefinition, facts: Facts, today: string): PilotResult {
  const base = { pilot: p.slug, startsOn: p.startsOn, endsOn: p.endsOn };
  const status = pilotStatus(p, today);
  if (status === "upcoming") {
    return { ...base, status, outcome: "public_service", reasons: [{ code: "pilot_not_started", pilot: p.slug, on: p.startsOn }] };
  }
  if (status === "ended") {
    return { ...base, status, outcome: "public_service", reasons: [{ code: "pilot_ended", pilot: p.slug, on: p.endsOn! }] };
  }
  const rules = p.eligibility;
  const missing = rulesFacts(rules).filter((f) => facts[f] === undefined);
  if (missing.length > 0) {
    return { ...base, status, outcome: "public_service", reasons: [{ code: "answers_missing", pilot: p.slug, facts: missing }] };
  }
  const against: Reason[] = [
    ...rules.requirements
      .filter((c) => holds(c, facts) === false)
      .map((c): Reason => ({ code: `requires_${c.fact}`, pilot: p.slug, condition: c })),
    ...rules.exclusions
      .filter((c) => holds(c, facts) === true)
      .map((c): Reason => ({ code: `excluded_${c.fact}`, pilot: p.slug, condition: c })),
  ];
  const matched = rules.targetGroup.filter((c) => holds(c, facts) === true);
  if (rules.targetGroup.length > 0 && matched.length === 0) {
    against.push({ code: "not_in_target_group", pilot: p.slug, conditions: rules.targetGroup });
  }
  if (against.length > 0) return { ...base, status, outcome: "public_service", reasons: against };
  const reasons: Reason[] = [
    rules.outcome === "may_choose" ? { code: "may_choose", pilot: p.slug } : { code: "served_by_pilot", pilot: p.slug },
  ];
  if (matched.length > 0) reasons.push({ code: "in_target_group", pilot: p.slug, conditions: matched });
  return { ...base, status, outcome: rules.outcome, reasons };
}

const outcomeRank: Record<Outcome, number> = { may_choose: 0, municipal_pilot: 1, public_service: 2 };
const statusRank: Record<PilotStatus, number> = { running: 0, upcoming: 1, ended: 2 };

/**
 * Most favourable first: a choice before the municipal pilot before the public service; then a
 * running pilot (its answer is about the person) before one that starts soonest before the one
 * that ended last; the slug settles the rest, so that the answer never depends on storage order.
 */
export function byFavour(a: PilotResult, b: PilotResult): number {
  return (
    outcomeRank[a.outcome] - outcomeRank[b.outcome] ||
    statusRank[a.status] - statusRank[b.status] ||
    (a.status === "upcoming" ? a.startsOn.localeCompare(b.startsOn) : 0) ||
    (a.status === "ended" ? (b.endsOn ?? "").localeCompare(a.endsOn ?? "") : 0) ||
    a.pilot.localeCompare(b.pilot)
  );
}

/** Each pilot's assessed facts for one person, by pilot slug (see withAssessedFacts). */
export type AssessedByPilot = Record<string, Partial<Record<AssessedFact, boolean>>>;

/** A stored record of an assessed fact (docs/decisions/073-assessed-facts.md). */
export type AssessedRecord = { pilotSlug: string; fact: AssessedFact; value: boolean; endsOn: string | null };

/** Whether a record counts on `today`: it has no last day, or that day has not passed. */
export function assessedRecordCounts(record: Pick<AssessedRecord, "endsOn">, today: string): boolean {
  return record.endsOn === null || record.endsOn >= today;
}

/** The newest record of each key, from records newest first: a new record replaces the older ones. */
export function newestRecords<R>(records: readonly R[], key: (record: R) => string): R[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A person's records (newest first) → the assessed facts that count on `today`, by pilot: what the rules read. */
export function assessedByPilot(records: readonly AssessedRecord[], today: string): AssessedByPilot {
  const byPilot: AssessedByPilot = {};
  for (const r of newestRecords(records, (x) => `${x.pilotSlug}|${x.fact}`)) {
    if (assessedRecordCounts(r, today)) (byPilot[r.pilotSlug] ??= {})[r.fact] = r.value;
  }
  return byPilot;
}

/**
 * `assessed`: given for a signed-in person, each pilot reads its assessed facts from its own
 * officials' records (withAssessedFacts), never from `facts`; left out (the open check, where
 * nothing is stored), the answers are read as given.
 */
export function evaluate(
  facts: Facts,
  pilots: readonly PilotDefinition[],
  municipality: MunicipalityInfo | null,
  today: string,
  assessed?: AssessedByPilot,
): Evaluation {
  if (!municipality) {
    return { outcome: "public_service", reasons: [{ code: "municipality_unknown" }], pilot: null, others: [], effectiveMunicipality: null, date: today };
  }
  const effective = effectiveCode(municipality, today);
  const notes: Reason[] = effective.merged ? [{ code: "municipality_merged", into: effective.code, on: municipality.mergedOn! }] : [];
  const results = coveringPilots(pilots, municipality, today)
    .map((p) => evaluatePilot(p, assessed ? withAssessedFacts(facts, assessed[p.slug] ?? {}) : facts, today))
    .sort(byFavour);
  const [best, ...others] = results;
  // The pilots running anywhere on the date, for a person whose municipality has none.
  const running = () => pilots.filter((p) => pilotStatus(p, today) === "running").map((p) => p.slug).sort();
  if (!best) {
    return {
      outcome: "public_service",
      reasons: [...notes, { code: "no_pilot", municipality: effective.code, on: today, running: running() }],
      pilot: null,
      others: [],
      effectiveMunicipality: effective.code,
      date: today,
    };
  }
  const noneRunning: Reason[] = best.status === "running" ? [] : [{ code: "no_running_pilot", municipality: effective.code, on: today, running: running() }];
  return {
    outcome: best.outcome,
    reasons: [...notes, ...noneRunning, ...best.reasons],
    pilot: best.pilot,
    others,
    effectiveMunicipality: effective.code,
    date: today,
  };
}

import { z } from "zod";
import { benefits, statuses, yesNoFacts } from "./facts";

/**
 * A pilot as data. Officials edit it; the eligibility check (app/domain/eligibility.ts) evaluates it.
 * Framework-free. See docs/decisions/010-eligibility-rules-as-data.md for the shape of the rules.
 */
export const isoDate = z.iso.date();

const localized = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

export const pilotModels = [
  "freedom_of_choice",
  "municipal_pilot",
  "purchased_services",
  "alliance",
  "growth_services",
] as const;

// The facts a check may ask for live in ./facts.ts (no zod), so that the browser's forms can list
// them without loading the schemas below.
export {
  assessedFacts,
  benefits,
  factNames,
  isAssessedFact,
  statuses,
  yesNoFacts,
  type AssessedFact,
  type Benefit,
  type FactName,
  type Status,
  type YesNoFact,
} from "./facts";

/** The age a rule may name: a person of working age. */
export const ageLimits = { min: 0, max: 150 } as const;

function listOf<T extends readonly [string, ...string[]]>(values: T, fact: string) {
  return z
    .array(z.enum(values))
    .min(1, `${fact}: the list is empty, so the condition can never hold`)
    .refine((list) => new Set(list).size === list.length, `${fact}: a value is listed twice`)
    .refine((list) => list.length < values.length, `${fact}: the list names every value, so the condition says nothing`);
}

/**
 * One condition on one fact. Objects are strict: a misspelt key (`"exclusion"`, `"maximum"`) is an
 * error, never a rule that silently disappears.
 * - status / benefit: `in` (the fact is one of these) or `notIn` (it is none of these).
 * - age: inclusive bounds `min` and/or `max` ("under 30" is `max: 29`).
 * - yes/no facts: `is` true or false.
 */
export const conditionSchema = z.discriminatedUnion("fact", [
  z
    .strictObject({ fact: z.literal("status"), in: listOf(statuses, "status").optional(), notIn: listOf(statuses, "status").optional() })
    .refine((c) => (c.in === undefined) !== (c.notIn === undefined), "status: give either in or notIn"),
  z
    .strictObject({ fact: z.literal("benefit"), in: listOf(benefits, "benefit").optional(), notIn: listOf(benefits, "benefit").optional() })
    .refine((c) => (c.in === undefined) !== (c.notIn === undefined), "benefit: give either in or notIn"),
  z
    .strictObject({
      fact: z.literal("age"),
      min: z.number().int().min(ageLimits.min).max(ageLimits.max).optional(),
      max: z.number().int().min(ageLimits.min).max(ageLimits.max).optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, "age: give min, max or both")
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, "age: min is greater than max"),
  z.strictObject({ fact: z.enum(yesNoFacts), is: z.boolean() }),
]);
export type Condition = z.infer<typeof conditionSchema>;

/**
 * The eligibility rules of one pilot.
 * - `requirements`: what the person must have; every one must hold (registered, status, age…).
 * - `targetGroup`: who the pilot is for; at least one must hold. Empty: everyone who meets the
 *   requirements.
 * - `exclusions`: who is routed to the public service; none may hold (Integration Act, TYP…).
 * - `outcome`: what a person who meets the rules gets: a choice of provider (`may_choose`) or the
 *   pilot's own service (`municipal_pilot`).
 */
export const eligibilityRulesSchema = z.strictObject({
  outcome: z.enum(["may_choose", "municipal_pilot"]),
  requirements: z.array(conditionSchema),
  targetGroup: z.array(conditionSchema),
  exclusions: z.array(conditionSchema),
});
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;

export const pilotDefinitionSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    name: localized,
    model: z.enum(pilotModels),
    /** Example data that did not run as shown: pages say so plainly. */
    isExample: z.boolean(),
    /** Municipality codes, historical ones included (Pertunmaa 588). */
    municipalities: z
      .array(z.string().regex(/^\d{3}$/))
      .min(1)
      .refine((codes) => new Set(codes).size === codes.length, "a municipality is listed twice"),
    startsOn: isoDate,
    endsOn: isoDate.nullable(),
    /** What the pilot's customers get, in plain words. */
    offers: localized,
    /** Who runs the service for the customers of this pilot (private providers, the municipality…). */
    servedBy: localized,
    /**
     * Where the pilot's own service is reached, for a pilot that serves people itself with no
     * choice of provider (a municipal pilot, an alliance): the journey leads there.
     */
    contact: z.strictObject({ web: z.url({ protocol: /^https$/ }) }).optional(),
    /** Months a choice binds before it can be changed without a weighty reason. */
    lockMonths: z.number().int().min(0).max(60),
    /** Below this many customers a result is not shown as a figure. */
    smallNumberThreshold: z.number().int().min(1).max(1000),
    /** Who may choose, who is excluded, what the person must have. */
    eligibility: eligibilityRulesSchema,
    /** Where the rules come from. */
    source: z.string().min(1),
  })
  .refine((p) => p.endsOn === null || p.endsOn >= p.startsOn, {
    message: "pilot.endsBeforeStart",
    path: ["endsOn"],
  });

export type PilotDefinition = z.infer<typeof pilotDefinitionSchema>;

/**
 * A pilot with at most this many municipalities is named by them ("Siilinjärvi, Lapinlahti"); a
 * larger one (the national pilot) by its reach ("15 ELY areas, 292 municipalities").
 */
export const LIST_MUNICIPALITIES_UP_TO = 20;
export function namesItsMunicipalities(p: Pick<PilotDefinition, "municipalities">): boolean {
  return p.municipalities.length <= LIST_MUNICIPALITIES_UP_TO;
}

export type PilotStatus = "upcoming" | "running" | "ended";
export function pilotStatus(p: Pick<PilotDefinition, "startsOn" | "endsOn">, today: string): PilotStatus {
  if (today < p.startsOn) return "upcoming";
  if (p.endsOn !== null && today > p.endsOn) return "ended";
  return "running";
}

/**
 * Checks a whole set of pilots before any of it is used or saved: each definition against the
 * schema, slugs unique, every municipality code known. Returns every problem, each naming the pilot
 * and the field, so that a set with one bad rule is refused as a whole, never half-applied.
 */
export function checkPilotSet(
  input: readonly unknown[],
  knownMunicipalities: ReadonlySet<string>,
): { ok: true; pilots: PilotDefinition[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const pilots: PilotDefinition[] = [];
  const slugs = new Set<string>();
  input.forEach((raw, index) => {
    const name =
      raw && typeof raw === "object" && "slug" in raw && typeof raw.slug === "string" ? `"${raw.slug}"` : `#${index + 1}`;
    const parsed = pilotDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`pilot ${name}: ${issue.path.join(".") || "(definition)"}: ${issue.message}`);
      }
      return;
    }
    const p = parsed.data;
    if (slugs.has(p.slug)) problems.push(`pilot ${name}: slug: another pilot has the same slug`);
    slugs.add(p.slug);
    const unknown = p.municipalities.filter((c) => !knownMunicipalities.has(c));
    if (unknown.length > 0) problems.push(`pilot ${name}: municipalities: unknown code(s) ${unknown.join(", ")}`);
    pilots.push(p);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pilots };
}

/** Raised when a rule set does not parse; the message lists every problem. */
export class InvalidPilotSetError extends Error {
  constructor(readonly problems: string[]) {
    super(`The pilot rules were refused; nothing was applied:\n  ${problems.join("\n  ")}`);
    this.name = "InvalidPilotSetError";
  }
}

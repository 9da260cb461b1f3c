import { z } from "zod";
import type { Facts } from "./eligibility";
import { ageLimits, benefits, factNames, statuses, yesNoFacts, type FactName } from "./pilot";

/**
 * The eligibility facts a signed-in person answers on the choice journey: stored once, corrected
 * when they change. Only the facts that can change the answer for the person's municipality are
 * asked (relevantFacts of app/domain/eligibility.ts).
 */

const yesNo = z.boolean();
/** What is stored: a fact that does not parse (a rule changed its words) is dropped, never guessed. */
const storedShape = {
  registered: yesNo,
  status: z.enum(statuses),
  age: z.number().int().min(ageLimits.min).max(ageLimits.max),
  benefit: z.enum(benefits),
  integration_act: yesNo,
  foreign_language: yesNo,
  typ: yesNo,
  referral: yesNo,
  weaker_position: yesNo,
} satisfies Record<FactName, z.ZodType>;

export function parseFacts(raw: unknown): Facts {
  if (!raw || typeof raw !== "object") return {};
  const facts: Facts = {};
  for (const name of factNames) {
    const parsed = storedShape[name].safeParse((raw as Record<string, unknown>)[name]);
    if (parsed.success) (facts as Record<string, unknown>)[name] = parsed.data;
  }
  return facts;
}

function isYesNoFact(name: FactName): name is (typeof yesNoFacts)[number] {
  return (yesNoFacts as readonly string[]).includes(name);
}

/** The facts of `asked` that have no stored answer. */
export function missingFacts(asked: readonly FactName[], facts: Facts | null): FactName[] {
  return asked.filter((f) => facts?.[f] === undefined);
}

/** The form values of the facts (what a form shows for stored answers). */
export function factsToForm(facts: Facts | null): Record<string, string> {
  const form: Record<string, string> = {};
  if (!facts) return form;
  for (const name of factNames) {
    const v = facts[name];
    if (v === undefined) continue;
    form[name] = typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
  }
  return form;
}

/**
 * The facts form for the questions asked: each is required. Values are the open API's words
 * (`yes`/`no`, `unemployed`, `earnings_related`…). Messages are the eligibility check's own
 * translation keys, so that the same question says the same thing everywhere.
 */
export function factsFormSchema(asked: readonly FactName[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of asked) {
    const required = `eligibility:errors.${name}.required`;
    const invalid = `eligibility:errors.${name}.invalid`;
    const choice = <T extends readonly [string, ...string[]]>(values: T) =>
      z
        .string({ error: required })
        .min(1, required)
        .pipe(z.enum(values, { error: invalid }));
    if (isYesNoFact(name)) shape[name] = choice(["yes", "no"] as const).transform((v) => v === "yes");
    else if (name === "status") shape[name] = choice(statuses);
    else if (name === "benefit") shape[name] = choice(benefits);
    else {
      shape[name] = z
        .string({ error: required })
        .trim()
        .min(1, required)
        .regex(/^\d{1,3}$/, invalid)
        .transform(Number)
        .pipe(z.number().int().min(AGE_MIN, "eligibility:errors.age.out_of_range").max(AGE_MAX, "eligibility:errors.age.out_of_range"));
    }
  }
  return z.object(shape).transform((v) => v as Facts);
}

/**
 * Answers carried in an address from the eligibility check (its "make your choice" link), in the
 * open API's words: only the facts asked here, and only values the form would accept. They fill in
 * the form for the person to confirm; nothing is stored until the person saves it.
 */
export function answersFromQuery(params: URLSearchParams, asked: readonly FactName[]): Record<string, string> {
  const form: Record<string, string> = {};
  for (const name of asked) {
    const value = params.get(name);
    if (value !== null && factsFormSchema([name]).safeParse({ [name]: value }).success) form[name] = value.trim();
  }
  return form;
}

/**
 * Ages the eligibility check, its API and the choice accept: the one home of the bounds
 * (docs/decisions/012-eligibility-api.md). 15: people younger than that have not finished basic
 * education and are not customers of the public employment service; 99: a plausibility limit that
 * catches typing errors (450 for 45) without turning away anyone who is registered. Rules may name
 * any age.
 */
export const AGE_MIN = 15;
export const AGE_MAX = 99;

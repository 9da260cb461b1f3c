import { z } from "zod";
import { relevantFacts, type Facts } from "~/domain/eligibility";
import { benefits, factNames, statuses, type FactName } from "~/domain/pilot";
import { AGE_MAX, AGE_MIN } from "~/domain/choice-facts";
import { municipalityInfo, type CheckData } from "./check-data";
import type { Municipality } from "./pilots.store";

/**
 * The eligibility check's query: one schema for the page's form, the open API and the stored
 * answers of the choice journey (the same words everywhere), and its reading against the rules.
 * See docs/decisions/012-eligibility-api.md.
 */

/** Dates the check accepts: wide enough for every pilot in the data, narrow enough to catch typos. */
export const dateBounds = { min: "2000-01-01", max: "2099-12-31" } as const;

export const errorCodes = ["required", "invalid", "unknown", "out_of_range"] as const;
export type ErrorCode = (typeof errorCodes)[number];
export const fieldNames = ["municipality", "date", ...factNames] as const;
export type FieldName = (typeof fieldNames)[number];
export type FieldErrors = Partial<Record<FieldName, ErrorCode>>;

const blank = (v: unknown) => {
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") return v;
  const trimmed = v.trim();
  return trimmed === "" ? undefined : trimmed;
};
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blank, schema.optional());
}
const yesNo = optional(z.enum(["yes", "no"], { error: "invalid" }));

/** Every field is optional here: which facts are required depends on the municipality and the date. */
export const eligibilityQuerySchema = z.object({
  municipality: optional(z.string({ error: "invalid" }).regex(/^\d{3}$/, { error: "invalid" })),
  date: optional(
    z
      .string({ error: "invalid" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalid" })
      .pipe(z.iso.date({ error: "invalid" }))
      .refine((d) => d >= dateBounds.min && d <= dateBounds.max, { error: "out_of_range" }),
  ),
  registered: yesNo,
  status: optional(z.enum(statuses, { error: "invalid" })),
  age: optional(
    z
      .string({ error: "invalid" })
      .regex(/^[+-]?\d{1,6}$/, { error: "invalid" })
      .transform(Number)
      .pipe(z.number().int().min(AGE_MIN, { error: "out_of_range" }).max(AGE_MAX, { error: "out_of_range" })),
  ),
  benefit: optional(z.enum(benefits, { error: "invalid" })),
  integration_act: yesNo,
  foreign_language: yesNo,
  typ: yesNo,
  referral: yesNo,
  weaker_position: yesNo,
});
export type EligibilityQuery = z.infer<typeof eligibilityQuerySchema>;

/** The query's raw values (what the person typed, to show again) and what parsed. */
export function parseQuery(input: URLSearchParams | Record<string, unknown>) {
  const raw: Record<string, unknown> = {};
  const values: Partial<Record<FieldName, string>> = {};
  const repeated = new Set<FieldName>();
  for (const field of fieldNames) {
    let value: unknown;
    if (input instanceof URLSearchParams) {
      const all = input.getAll(field);
      if (all.length > 1) repeated.add(field);
      value = all[0];
    } else {
      value = input[field];
    }
    if (value === undefined || value === null) continue;
    raw[field] = value;
    values[field] =
      typeof value === "string" ? value.slice(0, 200) : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
  }
  const parsed = eligibilityQuerySchema.safeParse(raw);
  const errors: FieldErrors = {};
  let data: EligibilityQuery = {};
  if (parsed.success) {
    data = parsed.data;
  } else {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FieldName;
      errors[field] ??= (errorCodes as readonly string[]).includes(issue.message) ? (issue.message as ErrorCode) : "invalid";
    }
    // Keep what did parse, so that a single bad answer does not hide the others.
    const partial = eligibilityQuerySchema.safeParse(
      Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors))),
    );
    if (partial.success) data = partial.data;
  }
  for (const field of repeated) errors[field] = "invalid";
  return { values, data, errors };
}

/** Answers in API words → the domain's facts. Only the facts named are kept. */
export function toFacts(q: EligibilityQuery, only: readonly FactName[] = factNames): Facts {
  const facts: Facts = {};
  for (const f of only) {
    if (f === "status") facts.status = q.status;
    else if (f === "benefit") facts.benefit = q.benefit;
    else if (f === "age") facts.age = q.age;
    else if (q[f] !== undefined) facts[f] = q[f] === "yes";
  }
  for (const key of Object.keys(facts) as FactName[]) if (facts[key] === undefined) delete facts[key];
  return facts;
}

/**
 * Reads a query against the rules: which municipality and date, which facts matter there, which
 * are missing, and every error. `facts: "all"` checks the form of every fact given (the API);
 * `"relevant"` ignores facts that cannot change the answer (the page, which never asks them).
 */
export function readQuery(input: URLSearchParams | Record<string, unknown>, today: string, data: CheckData, facts: "all" | "relevant") {
  const { values, data: q, errors: parseErrors } = parseQuery(input);
  const errors: FieldErrors = {};
  if (parseErrors.municipality) errors.municipality = parseErrors.municipality;
  if (parseErrors.date) errors.date = parseErrors.date;
  let municipality: Municipality | null = null;
  if (!errors.municipality) {
    if (q.municipality === undefined) errors.municipality = "required";
    else {
      municipality = data.municipalities.get(q.municipality) ?? null;
      if (!municipality) errors.municipality = "unknown";
    }
  }
  const date = q.date ?? today;
  const relevant = municipality && !errors.date ? relevantFacts(data.pilots, municipalityInfo(municipality), date) : [];
  const checked = facts === "all" ? factNames : relevant;
  for (const f of checked) if (parseErrors[f]) errors[f] = parseErrors[f];
  const missing = relevant.filter((f) => q[f] === undefined && !errors[f]);
  return { values, query: q, errors, municipality, date, relevant, missing, facts: toFacts(q, relevant) };
}

/**
 * The eligibility check on the server: reads the query (the page's form and the open API use the
 * same words), loads the rules and the reference data, calls the pure evaluator
 * (app/domain/eligibility.ts) and shapes its answer for the page, the API and other areas.
 *
 * For the choice journey (issue 6):
 *
 *   evaluateStoredFacts(
 *     input: { facts: StoredFacts; homeMunicipality: string | null; today: string },
 *     db?: Db,
 *   ): StoredEvaluation
 *
 *   StoredFacts = { registered?: "yes"|"no"; status?: "unemployed"|"in_services"|"employed";
 *                   age?: number | string; benefit?: "earnings_related"|"labour_market_subsidy"|
 *                   "basic_allowance"|"none"; integration_act?, foreign_language?, typ?, referral?,
 *                   weaker_position?: "yes"|"no" }      (the words of GET /api/v1/eligibility;
 *                                                       a yes/no fact may also be true or false)
 *   today = "YYYY-MM-DD" (todayInFinland() from ~/format)
 *
 *   StoredEvaluation =
 *     | { ok: true; outcome: "may_choose"|"municipal_pilot"|"public_service"; pilotSlug: string | null;
 *         reasons: { code: string; text: { fi; sv; en } }[];   // as the open API gives them
 *         detail: Reason[];                                     // the domain's reasons, for logic
 *         otherPilots: string[]; relevantFacts: FactName[] }
 *     | { ok: false; errors: Partial<Record<"municipality" | FactName, "required"|"invalid"|"unknown"|"out_of_range">> }
 *
 *   Only the facts that can change the answer in that municipality on that day are needed
 *   (`relevantFacts`); a missing one gives { ok: false, errors: { fact: "required" } }. A rule set that
 *   does not parse throws InvalidPilotSetError (never a half-applied answer).
 */
import { z } from "zod";
import {
  evaluate,
  relevantFacts,
  rulesFacts,
  type Evaluation,
  type Facts,
  type MunicipalityInfo,
  type Outcome,
  type Reason,
} from "~/domain/eligibility";
import {
  benefits,
  factNames,
  InvalidPilotSetError,
  namesItsMunicipalities,
  pilotStatus,
  statuses,
  type FactName,
  type Localized,
  type PilotDefinition,
} from "~/domain/pilot";
import { AGE_MAX, AGE_MIN } from "~/domain/choice-facts";
import { formatDate, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";
import { nextSteps, reasonText, reasonWithNextStep, type NextStep, type TextContext } from "./text";
import { jobMarketFinland, publicServiceFor, type PublicService } from "./employment-areas.store";
import { logger } from "../platform/log";
import { allMunicipalities, loadPilotSet, type Municipality } from "./pilots.store";

/* ------------------------------------------------------------------------------------------------
 * The query: one schema for the page's form and the API. See docs/decisions/012-eligibility-api.md.
 * ---------------------------------------------------------------------------------------------- */

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

/* ------------------------------------------------------------------------------------------------
 * Rules and reference data
 * ---------------------------------------------------------------------------------------------- */

export type CheckData = {
  pilots: PilotDefinition[];
  pilotsBySlug: Map<string, PilotDefinition>;
  municipalities: Map<string, Municipality>;
};

/** The rules and the municipalities, or null when the stored rules do not parse (logged, never half-used). */
export function loadCheckData(db: Db = getDb()): CheckData | null {
  const set = loadPilotSet(db);
  if (!set.ok) {
    logger.error({ problems: set.problems }, "eligibility: the pilot rules do not parse; the check is unavailable");
    return null;
  }
  return {
    pilots: set.pilots,
    pilotsBySlug: new Map(set.pilots.map((p) => [p.slug, p])),
    municipalities: new Map(allMunicipalities(db).map((m) => [m.code, m])),
  };
}

export function municipalityInfo(m: Municipality): MunicipalityInfo {
  return { code: m.code, mergedInto: m.mergedInto, mergedOn: m.mergedOn };
}

function nameOf(data: CheckData, code: string, lang: Lang) {
  const m = data.municipalities.get(code);
  return m ? municipalityName(m, lang) : code;
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

function textContext(data: CheckData, municipality: Municipality, publicService: PublicService): TextContext {
  return {
    pilots: data.pilotsBySlug,
    municipality: municipality.code,
    municipalityName: (code, lang) => nameOf(data, code, lang),
    publicService,
  };
}

function localized(fn: (lang: Lang) => string): Localized {
  return { fi: fn("fi"), sv: fn("sv"), en: fn("en") };
}

/* ------------------------------------------------------------------------------------------------
 * The open API
 * ---------------------------------------------------------------------------------------------- */

export type ApiAnswer = {
  municipality: string;
  date: string;
  outcome: Outcome;
  pilot: { slug: string; name: Localized } | null;
  reasons: { code: string; text: Localized }[];
};

function apiReasons(evaluation: Evaluation, data: CheckData, municipality: Municipality, db: Db) {
  const ctx = textContext(data, municipality, publicServiceFor(municipality.code, db));
  return evaluation.reasons.map((r) => ({ code: r.code, text: localized((lang) => reasonWithNextStep(r, lang, ctx)) }));
}

/** GET /api/v1/eligibility: 200 with the answer, 400 with `{ errors: { field: code } }`, 503 when the rules do not parse. */
export function eligibilityApi(params: URLSearchParams, today: string, db: Db = getDb()): { status: 200 | 400 | 503; body: unknown } {
  const data = loadCheckData(db);
  if (!data) return { status: 503, body: { error: "rules_unavailable" } };
  const read = readQuery(params, today, data, "all");
  const errors: FieldErrors = { ...read.errors };
  for (const f of read.missing) errors[f] = "required";
  if (Object.keys(errors).length > 0 || !read.municipality) return { status: 400, body: { errors } };
  const evaluation = evaluate(read.facts, data.pilots, municipalityInfo(read.municipality), read.date);
  const pilot = evaluation.pilot ? data.pilotsBySlug.get(evaluation.pilot)! : null;
  const body: ApiAnswer = {
    municipality: read.municipality.code,
    date: read.date,
    outcome: evaluation.outcome,
    pilot: pilot ? { slug: pilot.slug, name: pilot.name } : null,
    reasons: apiReasons(evaluation, data, read.municipality, db),
  };
  return { status: 200, body };
}

/** GET /api/v1/pilots.json: every pilot with its area and rules, as the check uses them. */
export function pilotsJson(today: string, db: Db = getDb()): { status: 200 | 503; body: unknown } {
  const data = loadCheckData(db);
  if (!data) return { status: 503, body: { error: "rules_unavailable" } };
  return {
    status: 200,
    body: {
      date: today,
      pilots: data.pilots.map((p) => ({
        slug: p.slug,
        name: p.name,
        model: p.model,
        isExample: p.isExample,
        status: pilotStatus(p, today),
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        municipalities: p.municipalities,
        area: p.municipalities.map((code) => {
          const m = data.municipalities.get(code);
          return {
            code,
            name: m ? { fi: m.nameFi, sv: m.nameSv } : null,
            mergedInto: m?.mergedInto ?? null,
            mergedOn: m?.mergedOn ?? null,
          };
        }),
        questions: rulesFacts(p.eligibility),
        eligibility: p.eligibility,
        offers: p.offers,
        servedBy: p.servedBy,
        lockMonths: p.lockMonths,
        smallNumberThreshold: p.smallNumberThreshold,
        source: p.source,
      })),
    },
  };
}

/* ------------------------------------------------------------------------------------------------
 * For other areas: the choice journey (issue 6)
 * ---------------------------------------------------------------------------------------------- */

export type StoredFacts = Partial<Record<FactName, string | number | boolean>>;
export type StoredEvaluation =
  | {
      ok: true;
      outcome: Outcome;
      pilotSlug: string | null;
      reasons: { code: string; text: Localized }[];
      detail: Reason[];
      otherPilots: string[];
      relevantFacts: FactName[];
    }
  | { ok: false; errors: Partial<Record<"municipality" | FactName, ErrorCode>> };

/** See the signature at the top of this file. */
export function evaluateStoredFacts(
  input: { facts: StoredFacts; homeMunicipality: string | null; today: string },
  db: Db = getDb(),
): StoredEvaluation {
  const set = loadPilotSet(db);
  if (!set.ok) throw new InvalidPilotSetError(set.problems);
  const data: CheckData = {
    pilots: set.pilots,
    pilotsBySlug: new Map(set.pilots.map((p) => [p.slug, p])),
    municipalities: new Map(allMunicipalities(db).map((m) => [m.code, m])),
  };
  const words = Object.fromEntries(
    Object.entries(input.facts).map(([fact, value]) => [fact, typeof value === "boolean" ? (value ? "yes" : "no") : value]),
  );
  const read = readQuery({ ...words, municipality: input.homeMunicipality ?? undefined }, input.today, data, "relevant");
  const errors: Partial<Record<"municipality" | FactName, ErrorCode>> = {};
  for (const [field, code] of Object.entries(read.errors)) if (field !== "date") errors[field as FactName] = code;
  for (const f of read.missing) errors[f] = "required";
  if (Object.keys(errors).length > 0 || !read.municipality) return { ok: false, errors };
  const evaluation = evaluate(read.facts, data.pilots, municipalityInfo(read.municipality), input.today);
  return {
    ok: true,
    outcome: evaluation.outcome,
    pilotSlug: evaluation.pilot,
    reasons: apiReasons(evaluation, data, read.municipality, db),
    detail: evaluation.reasons,
    otherPilots: evaluation.others.map((o) => o.pilot),
    relevantFacts: read.relevant,
  };
}

/* ------------------------------------------------------------------------------------------------
 * The page /{lang}/eligibility
 * ---------------------------------------------------------------------------------------------- */

export type MunicipalityOption = { code: string; label: string };

/**
 * Every current municipality, named in the page's language (Swedish names in Swedish) and sorted
 * as that language sorts (å, ä, ö last), plus a historical code only where a pilot names it
 * (Pertunmaa 588), labelled with what it became.
 */
export function municipalityOptions(data: CheckData, lang: Lang): MunicipalityOption[] {
  const named = new Set(data.pilots.flatMap((p) => p.municipalities));
  const t = tFor(lang);
  const options = [...data.municipalities.values()]
    .filter((m) => m.mergedInto === null || named.has(m.code))
    .map((m) => ({
      code: m.code,
      label:
        m.mergedInto === null
          ? municipalityName(m, lang)
          : t("eligibility:form.municipality.historical", {
              name: municipalityName(m, lang),
              year: Number((m.mergedOn ?? "0000").slice(0, 4)) - 1,
              into: nameOf(data, m.mergedInto, lang),
            }),
    }));
  const collator = new Intl.Collator(lang === "sv" ? "sv" : "fi");
  return options.sort((a, b) => collator.compare(a.label, b.label) || a.code.localeCompare(b.code));
}

/** For the script that hides questions at once: the questions asked in each municipality that has any. */
export function relevanceMap(data: CheckData, date: string): Record<string, FactName[]> {
  const map: Record<string, FactName[]> = {};
  const codes = new Set(data.pilots.flatMap((p) => p.municipalities));
  for (const code of codes) {
    const m = data.municipalities.get(code);
    if (!m) continue;
    const facts = relevantFacts(data.pilots, municipalityInfo(m), date);
    if (facts.length > 0) map[code] = facts;
  }
  return map;
}

export type FormView = {
  values: Partial<Record<FieldName, string>>;
  /** Translated messages, in the order of the fields. */
  errors: { field: FieldName; message: string }[];
  options: MunicipalityOption[];
  relevance: Record<string, FactName[]>;
  /** The questions for the chosen municipality (the second step without JavaScript). */
  relevant: FactName[];
  municipality: { code: string; label: string } | null;
  /** A date given in the address is shown as a field, so that it can be corrected. */
  showDate: boolean;
  changeMunicipalityHref: string | null;
};

export type PilotView = {
  slug: string;
  name: string;
  isExample: boolean;
  statusText: string;
  areaText: string;
  offers: string;
  source: string;
};

export type ResultView = {
  outcome: Outcome;
  municipalityName: string;
  date: string;
  dateText: string;
  dateGiven: boolean;
  servedBy: string | null;
  /** How long a choice of a provider binds in the pilot the answer uses (0: it does not bind, or no choice). */
  commitmentMonths: number;
  reasons: { code: string; text: string }[];
  nextSteps: NextStep[];
  publicService: {
    kind: PublicService["kind"];
    name: string | null;
    /** The language the name is in: an area with no Swedish or English name is named in Finnish. */
    nameLang: Lang;
    web: string | null;
    sure: boolean;
    before2025: boolean;
    jobMarket: string;
  };
  pilot: PilotView | null;
  others: { slug: string; name: string; statusText: string }[];
  answers: { label: string; value: string }[];
  editHref: string;
  newHref: string;
};

export type EligibilityPageData =
  | { mode: "unavailable"; status: 503; lang: Lang }
  | { mode: "municipality" | "questions"; status: 200 | 400; lang: Lang; form: FormView }
  | { mode: "result"; status: 200; lang: Lang; result: ResultView };

function statusText(p: PilotDefinition, today: string, lang: Lang) {
  const t = tFor(lang);
  const start = formatDate(p.startsOn, lang);
  const end = p.endsOn ? formatDate(p.endsOn, lang) : "";
  const status = pilotStatus(p, today);
  if (status === "upcoming") return t("eligibility:result.rules.status.upcoming", { start });
  if (status === "ended") return t("eligibility:result.rules.status.ended", { start, end });
  return p.endsOn ? t("eligibility:result.rules.status.runningUntil", { start, end }) : t("eligibility:result.rules.status.runningFrom", { start });
}

function pilotView(p: PilotDefinition, data: CheckData, today: string, lang: Lang): PilotView {
  const t = tFor(lang);
  // A national pilot is described by its reach, a small one by its municipalities.
  const areaText =
    namesItsMunicipalities(p)
      ? t("eligibility:result.rules.area", { list: p.municipalities.map((c) => nameOf(data, c, lang)).join(", ") })
      : t("eligibility:result.rules.areaCount", { count: p.municipalities.length });
  return {
    slug: p.slug,
    name: p.name[lang],
    isExample: p.isExample,
    statusText: statusText(p, today, lang),
    areaText,
    offers: p.offers[lang],
    source: p.source,
  };
}

function href(lang: Lang, params: [string, string][]) {
  const qs = new URLSearchParams(params).toString();
  return `/${lang}/eligibility${qs ? `?${qs}` : ""}`;
}

function answerValue(f: FactName, q: EligibilityQuery, lang: Lang) {
  const t = tFor(lang);
  if (f === "age") return t("eligibility:answers.ageValue", { age: q.age });
  if (f === "status") return t(`eligibility:answers.statusValue.${q.status}`);
  if (f === "benefit") return t(`eligibility:answers.benefitValue.${q.benefit}`);
  return t(q[f] === "yes" ? "eligibility:form.yes" : "eligibility:form.no");
}

/** Everything the page shows for a query, in the page's language. */
export function eligibilityPage(params: URLSearchParams, lang: Lang, today: string, db: Db = getDb()): EligibilityPageData {
  const data = loadCheckData(db);
  if (!data) return { mode: "unavailable", status: 503, lang };
  const t = tFor(lang);
  const read = readQuery(params, today, data, "relevant");
  const dateGiven = params.has("date");
  const relevanceDate = read.errors.date ? today : read.date;
  const keep = (fields: readonly FieldName[]) =>
    fields.filter((f) => read.values[f] !== undefined).map((f): [string, string] => [f, read.values[f]!]);

  const form = (mode: "municipality" | "questions", errors: FieldErrors): EligibilityPageData => {
    const order = fieldNames.filter((f) => errors[f]);
    const options = municipalityOptions(data, lang);
    return {
      mode,
      status: order.length > 0 ? 400 : 200,
      lang,
      form: {
        values: read.values,
        errors: order.map((field) => ({ field, message: t(`eligibility:errors.${field}.${errors[field]}`) })),
        options,
        relevance: relevanceMap(data, relevanceDate),
        relevant: read.relevant,
        municipality: read.municipality
          ? { code: read.municipality.code, label: options.find((o) => o.code === read.municipality!.code)?.label ?? read.municipality.code }
          : null,
        showDate: dateGiven,
        changeMunicipalityHref: read.municipality ? href(lang, [...keep(["municipality", "date"]), ["edit", "municipality"]]) : null,
      },
    };
  };

  const submitted = params.get("step") === "questions";
  const edit = params.get("edit");
  // A fresh start: nothing chosen yet, nothing to complain about.
  if (!params.has("municipality") && !submitted) {
    return form("municipality", read.errors.date ? { date: read.errors.date } : {});
  }
  if (read.errors.municipality || read.errors.date || !read.municipality) {
    const errors: FieldErrors = {};
    if (read.errors.municipality) errors.municipality = read.errors.municipality;
    if (read.errors.date) errors.date = read.errors.date;
    return form("municipality", errors);
  }
  if (edit === "municipality") return form("municipality", {});
  if (edit === "answers") return form(read.relevant.length > 0 ? "questions" : "municipality", {});

  const answered = read.relevant.some((f) => (read.values[f] ?? "").trim() !== "");
  if (!submitted && !answered && read.relevant.length > 0) return form("questions", {});
  const errors: FieldErrors = { ...read.errors };
  for (const f of read.missing) errors[f] = "required";
  if (Object.keys(errors).length > 0) return form("questions", errors);

  // The answer.
  const municipality = read.municipality;
  const evaluation = evaluate(read.facts, data.pilots, municipalityInfo(municipality), read.date);
  const publicService = publicServiceFor(municipality.code, db);
  const ctx = textContext(data, municipality, publicService);
  const answerParams: [string, string][] = [
    ["municipality", municipality.code],
    ...(dateGiven ? ([["date", read.date]] as [string, string][]) : []),
    ...read.relevant.map((f): [string, string] => [f, String(read.query[f])]),
  ];
  const editHref = href(lang, [...answerParams, ["edit", "answers"]]);
  const pilot = evaluation.pilot ? data.pilotsBySlug.get(evaluation.pilot)! : null;
  // The choice journey asks the same questions: the answers go with the link.
  const carried = new URLSearchParams(read.relevant.map((f): [string, string] => [f, String(read.query[f])])).toString();
  const chooseHref = `/${lang}/choose${carried ? `?${carried}` : ""}`;
  const providersQuery = new URLSearchParams(
    read.relevant
      .filter((f) => f === "age" || f === "benefit" || f === "foreign_language")
      .map((f): [string, string] => [f, String(read.query[f])]),
  ).toString();
  const steps = nextSteps(evaluation.reasons, lang, ctx, { editHref, chooseHref, providersQuery });
  return {
    mode: "result",
    status: 200,
    lang,
    result: {
      outcome: evaluation.outcome,
      municipalityName: nameOf(data, municipality.code, lang),
      date: read.date,
      dateText: formatDate(read.date, lang),
      dateGiven,
      servedBy: evaluation.outcome === "municipal_pilot" && pilot ? pilot.servedBy[lang] : null,
      commitmentMonths: evaluation.outcome === "may_choose" && pilot ? pilot.lockMonths : 0,
      reasons: evaluation.reasons.map((r) => ({ code: r.code, text: reasonText(r, lang, ctx) })),
      nextSteps: steps,
      publicService: {
        kind: publicService.kind,
        name: publicService.name?.[lang] ?? null,
        nameLang: lang !== "fi" && publicService.name && publicService.name[lang] === publicService.name.fi ? "fi" : lang,
        web: publicService.web,
        sure: publicService.sure,
        before2025: read.date < "2025-01-01",
        jobMarket: jobMarketFinland.web,
      },
      pilot: pilot ? pilotView(pilot, data, read.date, lang) : null,
      others: evaluation.others.map((o) => {
        const p = data.pilotsBySlug.get(o.pilot)!;
        return { slug: p.slug, name: p.name[lang], statusText: statusText(p, read.date, lang) };
      }),
      answers: [
        { label: t("eligibility:answers.municipality"), value: nameOf(data, municipality.code, lang) },
        ...(dateGiven ? [{ label: t("eligibility:answers.date"), value: formatDate(read.date, lang) }] : []),
        ...read.relevant.map((f) => ({ label: t(`eligibility:answers.${f}`), value: answerValue(f, read.query, lang) })),
      ],
      editHref,
      newHref: href(lang, []),
    },
  };
}

import { evaluate, rulesFacts, type Evaluation, type Outcome } from "~/domain/eligibility";
import { pilotStatus, type Localized } from "~/domain/pilot";
import { getDb, type Db } from "../platform/db";
import { loadCheckData, localized, municipalityInfo, textContext, type CheckData } from "./check-data";
import { publicServiceFor } from "./employment-areas.store";
import type { Municipality } from "./pilots.store";
import { readQuery, type FieldErrors } from "./query";
import { reasonWithNextStep } from "./text";

/**
 * The open API's JSON: GET /api/v1/eligibility (the check, with its reasons in every language) and
 * GET /api/v1/pilots.json (the rules it uses). See docs/decisions/012-eligibility-api.md.
 */

export type ApiAnswer = {
  municipality: string;
  date: string;
  outcome: Outcome;
  pilot: { slug: string; name: Localized } | null;
  reasons: { code: string; text: Localized }[];
};

/** The reasons of an answer as the open API gives them: a code and the text with its next step, in every language. */
export function apiReasons(evaluation: Evaluation, data: CheckData, municipality: Municipality, db: Db) {
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

import { evaluate, type Outcome, type Reason } from "~/domain/eligibility";
import { InvalidPilotSetError, type FactName, type Localized } from "~/domain/pilot";
import { getDb, type Db } from "../platform/db";
import { apiReasons } from "./api";
import { checkData, municipalityInfo } from "./check-data";
import { loadPilotSet } from "./pilots.store";
import { readQuery, type ErrorCode } from "./query";

/**
 * The evaluation of a person's stored answers, for the choice journey (issue 6): the same
 * reading and the same reasons as the open API.
 *
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
  const data = checkData(set.pilots, db);
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

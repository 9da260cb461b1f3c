/**
 * The facts an eligibility check may ask for, in the words of the open API (GET /api/v1/eligibility).
 * Apart from the pilot's schemas (./pilot.ts, which re-exports them) so that the browser's forms
 * (the eligibility check, the officials' rules) can list them without loading zod (issue 17).
 */
export const statuses = ["unemployed", "in_services", "employed"] as const;
export type Status = (typeof statuses)[number];
export const benefits = ["earnings_related", "labour_market_subsidy", "basic_allowance", "none"] as const;
export type Benefit = (typeof benefits)[number];
/** Facts answered yes or no. */
export const yesNoFacts = ["registered", "integration_act", "foreign_language", "typ", "referral", "weaker_position"] as const;
export type YesNoFact = (typeof yesNoFacts)[number];
/**
 * Facts the public service decides about a person, never the person (docs/decisions/073-assessed-facts.md):
 * `referral` (confirmed entitled after the periodic interview: the purchased-services pilot) and
 * `weaker_position` (in a weaker labour-market position: Kasvo). An official of the pilot records them.
 */
export const assessedFacts = ["referral", "weaker_position"] as const satisfies readonly YesNoFact[];
export type AssessedFact = (typeof assessedFacts)[number];
export function isAssessedFact(name: string): name is AssessedFact {
  return (assessedFacts as readonly string[]).includes(name);
}
/** Every fact, in the order the questions are asked. */
export const factNames = [
  "registered",
  "status",
  "age",
  "benefit",
  "integration_act",
  "foreign_language",
  "typ",
  "referral",
  "weaker_position",
] as const;
export type FactName = (typeof factNames)[number];


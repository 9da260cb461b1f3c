/**
 * The few words of the choice that pages need in the browser too. No zod and no other module
 * here, so that a page's script stays small.
 */

/** The value of the "public service" option in the pick form. */
export const PUBLIC_SERVICE = "public-service";

/** Length limits of a weighty reason, in characters. */
export const WEIGHTY_REASON_MIN = 10;
export const WEIGHTY_REASON_MAX = 2000;

/** The facts answered yes or no (the same list as yesNoFacts of app/domain/pilot.ts). */
const yesNo: readonly string[] = ["registered", "integration_act", "foreign_language", "typ", "referral", "weaker_position"];
export function isYesNoFact(name: string): boolean {
  return yesNo.includes(name);
}

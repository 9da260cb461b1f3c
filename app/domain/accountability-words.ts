/**
 * The words and limits of accountability (issue 16; decision 071) that pages need in the browser
 * too: no zod and no other module here, so that a page's script stays small (issue 17). The rules
 * and schemas are in ./accountability.ts, which re-exports these.
 */

/** What a person may report about a provider. The order is the form's and the open data's. */
export const reportCategories = ["gift", "no_contact", "office_closed", "meeting_cancelled", "treated_badly", "other"] as const;
export type ReportCategory = (typeof reportCategories)[number];

/** Where a report or a dispute is in the officials' handling. */
export const caseStates = ["received", "in_progress", "answered", "not_upheld"] as const;
export type CaseState = (typeof caseStates)[number];
/** States after which the person has their answer and the case is closed. */
export const closedStates: readonly CaseState[] = ["answered", "not_upheld"];

/** A customer's answer about a recorded contact or meeting. */
export const deliveryAnswers = ["confirmed", "did_not_happen", "other_day"] as const;
export type DeliveryAnswer = (typeof deliveryAnswers)[number];
export const disputeAnswers: readonly DeliveryAnswer[] = ["did_not_happen", "other_day"];

/** Free text is bounded: a description or a note, and an official's answer. */
export const DESCRIPTION_MAX = 2000;
export const NOTE_MAX = 1000;
export const OFFICIAL_ANSWER_MAX = 2000;

/**
 * How long free text is kept (the retention decision in 071): the description of a report, a
 * dispute's note and the official's answer, with the link from a report to the person who made it,
 * are removed this many months after the case was closed (answered or not upheld), and at the
 * latest RETENTION_MAX_MONTHS after it was made, whatever its state. Counts stay.
 */
export const FREE_TEXT_MONTHS_AFTER_CLOSED = 6;
export const FREE_TEXT_MAX_MONTHS = 24;

/** The columns the open data adds per provider and month (results.csv / results.json). */
export const accountabilityColumns = [
  "meetings_recorded",
  "meetings_confirmed",
  "meetings_disputed",
  "problem_reports",
  ...reportCategories.map((c) => `problem_reports_${c}` as const),
] as const;

import { z } from "zod";
import { parseDateInput } from "./first-contact";
import { caseStates, deliveryAnswers, DESCRIPTION_MAX, NOTE_MAX, OFFICIAL_ANSWER_MAX, reportCategories } from "./accountability-words";

/**
 * Accountability (issue 16; docs/decisions/071-disputes-and-problem-reports.md): customers confirm
 * or dispute the contacts and meetings their provider records, and anyone may report a problem with
 * a provider. Framework-free: "today" is always a parameter. Error messages are translation keys of
 * the `accountability` namespace.
 */

// The words and limits pages need in the browser too live in ./accountability-words.ts (no zod).
export {
  reportCategories,
  type ReportCategory,
  caseStates,
  type CaseState,
  closedStates,
  deliveryAnswers,
  type DeliveryAnswer,
  disputeAnswers,
  DESCRIPTION_MAX,
  NOTE_MAX,
  OFFICIAL_ANSWER_MAX,
  FREE_TEXT_MONTHS_AFTER_CLOSED,
  FREE_TEXT_MAX_MONTHS,
  accountabilityColumns,
} from "./accountability-words";

/** Text with control characters (other than line breaks and tabs) is refused, not silently changed. */
// eslint-disable-next-line no-control-regex -- finding control characters is this expression's purpose
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function freeText(max: number, key: string) {
  return z
    .string()
    .default("")
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .refine((v) => v.length <= max, { message: `errors.${key}.tooLong` })
    .refine((v) => !controlCharacters.test(v), { message: `errors.${key}.invalid` });
}

/** The report form: a category, and for a provider serving several pilots, where it happened. */
export function reportSchema(pilotSlugs: readonly string[]) {
  return z.object({
    category: z.enum(reportCategories, { message: "errors.category.required" }),
    description: freeText(DESCRIPTION_MAX, "description"),
    pilot: z
      .string()
      .default("")
      .refine((v) => pilotSlugs.length <= 1 || pilotSlugs.includes(v), { message: "errors.pilot.required" }),
  });
}

/** The confirm-or-dispute form of one recorded contact or meeting. */
export const deliverySchema = z.object({
  answer: z.enum(deliveryAnswers, { message: "errors.answer.required" }),
  note: freeText(NOTE_MAX, "note"),
});

/** An official's handling of a report or a dispute: the answer is required to close it as answered. */
export const handleSchema = z
  .object({
    state: z.enum(caseStates, { message: "errors.state.required" }),
    answer: freeText(OFFICIAL_ANSWER_MAX, "answer"),
  })
  .refine((v) => v.state !== "answered" || v.answer.length > 0, { message: "errors.answer.requiredToAnswer", path: ["answer"] });

export type MeetingDateProblem = "required" | "invalid" | "beforeChoice" | "inFuture" | "afterMovedOn";

/** The day of a meeting as provider staff record it: not before the choice, not in the future, not after the customer moved on. */
export function meetingDate(typed: string, c: { chosenOn: string; today: string; movedOn: string | null }): { ok: true; date: string } | { ok: false; problem: MeetingDateProblem } {
  if (typed.trim() === "") return { ok: false, problem: "required" };
  const date = typed.length > 20 ? null : parseDateInput(typed);
  if (!date) return { ok: false, problem: "invalid" };
  if (date < c.chosenOn) return { ok: false, problem: "beforeChoice" };
  if (date > c.today) return { ok: false, problem: "inFuture" };
  if (c.movedOn !== null && date >= c.movedOn) return { ok: false, problem: "afterMovedOn" };
  return { ok: true, date };
}

/** One month of a provider's delivery as customers answered it. */
export type DeliveryMonth = {
  month: string;
  /** Meetings the provider recorded as held in the month. */
  recorded: number;
  /** Customers whose meetings these were: the small-number rule counts people, not meetings. */
  customers: number;
  confirmed: number;
  disputed: number;
  /** First contacts recorded within 5 working days, of customers who chose the provider in the month. */
  contactsInTime: number;
  /** Of those, confirmed by the customer. */
  contactsInTimeConfirmed: number;
};

/**
 * What of a month may be published (decision 064's rule, applied to people): the number of meetings
 * recorded always; how many customers confirmed and disputed only when at least `threshold`
 * customers' meetings are counted, since with fewer a dispute points at a person.
 */
export function publishedDelivery(m: DeliveryMonth, threshold: number) {
  const shown = m.customers >= threshold;
  return {
    recorded: m.recorded,
    confirmed: shown ? m.confirmed : null,
    disputed: shown ? m.disputed : null,
  };
}

/** A case's address key in the officials' queue: "r<id>" a problem report, "d<id>" a dispute. */
export function parseCaseKey(key: string | undefined): { kind: "report" | "dispute"; id: number } | null {
  const m = /^([rd])(\d{1,9})$/.exec(key ?? "");
  if (!m || Number(m[2]) < 1) return null;
  return { kind: m[1] === "r" ? "report" : "dispute", id: Number(m[2]) };
}

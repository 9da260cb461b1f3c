import { z } from "zod";
import { contactVisibleUntil, FIRST_CONTACT_WORKING_DAYS } from "./choice";
import { addMonths as addCalendarMonths } from "./switching";
import { addMonths, isMonth, monthOf } from "./results";
import { addDays, addWorkingDays, workingDaysBetween } from "./working-days";

/**
 * The provider's first contact with a new customer, and what the provider may still see of a
 * customer (docs/decisions/055-first-contact-measure.md, 056-customers-after-moving-on.md).
 * Framework-free: "today" is always a parameter. Dates are ISO (YYYY-MM-DD) in Finnish time.
 */

/** The last day of "within 5 working days" of a choice made on `chosenOn` (Finnish public holidays counted). */
export function contactDeadline(chosenOn: string): string {
  return addWorkingDays(chosenOn, FIRST_CONTACT_WORKING_DAYS);
}

/**
 * Whether a contact on `contactedOn` was within 5 working days of the choice. The day of the
 * choice does not count; a contact on the same day took 0 working days, on the next working day 1.
 */
export function contactedInTime(chosenOn: string, contactedOn: string): boolean {
  return contactedOn >= chosenOn && workingDaysBetween(chosenOn, contactedOn) <= FIRST_CONTACT_WORKING_DAYS;
}

// ---- the "contacted on" form ----

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const finnishPattern = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * A date as a person may type it: 2026-11-30 (what a date field sends) or 30.11.2026 (how it is
 * written in Finland, for browsers without a date field). Returns YYYY-MM-DD, or null when it is
 * not a date of the calendar (31.2.2026 is not).
 */
export function parseDateInput(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  const iso = isoPattern.exec(s);
  const fin = finnishPattern.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fin) [y, m, d] = [Number(fin[3]), Number(fin[2]), Number(fin[1])];
  else return null;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export type ContactDateProblem = "required" | "invalid" | "beforeChoice" | "inFuture" | "afterMovedOn";

/**
 * The "contacted on" form of one customer. Error messages are translation keys of the `staff`
 * namespace. The date may not be before the choice, nor in the future, nor after the day the
 * customer moved on (they were no longer the provider's customer then; that day itself counts).
 */
export function contactedOnSchema(c: { chosenOn: string; today: string; movedOn: string | null }) {
  return z.object({
    contactedOn: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const issue = (problem: ContactDateProblem) => {
          ctx.addIssue({ code: "custom", message: `errors.contactedOn.${problem}` });
          return z.NEVER;
        };
        if (value.trim() === "") return issue("required");
        const date = value.length > 20 ? null : parseDateInput(value);
        if (!date) return issue("invalid");
        if (date < c.chosenOn) return issue("beforeChoice");
        if (date > c.today) return issue("inFuture");
        // The day they moved on still counts: they were the provider's customer until the new choice
        // that day. So a customer who chose and moved on the same day can still be marked contacted.
        if (c.movedOn !== null && date > c.movedOn) return issue("afterMovedOn");
        return date;
      }),
  });
}

// ---- the monthly measure ----

/** Customers who chose the provider on one day and (if recorded) were first contacted on another; `count` of them. */
export type ContactRecord = { chosenOn: string; contactedOn: string | null; count?: number };

export type MonthFigure = {
  /** YYYY-MM: the month the customers chose the provider (started). */
  month: string;
  /** Customers who chose the provider in the month: the `started` of the month. */
  started: number;
  /** Contacted within 5 working days: the `contacted_within_5_days` of the month. */
  within: number;
  /** Contacted, but later than 5 working days. */
  late: number;
  /** Not contacted, and the 5 working days are over. */
  missed: number;
  /** Not contacted yet, and there is still time. */
  open: number;
  /**
   * True when every customer's 5 working days are over on `today`: the figure can no longer grow
   * by waiting (a contact recorded late with an earlier date can still change it).
   */
  final: boolean;
};

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/**
 * The month's time-to-first-contact figure of one provider in one pilot, from the contacts the
 * provider has recorded: of the customers who chose the provider in `month`, how many were
 * contacted within 5 working days (Finnish public holidays counted).
 */
export function firstContactFigure(records: readonly ContactRecord[], month: string, today: string): MonthFigure {
  if (!isMonth(month)) throw new Error("not a month (YYYY-MM)");
  const figure: MonthFigure = { month, started: 0, within: 0, late: 0, missed: 0, open: 0, final: today > contactDeadline(lastDayOfMonth(month)) };
  for (const r of records) {
    if (monthOf(r.chosenOn) !== month) continue;
    const n = r.count ?? 1;
    figure.started += n;
    if (r.contactedOn !== null) {
      if (contactedInTime(r.chosenOn, r.contactedOn)) figure.within += n;
      else figure.late += n;
    } else if (today > contactDeadline(r.chosenOn)) figure.missed += n;
    else figure.open += n;
  }
  return figure;
}

/** Every month from `from` to `to` that has customers, newest first. */
export function firstContactFigures(records: readonly ContactRecord[], from: string, to: string, today: string): MonthFigure[] {
  const months = [...new Set(records.map((r) => monthOf(r.chosenOn)))].filter((m) => m >= from && m <= to).sort().reverse();
  return months.map((m) => firstContactFigure(records, m, today));
}

// ---- what the provider still sees of a customer ----

export type CustomerFacts = {
  /** "ended" when the person chose again (another provider or the public service). */
  status: "current" | "ended";
  /** The day in Finland the choice ended (the person chose again), when it has ended. */
  endedOn: string | null;
  /** choices.contact_visible_until, written when the choice ended. */
  storedVisibleUntil: string | null;
  /** The provider's last day in the pilot (provider_pilots.ends_on; a suspension sets it too). */
  providerEndsOn: string | null;
  /** The pilot's last day. */
  pilotEndsOn: string | null;
};

export type CustomerVisibility = {
  /** The first day the person was no longer the provider's customer, or null while they are. */
  movedOn: string | null;
  /** The last day the provider sees the customer, or null while they are its customer. */
  visibleUntil: string | null;
  visible: boolean;
};

/**
 * Whether the provider still sees a customer (their name, contact details and dates) on `today`.
 * A customer moves on when they choose again (another provider or the public service), when the
 * provider leaves the pilot or is suspended, or when the pilot ends: whichever came first. The
 * provider sees them for 3 months after that, as the privacy notice says, and then not at all.
 */
export function customerVisibility(f: CustomerFacts, today: string): CustomerVisibility {
  const candidates: string[] = [];
  if (f.status === "ended" && f.endedOn) candidates.push(f.endedOn);
  if (f.providerEndsOn !== null && f.providerEndsOn < today) candidates.push(addDays(f.providerEndsOn, 1));
  if (f.pilotEndsOn !== null && f.pilotEndsOn < today) candidates.push(addDays(f.pilotEndsOn, 1));
  if (candidates.length === 0) {
    // A choice marked ended without a date is treated as ended long ago: never shown.
    if (f.status === "ended") return { movedOn: null, visibleUntil: null, visible: false };
    return { movedOn: null, visibleUntil: null, visible: true };
  }
  const movedOn = candidates.sort()[0];
  let visibleUntil = contactVisibleUntil(movedOn)!;
  if (f.status === "ended" && f.storedVisibleUntil !== null && f.storedVisibleUntil < visibleUntil) visibleUntil = f.storedVisibleUntil;
  return { movedOn, visibleUntil, visible: today <= visibleUntil };
}

/**
 * The earliest day a customer may have moved on and still be seen on `today`: a customer who moved
 * on before it is hidden. (The repository narrows its query with it; customerVisibility decides.)
 */
export function earliestVisibleMoveOn(today: string): string {
  let d = addDays(addCalendarMonths(today, -3), -4);
  while (contactVisibleUntil(d)! < today) d = addDays(d, 1);
  return d;
}

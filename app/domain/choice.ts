import { z } from "zod";
import type { ChangeRule } from "./switching";
import { addMonths } from "./switching";
import { addWorkingDays } from "./working-days";
import { WEIGHTY_REASON_MAX, WEIGHTY_REASON_MIN } from "./choice-words";

/**
 * The choice as pure rules: what a form may contain, when a confirmation is refused, what the
 * person's situation is. No framework, no database, no clock: dates are parameters.
 */

/** The provider contacts the person within this many working days of the choice. */
export const FIRST_CONTACT_WORKING_DAYS = 5;
/** Contact details stay visible to the provider this long after the person has moved on. */
export const CONTACT_VISIBLE_MONTHS_AFTER = 3;
/** Choices and their history are kept this long after the choice ended or the pilot ended. */
export const KEEP_CHOICES_YEARS_AFTER_PILOT = 2;
/** An unconfirmed choice (a draft) is removed after this many hours. */
export const DRAFT_HOURS = 24;

/** The date by which the provider contacts the person ("within 5 working days"). */
export function contactBy(chosenOn: string): string {
  return addWorkingDays(chosenOn, FIRST_CONTACT_WORKING_DAYS);
}

/** The languages offered when a provider has not said which it serves in. */
export const defaultServiceLanguages = ["fi", "sv", "en"] as const;

export { PUBLIC_SERVICE } from "./choice-words";

/**
 * A phone number as the person typed it → international form (+358401234567), or null.
 * Spaces, hyphens, dots and brackets are ignored; 00 is read as +; a Finnish number may start with 0.
 * E.164 allows at most 15 digits; a Finnish number has 5–12 digits after the leading 0.
 */
export function normalisePhone(input: string): string | null {
  let s = input.trim().replace(/[\s\-.()/]/g, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  if (/^0\d{5,12}$/.test(s)) s = `+358${s.slice(1)}`;
  if (!/^\+[1-9]\d{6,14}$/.test(s)) return null;
  if (s.startsWith("+358") && !/^\+358[1-9]\d{4,11}$/.test(s)) return null;
  return s;
}

const emailFormat = z.email();

export type ContactInput = { channel: "phone" | "email"; phone: string | null; email: string | null; language: string };

/**
 * The contact form: how the chosen provider may contact the person, and the language of service.
 * Only the chosen channel is kept (the other field is dropped, even if something was typed in it).
 * Error messages are translation keys of the `choice` namespace.
 */
/** The longest phone number and email address the contact step accepts (an address may have 254 characters). */
export const PHONE_MAX = 40;
export const EMAIL_MAX = 254;

export function contactSchema(offeredLanguages: readonly string[] = defaultServiceLanguages) {
  // Every field is read as text and checked in one place, so that all problems are reported at once.
  const text = z.string().default("");
  return z
    .object({ channel: text, phone: text, email: text, language: text })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (v.channel !== "phone" && v.channel !== "email") issue("channel", "errors.channelRequired");
      if (v.channel === "phone") {
        if (v.phone.trim() === "") issue("phone", "errors.phoneRequired");
        else if (v.phone.trim().length > PHONE_MAX) issue("phone", "errors.phoneTooLong");
        else if (!normalisePhone(v.phone)) issue("phone", "errors.phoneInvalid");
      }
      if (v.channel === "email") {
        const email = v.email.trim();
        if (email === "") issue("email", "errors.emailRequired");
        else if (email.length > EMAIL_MAX) issue("email", "errors.emailTooLong");
        else if (!emailFormat.safeParse(email).success) issue("email", "errors.emailInvalid");
      }
      if (v.language === "") issue("language", "errors.languageRequired");
      else if (!offeredLanguages.includes(v.language)) issue("language", "errors.languageNotOffered");
    })
    .transform(
      (v): ContactInput => ({
        channel: v.channel as "phone" | "email",
        phone: v.channel === "phone" ? normalisePhone(v.phone) : null,
        email: v.channel === "email" ? v.email.trim().toLowerCase() : null,
        language: v.language,
      }),
    );
}

/** The pick form: a provider's slug or the public service. */
export const pickSchema = z.object({
  provider: z.string({ error: "errors.pickRequired" }).regex(/^[a-z0-9-]{1,80}$/, "errors.pickRequired"),
});

/** The weighty-reason form: the person's own words. */
export const weightyReasonSchema = z.object({
  reason: z
    .string({ error: "errors.reasonRequired" })
    .trim()
    .min(1, "errors.reasonRequired")
    .min(WEIGHTY_REASON_MIN, "errors.reasonTooShort")
    .max(WEIGHTY_REASON_MAX, "errors.reasonTooLong"),
});

/** The confirmation form carries only its idempotency key (the rest is the draft on the server). */
export const confirmSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

export type Refusal =
  /** The pilot has ended (or not started) on the day of the confirmation. */
  | "pilot_not_running"
  /** The person's eligibility, worked out again at confirmation, no longer allows this pilot. */
  | "not_eligible"
  /** The provider has left the pilot, is suspended or no longer serves it. */
  | "provider_unavailable"
  /** The current choice binds: a change is possible from a date, or earlier for a weighty reason. */
  | "locked"
  /** The same provider (or the public service) is already the current choice. */
  | "already_chosen";

export type ConfirmCheck = {
  /** The pilot of the draft is running today. */
  pilotRunning: boolean;
  /** The eligibility check's answer now, and the pilot it used. */
  eligibility: { outcome: "may_choose" | "municipal_pilot" | "public_service"; pilot: string | null };
  draft: { pilotSlug: string; kind: "provider" | "public_service"; providerId: number | null };
  /** Whether the drafted provider serves the pilot today and is not suspended (null: public service). */
  providerActive: boolean | null;
  rule: ChangeRule;
  /** The person's current choice, if any, as it stands (an inactive provider is no longer a choice). */
  current: { kind: "provider" | "public_service"; providerId: number | null; effective: boolean } | null;
};

/**
 * Whether a drafted choice may be recorded now; null when it may, otherwise why not. Checked on
 * every page of the journey and again inside the write transaction, so that nothing is recorded
 * on a state that has changed since the person saw it.
 */
export function confirmRefusal(c: ConfirmCheck): Refusal | null {
  if (!c.pilotRunning) return "pilot_not_running";
  if (c.eligibility.outcome !== "may_choose" || c.eligibility.pilot !== c.draft.pilotSlug) return "not_eligible";
  if (c.draft.kind === "provider" && c.providerActive !== true) return "provider_unavailable";
  if (c.current?.effective && c.current.kind === c.draft.kind && c.current.providerId === c.draft.providerId) return "already_chosen";
  if (!c.rule.allowed) return "locked";
  return null;
}

/**
 * The person's situation as pages say it:
 * - default_public_service: no choice made; the public service serves them (the default decided
 *   in advance, never a random provider);
 * - provider / public_service: their choice stands;
 * - provider_left: their provider left the pilot or is suspended: the public service serves them
 *   until they choose again, and they may choose at once;
 * - pilot_ended: their pilot has ended: the public service serves them.
 */
export type Situation = "default_public_service" | "provider" | "public_service" | "provider_left" | "pilot_ended";
export function situation(current: { kind: "provider" | "public_service"; providerActive: boolean; pilotEnded: boolean } | null): Situation {
  if (!current) return "default_public_service";
  if (current.pilotEnded) return "pilot_ended";
  if (current.kind === "public_service") return "public_service";
  return current.providerActive ? "provider" : "provider_left";
}

/**
 * How long each part of a person's data is kept (the privacy notice says the same). Dates are
 * null when they depend on something that has not happened yet (the pilot has no end date, the
 * choice has not ended).
 */
export function choiceKeptUntil(pilotEndsOn: string | null): string | null {
  return pilotEndsOn ? addMonths(pilotEndsOn, KEEP_CHOICES_YEARS_AFTER_PILOT * 12) : null;
}
export function contactVisibleUntil(endedOn: string | null): string | null {
  return endedOn ? addMonths(endedOn, CONTACT_VISIBLE_MONTHS_AFTER) : null;
}
/** A choice that ended before this day is removed with its history (the retention job). */
export function choicesEndedBefore(today: string): string {
  return addMonths(today, -12 * KEEP_CHOICES_YEARS_AFTER_PILOT);
}
/** A pilot's choices are removed once this is true (the retention job): kept until choiceKeptUntil. */
export function pilotChoicesExpired(pilotEndsOn: string | null, today: string): boolean {
  const until = choiceKeptUntil(pilotEndsOn);
  return until !== null && until < today;
}
/** A draft last saved before this moment (ISO) has expired: it is not resumed, and the retention job removes it. */
export function draftsSavedBefore(now: Date): string {
  return new Date(now.getTime() - DRAFT_HOURS * 3_600_000).toISOString();
}

/** Whether a draft last saved at `updatedAt` has expired: the same cut-off as the retention job's. */
export function draftExpired(updatedAt: string, now: Date): boolean {
  return Date.parse(updatedAt) < Date.parse(draftsSavedBefore(now));
}

import { pilotStatus, type PilotDefinition } from "./pilot";

/**
 * When may a person change their choice? Each pilot sets a lock period in months (for example 6).
 * - A choice of a provider binds for the lock period, counted from the day it was recorded.
 *   Inside it, a change is possible only for a weighty reason, which an official decides.
 * - Staying with or choosing the public service never binds: the public service is the default
 *   and a person may leave it for a provider whenever their pilot allows a choice.
 * - When the chosen provider has left the pilot or is suspended, or the pilot has ended, the person
 *   is with the public service and may choose again at once.
 * - When an official has approved the person's request to change for a weighty reason, the lock
 *   no longer binds that choice.
 * Dates are ISO strings; `today` is a parameter.
 */
export type CurrentChoice = {
  kind: "provider" | "public_service";
  /** Date the choice was recorded (YYYY-MM-DD, Finnish time). */
  chosenOn: string;
  /** False when the provider has left the pilot or is suspended. */
  providerActive: boolean;
  /** An official approved a request to change this choice early for a weighty reason. */
  weightyReasonApproved?: boolean;
  /** The pilot of the choice has ended. */
  pilotEnded?: boolean;
};

export type ChangeRule =
  | {
      allowed: true;
      reason: "no_choice" | "public_service" | "lock_over" | "provider_left" | "no_lock" | "weighty_reason_approved" | "pilot_ended";
    }
  | { allowed: false; reason: "locked"; possibleFrom: string; weightyReasonPossible: true };

/** Adds calendar months, clamping to the month's last day (31.8. + 6 months = 28.2. or 29.2.). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function changeRule(current: CurrentChoice | null, lockMonths: number, today: string): ChangeRule {
  if (!current) return { allowed: true, reason: "no_choice" };
  if (current.kind === "public_service") return { allowed: true, reason: "public_service" };
  if (current.pilotEnded) return { allowed: true, reason: "pilot_ended" };
  if (!current.providerActive) return { allowed: true, reason: "provider_left" };
  if (current.weightyReasonApproved) return { allowed: true, reason: "weighty_reason_approved" };
  if (lockMonths === 0) return { allowed: true, reason: "no_lock" };
  const possibleFrom = addMonths(current.chosenOn, lockMonths);
  if (today >= possibleFrom) return { allowed: true, reason: "lock_over" };
  return { allowed: false, reason: "locked", possibleFrom, weightyReasonPossible: true };
}

/**
 * How long a choice of a provider binds, for pages that speak of the pilots in general (the front
 * page): the longest lock among the pilots running on the date in which a person may choose a
 * provider; 0 when none binds. A page about one pilot uses that pilot's own `lockMonths`.
 */
export function longestLock(pilots: readonly PilotDefinition[], today: string): number {
  return Math.max(
    0,
    ...pilots.filter((p) => p.eligibility.outcome === "may_choose" && pilotStatus(p, today) === "running").map((p) => p.lockMonths),
  );
}

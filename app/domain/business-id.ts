/**
 * The Finnish business ID (Y-tunnus, FO-nummer): seven digits, a hyphen and a check digit.
 *
 * Check digit: the seven digits weighted 7, 9, 10, 5, 8, 4, 2; r = sum mod 11. r = 0 gives 0,
 * r = 1 is never issued (no such business ID exists), otherwise the check digit is 11 − r.
 * Old IDs with six digits are written with a leading zero (0123456-x): the form here is always
 * seven digits. Framework-free.
 */

const weights = [7, 9, 10, 5, 8, 4, 2] as const;

export type BusinessIdProblem = "format" | "remainder-one" | "check-digit";

export type ParsedBusinessId = { ok: true; businessId: string } | { ok: false; problem: BusinessIdProblem };

/** The check digit of seven digits, or null when the remainder is 1 (no valid ID). */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  if (!/^\d{7}$/.test(sevenDigits)) throw new Error("businessIdCheckDigit needs seven digits");
  const sum = [...sevenDigits].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  const r = sum % 11;
  if (r === 0) return 0;
  if (r === 1) return null;
  return 11 - r;
}

/** Validates a business ID as written ("2345671-3"); surrounding spaces are ignored. */
export function parseBusinessId(input: string): ParsedBusinessId {
  const value = input.trim();
  const match = /^(\d{7})-(\d)$/.exec(value);
  if (!match) return { ok: false, problem: "format" };
  const expected = businessIdCheckDigit(match[1]);
  if (expected === null) return { ok: false, problem: "remainder-one" };
  if (expected !== Number(match[2])) return { ok: false, problem: "check-digit" };
  return { ok: true, businessId: value };
}

export function isValidBusinessId(input: string): boolean {
  return parseBusinessId(input).ok;
}

/** The business ID of seven digits with its check digit, or null when none exists (r = 1). */
export function withCheckDigit(sevenDigits: string): string | null {
  const digit = businessIdCheckDigit(sevenDigits);
  return digit === null ? null : `${sevenDigits}-${digit}`;
}

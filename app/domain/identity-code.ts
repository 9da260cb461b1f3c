/**
 * The Finnish personal identity code (henkilötunnus): DDMMYY, a century sign, a three-digit
 * individual number and a check character.
 *
 * - Century signs: `+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U` 1900s; `A`, `B`, `C`, `D`, `E`, `F`
 *   2000s (the extra signs came into use on 1.1.2023).
 * - Individual number 002–899 for ordinary codes, 900–999 for temporary ones (also used for test
 *   people); 000 and 001 are never issued.
 * - Check character: the nine digits DDMMYY+NNN as a number, mod 31, indexed into
 *   `0123456789ABCDEFHJKLMNPRSTUVWXY`.
 *
 * The century sign is part of the identity: 100190-999P and 100190Y999P are two different people,
 * so a code is compared exactly as written (after upper-casing), never "normalised" to another sign.
 * Framework-free: no clock, no database.
 */

export const checkAlphabet = "0123456789ABCDEFHJKLMNPRSTUVWXY";

const centuries: Record<string, number> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

export type IdentityCodeProblem = "format" | "century" | "date" | "individual-number" | "check-character";

export type ParsedIdentityCode =
  | {
      ok: true;
      /** The code as it is compared and hashed: upper case, nothing else changed. */
      code: string;
      /** YYYY-MM-DD */
      birthDate: string;
      individualNumber: number;
      /** 900–999: a temporary code (test people use these). */
      temporary: boolean;
    }
  | { ok: false; problem: IdentityCodeProblem };

const shape = /^(\d{2})(\d{2})(\d{2})([+\-YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

/** The check character of the nine digits DDMMYY+NNN. */
export function checkCharacter(nineDigits: string): string {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error("checkCharacter needs nine digits");
  return checkAlphabet[Number(nineDigits) % 31];
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Checks a code strictly: shape, century sign, a real date, individual number and check character. */
export function parseIdentityCode(input: string): ParsedIdentityCode {
  const code = input.trim().toUpperCase();
  if (code.length !== 11) return { ok: false, problem: "format" };
  const sign = code[6];
  if (!(sign in centuries) && /^\d{6}.\d{3}[0-9A-Z]$/.test(code)) return { ok: false, problem: "century" };
  const match = shape.exec(code);
  if (!match) return { ok: false, problem: "format" };
  const [, dd, mm, yy, , nnn, check] = match;
  const year = centuries[sign] + Number(yy);
  if (!isRealDate(year, Number(mm), Number(dd))) return { ok: false, problem: "date" };
  const individualNumber = Number(nnn);
  if (individualNumber < 2) return { ok: false, problem: "individual-number" };
  if (checkCharacter(`${dd}${mm}${yy}${nnn}`) !== check) return { ok: false, problem: "check-character" };
  return {
    ok: true,
    code,
    birthDate: `${year}-${mm}-${dd}`,
    individualNumber,
    temporary: individualNumber >= 900,
  };
}

export function isValidIdentityCode(input: string): boolean {
  return parseIdentityCode(input).ok;
}

/** Age in whole years on `today` (YYYY-MM-DD) of a person born on `birthDate` (YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Builds a valid code from a birth date, an individual number and (optionally) a century sign;
 * the first sign of the century by default (`-` for the 1900s, `A` for the 2000s).
 */
export function makeIdentityCode(birthDate: string, individualNumber: number, sign?: string): string {
  const [y, m, d] = birthDate.split("-");
  const year = Number(y);
  const century = Math.floor(year / 100) * 100;
  const chosen = sign ?? (century === 1800 ? "+" : century === 1900 ? "-" : "A");
  if (centuries[chosen] !== century) throw new Error(`century sign ${chosen} does not fit ${year}`);
  if (!Number.isInteger(individualNumber) || individualNumber < 2 || individualNumber > 999) {
    throw new Error("individual number must be 2–999");
  }
  const nnn = String(individualNumber).padStart(3, "0");
  const digits = `${d}${m}${y.slice(2)}${nnn}`;
  const code = `${d}${m}${y.slice(2)}${chosen}${nnn}${checkCharacter(digits)}`;
  if (!isValidIdentityCode(code)) throw new Error("not a real date");
  return code;
}

/**
 * A generated test person's code, derived from a number (1–999 999), always a temporary code
 * (individual number 900–999) of a person aged 18–65-ish born between 1960 and 2007: the same number
 * always gives the same code, and different numbers give different codes.
 */
export function generatedIdentityCode(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new Error("number must be 1–999 999");
  const i = n - 1;
  const individual = 900 + (i % 100);
  const dayIndex = Math.floor(i / 100); // 0–9999: distinct birth dates
  // Steps of 1–2 days spread 10 000 birth dates over 1960–2006.
  const date = new Date(Date.UTC(1960, 0, 1) + Math.floor(dayIndex * 1.7) * 86_400_000);
  const iso = date.toISOString().slice(0, 10);
  return makeIdentityCode(iso, individual);
}

/**
 * Finnish working days: Monday to Friday, except public holidays and the days that are in practice
 * holidays for offices (Midsummer Eve, Christmas Eve). Used for "first contact within 5 working days".
 * Dates are ISO strings (YYYY-MM-DD) in Finnish time.
 */

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(year, month - 1, day));
}

function iso(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}
function toMs(date: string) {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}
export function addDays(date: string, days: number): string {
  return iso(toMs(date) + days * 86_400_000);
}
function weekday(date: string) {
  return new Date(toMs(date)).getUTCDay(); // 0 Sunday … 6 Saturday
}

/** The holidays that fall in a year, with their Finnish names (for tests and explanations). */
export function holidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const days = new Map<string, string>([
    [`${year}-01-01`, "uudenvuodenpäivä"],
    [`${year}-01-06`, "loppiainen"],
    [addDays(easter, -2), "pitkäperjantai"],
    [addDays(easter, 1), "toinen pääsiäispäivä"],
    [`${year}-05-01`, "vappu"],
    [addDays(easter, 39), "helatorstai"],
    [`${year}-12-06`, "itsenäisyyspäivä"],
    [`${year}-12-24`, "jouluaatto"],
    [`${year}-12-25`, "joulupäivä"],
    [`${year}-12-26`, "tapaninpäivä"],
  ]);
  // Midsummer Eve is the Friday between 19 and 25 June.
  for (let d = 19; d <= 25; d++) {
    const date = `${year}-06-${String(d).padStart(2, "0")}`;
    if (weekday(date) === 5) days.set(date, "juhannusaatto");
  }
  return days;
}

const cache = new Map<number, Map<string, string>>();
export function isWorkingDay(date: string): boolean {
  const w = weekday(date);
  if (w === 0 || w === 6) return false;
  const year = Number(date.slice(0, 4));
  let h = cache.get(year);
  if (!h) cache.set(year, (h = holidays(year)));
  return !h.has(date);
}

/**
 * Working days from `start` to `end`: the day of the start does not count, the day of the end
 * does (a contact on the next working day took 1 working day). 0 when end ≤ start.
 */
export function workingDaysBetween(start: string, end: string): number {
  let count = 0;
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** The date `n` working days after `start` (the deadline of "within n working days"). */
export function addWorkingDays(start: string, n: number): string {
  let d = start;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

import { vi } from "vitest";

/**
 * The one "today" of the integration tests: the seed builds its example data relative to it, the
 * tests compute their dates from it, and the server code that reads the clock itself (`new Date()`,
 * `Date.now()`) reads NOW through the fake clock that tests/integration/setup.ts installs before
 * every test. The suite is green on any real date.
 *
 * VALINTA_TEST_TODAY=YYYY-MM-DD moves the day, to check that no test depends on the real date
 * (for example `VALINTA_TEST_TODAY=2031-02-28 TZ=America/Los_Angeles npx vitest run --project integration`;
 * green on 2027-07-01 and 2031-02-28 too). Only a day from 2026-12-04 on: the fixtures (results
 * files whose follow-up must be over, pilots that start in 2026) are dated up to then.
 */
export const TODAY = testToday(process.env.VALINTA_TEST_TODAY ?? "2026-12-04");

/** The moment of TODAY that the tests run at: 10:00 UTC, midday in Finland (12:00 in winter, 13:00 in summer). */
export const NOW = new Date(`${TODAY}T10:00:00Z`);

const DAY_MS = 86_400_000;

/** NOW moved by a number of days (negative: before). */
export const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

/**
 * Sets the fake clock to NOW. Only `Date` is faked: timers run as they do, and the clock moves on
 * with them (shouldAdvanceTime), so that durations and timeouts still pass.
 */
export function useTestClock(now: Date | number = NOW) {
  vi.useFakeTimers({ now, toFake: ["Date"], shouldAdvanceTime: true });
}

/** Moves the fake clock on, for what happens later than the seed or an earlier step (a correction after publication). */
export function advanceClock(ms: number) {
  vi.setSystemTime(Date.now() + ms);
}

function testToday(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`VALINTA_TEST_TODAY must be a date YYYY-MM-DD, not ${value}`);
  }
  return value;
}

import { vi } from "vitest";

/**
 * The one "today" of the integration tests: the seed builds its example data relative to it, the
 * tests compute their dates from it, and the server code that reads the clock itself (`new Date()`,
 * `Date.now()`) reads NOW through the fake clock that tests/integration/setup.ts installs before
 * every test. The suite is green on any real date.
 *
 * VALINTA_TEST_TODAY=YYYY-MM-DD moves the day, to check that no test depends on the real date
 * (for example `VALINTA_TEST_TODAY=2031-02-28 npx vitest run --project integration`).
 */
export const TODAY = testToday(process.env.VALINTA_TEST_TODAY ?? "2026-12-04");

/** Noon in Finland on TODAY (10:00 UTC in winter, 09:00 UTC in summer: both are TODAY in Finland). */
export const NOW = new Date(`${TODAY}T10:00:00Z`);

export const DAY_MS = 86_400_000;

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

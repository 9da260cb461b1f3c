import { afterEach, beforeEach, vi } from "vitest";
import { setDb } from "~/.server/platform/db";
import { logger } from "~/.server/platform/log";
import "~/.server/platform/i18n";
import { useTestClock } from "../support/clock";
import { createTestDb } from "../support/db";

// Every test runs on the same day, whatever the real date (tests/support/clock.ts): the clock is set
// before the seed, so that the example data is built relative to that day too.
beforeEach(() => {
  useTestClock();
});
afterEach(() => {
  vi.useRealTimers();
});

// Every test gets its own copy of the seeded database.
beforeEach(() => {
  createTestDb();
});
afterEach(() => {
  setDb(undefined);
});

// A console error fails the test unless the test expects it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error: ${args.map(String).join(" ")}`);
  });
});

// A fault inside a request (logged by entry.server's handleError as one JSON line) fails the test too.
const faults: unknown[] = [];
const original: (...args: unknown[]) => void = logger.error.bind(logger);
beforeEach(() => {
  faults.length = 0;
  vi.spyOn(logger, "error").mockImplementation(((...args: unknown[]) => {
    const first = args[0] as { event?: string; err?: unknown } | undefined;
    if (first?.event === "unhandled-error") faults.push(first.err);
    original(...args);
  }));
});
afterEach(() => {
  if (faults.length > 0) throw new Error(`a request failed with an unhandled error: ${String(faults[0])}`);
});

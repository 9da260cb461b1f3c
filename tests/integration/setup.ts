import { afterEach, beforeEach, vi } from "vitest";
import { setDb } from "~/.server/db";
import "~/.server/i18n";
import { createTestDb } from "../support/db";

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

import fs from "node:fs";
import { expect, it } from "vitest";
import { decisionsIndex } from "../../scripts/decisions-index.mjs";

it("docs/decisions/README.md lists every decision record with its status (npm run docs:decisions)", () => {
  expect(fs.readFileSync("docs/decisions/README.md", "utf8")).toBe(decisionsIndex());
});

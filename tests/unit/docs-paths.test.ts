import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every file a text names (README, docs/, decision records) exists: a move or a split that leaves
// a text pointing at nothing fails here, not in a newcomer's hands.
const root = path.resolve(import.meta.dirname, "../..");
const texts = [
  "README.md",
  ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
  ...fs.readdirSync(path.join(root, "docs/decisions")).filter((f) => f.endsWith(".md")).map((f) => `docs/decisions/${f}`),
];
const pathLike = /(?<![\w/.-])((?:app|db|server|scripts|tests|bench|locales)\/[\w.$/-]+\.(?:ts|tsx|mjs|js|json|csv))(?![\w/])/g;

describe("the paths the texts name", () => {
  it.each(texts)("%s names only files that exist", (text) => {
    const body = fs.readFileSync(path.join(root, text), "utf8");
    const missing = [...body.matchAll(pathLike)].map((m) => m[1]).filter((p) => !fs.existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
  });
});

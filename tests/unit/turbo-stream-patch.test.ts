import fc from "fast-check";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Remix serialises every page's loader data with turbo-stream; its `flatten` is patched
 * (patches/turbo-stream+2.4.1.patch, decision 062 addendum) to do the same work without a closure,
 * an array and a join per object. The browser decodes what it writes, so it must write exactly
 * what the original writes: proven here against the original, kept in tests/support/vendor.
 */
const require = createRequire(import.meta.url);
const file = path.join(path.dirname(require.resolve("turbo-stream")), "flatten.js");
type Flatten = (this: Encoder, input: unknown) => number | [number];
type Encoder = { deferred: Record<number, unknown>; index: number; indices: Map<unknown, number>; stringified: string[]; plugins?: Plugin[]; postPlugins?: Plugin[] };
type Plugin = (value: unknown) => unknown[] | undefined;
const patched = (require(file) as { flatten: Flatten }).flatten;
const original = (require("../support/vendor/turbo-stream-flatten-2.4.1.cjs") as { flatten: Flatten }).flatten;

class Redirect {
  constructor(readonly to: string) {}
}
// Like Remix's: its own objects through a plugin, anything else it cannot encode through a post-plugin.
const plugins: Plugin[] = [(v) => (v instanceof Redirect ? ["SingleFetchRedirect", v.to] : undefined)];
const postPlugins: Plugin[] = [(v) => (typeof v === "function" ? ["F", "a function"] : undefined)];

function written(flatten: Flatten, input: unknown): string {
  const encoder: Encoder = { deferred: {}, index: 0, indices: new Map(), stringified: [], plugins, postPlugins };
  try {
    const id = flatten.call(encoder, input);
    return `${String(id)}|[${encoder.stringified.join(",")}]|${Object.keys(encoder.deferred).join(",")}`;
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

describe("turbo-stream's flatten (patched to be faster)", () => {
  it("is the patched build", () => {
    expect(fs.readFileSync(file, "utf8")).toContain("Valinta (patches/)");
  });

  it("writes what the original writes, for every kind of value it takes and refuses", () => {
    const shared = { name: "sama", list: [1, 2] };
    const sparse: unknown[] = [];
    sparse[0] = 1;
    sparse[2] = 3;
    const nullProto = Object.assign(Object.create(null) as object, { a: 1 });
    const samples: unknown[] = [
      { loaderData: { root: { lang: "fi", signedIn: false }, page: { items: [shared, shared, { name: "sama" }], text: "sama" } } },
      [NaN, -0, 0, Infinity, -Infinity, undefined, null, true, false, 1.5, "", "\u2028</script>", 10n],
      [new Date(0), new Date(NaN), new URL("https://example.fi/a?b=1"), /x+/gi, new Set([1, "a", shared]), new Map<unknown, unknown>([["k", shared]]), new Set(), new Map()],
      [new Error("virhe"), new TypeError("tyyppi"), nullProto, sparse, Symbol.for("s"), new Redirect("/fi"), Promise.resolve(1)],
      [Symbol("no key"), () => 1, new (class Own {})()],
    ];
    for (const sample of samples) expect(written(patched, sample)).toBe(written(original, sample));
  });

  it("writes what the original writes for any value (property)", () => {
    const value = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, maxDepth: 4 });
    fc.assert(
      fc.property(value, (v) => written(patched, v) === written(original, v)),
      { numRuns: 2_000 },
    );
  });
});

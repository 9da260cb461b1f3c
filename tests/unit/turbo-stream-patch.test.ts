import fc from "fast-check";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deepFreeze } from "~/.server/platform/frozen";

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
const { unflatten } = require(path.join(path.dirname(file), "unflatten.js")) as { unflatten: (this: object, parsed: unknown) => unknown };
const original = (require("../support/vendor/turbo-stream-flatten-2.4.1.cjs") as { flatten: Flatten }).flatten;

class Redirect {
  constructor(readonly to: string) {}
}
// Like Remix's: its own objects through a plugin, anything else it cannot encode through a post-plugin.
const plugins: Plugin[] = [
  (v) => (v instanceof Redirect ? ["SingleFetchRedirect", v.to] : undefined),
  // Remix's also takes plain objects that carry its mark.
  (v) => (typeof v === "object" && v !== null && "redirectMark" in v ? ["SingleFetchRedirect", String(v.redirectMark)] : undefined),
];
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

/** What the browser reads back from what `flatten` wrote. */
function readBack(flatten: Flatten, input: unknown): unknown {
  const encoder: Encoder = { deferred: {}, index: 0, indices: new Map(), stringified: [], plugins, postPlugins };
  flatten.call(encoder, input);
  const parsed: unknown = JSON.parse(`[${encoder.stringified.join(",")}]`);
  return unflatten.call({ hydrated: [], values: [], deferred: {}, plugins: [] }, parsed);
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

  // Deep-frozen plain data (a page's views kept while the data is unchanged) is encoded once and
  // placed after whatever comes before it: it must read back the same wherever it lands.
  const frozenData = fc.jsonValue({ maxDepth: 4 }).map((v) => deepFreeze(v));

  it("reads back deep-frozen data the same as the original writes it, wherever it lands (property)", () => {
    fc.assert(
      fc.property(frozenData, fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }), (kept, before, after) => {
        // The same kept value at different places in two encodings, and twice in one.
        for (const input of [{ before, kept, again: kept, after }, { after, list: [kept], before }]) {
          expect(readBack(patched, input)).toEqual(readBack(original, input));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("keeps the encoding of deep-frozen data only, and only where no plugin takes part of it", () => {
    const inner = { changing: 1 };
    const notDeep = Object.freeze({ inner });
    const withClass = deepFreeze({ redirect: new Redirect("/fi") });
    const withGetter = Object.freeze(Object.defineProperty({}, "now", { get: () => 1, enumerable: true }));
    const pluginTakes = deepFreeze({ list: [{ redirectMark: "/sv" }] });
    for (const sample of [{ notDeep }, { withClass }, { withGetter }, { pluginTakes }, [pluginTakes, pluginTakes]]) expect(written(patched, sample)).toBe(written(original, sample));
    // A frozen object that is not deep-frozen is written anew each time: a change shows.
    inner.changing = 2;
    expect(readBack(patched, { notDeep })).toEqual({ notDeep: { inner: { changing: 2 } } });

    // A deep-frozen page view written twice, after different values: the same data both times.
    const view = deepFreeze({ items: [{ slug: "a-oy", figure: { percent: "12 %", n: 12, estimate: 0.12 } }], "3": ["-5", -5, 3] });
    expect(readBack(patched, { root: { requestId: "x" }, view })).toEqual({ root: { requestId: "x" }, view });
    expect(readBack(patched, { root: { requestId: "y", more: [1, 2, "3"] }, view })).toEqual({ root: { requestId: "y", more: [1, 2, "3"] }, view });
  });
});

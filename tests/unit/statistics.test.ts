import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupByOverlap, isSuppressed, meanFigure, rangesOverlap, shareFigure, wilsonInterval } from "~/domain/statistics";

describe("Wilson 95 % interval", () => {
  // Known values: Newcombe, "Two-sided confidence intervals for the single proportion" (Stat Med 1998),
  // table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])("%i of %i → %f–%f", (x, n, lower, upper) => {
    const w = wilsonInterval(x, n);
    expect(w.estimate).toBeCloseTo(x / n, 10);
    expect(w.lower).toBeCloseTo(lower, 4);
    expect(w.upper).toBeCloseTo(upper, 4);
  });

  it("is symmetric around one half and exact at the edges", () => {
    const half = wilsonInterval(5, 10);
    expect(half.lower).toBeCloseTo(1 - half.upper, 12);
    expect(wilsonInterval(0, 7).lower).toBe(0);
    expect(wilsonInterval(7, 7).upper).toBe(1);
  });

  it("the worked example of /about-the-figures: 46 of 120 is 38 %, between 30 % and 47 %", () => {
    const w = wilsonInterval(46, 120);
    expect(Math.round(w.estimate * 100)).toBe(38);
    expect(Math.round(w.lower * 100)).toBe(30);
    expect(Math.round(w.upper * 100)).toBe(47);
  });

  it.each([
    [-1, 10],
    [11, 10],
    [1, 0],
    [1.5, 10],
    [1, Number.NaN],
  ])("refuses x=%s, n=%s", (x, n) => {
    expect(() => wilsonInterval(x, n)).toThrow(RangeError);
  });

  it("always contains the share, stays inside 0–1 and narrows as n grows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        const x = Math.round(p * n);
        const w = wilsonInterval(x, n);
        expect(w.lower).toBeGreaterThanOrEqual(0);
        expect(w.upper).toBeLessThanOrEqual(1);
        expect(w.lower).toBeLessThanOrEqual(w.estimate + 1e-12);
        expect(w.upper).toBeGreaterThanOrEqual(w.estimate - 1e-12);
        const bigger = wilsonInterval(x * 4, n * 4);
        expect(bigger.upper - bigger.lower).toBeLessThan(w.upper - w.lower + 1e-12);
      }),
    );
  });
});

describe("suppression of small numbers", () => {
  it.each([
    [0, 5, true],
    [4, 5, true],
    [5, 5, false],
    [6, 5, false],
    [17, 18, true],
    [18, 18, false],
    [1, 1, false],
  ])("%i customers with threshold %i: suppressed %s", (n, threshold, suppressed) => {
    expect(isSuppressed(n, threshold)).toBe(suppressed);
  });

  it("a share below the threshold is 'too few', never a figure", () => {
    expect(shareFigure(0, 4, 5)).toEqual({ kind: "too-few", n: 4 });
    expect(shareFigure(0, 0, 5)).toEqual({ kind: "too-few", n: 0 });
    const shown = shareFigure(2, 5, 5);
    expect(shown.kind).toBe("shown");
    expect(shown.kind === "shown" && shown.estimate).toBe(0.4);
  });

  it("a mean needs as many answers as the threshold", () => {
    expect(meanFigure(4, 16, 5)).toEqual({ kind: "too-few", responses: 4 });
    expect(meanFigure(5, 21, 5)).toEqual({ kind: "shown", responses: 5, mean: 4.2 });
    expect(meanFigure(0, 0, 1)).toEqual({ kind: "too-few", responses: 0 });
  });
});

describe("the overlap rule", () => {
  const r = (key: string, lower: number, estimate: number, upper: number) => ({ key, lower, estimate, upper });

  it("ranges that overlap are one group", () => {
    expect(groupByOverlap([r("a", 0.3, 0.4, 0.5), r("b", 0.35, 0.45, 0.55)])).toEqual([["b", "a"]]);
  });

  it("ranges that do not overlap are ranked", () => {
    expect(groupByOverlap([r("low", 0.1, 0.15, 0.2), r("high", 0.5, 0.6, 0.7)])).toEqual([["high"], ["low"]]);
  });

  it("touching ranges count as overlapping", () => {
    expect(groupByOverlap([r("a", 0.2, 0.25, 0.3), r("b", 0.3, 0.35, 0.4)])).toEqual([["b", "a"]]);
  });

  it("a chain of overlaps is one group, even when its ends do not overlap", () => {
    // a overlaps b, b overlaps c, a and c do not: no cut can put a above c without also ranking
    // b against one of them, so all three stay together.
    const groups = groupByOverlap([r("a", 0.5, 0.6, 0.7), r("b", 0.35, 0.45, 0.55), r("c", 0.2, 0.3, 0.4)]);
    expect(groups).toEqual([["a", "b", "c"]]);
  });

  it("a wide range keeps a group open past narrower ones", () => {
    // w is wide and high; x sits inside its range; y is below everything above it.
    const groups = groupByOverlap([r("w", 0.2, 0.62, 0.9), r("x", 0.55, 0.6, 0.65), r("y", 0.05, 0.1, 0.15)]);
    expect(groups).toEqual([["w", "x"], ["y"]]);
  });

  it("three clear groups from known figures", () => {
    // 90/100, 85/100 | 50/100 | 10/100, 12/100
    const items = [
      [90, 100],
      [85, 100],
      [50, 100],
      [10, 100],
      [12, 100],
    ].map(([x, n], i) => ({ key: `p${i}`, ...wilsonInterval(x, n) }));
    expect(groupByOverlap(items)).toEqual([["p0", "p1"], ["p2"], ["p4", "p3"]]);
  });

  it("no two ranges in different groups overlap, and every group below is wholly lower", () => {
    const item = fc
      .tuple(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([n, p]) => ({ n, x: Math.round(p * n) }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (raw) => {
        const items = raw.map((v, i) => ({ key: i, ...wilsonInterval(v.x, v.n) }));
        const groups = groupByOverlap(items);
        expect(groups.flat().sort((a, b) => a - b)).toEqual(items.map((i) => i.key));
        for (let g = 0; g < groups.length; g++) {
          for (let h = g + 1; h < groups.length; h++) {
            for (const a of groups[g]) {
              for (const b of groups[h]) {
                expect(rangesOverlap(items[a], items[b])).toBe(false);
                expect(items[a].lower).toBeGreaterThan(items[b].upper);
              }
            }
          }
        }
      }),
    );
  });

  it("stays valid for any part of a grouping (a filtered list)", () => {
    const items = [
      [90, 100],
      [60, 100],
      [55, 100],
      [20, 100],
    ].map(([x, n], i) => ({ key: i, ...wilsonInterval(x, n) }));
    const groups = groupByOverlap(items);
    const groupOf = new Map(groups.flatMap((keys, g) => keys.map((k) => [k, g] as const)));
    // Dropping item 1 and 2 keeps 0 and 3 in different groups that do not overlap.
    expect(groupOf.get(0)).not.toBe(groupOf.get(3));
    expect(rangesOverlap(items[0], items[3])).toBe(false);
  });

  it("an empty list has no groups", () => {
    expect(groupByOverlap([])).toEqual([]);
  });
});

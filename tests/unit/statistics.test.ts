import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSuppressed, meanFigure, shareFigure, wilsonInterval } from "~/domain/statistics";

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

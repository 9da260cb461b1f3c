import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangesOverlap, wilsonInterval } from "~/domain/statistics";
import { newcombeDifference, orderByLowerEnd, verdictOf, versusPublicService } from "~/domain/verdict";

describe("the difference of two shares (Newcombe's hybrid score interval)", () => {
  // Newcombe RG. Interval estimation for the difference between independent proportions:
  // comparison of eleven methods. Statistics in Medicine 1998;17:873–890, Table II, method 10
  // ("score", no continuity correction), examples (a)–(f), to 4 decimals.
  it.each([
    ["(a)", 56, 70, 48, 80, 0.0524, 0.3339],
    ["(b)", 9, 10, 3, 10, 0.1705, 0.809],
    ["(c)", 6, 7, 2, 7, 0.0582, 0.8062],
    ["(d)", 5, 56, 0, 29, -0.0381, 0.1926],
    ["(e)", 0, 10, 0, 20, -0.1611, 0.2775],
    ["(f)", 10, 10, 0, 20, 0.6791, 1],
  ])("%s %i/%i − %i/%i → %f to %f", (_example, x1, n1, x2, n2, lower, upper) => {
    const d = newcombeDifference(x1, n1, x2, n2);
    expect(d.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.lower).toBeCloseTo(lower, 4);
    expect(d.upper).toBeCloseTo(upper, 4);
  });

  it("the worked example of /about-the-figures (locales/*/figures.json): 142/236 against 480/1,200", () => {
    const d = newcombeDifference(142, 236, 480, 1200);
    expect([Math.round(d.estimate * 100), Math.round(d.lower * 100), Math.round(d.upper * 100)]).toEqual([20, 13, 27]);
    expect(versusPublicService({ x: 142, n: 236 }, { x: 480, n: 1200 }, 5).verdict).toBe("better");
  });

  it("refuses counts that are not shares", () => {
    expect(() => newcombeDifference(5, 4, 1, 2)).toThrow(RangeError);
    expect(() => newcombeDifference(1, 0, 1, 2)).toThrow(RangeError);
  });
});

const shareArb = fc
  .tuple(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([n, p]) => ({ n, x: Math.round(p * n) }));

describe("the verdict against the public service", () => {
  it("is too_few when either side has fewer customers than the threshold, or there is no public service", () => {
    expect(versusPublicService({ x: 2, n: 4 }, { x: 100, n: 200 }, 5).verdict).toBe("too_few");
    expect(versusPublicService({ x: 50, n: 100 }, { x: 1, n: 4 }, 5).verdict).toBe("too_few");
    expect(versusPublicService({ x: 50, n: 100 }, null, 5).verdict).toBe("too_few");
    expect(versusPublicService({ x: 0, n: 0 }, { x: 1, n: 4 }, 0).verdict).toBe("too_few");
    expect(versusPublicService({ x: 50, n: 100 }, { x: 1, n: 4 }, 5).difference).toBeNull();
  });

  it("from known figures: clearly better, no clear difference, clearly worse", () => {
    // 6 in 10 of 236 against 4 in 10 of 1,200: the whole difference is above zero.
    expect(versusPublicService({ x: 142, n: 236 }, { x: 480, n: 1200 }, 5).verdict).toBe("better");
    expect(versusPublicService({ x: 50, n: 120 }, { x: 480, n: 1200 }, 5).verdict).toBe("similar");
    expect(versusPublicService({ x: 10, n: 236 }, { x: 480, n: 1200 }, 5).verdict).toBe("worse");
    expect(verdictOf({ lower: 0, upper: 0.2 })).toBe("similar");
    expect(verdictOf({ lower: -0.2, upper: 0 })).toBe("similar");
  });

  it("property: the interval holds the point difference and stays within −1…1", () => {
    fc.assert(
      fc.property(shareArb, shareArb, (a, b) => {
        const d = newcombeDifference(a.x, a.n, b.x, b.n);
        expect(d.lower).toBeLessThanOrEqual(d.estimate);
        expect(d.upper).toBeGreaterThanOrEqual(d.estimate);
        expect(d.lower).toBeGreaterThanOrEqual(-1);
        expect(d.upper).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("property: better means the whole difference interval is above zero, worse wholly below", () => {
    fc.assert(
      fc.property(shareArb, shareArb, fc.integer({ min: 0, max: 20 }), (a, b, threshold) => {
        const { verdict, difference } = versusPublicService(a, b, threshold);
        if (verdict === "too_few") {
          expect(Math.min(a.n, b.n) < threshold).toBe(true);
          return;
        }
        expect(difference).not.toBeNull();
        if (verdict === "better") expect(difference!.lower).toBeGreaterThan(0);
        if (verdict === "worse") expect(difference!.upper).toBeLessThan(0);
        if (verdict === "similar") expect(difference!.lower <= 0 && difference!.upper >= 0).toBe(true);
      }),
    );
  });

  it("property: a provider whose range does not overlap the public service's is never 'no clear difference'", () => {
    fc.assert(
      fc.property(shareArb, shareArb, (a, b) => {
        const ra = wilsonInterval(a.x, a.n);
        const rb = wilsonInterval(b.x, b.n);
        const { verdict } = versusPublicService(a, b, 0);
        if (!rangesOverlap(ra, rb)) expect(verdict).toBe(ra.lower > rb.upper ? "better" : "worse");
      }),
    );
  });
});

describe("the order of a list sorted by a result", () => {
  it("is by the lower end of the range, highest first; without a figure last, by name", () => {
    const items = [
      { key: "wide", sortKey: "a", range: { estimate: 0.6, lower: 0.3 } },
      { key: "narrow", sortKey: "b", range: { estimate: 0.45, lower: 0.4 } },
      { key: "none", sortKey: "c", range: null },
      { key: "also-none", sortKey: "b", range: null },
      { key: "low", sortKey: "d", range: { estimate: 0.05, lower: 0.01 } },
    ];
    expect(orderByLowerEnd(items)).toEqual(["narrow", "wide", "low", "also-none", "none"]);
  });

  it("property: of two providers whose ranges do not overlap, the higher always comes first, and no two are grouped", () => {
    fc.assert(
      fc.property(fc.array(shareArb, { maxLength: 30 }), (raw) => {
        const ranges = raw.map((v) => wilsonInterval(v.x, v.n));
        const order = orderByLowerEnd(ranges.map((range, key) => ({ key, range })));
        // Every item once: an order, not groups.
        expect([...order].sort((a, b) => a - b)).toEqual(ranges.map((_, i) => i));
        const at = new Map(order.map((k, i) => [k, i]));
        for (let a = 0; a < ranges.length; a++) {
          for (let b = 0; b < ranges.length; b++) {
            if (!rangesOverlap(ranges[a], ranges[b]) && ranges[a].lower > ranges[b].upper) expect(at.get(a)!).toBeLessThan(at.get(b)!);
          }
        }
      }),
    );
  });
});

/**
 * The statistics behind the published results (docs/decisions/021-honest-figures.md):
 * a share with a 95 % Wilson score interval and suppression of small numbers. A provider is compared
 * with the public service in ./verdict.ts (docs/decisions/068-verdicts-and-figure-sentences.md).
 * Framework-free: no clock, no database.
 */

/** The two-sided 95 % normal quantile. */
export const z95 = 1.959963984540054;

export type Interval = {
  /** x / n */
  estimate: number;
  lower: number;
  upper: number;
};

/**
 * The Wilson score interval of x successes in n trials. Unlike the textbook "p ± 1.96·SE", it stays
 * inside 0–1 and is sensible for small n and for shares near 0 % or 100 % (Newcombe 1998).
 */
export function wilsonInterval(x: number, n: number, z: number = z95): Interval {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n <= 0 || x < 0 || x > n) {
    throw new RangeError(`wilsonInterval needs integers 0 ≤ x ≤ n, n > 0 (got x=${x}, n=${n})`);
  }
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Exact bounds at the edges (the formula gives them up to rounding error).
  return {
    estimate: p,
    lower: x === 0 ? 0 : Math.max(0, centre - margin),
    upper: x === n ? 1 : Math.min(1, centre + margin),
  };
}

/** Below the threshold a result is not shown as a figure: too few customers, not a bad result. */
export function isSuppressed(customers: number, threshold: number): boolean {
  return customers < threshold;
}

/**
 * A satisfaction mean as it may be published (docs/decisions/064-open-data-small-cells.md): empty
 * when fewer people answered than the small-number threshold, since the mean of one or two answers
 * is those people's own ratings. The count of answers is always published.
 */
export function publishedMean(responses: number, mean: number | null, threshold: number): number | null {
  return mean === null || isSuppressed(responses, threshold) ? null : mean;
}

/** What a share looks like to a reader: a figure with its range, or "too few customers yet". */
export type ShareFigure =
  | ({ kind: "shown"; x: number; n: number } & Interval)
  | { kind: "too-few"; n: number };

export function shareFigure(x: number, n: number, threshold: number): ShareFigure {
  if (isSuppressed(n, threshold)) return { kind: "too-few", n };
  return { kind: "shown", x, n, ...wilsonInterval(x, n) };
}

/** A mean on a 1–5 scale from a number of answers. We know no spread, so there is no interval. */
export type MeanFigure = { kind: "shown"; responses: number; mean: number } | { kind: "too-few"; responses: number };

export function meanFigure(responses: number, total: number, threshold: number): MeanFigure {
  if (isSuppressed(responses, threshold) || responses === 0) return { kind: "too-few", responses };
  return { kind: "shown", responses, mean: total / responses };
}

/** Whether two ranges overlap (touching counts as overlapping). */
export function rangesOverlap(a: { lower: number; upper: number }, b: { lower: number; upper: number }): boolean {
  return a.lower <= b.upper && b.lower <= a.upper;
}

import { z95, type Interval } from "./statistics";

/**
 * Adjusted figures by indirect standardisation
 * (docs/decisions/069-customer-groups-and-adjusted-figures.md). Framework-free: no clock, no database.
 *
 * A provider's customers are split into groups (strata) that differ in how often people find work.
 * The EXPECTED count is what the provider would have if each of its groups did as well as the same
 * group does in the whole pilot (every provider and the public service together):
 *
 *   E = Σ n_g × r_g,   r_g = X_g / N_g  (pilot-wide share of group g)
 *
 * The standardised ratio is O / E (O the provider's observed count), and the adjusted share is
 * O / E × P, P the pilot-wide share of all customers (Breslow & Day 1987, Statistical Methods in
 * Cancer Research, vol. II, IARC Scientific Publications 82, §2.3, p. 65 and §2.5).
 *
 * The 95 % interval of the ratio treats O as a Poisson count and E as known, with Byar's
 * approximation to the exact Poisson limits (Breslow & Day vol. II, chapter 2):
 *
 *   O_lower = O × (1 − 1/(9O) − z/(3√O))³,   O_upper = (O+1) × (1 − 1/(9(O+1)) + z/(3√(O+1)))³
 *
 * which is within 0.2 % of the exact limits from O = 10 upwards and never wider than a few per cent
 * below it. The adjusted share's interval is the ratio's interval × P, cut at 100 %.
 */

export type StratumCounts = { x: number; n: number };

/** Byar's approximate 95 % limits for a Poisson count `observed` (a whole number ≥ 0). */
export function byarLimits(observed: number, z: number = z95): { lower: number; upper: number } {
  if (!Number.isInteger(observed) || observed < 0) throw new RangeError(`byarLimits needs a whole number ≥ 0 (got ${observed})`);
  const lower = observed === 0 ? 0 : observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  const o1 = observed + 1;
  const upper = o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
  return { lower: Math.max(0, lower), upper };
}

export type Standardised = {
  /** The provider's customers and those of them with the outcome (O). */
  n: number;
  observed: number;
  /** E: what the provider would have with the pilot-wide share of each of its groups. */
  expected: number;
  /** O / E with its 95 % interval. */
  ratio: Interval;
  /** P: the pilot-wide share of all customers. */
  pilotShare: number;
  /** The adjusted share O / E × P with its 95 % interval, all within 0–1. */
  adjusted: Interval;
};

/**
 * The adjusted figure of one subject (a provider or the public service) from its counts by group
 * and the pilot-wide counts by group (which include the subject's own). Null when there is nothing
 * to adjust: no customers, no expected outcomes (every group's pilot-wide share is 0 %), or a group
 * of the subject that the pilot-wide counts do not have.
 */
export function standardise(
  subject: ReadonlyMap<string, StratumCounts>,
  pilot: ReadonlyMap<string, StratumCounts>,
  z: number = z95,
): Standardised | null {
  let n = 0;
  let observed = 0;
  let expected = 0;
  for (const [group, c] of subject) {
    if (c.n === 0) continue;
    const ref = pilot.get(group);
    if (!ref || ref.n < c.n || ref.x < c.x) return null;
    n += c.n;
    observed += c.x;
    expected += (c.n * ref.x) / ref.n;
  }
  let pilotX = 0;
  let pilotN = 0;
  for (const c of pilot.values()) {
    pilotX += c.x;
    pilotN += c.n;
  }
  if (n === 0 || expected <= 0 || pilotN === 0) return null;
  const pilotShare = pilotX / pilotN;
  const limits = byarLimits(observed, z);
  const ratio = { estimate: observed / expected, lower: limits.lower / expected, upper: limits.upper / expected };
  const cap = (v: number) => Math.min(1, v);
  return {
    n,
    observed,
    expected,
    ratio,
    pilotShare,
    adjusted: { estimate: cap(ratio.estimate * pilotShare), lower: cap(ratio.lower * pilotShare), upper: cap(ratio.upper * pilotShare) },
  };
}

/**
 * A 95 % interval for the difference a − b of two estimates from their own intervals, by the
 * "method of variance estimates recovery" (MOVER; Zou & Donner 2008, Statistics in Medicine
 * 27:1693–1702): lower = D − √((a − l_a)² + (u_b − b)²), upper = D + √((u_a − a)² + (b − l_b)²).
 * With two Wilson intervals it is Newcombe's hybrid score method (app/domain/verdict.ts); here it
 * compares two adjusted figures, whose intervals come from standardise().
 */
export function differenceOfIntervals(a: Interval, b: Interval): Interval {
  const d = a.estimate - b.estimate;
  return {
    estimate: d,
    lower: d - Math.sqrt((a.estimate - a.lower) ** 2 + (b.upper - b.estimate) ** 2),
    upper: d + Math.sqrt((a.upper - a.estimate) ** 2 + (b.estimate - b.lower) ** 2),
  };
}

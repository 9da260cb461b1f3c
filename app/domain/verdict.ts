import { isSuppressed, wilsonInterval, z95, type Interval } from "./statistics";

/**
 * A provider against the public service of the same pilot and period
 * (docs/decisions/068-verdicts-and-figure-sentences.md): a 95 % interval for the difference of two
 * shares, and the verdict it supports. Framework-free: no clock, no database.
 */

/** One of the four answers, as the API and the pages name them. */
export const verdicts = ["better", "similar", "worse", "too_few"] as const;
export type Verdict = (typeof verdicts)[number];

/** A difference p1 − p2 with its interval; `estimate` is the point difference. */
export type Difference = Interval;

/**
 * Newcombe's hybrid score interval for p1 − p2 of two independent shares (method 10 in Newcombe
 * 1998, "Interval estimation for the difference between independent proportions: comparison of
 * eleven methods", Statistics in Medicine 17:873–890). It combines the two Wilson score intervals
 * (l1–u1, l2–u2) the pages already show:
 *
 *   lower = D − √((p1 − l1)² + (u2 − p2)²),  upper = D + √((u1 − p1)² + (p2 − l2)²),  D = p1 − p2
 *
 * Unlike "D ± 1.96·SE" it stays within −1…1, keeps its coverage near 0 % and 100 % and with small
 * numbers, and never has zero width when both shares are 0 % or 100 %.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z: number = z95): Difference {
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  const d = a.estimate - b.estimate;
  const lower = d - Math.sqrt((a.estimate - a.lower) ** 2 + (b.upper - b.estimate) ** 2);
  const upper = d + Math.sqrt((a.upper - a.estimate) ** 2 + (b.estimate - b.lower) ** 2);
  // The formula keeps within −1…1; clamping only removes rounding error at the edges.
  return { estimate: d, lower: Math.max(-1, Math.min(d, lower)), upper: Math.min(1, Math.max(d, upper)) };
}

/**
 * The verdict of a share x/n against the public service's share px/pn: "too_few" when either has
 * fewer customers than the pilot's small-number threshold (neither is then shown as a figure);
 * otherwise "better" only when the whole difference interval is above zero, "worse" only when it
 * is wholly below, and "similar" (no clear difference) when it includes zero.
 */
export function versusPublicService(
  provider: { x: number; n: number },
  publicService: { x: number; n: number } | null,
  threshold: number,
): { verdict: Verdict; difference: Difference | null } {
  if (!publicService || isSuppressed(provider.n, threshold) || isSuppressed(publicService.n, threshold) || provider.n === 0 || publicService.n === 0) {
    return { verdict: "too_few", difference: null };
  }
  const difference = newcombeDifference(provider.x, provider.n, publicService.x, publicService.n);
  return { verdict: verdictOf(difference), difference };
}

/** The verdict a difference interval supports: its whole range above zero, below zero, or neither. */
export function verdictOf(difference: { lower: number; upper: number }): Exclude<Verdict, "too_few"> {
  if (difference.lower > 0) return "better";
  if (difference.upper < 0) return "worse";
  return "similar";
}

/**
 * The order of a list sorted by a result: by the lower end of the range, highest first (the share
 * the provider reaches at least, with 95 % confidence), then by the figure itself, then by `key`;
 * items without a figure last, by key. The order says who has shown the most at the least; it does
 * not say that one provider is better than the next: neighbours' ranges often overlap. No items
 * are ever grouped as "equal": each is compared with the public service on its own.
 */
export function orderByLowerEnd<K extends string | number>(
  items: readonly { key: K; sortKey?: string; range: { estimate: number; lower: number } | null }[],
): K[] {
  const tie = (a: { key: K; sortKey?: string }, b: { key: K; sortKey?: string }) => {
    const sa = a.sortKey ?? String(a.key);
    const sb = b.sortKey ?? String(b.key);
    return sa < sb ? -1 : sa > sb ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  };
  return [...items]
    .sort((a, b) => {
      if (a.range && b.range) return b.range.lower - a.range.lower || b.range.estimate - a.range.estimate || tie(a, b);
      if (a.range) return -1;
      if (b.range) return 1;
      return tie(a, b);
    })
    .map((i) => i.key);
}

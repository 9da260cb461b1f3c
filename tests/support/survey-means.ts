/**
 * Whether a satisfaction mean is one that whole-number answers from 1 to 5 can give: the mean of
 * `responses` answers is stored to two decimals, so some sum s, n ≤ s ≤ 5n, has |mean − s/n| ≤ 0.005.
 */
export function possibleMean(responses: number, mean: number): boolean {
  if (!Number.isInteger(Math.round(mean * 100)) || Math.abs(mean * 100 - Math.round(mean * 100)) > 1e-6) return false;
  const sum = Math.round(mean * responses);
  return sum >= responses && sum <= 5 * responses && Math.abs(mean - sum / responses) <= 0.005 + 1e-9;
}

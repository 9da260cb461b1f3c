import type { Facts } from "./eligibility";

/**
 * Customer groups: the breakdown of a month's results by whom a provider serves
 * (docs/decisions/069-customer-groups-and-adjusted-figures.md). Each dimension divides all the
 * customers who started in a month into groups that officials can report from the register of
 * jobseekers (age on the start day, length of unemployment on the start day, the benefit paid, the
 * language registered). Every dimension is reported on its own: its groups add up to the whole,
 * and no group crosses two dimensions (those cells would be too small to publish).
 * Framework-free.
 */

/** The whole: every customer of the row's provider and month. */
export const allGroup = "all" as const;

export const groupDimensions = {
  unemployment: ["unemployed_under_6m", "unemployed_6_12m", "unemployed_over_12m"],
  age: ["age_under_30", "age_30_49", "age_50_plus"],
  allowance: ["allowance_earnings_related", "allowance_other"],
  language: ["language_foreign", "language_domestic"],
} as const;

export type GroupDimension = keyof typeof groupDimensions;
export const dimensionNames = Object.keys(groupDimensions) as GroupDimension[];
export type CustomerGroup = (typeof groupDimensions)[GroupDimension][number];
export type GroupOrAll = CustomerGroup | typeof allGroup;

/** Every group, dimension by dimension, in the order the pages list them. */
export const customerGroups: readonly CustomerGroup[] = dimensionNames.flatMap((d) => groupDimensions[d]);
/** `all` and every group: the values of the `group` column. */
export const groupValues: readonly GroupOrAll[] = [allGroup, ...customerGroups];

export function isCustomerGroup(value: unknown): value is CustomerGroup {
  return typeof value === "string" && (customerGroups as readonly string[]).includes(value);
}
export function isGroupValue(value: unknown): value is GroupOrAll {
  return value === allGroup || isCustomerGroup(value);
}

export function dimensionOf(group: CustomerGroup): GroupDimension {
  return dimensionNames.find((d) => (groupDimensions[d] as readonly string[]).includes(group))!;
}

/**
 * The dimension the adjusted figures are standardised by: how long a customer had been unemployed
 * when they started. It is the strongest of the four in telling how soon a person finds work, and
 * the one the about-the-figures page used to say the figures did not account for.
 */
export const adjustmentDimension: GroupDimension = "unemployment";

/**
 * The reader's own groups from the eligibility facts (the check's answers, or a signed-in person's
 * stored facts): age, benefit and language. How long a person has been unemployed is not among
 * the facts, so it is only ever picked by the reader. In the order the pages prefer them.
 */
export function groupsFromFacts(facts: Facts): CustomerGroup[] {
  const out: CustomerGroup[] = [];
  if (typeof facts.age === "number") out.push(facts.age < 30 ? "age_under_30" : facts.age < 50 ? "age_30_49" : "age_50_plus");
  if (facts.foreign_language !== undefined) out.push(facts.foreign_language ? "language_foreign" : "language_domestic");
  if (facts.benefit !== undefined) out.push(facts.benefit === "earnings_related" ? "allowance_earnings_related" : "allowance_other");
  return out;
}

import { parseBusinessId } from "./business-id";
import { allGroup, isGroupValue, type GroupOrAll } from "./customer-groups";

/**
 * Monthly results: one row per pilot, provider (or the public service) and month, describing the
 * customers who STARTED in that month and what happened to them (docs/decisions/022-results-data.md).
 *
 * The column names are the same in the database export, results.csv, results.json and the CSV
 * that officials upload, so that a file can go round trip. Framework-free: "today" is a parameter.
 */

/** The columns an upload carries and every export starts with, in this order. */
export const resultColumns = [
  "month",
  "pilot",
  "provider_business_id",
  "provider_name",
  "group",
  "started",
  "employed_open_3m",
  "employed_open_6m",
  "in_education",
  "in_subsidised_work",
  "contacted_within_5_days",
  "satisfaction_responses",
  "satisfaction_mean",
] as const;
/**
 * Columns an upload may leave out: without `group` every row is the whole (`all`), as in the files
 * made before the breakdown by customer group (docs/decisions/069-customer-groups-and-adjusted-figures.md).
 */
export const optionalColumns: readonly ResultColumn[] = ["group"];
/** Written by the service when a month is published or replaced; ignored in an upload. */
export const serviceColumns = ["published_at", "corrected_at"] as const;
export const exportColumns = [...resultColumns, ...serviceColumns] as const;

export type ResultColumn = (typeof resultColumns)[number];

/** A validated row. Outcome counts are null while the follow-up is not over (or not reported). */
export type ResultRow = {
  month: string;
  pilot: string;
  /** null for the public service */
  provider_business_id: string | null;
  provider_name: string;
  /** The customer group the row counts (app/domain/customer-groups.ts), or `all` for every customer. */
  group: GroupOrAll;
  started: number;
  employed_open_3m: number | null;
  employed_open_6m: number | null;
  in_education: number | null;
  in_subsidised_work: number | null;
  contacted_within_5_days: number | null;
  satisfaction_responses: number;
  satisfaction_mean: number | null;
};

/** The measures shown as shares of the customers who started. */
export const shareMeasures = [
  "employed_open_6m",
  "employed_open_3m",
  "in_education",
  "in_subsidised_work",
  "contacted_within_5_days",
] as const;
export type ShareMeasure = (typeof shareMeasures)[number];
export function isShareMeasure(value: unknown): value is ShareMeasure {
  return typeof value === "string" && (shareMeasures as readonly string[]).includes(value);
}

/**
 * Months after the start month before an outcome is known: the 3-month follow-up of customers who
 * started in May ends with August. Contact within 5 working days is known when the month is over.
 */
export const followUpMonths: Record<ShareMeasure, number> = {
  employed_open_3m: 3,
  employed_open_6m: 6,
  in_education: 6,
  in_subsidised_work: 6,
  contacted_within_5_days: 0,
};

/** Each figure on the pages covers this many start months. */
export const periodMonths = 12;

// ---- months (YYYY-MM) ----

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
export function isMonth(value: unknown): value is string {
  return typeof value === "string" && monthPattern.test(value);
}
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}
/** "2026-11-25" → "2026-11" */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
/** The latest month that is over on `today`. */
export function lastFullMonth(today: string): string {
  return addMonths(monthOf(today), -1);
}
/** Months from `from` to `to`, both included, oldest first. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export type Window = { from: string; to: string };

/**
 * The start months a figure covers, given the latest published month: the latest twelve months
 * in which the measure can be known. Employment within 6 months of customers who started in the
 * last six months is not known yet, so that figure covers an earlier year.
 */
export function measureWindow(measure: ShareMeasure | "satisfaction", latestMonth: string): Window {
  const lag = measure === "satisfaction" ? 0 : followUpMonths[measure];
  const to = addMonths(latestMonth, -lag);
  return { from: addMonths(to, -(periodMonths - 1)), to };
}

/** Whether the follow-up of a start month is over on `today`, so that the outcome can be counted. */
export function followUpOver(month: string, measure: ShareMeasure, today: string): boolean {
  return addMonths(month, followUpMonths[measure]) <= lastFullMonth(today);
}

// ---- validation of one row (the seed, and the officials' CSV upload later) ----

export type ResultProblem =
  | "month-format"
  | "month-not-over"
  | "pilot-format"
  | "pilot-unknown"
  | "business-id-format"
  | "business-id-check-digit"
  | "provider-unknown"
  | "provider-not-in-pilot"
  | "name-missing"
  | "group-unknown"
  | "count-format"
  | "count-required"
  | "more-than-started"
  | "employed-3m-over-6m"
  | "follow-up-not-over"
  | "mean-format"
  | "mean-without-responses"
  | "mean-missing";

export type ResultIssue = { column: ResultColumn; problem: ResultProblem };

export type ValidationContext = {
  /** Today in Finland (YYYY-MM-DD): a month must be over, and a follow-up over, to be reported. */
  today?: string;
  /** Known pilot slugs. */
  pilots?: ReadonlySet<string>;
  /** Known providers by business ID, with the pilots each serves. */
  providers?: ReadonlyMap<string, { pilots: ReadonlySet<string> }>;
};

/** The outcome columns in the order of the file, so that problems are listed in that order. */
const outcomeColumns = ["employed_open_3m", "employed_open_6m", "in_education", "in_subsidised_work", "contacted_within_5_days"] as const;

type Raw = Partial<Record<string, string | number | null | undefined>>;

const maxCount = 1_000_000;

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

/** "" → null; "12" → 12; anything else → undefined (malformed). */
function count(value: string | number | null | undefined): number | null | undefined {
  const s = text(value);
  if (s === "") return null;
  if (!/^\d{1,7}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= maxCount ? n : undefined;
}

/**
 * Checks one row: formats, counts that are whole and not negative, no outcome larger than the
 * number who started, employed within 3 months not more than within 6 months, a mean on 1–5 only
 * with answers, and (with a context) that the pilot and provider exist, the provider serves the
 * pilot, the month is over and an outcome is reported only after its follow-up.
 * Returns every problem found, each tied to its column, so an upload can point at the cell.
 */
export function validateResultRow(
  raw: Raw,
  context: ValidationContext = {},
): { ok: true; row: ResultRow } | { ok: false; issues: ResultIssue[] } {
  const issues: ResultIssue[] = [];
  const add = (column: ResultColumn, problem: ResultProblem) => issues.push({ column, problem });

  const month = text(raw.month);
  if (!isMonth(month)) add("month", "month-format");
  else if (context.today && month > lastFullMonth(context.today)) add("month", "month-not-over");

  const pilot = text(raw.pilot);
  let pilotOk = true;
  if (!/^[a-z0-9-]{1,64}$/.test(pilot)) add("pilot", "pilot-format");
  else if (context.pilots && !context.pilots.has(pilot)) add("pilot", "pilot-unknown");
  if (issues.some((i) => i.column === "pilot")) pilotOk = false;

  const businessIdText = text(raw.provider_business_id);
  let businessId: string | null = null;
  if (businessIdText !== "") {
    const parsed = parseBusinessId(businessIdText);
    if (!parsed.ok) add("provider_business_id", parsed.problem === "format" ? "business-id-format" : "business-id-check-digit");
    else {
      businessId = parsed.businessId;
      const provider = context.providers?.get(businessId);
      if (context.providers && !provider) add("provider_business_id", "provider-unknown");
      else if (provider && pilotOk && !provider.pilots.has(pilot)) add("provider_business_id", "provider-not-in-pilot");
    }
  }

  const providerName = text(raw.provider_name);
  if (providerName === "" || providerName.length > 200) add("provider_name", "name-missing");

  const groupText = text(raw.group).toLowerCase();
  const group = groupText === "" ? allGroup : groupText;
  if (!isGroupValue(group)) add("group", "group-unknown");

  const counts = {} as Record<
    "started" | "employed_open_3m" | "employed_open_6m" | "in_education" | "in_subsidised_work" | "contacted_within_5_days" | "satisfaction_responses",
    number | null
  >;
  for (const column of [
    "started",
    "employed_open_3m",
    "employed_open_6m",
    "in_education",
    "in_subsidised_work",
    "contacted_within_5_days",
    "satisfaction_responses",
  ] as const) {
    const value = count(raw[column]);
    if (value === undefined) add(column, "count-format");
    else if (value === null && (column === "started" || column === "satisfaction_responses")) add(column, "count-required");
    counts[column] = value ?? null;
  }

  const started = counts.started;
  if (started !== null) {
    for (const column of [...outcomeColumns, "satisfaction_responses"] as const) {
      const value = counts[column];
      if (value !== null && value > started) add(column, "more-than-started");
    }
  }
  const e3 = counts.employed_open_3m;
  const e6 = counts.employed_open_6m;
  if (e3 !== null && e6 !== null && e3 > e6 && !(started !== null && e3 > started)) add("employed_open_3m", "employed-3m-over-6m");

  // (A month that is not over already has its own problem.)
  if (context.today && isMonth(month) && month <= lastFullMonth(context.today)) {
    for (const measure of outcomeColumns) {
      if (counts[measure] !== null && !followUpOver(month, measure, context.today)) add(measure, "follow-up-not-over");
    }
  }

  const meanText = text(raw.satisfaction_mean);
  let mean: number | null = null;
  const responses = counts.satisfaction_responses;
  if (meanText !== "") {
    const value = /^\d(\.\d{1,3})?$/.test(meanText) ? Number(meanText) : NaN;
    if (!(value >= 1 && value <= 5)) add("satisfaction_mean", "mean-format");
    else if (responses === 0) add("satisfaction_mean", "mean-without-responses");
    else mean = value;
  } else if (responses !== null && responses > 0) {
    add("satisfaction_mean", "mean-missing");
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    row: {
      month,
      pilot,
      provider_business_id: businessId,
      provider_name: providerName,
      group: group as GroupOrAll,
      started: started!,
      employed_open_3m: counts.employed_open_3m,
      employed_open_6m: counts.employed_open_6m,
      in_education: counts.in_education,
      in_subsidised_work: counts.in_subsidised_work,
      contacted_within_5_days: counts.contacted_within_5_days,
      satisfaction_responses: responses!,
      satisfaction_mean: mean,
    },
  };
}

// ---- CSV (RFC 4180) ----

/** One CSV field: quoted when it holds a comma, a quote, a line break, or starts like a formula. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  // A spreadsheet would run a cell that starts with = + - @ as a formula: prefix it with '.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/**
 * Changes to how the figures are made, newest first. Each has its text in the "figures"
 * namespace (changes.<key>); /about-the-figures lists them with their dates.
 */
export const methodChanges: readonly { date: string; key: string }[] = [
  { date: "2026-12-04", key: "verdicts" },
  { date: "2026-12-04", key: "customerGroups" },
  { date: "2026-11-25", key: "first" },
];

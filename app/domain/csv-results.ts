import { parse } from "csv-parse/sync";
import { dimensionOf, groupDimensions, type CustomerGroup, type GroupDimension } from "./customer-groups";
import {
  exportColumns,
  optionalColumns,
  resultColumns,
  validateResultRow,
  type ResultProblem,
  type ResultRow,
} from "./results";

/**
 * The officials' results upload (docs/decisions/052-results-upload.md): a CSV file with the columns
 * of the open data's results.csv, checked as a whole before anything is kept. Built on the row
 * validator of app/domain/results.ts; this module adds what only a file can get wrong (encoding,
 * delimiter, headings, row shape, duplicates) and what only an upload for one pilot can (a row of
 * another pilot). Framework-free: "today" is a parameter.
 *
 * Row numbers are those a spreadsheet or a text editor shows: the heading row is row 1.
 */

/** The largest file accepted (the upload handler stops reading beyond it). */
export const maxUploadBytes = 2 * 1024 * 1024;
/** More rows than any pilot reports in a file: 1,000 providers × 12 months and then some. The reading stops at the next row. */
export const maxUploadRows = 20_000;
/** Results have 12 columns (14 with the service's own): a heading row wider than this stops the reading. */
export const maxUploadColumns = 200;
/** At most this many problems (identical ones grouped) are reported; the rest are only counted. */
export const maxReportedProblems = 50;

export type FileProblemCode =
  | "too-large"
  | "no-file"
  | "not-a-form"
  | "empty"
  | "encoding"
  | "delimiter"
  | "malformed"
  | "header-missing"
  | "header-unknown"
  | "header-duplicate"
  | "header-empty"
  | "too-many-columns"
  | "no-rows"
  | "too-many-rows";
export type RowProblemCode =
  | ResultProblem
  | "column-count"
  | "count-negative"
  | "pilot-other"
  | "duplicate-row"
  | "delimiter"
  | "group-without-all"
  | "groups-do-not-add-up";
export type CsvProblemCode = FileProblemCode | RowProblemCode;

/**
 * One problem, tied to its row (null: the file as a whole) and column where it has one. The same
 * problem (same code, column, value and detail) on several rows is one problem with a count.
 */
export type CsvProblem = {
  row: number | null;
  column: string | null;
  code: CsvProblemCode;
  /** The cell as written (shortened), or what the problem is about. */
  value?: string;
  /** More about it: the columns missing, the row of the first duplicate, the count expected… */
  detail?: string;
  /** On how many rows the same problem is, when on more than one (row is the first of them). */
  count?: number;
  /** The last row with the same problem, when on more than one. */
  lastRow?: number;
};

/** A note that does not stop publication. */
export type CsvWarning = { row: number; code: "name-differs"; value: string; detail: string };

/** A validated row with its row number in the file. */
export type StagedRow = ResultRow & { row: number };

export type UploadContext = {
  /** The pilot the official uploads for: every row must be of this pilot. */
  pilot: string;
  /** Today in Finland (YYYY-MM-DD). */
  today: string;
  /** Every known pilot slug (a row of another existing pilot gets its own message). */
  pilots: ReadonlySet<string>;
  /** Registered providers by business ID: their name and the pilots they serve or served. */
  providers: ReadonlyMap<string, { name: string; pilots: ReadonlySet<string> }>;
};

/** A refused file: its first problems (at most maxReportedProblems, grouped) and how many there are in all. */
export type CsvRefusal = {
  ok: false;
  problems: CsvProblem[];
  /** Every problem found, each row of a group counted. */
  problemCount: number;
  /** Rows with at least one problem. */
  problemRows: number;
  /** Problems beyond the reported ones, by kind. */
  omitted: Partial<Record<CsvProblemCode, number>>;
  /** Rows of results read (0 when the file could not be read as rows). */
  rowCount: number;
};

export type CsvResult = { ok: true; rows: StagedRow[]; warnings: CsvWarning[]; months: string[] } | CsvRefusal;

/**
 * Collects the problems of a file in the order of the file: identical problems are grouped into the
 * first, and once maxReportedProblems different ones are kept the others are only counted, so that
 * the work and the report stay small however many problems a file has.
 */
class Problems {
  private readonly groups = new Map<string, CsvProblem>();
  private lastRow: number | null = null;
  count = 0;
  rows = 0;
  readonly omitted: Partial<Record<CsvProblemCode, number>> = {};

  add(problem: CsvProblem): void {
    this.count++;
    if (problem.row !== null && problem.row !== this.lastRow) {
      this.rows++;
      this.lastRow = problem.row;
    }
    const key = JSON.stringify([problem.code, problem.column, problem.value ?? null, problem.detail ?? null]);
    const group = this.groups.get(key);
    if (group) {
      group.count = (group.count ?? 1) + 1;
      if (problem.row !== null) group.lastRow = problem.row;
    } else if (this.groups.size < maxReportedProblems) {
      this.groups.set(key, { ...problem });
    } else {
      this.omitted[problem.code] = (this.omitted[problem.code] ?? 0) + 1;
    }
  }

  refusal(rowCount: number): CsvRefusal {
    return { ok: false, problems: [...this.groups.values()], problemCount: this.count, problemRows: this.rows, omitted: this.omitted, rowCount };
  }
}

/** A file refused for one problem with the file as a whole. */
export function refusal(problem: CsvProblem | FileProblemCode, rowCount = 0): CsvRefusal {
  const problems = new Problems();
  problems.add(typeof problem === "string" ? { row: null, column: null, code: problem } : problem);
  return problems.refusal(rowCount);
}

/** Column positions as ranges, "3–14, 20", the first ten of them. */
function positions(list: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    ranges.push(j > i ? `${list[i]}–${list[j]}` : String(list[i]));
    i = j + 1;
  }
  return ranges.length > 10 ? `${ranges.slice(0, 10).join(", ")}, …` : ranges.join(", ");
}

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * The offset of the first byte that is not part of valid UTF-8, or -1. Overlong forms, surrogates
 * and code points above U+10FFFF are invalid too (as TextDecoder's fatal mode has them).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The row (1-based line) of a byte offset. */
function rowOfOffset(bytes: Uint8Array, offset: number): number {
  let row = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) row++;
  return row;
}

/** The text of the file, or the problem that keeps it from being read as UTF-8. */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: CsvProblem } {
  if (bytes.length === 0) return { ok: false, problem: { row: null, column: null, code: "empty" } };
  // UTF-16 (a spreadsheet's "Unicode text"): the byte-order mark gives it away.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: { row: 1, column: null, code: "encoding", value: "UTF-16" } };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) return { ok: false, problem: { row: rowOfOffset(body, bad), column: null, code: "encoding" } };
  const text = new TextDecoder("utf-8").decode(body);
  if (text.includes("\u0000")) return { ok: false, problem: { row: rowOfOffset(body, body.indexOf(0)), column: null, code: "encoding" } };
  if (text.trim() === "") return { ok: false, problem: { row: null, column: null, code: "empty" } };
  return { ok: true, text };
}

/** The delimiter a heading row uses when it is not a comma (";" from a Finnish spreadsheet, a tab), or null. */
function otherDelimiter(line: string): string | null {
  if (line.includes(",")) return null;
  if (line.includes(";")) return ";";
  if (line.includes("\t")) return "\t";
  return null;
}

const tooManyColumns = (columns: number) => refusal({ row: 1, column: null, code: "too-many-columns", value: String(columns), detail: String(maxUploadColumns) });

type ParsedRecord = { record: string[]; lines: number };

/** Thrown from inside the CSV reader to stop it at once: the file is refused with these problems. */
class StopReading extends Error {
  constructor(readonly refusal: CsvRefusal) {
    super("the file is refused");
  }
}

/** The problems of a heading row (already trimmed and lower-cased), in the order of its columns. */
function headerProblems(header: string[]): Problems {
  const problems = new Problems();
  const empty: number[] = [];
  const counts = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === "") empty.push(i + 1);
    else counts.set(h, (counts.get(h) ?? 0) + 1);
  });
  if (empty.length > 0) problems.add({ row: 1, column: null, code: "header-empty", detail: positions(empty) });
  for (const [h, n] of counts) if (n > 1) problems.add({ row: 1, column: shorten(h), code: "header-duplicate", value: shorten(h) });
  const known = new Set<string>(exportColumns);
  const unknown = [...counts.keys()].filter((h) => !known.has(h));
  if (unknown.length > 0) {
    const listed = unknown.slice(0, 10).map(shorten).join(", ");
    problems.add({ row: 1, column: null, code: "header-unknown", detail: unknown.length > 10 ? `${listed}, …` : listed });
  }
  const missing = resultColumns.filter((c) => !counts.has(c) && !optionalColumns.includes(c));
  if (missing.length > 0) problems.add({ row: 1, column: null, code: "header-missing", detail: missing.join(", ") });
  return problems;
}

/**
 * Reads the records of the file, stopping as soon as the heading row is wrong, wider than
 * maxUploadColumns, or the rows are more than maxUploadRows: the reading of a hostile file ends
 * long before the file does. Rows of only empty cells (a spreadsheet leaves them at the end) are
 * not rows of results and are dropped.
 */
function readRecords(text: string): { header: string[]; records: ParsedRecord[] } | CsvRefusal {
  let header: string[] | null = null;
  let rows = 0;
  const records: ParsedRecord[] = [];
  const onRecord = (record: string[], info: { lines: number }): null => {
    if (header === null) {
      if (record.length > maxUploadColumns) {
        throw new StopReading(tooManyColumns(record.length));
      }
      header = record.map((h) => h.trim().toLowerCase());
      const problems = headerProblems(header);
      if (problems.count > 0) throw new StopReading(problems.refusal(0));
      return null;
    }
    if (!record.some((field) => field.trim() !== "")) return null;
    if (++rows > maxUploadRows) {
      throw new StopReading(refusal({ row: null, column: null, code: "too-many-rows", detail: String(maxUploadRows) }));
    }
    records.push({ record, lines: info.lines });
    return null;
  };
  try {
    parse(text, { delimiter: ",", relax_column_count: true, skip_empty_lines: true, on_record: onRecord });
  } catch (error) {
    if (error instanceof StopReading) return error.refusal;
    const row = typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number" ? error.lines : null;
    return refusal({ row, column: null, code: "malformed" });
  }
  if (header === null) return refusal("empty");
  return { header, records };
}

/**
 * Reads and checks a whole results file for one pilot. Every problem of every row is found, and
 * identical ones grouped (at most maxReportedProblems reported, the rest counted); a problem with
 * the file as a whole (encoding, delimiter, headings, size) stops the check there, since the rows
 * cannot be read reliably. Nothing is returned to keep unless the whole file is valid.
 */
export function parseResultsCsv(bytes: Uint8Array, ctx: UploadContext): CsvResult {
  const decoded = decodeUpload(bytes);
  if (!decoded.ok) return refusal(decoded.problem);
  const text = decoded.text;

  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = otherDelimiter(firstLine);
  if (delimiter) return refusal({ row: 1, column: null, code: "delimiter", value: delimiter === "\t" ? "tab" : delimiter });
  // A heading row without quotes has one column more than commas: a very wide one is refused before it is parsed.
  if (!firstLine.includes('"')) {
    let columns = 1;
    for (let i = firstLine.indexOf(","); i >= 0; i = firstLine.indexOf(",", i + 1)) columns++;
    if (columns > maxUploadColumns) return tooManyColumns(columns);
  }

  const read = readRecords(text);
  if ("ok" in read) return read;
  const { header, records } = read;
  if (records.length === 0) return refusal("no-rows");

  const problems = new Problems();
  const warnings: CsvWarning[] = [];
  const rows: StagedRow[] = [];
  const firstSeen = new Map<string, number>();
  // Problems in the order of the file, and of the columns within a row.
  const order = new Map<string, number>(resultColumns.map((c, i) => [c, i]));
  const byColumn = (a: CsvProblem, b: CsvProblem) => (order.get(a.column ?? "") ?? -1) - (order.get(b.column ?? "") ?? -1);

  for (const { record, lines } of records) {
    // A record that spans lines (a quoted line break) starts where its first line is.
    const row = lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      const joined = record.length < header.length ? record.join(",") : "";
      if (joined.includes(";") || joined.includes("\t")) {
        problems.add({ row, column: null, code: "delimiter", value: joined.includes(";") ? ";" : "tab" });
      } else {
        problems.add({ row, column: null, code: "column-count", value: String(record.length), detail: String(header.length) });
      }
      continue;
    }
    const raw: Record<string, string> = {};
    header.forEach((h, i) => (raw[h] = record[i]));
    const cell = (column: string) => shorten((raw[column] ?? "").trim());

    const rowProblems: CsvProblem[] = [];
    const add = (column: string | null, code: RowProblemCode, extra: Partial<CsvProblem> = {}) =>
      rowProblems.push({ row, column, code, value: column ? cell(column) : undefined, ...extra });

    const pilot = (raw.pilot ?? "").trim();
    const otherPilot = pilot !== ctx.pilot && ctx.pilots.has(pilot);
    const result = validateResultRow(raw, { today: ctx.today, pilots: ctx.pilots, providers: ctx.providers });
    if (!result.ok) {
      for (const issue of result.issues) {
        if (issue.problem === "count-format" && /^-\s*\d/.test((raw[issue.column] ?? "").trim())) {
          add(issue.column, "count-negative");
        } else if (issue.problem === "provider-not-in-pilot" && otherPilot) {
          // The row's pilot is the problem; the provider's pilots are not.
        } else {
          add(issue.column, issue.problem);
        }
      }
    }
    if (otherPilot) add("pilot", "pilot-other", { detail: ctx.pilot });
    const month = (raw.month ?? "").trim();

    const key = `${pilot}|${month}|${(raw.provider_business_id ?? "").trim() || "public"}|${result.ok ? result.row.group : (raw.group ?? "").trim().toLowerCase() || "all"}`;
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) add(null, "duplicate-row", { detail: String(earlier) });
    else firstSeen.set(key, row);

    if (rowProblems.length > 0 || !result.ok) {
      for (const p of rowProblems.sort(byColumn)) problems.add(p);
      continue;
    }
    if (problems.count > 0) continue; // the file is refused: no need to keep its valid rows
    const valid = result.row;
    if (valid.provider_business_id) {
      const registered = ctx.providers.get(valid.provider_business_id)?.name;
      if (registered && registered.trim().toLowerCase() !== valid.provider_name.trim().toLowerCase()) {
        warnings.push({ row, code: "name-differs", value: shorten(valid.provider_name), detail: registered });
      }
    }
    rows.push({ ...valid, row });
  }

  if (problems.count === 0) for (const p of groupProblems(rows)) problems.add(p);
  if (problems.count > 0) return problems.refusal(records.length);
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return { ok: true, rows, warnings, months };
}

/**
 * The counts a dimension's groups must add up to (the row of all customers): every column of the
 * row after the ones that name it, but the mean, which does not add up.
 */
const summedColumns = resultColumns.slice(resultColumns.indexOf("started")).filter(
  (c): c is Exclude<(typeof resultColumns)[number], "month" | "pilot" | "provider_business_id" | "provider_name" | "group" | "satisfaction_mean"> =>
    c !== "satisfaction_mean",
);

/**
 * The breakdown by customer group (docs/decisions/069-customer-groups-and-adjusted-figures.md): a
 * group's row needs the row of all customers of the same month and provider, and the groups of
 * one dimension that a file gives must add up to it in every count (a group left out has none).
 * An outcome still in follow-up is empty on every row of the month.
 */
export function groupProblems(rows: readonly StagedRow[]): CsvProblem[] {
  const out: CsvProblem[] = [];
  const wholes = new Map<string, StagedRow>();
  const parts = new Map<string, Map<GroupDimension, StagedRow[]>>();
  for (const r of rows) {
    const key = `${r.pilot}|${r.month}|${r.provider_business_id ?? "public"}`;
    if (r.group === "all") {
      wholes.set(key, r);
      continue;
    }
    let byDimension = parts.get(key);
    if (!byDimension) parts.set(key, (byDimension = new Map<GroupDimension, StagedRow[]>()));
    const dimension = dimensionOf(r.group);
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), r]);
  }
  for (const [key, byDimension] of parts) {
    const whole = wholes.get(key);
    for (const [dimension, list] of byDimension) {
      const first = list.reduce((a, b) => (b.row < a.row ? b : a));
      if (!whole) {
        out.push({ row: first.row, column: "group", code: "group-without-all", value: first.group });
        continue;
      }
      for (const column of summedColumns) {
        const expected = whole[column];
        const values = list.map((r) => r[column]);
        const adds = expected === null ? values.every((v) => v === null) : values.every((v) => v !== null) && values.reduce<number>((a, v) => a + (v ?? 0), 0) === expected;
        if (!adds) {
          out.push({
            row: first.row,
            column,
            code: "groups-do-not-add-up",
            value: (groupDimensions[dimension] as readonly CustomerGroup[]).join(", "),
            detail: String(whole.row),
          });
          break;
        }
      }
    }
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** A file name longer than this is shown shortened in the middle, keeping its end (the extension). */
const FILE_NAME_CHARS = 80;

/**
 * A file name as it may be shown and kept: any name is accepted (only the content is checked), but
 * control and formatting characters (line breaks, right-to-left overrides) become spaces, and a long
 * name is shortened in the middle. React escapes it wherever it is shown.
 */
export function displayFileName(name: string): string {
  const clean = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...clean];
  if (chars.length === 0) return "results.csv";
  if (chars.length <= FILE_NAME_CHARS) return clean;
  const tail = 25;
  return `${chars.slice(0, FILE_NAME_CHARS - tail - 1).join("")}…${chars.slice(-tail).join("")}`;
}

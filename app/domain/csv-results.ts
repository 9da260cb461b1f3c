import { parse } from "csv-parse/sync";
import {
  exportColumns,
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
/** More rows than any pilot reports in a file: 1,000 providers × 12 months and then some. */
export const maxUploadRows = 20_000;

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
  | "no-rows"
  | "too-many-rows";
export type RowProblemCode = ResultProblem | "column-count" | "count-negative" | "pilot-other" | "duplicate-row" | "delimiter";
export type CsvProblemCode = FileProblemCode | RowProblemCode;

/** One problem, tied to its row (null: the file as a whole) and column where it has one. */
export type CsvProblem = {
  row: number | null;
  column: string | null;
  code: CsvProblemCode;
  /** The cell as written (shortened), or what the problem is about. */
  value?: string;
  /** More about it: the columns missing, the row of the first duplicate, the count expected… */
  detail?: string;
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

export type CsvResult =
  | { ok: true; rows: StagedRow[]; warnings: CsvWarning[]; months: string[] }
  | { ok: false; problems: CsvProblem[]; rowCount: number };

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

type ParsedRecord = { record: string[]; info: { lines: number } };

/**
 * Reads and checks a whole results file for one pilot. Every problem of every row is reported;
 * a problem with the file as a whole (encoding, delimiter, headings) stops the check there, since
 * the rows cannot be read reliably. Nothing is returned to keep unless the whole file is valid.
 */
export function parseResultsCsv(bytes: Uint8Array, ctx: UploadContext): CsvResult {
  const decoded = decodeUpload(bytes);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem], rowCount: 0 };
  const text = decoded.text;

  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = otherDelimiter(firstLine);
  if (delimiter) {
    return { ok: false, problems: [{ row: 1, column: null, code: "delimiter", value: delimiter === "\t" ? "tab" : delimiter }], rowCount: 0 };
  }

  let records: ParsedRecord[];
  try {
    records = parse(text, { delimiter: ",", relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as ParsedRecord[];
  } catch (error) {
    const row = typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number" ? error.lines : null;
    return { ok: false, problems: [{ row, column: null, code: "malformed" }], rowCount: 0 };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: null, column: null, code: "empty" }], rowCount: 0 };

  // Headings: the columns of results.csv in any order; the service's own columns are allowed and ignored.
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const headerProblems: CsvProblem[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) headerProblems.push({ row: 1, column: h, code: "header-duplicate", value: shorten(h) });
    seen.add(h);
  }
  const known = new Set<string>(exportColumns);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length > 0) headerProblems.push({ row: 1, column: null, code: "header-unknown", detail: unknown.map(shorten).join(", ") });
  const missing = resultColumns.filter((c) => !seen.has(c));
  if (missing.length > 0) headerProblems.push({ row: 1, column: null, code: "header-missing", detail: missing.join(", ") });
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems, rowCount: Math.max(0, records.length - 1) };

  // A spreadsheet may leave rows of empty cells at the end: they are not rows of results.
  const dataRecords = records.slice(1).filter(({ record }) => record.some((field) => field.trim() !== ""));
  if (dataRecords.length === 0) return { ok: false, problems: [{ row: null, column: null, code: "no-rows" }], rowCount: 0 };
  if (dataRecords.length > maxUploadRows) {
    return { ok: false, problems: [{ row: null, column: null, code: "too-many-rows", detail: String(maxUploadRows) }], rowCount: dataRecords.length };
  }

  const problems: CsvProblem[] = [];
  const warnings: CsvWarning[] = [];
  const rows: StagedRow[] = [];
  const firstSeen = new Map<string, number>();

  for (const { record, info } of dataRecords) {
    // A record that spans lines (a quoted line break) starts where its first line is.
    const row = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      const joined = record.join(",");
      if (record.length < header.length && (joined.includes(";") || joined.includes("\t"))) {
        problems.push({ row, column: null, code: "delimiter", value: joined.includes(";") ? ";" : "tab" });
      } else {
        problems.push({ row, column: null, code: "column-count", value: String(record.length), detail: String(header.length) });
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

    const key = `${pilot}|${month}|${(raw.provider_business_id ?? "").trim() || "public"}`;
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) add(null, "duplicate-row", { detail: String(earlier) });
    else firstSeen.set(key, row);

    if (rowProblems.length > 0 || !result.ok) {
      problems.push(...rowProblems);
      continue;
    }
    const valid = result.row;
    if (valid.provider_business_id) {
      const registered = ctx.providers.get(valid.provider_business_id)?.name;
      if (registered && registered.trim().toLowerCase() !== valid.provider_name.trim().toLowerCase()) {
        warnings.push({ row, code: "name-differs", value: shorten(valid.provider_name), detail: registered });
      }
    }
    rows.push({ ...valid, row });
  }

  // Problems in the order of the file, and of the columns within a row.
  const order = new Map<string, number>(resultColumns.map((c, i) => [c, i]));
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (order.get(a.column ?? "") ?? -1) - (order.get(b.column ?? "") ?? -1));
  if (problems.length > 0) return { ok: false, problems, rowCount: dataRecords.length };
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return { ok: true, rows, warnings, months };
}

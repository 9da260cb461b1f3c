import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeUpload,
  firstInvalidUtf8,
  maxReportedProblems,
  maxUploadColumns,
  maxUploadRows,
  parseResultsCsv,
  type CsvRefusal,
  type CsvResult,
  type UploadContext,
} from "~/domain/csv-results";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/csv", name)));

const ctx: UploadContext = {
  pilot: "north-savo-choice",
  today: "2026-11-25",
  pilots: new Set(["north-savo-choice", "mikkeli-region-municipal"]),
  providers: new Map([
    ["2345671-3", { name: "Työpolku Oy", pilots: new Set(["north-savo-choice"]) }],
    ["3456782-2", { name: "Savon Uravalmennus Oy", pilots: new Set(["north-savo-choice"]) }],
  ]),
};

function problems(result: CsvResult) {
  if (result.ok) throw new Error("expected the file to be refused");
  return result.problems.map((p) => ({ row: p.row, column: p.column, code: p.code }));
}

const header =
  "month,pilot,provider_business_id,provider_name,started,employed_open_3m,employed_open_6m,in_education,in_subsidised_work,contacted_within_5_days,satisfaction_responses,satisfaction_mean";
const text = (...lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");

describe("the results upload: a valid file", () => {
  it("gives every row with its row number, the months, and nothing to complain about", () => {
    const result = parseResultsCsv(fixture("valid.csv"), ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.months).toEqual(["2026-01"]);
    expect(result.rows.map((r) => [r.row, r.provider_business_id, r.started])).toEqual([
      [2, null, 40],
      [3, "2345671-3", 15],
      [4, "3456782-2", 11],
    ]);
    expect(result.rows[1]).toMatchObject({ employed_open_3m: 4, employed_open_6m: 7, satisfaction_mean: 4.4 });
    expect(result.warnings).toEqual([]);
  });

  it("accepts a UTF-8 byte-order mark, CRLF line ends, columns in another order, the service's own columns and empty rows at the end", () => {
    const columns = header.split(",");
    const reordered = [...columns].reverse();
    const row = "2026-01,north-savo-choice,2345671-3,Työpolku Oy,15,4,7,1,1,14,6,4.4".split(",");
    const values = reordered.map((c) => row[columns.indexOf(c)]);
    const body = `\uFEFF${[...reordered, "published_at"].join(",")}\r\n${[...values, "2026-02-05T10:00:00Z"].join(",")}\r\n,,,,,,,,,,,,\r\n`;
    const result = parseResultsCsv(new TextEncoder().encode(body), ctx);
    expect(result.ok && result.rows.map((r) => r.started)).toEqual([15]);
  });

  it("notes a name that differs from the registered one, without refusing the file", () => {
    const result = parseResultsCsv(text(header, "2026-01,north-savo-choice,2345671-3,Tyopolku,15,4,7,1,1,14,6,4.4"), ctx);
    expect(result.ok && result.warnings).toEqual([{ row: 2, code: "name-differs", value: "Tyopolku", detail: "Työpolku Oy" }]);
  });

  it("counts the row of a record with a quoted line break from its first line", () => {
    const result = parseResultsCsv(text(header, '2026-01,north-savo-choice,2345671-3,"Työpolku\nOy",15,4,7,1,1,14,6,4.4', "2026-01,north-savo-choice,3456782-2,Savon Uravalmennus Oy,-1,,,,,,0,"), ctx);
    expect(problems(result)).toEqual([{ row: 4, column: "started", code: "count-negative" }]);
  });
});

describe("the results upload: a file of each kind of error", () => {
  it.each([
    ["unknown-provider.csv", [{ row: 3, column: "provider_business_id", code: "provider-unknown" }]],
    ["future-month.csv", [{ row: 2, column: "month", code: "month-not-over" }]],
    ["more-employed-than-started.csv", [{ row: 3, column: "employed_open_6m", code: "more-than-started" }]],
    ["negative-counts.csv", [{ row: 2, column: "employed_open_3m", code: "count-negative" }]],
    ["windows-1252.csv", [{ row: 2, column: null, code: "encoding" }]],
    ["semicolons.csv", [{ row: 1, column: null, code: "delimiter" }]],
    ["missing-column.csv", [{ row: 1, column: null, code: "header-missing" }]],
    ["other-pilot.csv", [{ row: 2, column: "pilot", code: "pilot-other" }]],
    ["duplicate-row.csv", [{ row: 3, column: null, code: "duplicate-row" }]],
    ["empty.csv", [{ row: null, column: null, code: "empty" }]],
  ])("%s is refused with its row and reason", (file, expected) => {
    expect(problems(parseResultsCsv(fixture(file), ctx))).toEqual(expected);
  });

  it("says which delimiter it found and which columns are missing", () => {
    const semicolons = parseResultsCsv(fixture("semicolons.csv"), ctx);
    expect(!semicolons.ok && semicolons.problems[0].value).toBe(";");
    const missing = parseResultsCsv(fixture("missing-column.csv"), ctx);
    expect(!missing.ok && missing.problems[0].detail).toBe("satisfaction_mean");
    const tabs = parseResultsCsv(text(header.replaceAll(",", "\t")), ctx);
    expect(!tabs.ok && tabs.problems[0]).toMatchObject({ code: "delimiter", value: "tab" });
  });

  it("reports every problem of every row, in the order of the file", () => {
    const result = parseResultsCsv(
      text(
        header,
        "2026-13,north-savo-choice,2345671-4,Työpolku Oy,10,11,,,,,0,",
        "2026-01,north-savo-choice,,Julkinen työvoimapalvelu,abc,,,,,,0,",
        "2026-01,north-savo-choice;3456782-2;x",
        "2026-01,no-such-pilot,,Julkinen työvoimapalvelu,4,,,,,,2,",
      ),
      ctx,
    );
    expect(problems(result)).toEqual([
      { row: 2, column: "month", code: "month-format" },
      { row: 2, column: "provider_business_id", code: "business-id-check-digit" },
      { row: 2, column: "employed_open_3m", code: "more-than-started" },
      { row: 3, column: "started", code: "count-format" },
      { row: 4, column: null, code: "delimiter" },
      { row: 5, column: "pilot", code: "pilot-unknown" },
      { row: 5, column: "satisfaction_mean", code: "mean-missing" },
    ]);
    expect(!result.ok && result.rowCount).toBe(4);
  });

  it("refuses a file with only headings, an unknown or doubled heading, an unclosed quote and UTF-16", () => {
    expect(problems(parseResultsCsv(text(header), ctx))).toEqual([{ row: null, column: null, code: "no-rows" }]);
    expect(problems(parseResultsCsv(text(`${header},colour`, "x"), ctx))).toEqual([{ row: 1, column: null, code: "header-unknown" }]);
    expect(problems(parseResultsCsv(text(`${header},month`), ctx))[0]).toEqual({ row: 1, column: "month", code: "header-duplicate" });
    expect(problems(parseResultsCsv(text(header, '2026-01,"north-savo-choice,,x,1,,,,,,0,'), ctx))[0].code).toBe("malformed");
    expect(problems(parseResultsCsv(new Uint8Array([0xff, 0xfe, 0x6d, 0x00]), ctx))).toEqual([{ row: 1, column: null, code: "encoding" }]);
  });

  it("says the column count when a row is short or long", () => {
    const result = parseResultsCsv(text(header, "2026-01,north-savo-choice,,x,1"), ctx);
    expect(!result.ok && result.problems[0]).toMatchObject({ row: 2, code: "column-count", value: "5", detail: "12" });
  });
});

function refused(result: CsvResult): CsvRefusal {
  if (result.ok) throw new Error("expected the file to be refused");
  return result;
}

describe("the results upload: a hostile file stays small to check and to report", () => {
  const good = "2026-01,north-savo-choice,2345671-3,Työpolku Oy,15,4,7,1,1,14,6,4.4";

  it("a heading row of 400,000 commas stops at the heading with one problem: too many columns", { timeout: 30_000 }, () => {
    const result = refused(parseResultsCsv(new TextEncoder().encode(",".repeat(400_000)), ctx));
    expect(result.problems).toEqual([{ row: 1, column: null, code: "too-many-columns", value: "400001", detail: String(maxUploadColumns) }]);
    expect(result.problemCount).toBe(1);
  });

  it("columns without a name are one problem that names them as ranges", () => {
    expect(refused(parseResultsCsv(text(",".repeat(99)), ctx)).problems.map((p) => [p.code, p.detail])).toEqual([
      ["header-empty", "1–100"],
      ["header-missing", header.split(",").join(", ")],
    ]);
    const gaps = refused(parseResultsCsv(text(`${header},,x,,,,y,month,month`), ctx));
    expect(gaps.problems.map((p) => ({ code: p.code, column: p.column, detail: p.detail }))).toEqual([
      { code: "header-empty", column: null, detail: "13, 15–17" },
      { code: "header-duplicate", column: "month", detail: undefined },
      { code: "header-unknown", column: null, detail: "x, y" },
    ]);
  });

  it("lists at most ten unknown headings and shortens each", () => {
    const names = Array.from({ length: 30 }, (_, i) => `extra_${i}_${"z".repeat(60)}`);
    const result = refused(parseResultsCsv(text(`${header},${names.join(",")}`), ctx));
    const detail = result.problems.find((p) => p.code === "header-unknown")!.detail!;
    expect(detail.split(", ")).toHaveLength(11);
    expect(detail.endsWith(", …")).toBe(true);
    expect(detail.length).toBeLessThan(500);
  });

  it("the same problem on many rows is one problem with its count, first and last row", () => {
    const bad = good.replace("2026-01", "2026-13");
    const result = refused(parseResultsCsv(text(header, ...Array.from({ length: 300 }, () => bad)), ctx));
    // The month is wrong on every row, and rows 3–301 repeat row 2: two problems, each on a run of rows.
    expect(result.problems).toEqual([
      { row: 2, column: "month", code: "month-format", value: "2026-13", count: 300, lastRow: 301 },
      { row: 3, column: null, code: "duplicate-row", detail: "2", count: 299, lastRow: 301 },
    ]);
    expect(result).toMatchObject({ problemCount: 599, problemRows: 300, rowCount: 300, omitted: {} });
  });

  it("groups the same problem on rows far apart, and keeps different values apart", () => {
    const rows = [good.replace("2026-01", "2026-13"), good.replace("2026-01", "2025-12"), good.replace("2026-01", "2026-13").replace("2345671-3", "3456782-2"), good.replace("2026-01", "x")];
    const result = refused(parseResultsCsv(text(header, ...rows), ctx));
    expect(result.problems.map((p) => [p.row, p.code, p.value, p.count, p.lastRow])).toEqual([
      [2, "month-format", "2026-13", 2, 4],
      [5, "month-format", "x", undefined, undefined],
    ]);
  });

  it(`reports at most ${maxReportedProblems} different problems and counts the rest by kind`, () => {
    const rows = Array.from({ length: 120 }, (_, i) => good.replace("2026-01", `bad-${i}`));
    const result = refused(parseResultsCsv(text(header, ...rows), ctx));
    expect(result.problems).toHaveLength(maxReportedProblems);
    expect(result.problems.at(-1)).toMatchObject({ row: 51, value: "bad-49" });
    expect(result.omitted).toEqual({ "month-format": 70 });
    expect(result).toMatchObject({ problemCount: 120, problemRows: 120, rowCount: 120 });
  });

  // A file this size takes a fraction of a second; the longer timeout is for a busy test machine.
  it(`stops reading at row ${maxUploadRows + 1} of a file with 200,000 short rows`, { timeout: 30_000 }, () => {
    const many = refused(parseResultsCsv(new TextEncoder().encode(`${header}\n${"x\n".repeat(200_000)}`), ctx));
    expect(many.problems).toEqual([{ row: null, column: null, code: "too-many-rows", detail: String(maxUploadRows) }]);
  });

  it("does not count rows of empty cells (a spreadsheet leaves them at the end) against the limit", { timeout: 30_000 }, () => {
    const blank = ",".repeat(11);
    const padded = parseResultsCsv(text(header, good, ...Array.from({ length: maxUploadRows + 10 }, () => blank)), ctx);
    expect(padded.ok).toBe(true);
  });

  it("2 MB of random bytes is one encoding problem", { timeout: 30_000 }, () => {
    let seed = 12345;
    const bytes = Uint8Array.from({ length: 2 * 1024 * 1024 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    expect(refused(parseResultsCsv(bytes, ctx)).problems).toEqual([{ row: 1, column: null, code: "encoding" }]);
  });
});

describe("UTF-8 validation", () => {
  it.each([
    ["ascii", [0x61, 0x62], -1],
    ["ä in UTF-8", [0xc3, 0xa4], -1],
    ["€ in UTF-8", [0xe2, 0x82, 0xac], -1],
    ["😀 in UTF-8", [0xf0, 0x9f, 0x98, 0x80], -1],
    ["ä in Latin-1", [0x61, 0xe4, 0x62], 1],
    ["an overlong slash", [0xc0, 0xaf], 0],
    ["a surrogate", [0xed, 0xa0, 0x80], 0],
    ["a cut sequence", [0x61, 0xe2, 0x82], 1],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
  ])("%s", (_name, bytes, expected) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(expected);
  });

  it("agrees with TextDecoder's fatal mode on every two-byte sequence", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (let a = 0x80; a < 0x100; a++) {
      for (const b of [0x00, 0x41, 0x80, 0xa4, 0xbf, 0xc0, 0xff]) {
        const bytes = new Uint8Array([a, b]);
        let valid = true;
        try {
          decoder.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1, `${a.toString(16)} ${b.toString(16)}`).toBe(valid);
      }
    }
  });

  it("names the row of the first byte that is not UTF-8", () => {
    const decoded = decodeUpload(new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xe4]));
    expect(!decoded.ok && decoded.problem).toEqual({ row: 3, column: null, code: "encoding" });
  });
});

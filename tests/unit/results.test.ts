import { describe, expect, it } from "vitest";
import {
  addMonths,
  csvField,
  csvLine,
  exportColumns,
  followUpOver,
  lastFullMonth,
  measureWindow,
  monthRange,
  resultColumns,
  validateResultRow,
} from "~/domain/results";

const good = {
  month: "2026-04",
  pilot: "north-savo-choice",
  provider_business_id: "2345671-3",
  provider_name: "Työpolku Oy",
  started: "14",
  employed_open_3m: "4",
  employed_open_6m: "6",
  in_education: "1",
  in_subsidised_work: "1",
  contacted_within_5_days: "13",
  satisfaction_responses: "7",
  satisfaction_mean: "4.25",
};

const context = {
  today: "2026-11-25",
  pilots: new Set(["north-savo-choice"]),
  providers: new Map([["2345671-3", { pilots: new Set(["north-savo-choice"]) }]]),
};

const problems = (raw: Record<string, string>, ctx: Parameters<typeof validateResultRow>[1] = context) => {
  const r = validateResultRow(raw, ctx);
  return r.ok ? [] : r.issues.map((i) => `${i.column}:${i.problem}`);
};

describe("months", () => {
  it.each([
    ["2026-01", -1, "2025-12"],
    ["2026-12", 1, "2027-01"],
    ["2026-05", -17, "2024-12"],
    ["2026-05", 0, "2026-05"],
    ["2000-01", 120, "2010-01"],
  ])("%s %+d → %s", (m, d, out) => {
    expect(addMonths(m, d)).toBe(out);
  });

  it("the latest full month before today", () => {
    expect(lastFullMonth("2026-11-25")).toBe("2026-10");
    expect(lastFullMonth("2026-01-01")).toBe("2025-12");
  });

  it("ranges and windows: twelve start months whose outcome can be known", () => {
    expect(monthRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(measureWindow("contacted_within_5_days", "2026-10")).toEqual({ from: "2025-11", to: "2026-10" });
    expect(measureWindow("satisfaction", "2026-10")).toEqual({ from: "2025-11", to: "2026-10" });
    expect(measureWindow("employed_open_3m", "2026-10")).toEqual({ from: "2025-08", to: "2026-07" });
    expect(measureWindow("employed_open_6m", "2026-10")).toEqual({ from: "2025-05", to: "2026-04" });
  });

  it("a follow-up is over once its months have all ended", () => {
    expect(followUpOver("2026-07", "employed_open_3m", "2026-11-25")).toBe(true);
    expect(followUpOver("2026-08", "employed_open_3m", "2026-11-25")).toBe(false);
    expect(followUpOver("2026-04", "employed_open_6m", "2026-11-25")).toBe(true);
    expect(followUpOver("2026-05", "in_education", "2026-11-25")).toBe(false);
    expect(followUpOver("2026-10", "contacted_within_5_days", "2026-11-25")).toBe(true);
  });
});

describe("validateResultRow", () => {
  it("accepts a complete row and returns numbers", () => {
    const r = validateResultRow(good, context);
    expect(r).toEqual({
      ok: true,
      row: {
        month: "2026-04",
        pilot: "north-savo-choice",
        provider_business_id: "2345671-3",
        provider_name: "Työpolku Oy",
        group: "all",
        started: 14,
        employed_open_3m: 4,
        employed_open_6m: 6,
        in_education: 1,
        in_subsidised_work: 1,
        contacted_within_5_days: 13,
        satisfaction_responses: 7,
        satisfaction_mean: 4.25,
      },
    });
  });

  it("reads the customer group: empty is the whole, a known group in any case, anything else is a problem", () => {
    const ok = (group: string) => {
      const r = validateResultRow({ ...good, group }, context);
      return r.ok ? r.row.group : null;
    };
    expect(ok("")).toBe("all");
    expect(ok("all")).toBe("all");
    expect(ok(" Age_50_plus ")).toBe("age_50_plus");
    expect(problems({ ...good, group: "age_60_plus" })).toEqual(["group:group-unknown"]);
  });

  it("accepts the public service's row (empty business ID) and outcomes not known yet", () => {
    const r = validateResultRow(
      {
        ...good,
        month: "2026-10",
        provider_business_id: "",
        provider_name: "Julkinen työvoimapalvelu",
        employed_open_3m: "",
        employed_open_6m: "",
        in_education: "",
        in_subsidised_work: "",
        satisfaction_responses: "0",
        satisfaction_mean: "",
      },
      context,
    );
    expect(r.ok && r.row.provider_business_id).toBeNull();
    expect(r.ok && r.row.employed_open_6m).toBeNull();
    expect(r.ok && r.row.satisfaction_mean).toBeNull();
  });

  it("accepts numbers as well as text (JSON rows)", () => {
    expect(problems({ ...good, started: 14 as unknown as string })).toEqual([]);
  });

  it.each([
    [{ started: "-1" }, ["started:count-format"]],
    [{ started: "1.5" }, ["started:count-format"]],
    [{ started: "" }, ["started:count-required"]],
    [{ employed_open_6m: "15" }, ["employed_open_6m:more-than-started"]],
    [{ contacted_within_5_days: "15" }, ["contacted_within_5_days:more-than-started"]],
    [{ satisfaction_responses: "20", satisfaction_mean: "4" }, ["satisfaction_responses:more-than-started"]],
    [{ employed_open_3m: "7", employed_open_6m: "6" }, ["employed_open_3m:employed-3m-over-6m"]],
    [{ in_education: "x" }, ["in_education:count-format"]],
    [{ month: "2026-13" }, ["month:month-format"]],
    [{ month: "26-04" }, ["month:month-format"]],
    [{ month: "2026-11" }, ["month:month-not-over"]],
    [{ month: "2026-08" }, ["employed_open_3m:follow-up-not-over", "employed_open_6m:follow-up-not-over", "in_education:follow-up-not-over", "in_subsidised_work:follow-up-not-over"]],
    [{ pilot: "North Savo" }, ["pilot:pilot-format"]],
    [{ pilot: "elsewhere" }, ["pilot:pilot-unknown"]],
    [{ provider_business_id: "2345671-4" }, ["provider_business_id:business-id-check-digit"]],
    [{ provider_business_id: "0000006-0" }, ["provider_business_id:business-id-check-digit"]],
    [{ provider_business_id: "2345671" }, ["provider_business_id:business-id-format"]],
    [{ provider_business_id: "3456782-2" }, ["provider_business_id:provider-unknown"]],
    [{ provider_name: "" }, ["provider_name:name-missing"]],
    [{ satisfaction_mean: "5.5" }, ["satisfaction_mean:mean-format"]],
    [{ satisfaction_mean: "0.9" }, ["satisfaction_mean:mean-format"]],
    [{ satisfaction_mean: "4,2" }, ["satisfaction_mean:mean-format"]],
    [{ satisfaction_mean: "" }, ["satisfaction_mean:mean-missing"]],
    [{ satisfaction_responses: "0" }, ["satisfaction_mean:mean-without-responses"]],
  ])("%o is refused: %o", (change, expected) => {
    expect(problems({ ...good, ...change })).toEqual(expected);
  });

  it("without a context only the row itself is checked", () => {
    expect(problems({ ...good, pilot: "elsewhere", month: "2030-01" }, {})).toEqual([]);
  });
});

describe("CSV", () => {
  it("has the agreed columns, the service's two last", () => {
    expect(resultColumns).toEqual([
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
    ]);
    expect(exportColumns.slice(-2)).toEqual(["published_at", "corrected_at"]);
  });

  it("quotes only where needed and defuses spreadsheet formulas", () => {
    expect(csvField("Työpolku Oy")).toBe("Työpolku Oy");
    expect(csvField('Ab "Jobb", Oy')).toBe('"Ab ""Jobb"", Oy"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
    expect(csvField(4.25)).toBe("4.25");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });
});

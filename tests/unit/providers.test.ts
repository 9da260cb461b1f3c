import { describe, expect, it } from "vitest";
import {
  choosePilot,
  comparisonSearch,
  compactOpeningHours,
  nameSortKey,
  parseComparisonQuery,
  providerSchema,
  slugify,
} from "~/domain/providers";
import { exampleProviders } from "../../db/seed/providers";

const known = { pilots: new Set(["north-savo-choice", "other-pilot"]), municipalities: new Set(["749", "402", "091"]) };
const parse = (query: string) => parseComparisonQuery(new URLSearchParams(query), known);

describe("the comparison's filters", () => {
  it("no parameters: every provider, by name, page 1", () => {
    expect(parse("")).toEqual({
      query: { pilot: null, municipality: null, language: null, service: null, sort: "name", show: "employed_open_6m", page: 1, group: null },
      notices: [],
    });
  });

  it("reads every known value", () => {
    expect(parse("pilot=north-savo-choice&municipality=402&language=sv&service=job_matching&sort=employed_open_6m&page=3&group=age_50_plus").query).toEqual({
      pilot: "north-savo-choice",
      municipality: "402",
      language: "sv",
      service: "job_matching",
      sort: "employed_open_6m",
      show: "employed_open_6m",
      page: 3,
      group: "age_50_plus",
    });
  });

  it("shows the chosen result when sorted by name, and the sorted result otherwise", () => {
    expect(parse("show=satisfaction").query.show).toBe("satisfaction");
    expect(parse("show=satisfaction&sort=in_education").query.show).toBe("in_education");
    expect(parse("show=bogus").notices).toEqual([{ key: "show", value: "bogus" }]);
  });

  it("empty values mean 'any', without a notice (a form sends them)", () => {
    expect(parse("pilot=&municipality=&language=&service=&sort=&page=&group=")).toEqual(parse(""));
    expect(parse("group=all")).toEqual(parse(""));
  });

  it.each([
    ["pilot=nowhere", "pilot", "nowhere"],
    ["municipality=999", "municipality", "999"],
    ["municipality=Kuopio", "municipality", "Kuopio"],
    ["language=xx", "language", "xx"],
    ["language=FI", "language", "FI"],
    ["service=magic", "service", "magic"],
    ["sort=satisfaction", "sort", "satisfaction"],
    ["show=everything", "show", "everything"],
    ["sort=employed_open_6m;drop", "sort", "employed_open_6m;drop"],
    ["page=0", "page", "0"],
    ["page=-2", "page", "-2"],
    ["page=abc", "page", "abc"],
    ["page=1e3", "page", "1e3"],
    ["page=99999999", "page", "99999999"],
    ["group=age_60_plus", "group", "age_60_plus"],
  ])("%s is ignored with a notice", (query, key, value) => {
    const { query: q, notices } = parse(query);
    expect(notices).toEqual([{ key, value }]);
    expect(q).toEqual(parse("").query);
  });

  it("shortens a long value in the notice, and never fails on anything", () => {
    const { notices } = parse(`language=${"x".repeat(500)}`);
    expect(notices[0].value).toBe(`${"x".repeat(40)}…`);
    expect(() => parse("pilot=%00&language=%E2%82&sort[]=1&page=1&page=2")).not.toThrow();
  });

  it("keeps the good values when others are bad", () => {
    const { query, notices } = parse("language=sv&service=bad&sort=in_education");
    expect(query).toMatchObject({ language: "sv", service: null, sort: "in_education" });
    expect(notices.map((n) => n.key)).toEqual(["service"]);
  });

  it("a shared view's address keeps only what differs from the default", () => {
    expect(comparisonSearch({ pilot: "north-savo-choice", language: "sv", sort: "name", page: 1 })).toBe("?pilot=north-savo-choice&language=sv");
    expect(comparisonSearch({ sort: "in_education", page: 2 })).toBe("?sort=in_education&page=2");
    expect(comparisonSearch({ sort: "in_education", group: "language_foreign", page: 2 })).toBe("?sort=in_education&group=language_foreign&page=2");
    expect(comparisonSearch({ sort: "name", show: "satisfaction" })).toBe("?show=satisfaction");
    expect(comparisonSearch({ sort: "name", show: "employed_open_6m" })).toBe("");
    expect(comparisonSearch({})).toBe("");
  });
});

describe("which pilot the page compares", () => {
  const pilots = [
    { slug: "ended", municipalities: ["749"], running: false, hasProviders: true },
    { slug: "north-savo-choice", municipalities: ["749", "402"], running: true, hasProviders: true },
    { slug: "empty", municipalities: ["091"], running: true, hasProviders: false },
  ];
  it("the home municipality picks the running pilot that covers it", () => {
    expect(choosePilot({ pilot: null, municipality: "749" }, pilots)).toEqual({ pilot: "north-savo-choice", outside: false, municipalityOverrode: false });
  });
  it("the municipality wins over a pilot that does not cover it, and says so", () => {
    expect(choosePilot({ pilot: "ended", municipality: "402" }, pilots)).toEqual({ pilot: "north-savo-choice", outside: false, municipalityOverrode: true });
  });
  it("a municipality in no pilot with providers is outside", () => {
    expect(choosePilot({ pilot: null, municipality: "091" }, pilots)).toEqual({ pilot: null, outside: true, municipalityOverrode: false });
  });
  it("otherwise the pilot asked for, else the first running one", () => {
    expect(choosePilot({ pilot: "ended", municipality: null }, pilots).pilot).toBe("ended");
    expect(choosePilot({ pilot: "empty", municipality: null }, pilots).pilot).toBe("north-savo-choice");
    expect(choosePilot({ pilot: null, municipality: null }, pilots).pilot).toBe("north-savo-choice");
    expect(choosePilot({ pilot: null, municipality: null }, []).pilot).toBeNull();
  });
});

describe("names", () => {
  it("sort without the legal form, with å, ä and ö after z", () => {
    const names = ["Ab Jobbstigen Oy", "Östra Hjälp Ab", "Työpolku Oy", "Ääni Oy", "Zeta Oy", "Åbo Tjänst Ab", "avoin ovi ry"];
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual([
      "avoin ovi ry",
      "Ab Jobbstigen Oy",
      "Työpolku Oy",
      "Zeta Oy",
      "Åbo Tjänst Ab",
      "Ääni Oy",
      "Östra Hjälp Ab",
    ]);
    expect(nameSortKey("Oy")).toBe("oy");
  });

  it.each([
    ["Ab Jobbstigen Oy", "jobbstigen"],
    ["Työpolku Oy", "tyopolku"],
    ["Lapinlahden Työkumppanit Oy", "lapinlahden-tyokumppanit"],
    ["Ura & Arki Oy", "ura-arki"],
    ["Åsa Café Ab", "asa-cafe"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("opening hours", () => {
  it("joins neighbouring days with the same hours", () => {
    expect(
      compactOpeningHours([
        { days: [1, 2, 3, 4], opens: "08:30", closes: "16:00" },
        { days: [5], opens: "08:30", closes: "14:00" },
      ]),
    ).toEqual([
      { from: 1, to: 4, opens: "08:30", closes: "16:00" },
      { from: 5, to: 5, opens: "08:30", closes: "14:00" },
    ]);
    expect(compactOpeningHours([{ days: [1, 3, 5], opens: "09:00", closes: "15:00" }])).toHaveLength(3);
    expect(compactOpeningHours([])).toEqual([]);
  });
});

describe("the example providers", () => {
  it("are valid, with unique business IDs and slugs, one Swedish-speaking and one newcomer", () => {
    for (const p of exampleProviders) {
      const { rates: _r, months: _m, verified: _v, ...input } = p;
      expect(providerSchema.safeParse({ ...input, pilots: [{ pilot: "north-savo-choice", startsOn: "2025-05-01", endsOn: null }] }).success).toBe(true);
    }
    expect(new Set(exampleProviders.map((p) => p.businessId)).size).toBe(exampleProviders.length);
    expect(new Set(exampleProviders.map((p) => p.slug)).size).toBe(exampleProviders.length);
    expect(exampleProviders.length).toBeGreaterThanOrEqual(6);
    expect(exampleProviders.slice(0, 2).map((p) => p.businessId)).toEqual(["2345671-3", "3456782-2"]);
    expect(exampleProviders.some((p) => p.commitments.languages[0] === "sv")).toBe(true);
    expect(exampleProviders.some((p) => p.months * p.rates.started < 5)).toBe(true);
    const municipalities = new Set(exampleProviders.flatMap((p) => p.offices.map((o) => o.municipalityCode)));
    expect([...municipalities].sort()).toEqual(["402", "749"]);
  });

  it("refuse a business ID with a wrong check digit", () => {
    const { rates: _r, months: _m, verified: _v, ...input } = exampleProviders[0];
    const parsed = providerSchema.safeParse({ ...input, businessId: "2345671-4", pilots: [{ pilot: "x", startsOn: "2025-05-01", endsOn: null }] });
    expect(parsed.success).toBe(false);
  });
});

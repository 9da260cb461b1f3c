import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { results } from "../../db/schema";
import { getDb } from "~/.server/platform/db";
import { eligibilityPage } from "~/.server/eligibility/page";
import type { CsvRefusal } from "~/domain/csv-results";
import * as preview from "~/routes/lang.official.$pilot.results.$upload";
import * as resultsPage from "~/routes/lang.official.$pilot.results";
import { loader as resultsCsv } from "~/routes/api.v1.results-csv";
import { loader as resultsJson } from "~/routes/api.v1.results-json";
import { loader as comparison } from "~/routes/lang.providers";
import { loader as profile } from "~/routes/lang.providers.profile";
import { loader as comparisonJson } from "~/routes/api.v1.comparison";
import { saveAnswers } from "~/.server/choice/choices.store";
import { get, post, upload } from "../support/request";
import { as, quietLogs, userOf, type Who } from "./official-support";
import { TODAY } from "../support/clock";

/**
 * The breakdown by customer group (docs/decisions/069-customer-groups-and-adjusted-figures.md):
 * the upload with and without the `group` column, and the open data's group rows and small cells.
 */

quietLogs();

const pilot = "north-savo-choice";
const params = { lang: "fi", pilot };
const page = `/fi/official/${pilot}/results`;
const header =
  "month,pilot,provider_business_id,provider_name,group,started,employed_open_3m,employed_open_6m,in_education,in_subsidised_work,contacted_within_5_days,satisfaction_responses,satisfaction_mean";
const encode = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));

async function publish(who: Who, body: Uint8Array) {
  const answer = await upload(resultsPage.action, page, params, who, body);
  expect(answer.status, JSON.stringify(answer.data)).toBe(303);
  const id = answer.location!.split("/").pop()!;
  const shown = await get(preview.loader, `${page}/${id}`, { ...params, upload: id }, who);
  const rows = (shown.data!.preview as { rows: { row: number; group: string | null }[] }).rows;
  const done = await post(preview.action, `${page}/${id}`, { ...params, upload: id }, who, { intent: "publish" });
  expect(done.status).toBe(303);
  return rows;
}

async function refused(who: Who, body: Uint8Array): Promise<CsvRefusal> {
  const answer = await upload(resultsPage.action, page, params, who, body);
  expect(answer.status).toBe(400);
  return answer.data!.report as CsvRefusal;
}

async function csvLines(month: string): Promise<string[]> {
  const res = resultsCsv({ request: new Request("http://localhost/api/v1/results.csv"), params: {}, context: {} });
  return (await res.text()).split("\r\n").filter((l) => l.startsWith(`${month},${pilot}`));
}

describe("customer groups in the results upload", () => {
  it("a file without the group column (as before the breakdown) is still accepted: its rows are the whole", async () => {
    const sari = as("sari");
    const body = new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/csv/valid.csv")));
    const text = new TextDecoder().decode(body);
    expect(text.split("\n")[0]).not.toContain("group");
    const answer = await upload(resultsPage.action, page, params, sari, body);
    expect(answer.status, JSON.stringify(answer.data)).toBe(303);
  });

  it("a file with the breakdown is published, and the open data shows each group's row, small cells empty", async () => {
    const sari = as("sari");
    const month = "2025-02"; // before the example data
    const previewed = await publish(
      sari,
      encode([
        header,
        `${month},${pilot},,Julkinen työvoimapalvelu,all,40,8,13,3,2,30,12,3.9`,
        `${month},${pilot},,Julkinen työvoimapalvelu,unemployed_under_6m,15,5,7,1,1,12,5,4.0`,
        `${month},${pilot},,Julkinen työvoimapalvelu,unemployed_6_12m,13,2,4,1,1,10,4,3.8`,
        `${month},${pilot},,Julkinen työvoimapalvelu,unemployed_over_12m,12,1,2,1,0,8,3,3.67`,
        `${month},${pilot},2345671-3,Työpolku Oy,,15,4,7,1,1,14,6,4.4`,
        // Age: 3 customers aged 50 or over is fewer than the threshold (5): withheld, and with it the next smallest (under 30).
        `${month},${pilot},2345671-3,Työpolku Oy,age_under_30,5,2,3,0,0,5,2,4.5`,
        `${month},${pilot},2345671-3,Työpolku Oy,age_30_49,7,2,3,1,1,6,3,4.33`,
        `${month},${pilot},2345671-3,Työpolku Oy,age_50_plus,3,0,1,0,0,3,1,4`,
      ]),
    );
    // The preview names each row's group (in the official's language).
    expect(previewed.map((r) => r.group)).toEqual([
      null,
      "Alle 6 kuukautta työttömänä olleet",
      "6–12 kuukautta työttömänä olleet",
      "Yli vuoden työttömänä olleet",
      null,
      "Alle 30-vuotiaat",
      "30–49-vuotiaat",
      "50 vuotta täyttäneet",
    ]);
    const stored = getDb().select().from(results).where(and(eq(results.pilotSlug, pilot), eq(results.month, month))).all();
    expect(stored.map((r) => r.customerGroup).sort()).toEqual(["age_30_49", "age_50_plus", "age_under_30", "all", "all", "unemployed_6_12m", "unemployed_over_12m", "unemployed_under_6m"]);

    const lines = await csvLines(month);
    // The public service first, `all` before its groups; then the provider.
    expect(lines.map((l) => l.split(",").slice(2, 5).join(","))).toEqual([
      ",Julkinen työvoimapalvelu,all",
      ",Julkinen työvoimapalvelu,unemployed_under_6m",
      ",Julkinen työvoimapalvelu,unemployed_6_12m",
      ",Julkinen työvoimapalvelu,unemployed_over_12m",
      "2345671-3,Työpolku Oy,all",
      "2345671-3,Työpolku Oy,age_under_30",
      "2345671-3,Työpolku Oy,age_30_49",
      "2345671-3,Työpolku Oy,age_50_plus",
    ]);
    const cells = (group: string) => lines.find((l) => l.includes(`Työpolku Oy,${group},`))!.split(",").slice(4, 12);
    expect(cells("all")).toEqual(["all", "15", "4", "7", "1", "1", "14", "6"]);
    expect(cells("age_30_49")).toEqual(["age_30_49", "7", "2", "3", "1", "1", "6", "3"]);
    // Fewer than 5: the count who started stays, the outcomes are empty.
    expect(cells("age_50_plus")).toEqual(["age_50_plus", "3", "", "", "", "", "", "1"]);
    // The next smallest group of the same breakdown is withheld too, so that the small one cannot be subtracted out.
    expect(cells("age_under_30")).toEqual(["age_under_30", "5", "", "", "", "", "", "2"]);

    const json = (await resultsJson({ request: new Request("http://localhost/api/v1/results.json"), params: {}, context: {} }).json()) as {
      columns: string[];
      rows: Record<string, unknown>[];
    };
    expect(json.columns).toContain("group");
    const row = json.rows.find((r) => r.month === month && r.provider_business_id === "2345671-3" && r.group === "age_50_plus")!;
    expect(row).toEqual(expect.objectContaining({ started: 3, employed_open_6m: null, satisfaction_mean: null }));
    expect(json.rows.filter((r) => r.month === month && r.group === "all")).toHaveLength(2);
  });

  it("refuses group rows that do not add up to the whole, a group without the whole, and an unknown group", async () => {
    const sari = as("sari");
    const month = "2025-01";
    const report = await refused(
      sari,
      encode([
        header,
        `${month},${pilot},,Julkinen työvoimapalvelu,all,40,8,13,3,2,30,12,3.9`,
        `${month},${pilot},,Julkinen työvoimapalvelu,language_foreign,10,1,2,1,0,7,3,3.67`,
        `${month},${pilot},,Julkinen työvoimapalvelu,language_domestic,29,7,11,2,2,23,9,4`,
        `${month},${pilot},2345671-3,Työpolku Oy,age_under_30,5,2,3,0,0,5,2,4.5`,
        `${month},${pilot},3456782-2,Savon Uravalmennus,all,11,2,4,2,0,9,5,4.1`,
        `${month},${pilot},3456782-2,Savon Uravalmennus,age_60_plus,11,2,4,2,0,9,5,4.1`,
      ]),
    );
    expect(report.problems.map((p) => [p.row, p.code])).toEqual([[7, "group-unknown"]]);
    const second = await refused(
      sari,
      encode([
        header,
        `${month},${pilot},,Julkinen työvoimapalvelu,all,40,8,13,3,2,30,12,3.9`,
        `${month},${pilot},,Julkinen työvoimapalvelu,language_foreign,10,1,2,1,0,7,3,3.67`,
        `${month},${pilot},,Julkinen työvoimapalvelu,language_domestic,29,7,11,2,2,23,9,4`,
        `${month},${pilot},2345671-3,Työpolku Oy,age_under_30,5,2,3,0,0,5,2,4.5`,
      ]),
    );
    expect(second.problems).toEqual([
      expect.objectContaining({ row: 3, column: "started", code: "groups-do-not-add-up", detail: "2" }),
      expect.objectContaining({ row: 5, column: "group", code: "group-without-all", value: "age_under_30" }),
    ]);
  });

  it("a duplicate is the same month, provider and group", async () => {
    const sari = as("sari");
    const month = "2025-01";
    const report = await refused(
      sari,
      encode([
        header,
        `${month},${pilot},,Julkinen työvoimapalvelu,all,40,8,13,3,2,30,12,3.9`,
        `${month},${pilot},,Julkinen työvoimapalvelu,,40,8,13,3,2,30,12,3.9`,
      ]),
    );
    expect(report.problems).toEqual([expect.objectContaining({ row: 3, code: "duplicate-row", detail: "2" })]);
  });
});

type ComparisonData = {
  group: string | null;
  notices: { key: string; value?: string }[];
  likeMe: { group: { value: string; label: string } | null; suggested: { value: string }[]; source: string | null; hrefs: Record<string, string>; dropHref: string };
  publicService: { figures: { shares: Record<string, { kind: string; n?: number; sentence?: string }> } } | null;
  items: { slug: string; figure: { share?: { kind: string; n?: number; sentence?: string; verdict?: string } } }[];
};

function comparisonOf(search: string, lang = "en"): ComparisonData {
  return comparison({ request: new Request(`http://localhost/${lang}/providers${search}`), params: { lang }, context: {} }) as unknown as ComparisonData;
}

describe("the comparison for people like me, and the adjusted figure", () => {
  it("beside the raw figure, the adjusted one: Savon Uravalmennus is no clearer than the public service raw, clearly better adjusted", () => {
    const view = comparisonOf(`?pilot=${pilot}`);
    const savo = view.items.find((i) => i.slug === "savon-uravalmennus")!.figure.share!;
    expect(savo.verdict).toBe("similar");
    expect(savo.sentence).toContain("Taking into account whom it serves:");
    // The raw verdict, then the adjusted figure with its own verdict, in one sentence.
    expect(savo.sentence).toMatch(
      /No clear difference from the public service\. Taking into account whom it serves: \d+\s?% \(somewhere between \d+\s?% and \d+\s?%\), clearly better than the public service\.$/,
    );
    // The public service's own figure is adjusted too, with no verdict against itself.
    expect(view.publicService!.figures.shares.employed_open_6m.sentence).toContain("Taking into account whom it serves:");
  });

  it("the profile shows the adjusted figure beside the raw one through the same sentence", () => {
    const view = profile({ request: new Request("http://localhost/sv/providers/savon-uravalmennus"), params: { lang: "sv", slug: "savon-uravalmennus" }, context: {} }) as unknown as {
      results: { figures: { shares: Record<string, { sentence?: string }> } };
    };
    const sentence = view.results.figures.shares.employed_open_6m.sentence!;
    // The adjusted figure and its verdict in one sentence, after the raw figure's.
    expect(sentence).toMatch(
      /Ingen tydlig skillnad mot den offentliga servicen\. Med hänsyn till vilka den hjälper: \d+\s?% \(troligen någonstans mellan \d+\s?% och \d+\s?%\), tydligt bättre än den offentliga servicen\.$/,
    );
  });

  it("group=… shows every provider's and the public service's figures for that group only, with a way to drop it", () => {
    const all = comparisonOf(`?pilot=${pilot}`);
    const view = comparisonOf(`?pilot=${pilot}&group=age_50_plus&page=1`);
    expect(view.group).toBe("age_50_plus");
    expect(view.likeMe.group).toEqual({ value: "age_50_plus", label: "People aged 50 or over" });
    expect(view.likeMe.dropHref).toBe(`/en/providers?pilot=${pilot}`);
    const n = (v: ComparisonData, slug: string) => v.items.find((i) => i.slug === slug)!.figure.share!.n!;
    expect(n(view, "tyopolku")).toBeGreaterThan(0);
    expect(n(view, "tyopolku")).toBeLessThan(n(all, "tyopolku"));
    expect(view.publicService!.figures.shares.employed_open_6m.n).toBeLessThan(all.publicService!.figures.shares.employed_open_6m.n!);
    // No adjusted figure inside a group.
    expect(view.items.find((i) => i.slug === "tyopolku")!.figure.share!.sentence).not.toContain("Taking into account");
  });

  it("a small group follows the threshold and says so", () => {
    const view = comparisonOf(`?pilot=${pilot}&group=language_foreign`);
    const kaira = view.items.find((i) => i.slug === "kaira-rekrytointi")!.figure.share!;
    expect(kaira.kind).toBe("too-few");
    expect(kaira.sentence).toMatch(/too few to show a figure/);
  });

  it("suggests the reader's groups from the check's answers in the address, and from a signed-in person's saved answers", () => {
    const fromCheck = comparisonOf(`?pilot=${pilot}&age=55&foreign_language=yes&benefit=earnings_related`);
    expect(fromCheck.group).toBeNull();
    expect(fromCheck.likeMe.source).toBe("check");
    expect(fromCheck.likeMe.suggested.map((g) => g.value)).toEqual(["age_50_plus", "language_foreign", "allowance_earnings_related"]);
    expect(fromCheck.likeMe.hrefs.age_50_plus).toBe(`/en/providers?pilot=${pilot}&age=55&foreign_language=yes&benefit=earnings_related&group=age_50_plus`);
    expect(comparisonOf(`?pilot=${pilot}`).likeMe.suggested).toEqual([]);
  });

  it("suggests a signed-in person's groups from their saved answers; the check's answers in the address come first", () => {
    const amina = as("amina");
    saveAnswers(userOf(amina), { registered: true, age: 27, foreign_language: true });
    const request = (search: string) => new Request(`http://localhost/en/providers${search}`, { headers: { cookie: amina.cookie } });
    const view = comparison({ request: request(`?pilot=${pilot}`), params: { lang: "en" }, context: {} }) as unknown as ComparisonData;
    expect(view.likeMe.source).toBe("signed-in");
    expect(view.likeMe.suggested.map((g) => g.value)).toEqual(["age_under_30", "language_foreign"]);
    const fromCheck = comparison({ request: request(`?pilot=${pilot}&age=60`), params: { lang: "en" }, context: {} }) as unknown as ComparisonData;
    expect(fromCheck.likeMe.source).toBe("check");
    expect(fromCheck.likeMe.suggested.map((g) => g.value)).toEqual(["age_50_plus"]);
  });

  it("the eligibility check's link to the comparison carries the answers that tell a group (where the pilot asks them)", () => {
    // The example pilots with providers ask none of age, benefit or language: the link stays as it was.
    const answer = eligibilityPage(new URLSearchParams("municipality=749&step=questions&registered=yes&integration_act=no&typ=no"), "en", TODAY);
    if (answer.mode !== "result") throw new Error(answer.mode);
    expect(answer.result.nextSteps.find((s) => s.key === "see_providers")!.link!.href).toBe(`/en/providers?pilot=${pilot}`);
  });

  it("an unknown group is a notice and all customers are shown", () => {
    const view = comparisonOf(`?pilot=${pilot}&group=age_99`);
    expect(view.group).toBeNull();
    expect(view.notices).toContainEqual(expect.objectContaining({ key: "group", value: "age_99" }));
  });
});

type ApiFigure = { x: number; n: number; estimate: number | null; adjusted: { estimate: number; lower: number; upper: number; versusPublicService: string | null } | null };
type ApiBody = { group: string; error?: string; message?: string; publicService: ApiFigure; providers: (ApiFigure & { slug: string; versusPublicService: string })[] };

async function api(query: string): Promise<{ status: number; body: ApiBody }> {
  const res = comparisonJson({ request: new Request(`http://localhost/api/v1/comparison.json${query}`), params: {}, context: {} });
  return { status: res.status, body: (await res.json()) as ApiBody };
}

describe("GET /api/v1/comparison.json with the breakdown", () => {
  it("gives the adjusted estimate, range and verdict beside the raw ones", async () => {
    const { status, body } = await api(`?pilot=${pilot}&measure=employed_open_6m`);
    expect(status).toBe(200);
    const savo = body.providers.find((p) => p.slug === "savon-uravalmennus")!;
    expect(savo.versusPublicService).toBe("similar");
    expect(savo.adjusted).toEqual(expect.objectContaining({ versusPublicService: "better" }));
    expect(savo.adjusted!.lower).toBeLessThanOrEqual(savo.adjusted!.estimate);
    expect(body.publicService.adjusted).toEqual(expect.objectContaining({ versusPublicService: null }));
    // Too few customers: no figure, no adjusted figure.
    expect(body.providers.find((p) => p.slug === "uusi-suunta")!.adjusted).toBeNull();
  });

  it("group=GROUP gives the group's counts and verdicts, without adjusted figures", async () => {
    const whole = await api(`?pilot=${pilot}&measure=employed_open_6m`);
    const { status, body } = await api(`?pilot=${pilot}&measure=employed_open_6m&group=unemployed_over_12m`);
    expect(status).toBe(200);
    expect(body.group).toBe("unemployed_over_12m");
    const n = (b: ApiBody, slug: string) => b.providers.find((p) => p.slug === slug)!.n;
    expect(n(body, "kielisilta")).toBeGreaterThan(0);
    expect(n(body, "kielisilta")).toBeLessThan(n(whole.body, "kielisilta"));
    expect(body.providers.every((p) => p.adjusted === null)).toBe(true);
    const unknown = await api(`?pilot=${pilot}&measure=employed_open_6m&group=age_99`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("age_50_plus");
  });
});

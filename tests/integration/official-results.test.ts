import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit, resultMonths, resultUploads, results } from "../../db/schema";
import { getDb } from "~/.server/platform/db";
import { tFor } from "~/i18n";
import * as preview from "~/routes/lang.official.$pilot.results.$upload";
import * as resultsPage from "~/routes/lang.official.$pilot.results";
import { loader as resultsCsv } from "~/routes/api.v1.results-csv";
import { loader as profile } from "~/routes/lang.providers.profile";
import { loader as comparison } from "~/routes/lang.providers";
import { maxUploadBytes, type CsvRefusal } from "~/domain/csv-results";
import { addMonths, lastFullMonth } from "~/domain/results";
import { get, post, upload } from "../support/request";
import { as, quietLogs, type Who } from "./official-support";
import { TODAY, advanceClock } from "../support/clock";

quietLogs();

const pilot = "north-savo-choice";
const params = { lang: "fi", pilot };
const page = `/fi/official/${pilot}/results`;
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/csv", name)));
const header =
  "month,pilot,provider_business_id,provider_name,started,employed_open_3m,employed_open_6m,in_education,in_subsidised_work,contacted_within_5_days,satisfaction_responses,satisfaction_mean";

type Fn = Parameters<typeof get>[0];

/** Everything publishing could change, to compare before and after. */
function snapshot() {
  const db = getDb();
  return {
    results: db.select().from(results).all(),
    months: db.select().from(resultMonths).all(),
    uploads: db.select({ n: count() }).from(resultUploads).get()!.n,
    audit: db.select({ n: count() }).from(audit).get()!.n,
  };
}

async function csvText(): Promise<string> {
  const res = resultsCsv({ request: new Request("http://localhost/api/v1/results.csv"), params: {}, context: {} });
  return res.text();
}

async function stage(sari: Who, body: Uint8Array) {
  const answer = await upload(resultsPage.action, page, params, sari, body);
  expect(answer.status, JSON.stringify(answer.data)).toBe(303);
  const id = answer.location!.split("/").pop()!;
  return { id, path: `${page}/${id}`, params: { ...params, upload: id } };
}

describe("monthly results: upload, preview, publish", () => {
  it("a new month: checked, previewed without changing anything, then published to the site and the open data at once", async () => {
    const sari = as("sari");
    const month = "2025-04"; // before the example data: nobody has published it
    const body = new TextEncoder().encode(
      [
        header,
        `${month},${pilot},,Julkinen työvoimapalvelu,40,8,13,3,2,30,12,3.9`,
        `${month},${pilot},2345671-3,Työpolku Oy,15,4,7,1,1,14,6,4.4`,
        `${month},${pilot},3456782-2,Savon Uravalmennus,11,2,4,2,0,9,5,4.1`,
      ].join("\n"),
    );
    const before = snapshot();
    const staged = await stage(sari, body);

    const shown = await get(preview.loader, staged.path, staged.params, sari);
    expect(shown.status).toBe(200);
    const view = shown.data!.preview as {
      rowCount: number;
      months: { month: string; replaces: unknown }[];
      warnings: { row: number; code: string }[];
      comparison: { subjects: { name: string }[] } | null;
    };
    expect(view.rowCount).toBe(3);
    expect(view.months).toEqual([expect.objectContaining({ month, replaces: null })]);
    expect(view.warnings).toEqual([expect.objectContaining({ row: 4, code: "name-differs" })]);
    expect(view.comparison!.subjects.map((s) => s.name)).toContain("Työpolku Oy");
    // The preview wrote nothing: the rows wait in the staging table only.
    const during = snapshot();
    expect(during.results).toEqual(before.results);
    expect(during.months).toEqual(before.months);
    expect(await csvText()).not.toContain(`${month},${pilot}`);

    const published = await post(preview.action, staged.path, staged.params, sari, { intent: "publish" });
    expect(published.status).toBe(303);
    expect(published.location).toBe(`${page}?published=${month}`);

    const csv = await csvText();
    const lines = csv.split("\r\n").filter((l) => l.startsWith(`${month},${pilot}`));
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes("2345671-3"))).toMatch(/^2025-04,north-savo-choice,2345671-3,Työpolku Oy,all,15,4,7,1,1,14,6,4.4,\d{4}-\d\d-\d\dT[^,]+,(,|$)/);
    const row = getDb().select().from(resultMonths).where(and(eq(resultMonths.pilotSlug, pilot), eq(resultMonths.month, month))).get()!;
    expect(row.publishedAt).not.toBeNull();
    expect(row.correctedAt).toBeNull();
    expect(row.publishedBy).toBe(sari.identityHash);
    const auditRows = getDb().select().from(audit).where(eq(audit.action, "results.publish")).all();
    expect(auditRows).toEqual([expect.objectContaining({ actor: sari.identityHash, subject: `${pilot}:${month}`, pilotSlug: pilot, details: { rows: 3, replaced: 0 } })]);
    expect(snapshot().uploads).toBe(0);

    // The provider's public page shows the month in its monthly results.
    const profileView = (profile({ request: new Request("http://localhost/fi/providers/tyopolku"), params: { lang: "fi", slug: "tyopolku" }, context: {} })) as {
      results: { months: { month: string; started: number }[] } | null;
    };
    expect(profileView.results?.months.find((m) => m.month === month)?.started).toBe(15);
    // …and the official's list of published months has it, not corrected.
    const list = await get(resultsPage.loader, `${page}?published=${month}`, params, sari);
    const months = list.data!.months as { month: string; correctedAt: string | null }[];
    expect(months.find((m) => m.month === month)).toEqual(expect.objectContaining({ correctedAt: null }));
  });

  it("a correction replaces the whole month, is marked corrected with its date, and shows in the comparison at once", async () => {
    const sari = as("sari");
    const month = lastFullMonth(TODAY); // the latest month of the example data
    const stored = getDb().select({ n: count() }).from(results).where(and(eq(results.pilotSlug, pilot), eq(results.month, month))).get()!.n;
    expect(stored).toBeGreaterThan(2);
    const body = new TextEncoder().encode(
      [header, `${month},${pilot},,Julkinen työvoimapalvelu,52,,,,,40,10,3.8`, `${month},${pilot},2345671-3,Työpolku Oy,77,,,,,70,20,4.5`].join("\n"),
    );
    const staged = await stage(sari, body);
    const shown = await get(preview.loader, staged.path, staged.params, sari);
    const view = shown.data!.preview as { months: { month: string; replaces: { rows: number } | null }[] };
    expect(view.months[0].replaces).toEqual(expect.objectContaining({ rows: stored }));

    const comparisonBefore = (comparison({ request: new Request(`http://localhost/fi/providers?pilot=${pilot}&sort=contacted_within_5_days`), params: { lang: "fi" }, context: {} })) as {
      items: { slug: string; figure: { share: { kind: string; n?: number } } }[];
    };
    const contactedBefore = comparisonBefore.items.find((i) => i.slug === "tyopolku")!.figure.share;

    advanceClock(60_000); // a minute after the month was published
    expect((await post(preview.action as Fn, staged.path, staged.params, sari, { intent: "publish" })).location).toBe(`${page}?published=${month}`);

    const rows = getDb().select().from(results).where(and(eq(results.pilotSlug, pilot), eq(results.month, month))).all();
    expect(rows.map((r) => r.started).sort()).toEqual([52, 77]);
    const marked = getDb().select().from(resultMonths).where(and(eq(resultMonths.pilotSlug, pilot), eq(resultMonths.month, month))).get()!;
    expect(marked.correctedAt).not.toBeNull();
    expect(marked.publishedAt! < marked.correctedAt!).toBe(true);
    expect(getDb().select().from(audit).where(eq(audit.action, "results.correct")).all()).toEqual([
      expect.objectContaining({ subject: `${pilot}:${month}`, details: { rows: 2, replaced: stored } }),
    ]);

    // results.csv: the month has its two new rows, each with the correction date.
    const lines = (await csvText()).split("\r\n").filter((l) => l.startsWith(`${month},${pilot}`));
    expect(lines).toHaveLength(2);
    // (The accountability columns of decision 071 may follow.)
    for (const l of lines) expect(l).toMatch(new RegExp(`,${marked.publishedAt!.replace(/[.]/g, "\\.")},${marked.correctedAt!.replace(/[.]/g, "\\.")}(,|$)`));
    // The comparison counts the corrected month: Työpolku's contacted figure now includes its 77 starters.
    const comparisonAfter = (comparison({ request: new Request(`http://localhost/fi/providers?pilot=${pilot}&sort=contacted_within_5_days`), params: { lang: "fi" }, context: {} })) as typeof comparisonBefore;
    const contactedAfter = comparisonAfter.items.find((i) => i.slug === "tyopolku")!.figure.share;
    expect(contactedAfter.n).not.toBe(contactedBefore.n);
    // The provider's page shows the corrected month.
    const profileView = (profile({ request: new Request("http://localhost/fi/providers/tyopolku"), params: { lang: "fi", slug: "tyopolku" }, context: {} })) as {
      results: { months: { month: string; started: number }[] };
    };
    expect(profileView.results.months.find((m) => m.month === month)?.started).toBe(77);
    // And the official's list marks it corrected.
    const list = await get(resultsPage.loader, page, params, sari);
    expect((list.data!.months as { month: string; correctedAt: string | null }[]).find((m) => m.month === month)!.correctedAt).not.toBeNull();
  });

  it("discarding a checked file publishes nothing; a staged file cannot be published twice", async () => {
    const sari = as("sari");
    const before = snapshot();
    const staged = await stage(sari, fixture("valid.csv"));
    expect((await post(preview.action as Fn, staged.path, staged.params, sari, { intent: "discard" })).location).toBe(page);
    expect(snapshot()).toEqual(before);
    expect((await get(preview.loader as Fn, staged.path, staged.params, sari)).status).toBe(404);
    const again = await stage(sari, fixture("valid.csv"));
    await post(preview.action, again.path, again.params, sari, { intent: "publish" });
    const once = snapshot();
    expect((await post(preview.action as Fn, again.path, again.params, sari, { intent: "publish" })).location).toBe(`${page}?expired=1`);
    expect(snapshot()).toEqual(once);
  });
});

describe("a bad file changes nothing", () => {
  it.each([
    ["unknown-provider.csv", "provider-unknown", 3],
    ["future-month.csv", "month-not-over", 2],
    ["more-employed-than-started.csv", "more-than-started", 3],
    ["negative-counts.csv", "count-negative", 2],
    ["windows-1252.csv", "encoding", 2],
    ["semicolons.csv", "delimiter", 1],
    ["other-pilot.csv", "pilot-other", 2],
  ])("%s: 400 with the row-by-row report, and nothing written or kept", async (file, code, row) => {
    const sari = as("sari");
    const before = snapshot();
    const answer = await upload(resultsPage.action, page, params, sari, fixture(file), file);
    expect(answer.status).toBe(400);
    const problems = (answer.data!.report as CsvRefusal).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code, row }));
    expect(answer.data!.fileName).toBe(file);
    expect(snapshot()).toEqual(before);
    // The page title says "Error:": the loader of the same document request passes the mark on.
    const page2 = resultsPage.loader({ request: new Request(`http://localhost${page}`, { headers: { cookie: sari.cookie } }), params, context: answer.context });
    expect(page2.formError).toBe(true);
  });

  it("a file over 2 MB is refused before it is read, with its own message", async () => {
    const sari = as("sari");
    const before = snapshot();
    const big = new Uint8Array(maxUploadBytes + 1).fill(0x41);
    const answer = await upload(resultsPage.action, page, params, sari, big);
    expect(answer.status).toBe(400);
    expect((answer.data!.report as CsvRefusal).problems).toEqual([{ row: null, column: null, code: "too-large" }]);
    expect(snapshot()).toEqual(before);
  });

  it("a form without a file, or not a form at all, is a 400 with a message, never a crash", async () => {
    const sari = as("sari");
    const form = new FormData();
    form.set("csrf", sari.csrf);
    const noFile = await (resultsPage.action as Fn)({
      request: new Request(`http://localhost${page}`, { method: "POST", headers: { cookie: sari.cookie }, body: form }),
      params,
      context: {},
    });
    expect((noFile as { init: { status: number }; data: { report: CsvRefusal } }).data.report.problems[0].code).toBe("no-file");
    const plain = await post(resultsPage.action, page, params, sari, { file: "x" });
    expect(plain.status).toBe(400);
    expect((plain.data!.report as CsvRefusal).problems[0].code).toBe("not-a-form");
  });

  it("every problem the check can report has a message in Finnish, Swedish and English", () => {
    const texts = JSON.parse(fs.readFileSync("locales/fi/official.json", "utf8")) as { results: { problems: Record<string, string> } };
    const codes = Object.keys(texts.results.problems);
    const expected = [
      "too-large", "no-file", "not-a-form", "empty", "encoding", "delimiter", "malformed", "header-missing", "header-unknown",
      "header-duplicate", "header-empty", "too-many-columns", "no-rows", "too-many-rows", "column-count", "count-negative", "pilot-other", "duplicate-row",
      "month-format", "month-not-over", "pilot-format", "pilot-unknown", "business-id-format", "business-id-check-digit",
      "provider-unknown", "provider-not-in-pilot", "name-missing", "count-format", "count-required", "more-than-started",
      "employed-3m-over-6m", "follow-up-not-over", "mean-format", "mean-without-responses", "mean-missing",
      "group-unknown", "group-without-all", "groups-do-not-add-up",
    ];
    expect(codes.sort()).toEqual([...expected].sort());
    for (const lang of ["fi", "sv", "en"] as const) {
      for (const code of expected) {
        const text = tFor(lang)(`official:results.problems.${code}`, { value: "X", detail: "Y", row: 2 });
        expect(text, `${lang} ${code}`).not.toContain("official:");
        expect(text.length).toBeGreaterThan(10);
      }
    }
    expect(tFor("sv")("official:results.problems.delimiter", { value: ";" })).toContain("”;”");
  });

  it("a correction is never accepted for a month that is not over", async () => {
    const sari = as("sari");
    const month = addMonths(lastFullMonth(TODAY), 1);
    const answer = await upload(resultsPage.action, page, params, sari, new TextEncoder().encode(`${header}\n${month},${pilot},,Julkinen työvoimapalvelu,5,,,,,,0,\n`));
    expect(answer.status).toBe(400);
    expect((answer.data!.report as CsvRefusal).problems).toEqual([expect.objectContaining({ row: 2, column: "month", code: "month-not-over" })]);
  });
});

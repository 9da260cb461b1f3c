import { parse } from "csv-parse/sync";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/.server/platform/db";
import { lastFullMonth } from "~/domain/results";
import { loader as resultsCsv } from "~/routes/api.v1.results-csv";
import { loader as resultsJson } from "~/routes/api.v1.results-json";
import { loader as openDataPage } from "~/routes/lang.open-data";
import { pilots, providers, results } from "../../db/schema";
import { examplePilotSlug } from "../../db/seed/providers";
import { args } from "../support/request";
import { TODAY, advanceClock } from "../support/clock";

/** The open data withholds a satisfaction mean of fewer answers than the pilot's threshold (decision 064). */

const latest = lastFullMonth(TODAY);

type JsonRow = Record<string, string | number | null>;
async function csvRows(): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await resultsCsv(args("/api/v1/results.csv")).text(), { columns: true });
}
async function jsonRows(): Promise<JsonRow[]> {
  return ((await resultsJson(args("/api/v1/results.json")).json()) as { rows: JsonRow[] }).rows;
}

/** Sets one month row of the example pilot (the public service, or a provider by slug). */
function setRow(slug: string | null, month: string, responses: number, mean: number) {
  const db = getDb();
  const providerId = slug === null ? null : db.select().from(providers).where(eq(providers.slug, slug)).get()!.id;
  const row = db
    .update(results)
    .set({ satisfactionResponses: responses, satisfactionMean: mean, started: Math.max(responses, 10) })
    .where(
      and(
        eq(results.pilotSlug, examplePilotSlug),
        eq(results.month, month),
        eq(results.customerGroup, "all"),
        providerId === null ? isNull(results.providerId) : eq(results.providerId, providerId),
      ),
    )
    .returning({ id: results.id })
    .get();
  expect(row).toBeDefined();
}

function setThreshold(slug: string, threshold: number, updatedAt?: string) {
  const db = getDb();
  const row = db.select().from(pilots).where(eq(pilots.slug, slug)).get()!;
  db.update(pilots)
    .set({ definition: { ...(row.definition as object), smallNumberThreshold: threshold }, ...(updatedAt ? { updatedAt } : {}) })
    .where(eq(pilots.slug, slug))
    .run();
}

const find = <R extends Record<string, unknown>>(rows: R[], businessId: string | null, month: string) =>
  rows.find((r) => (businessId === null ? r.provider_business_id === "" || r.provider_business_id === null : r.provider_business_id === businessId) && r.month === month)!;

describe("open data: satisfaction means of few answers", () => {
  it("a row with answers below the threshold has an empty mean in CSV and null in JSON, and keeps its counts", async () => {
    setRow(null, latest, 2, 4.5); // answers 4 and 5
    setRow("tyopolku", latest, 4, 4.25); // one below the threshold of 5
    const csv = await csvRows();
    const json = await jsonRows();
    for (const businessId of [null, "2345671-3"]) {
      const c = find(csv, businessId, latest);
      const j = find(json, businessId, latest);
      expect(c.satisfaction_mean).toBe("");
      expect(j.satisfaction_mean).toBeNull();
      // The counts are still there.
      expect(c.started).toBe("10");
      expect(j.started).toBe(10);
    }
    expect(find(csv, null, latest).satisfaction_responses).toBe("2");
    expect(find(json, null, latest).satisfaction_responses).toBe(2);
    expect(find(csv, "2345671-3", latest).satisfaction_responses).toBe("4");
  });

  it("a row at or above the threshold has its mean", async () => {
    setRow(null, latest, 5, 4.2); // sum 21: exactly the threshold
    setRow("tyopolku", latest, 12, 4.33); // sum 52
    const csv = await csvRows();
    const json = await jsonRows();
    expect(find(csv, null, latest).satisfaction_mean).toBe("4.2");
    expect(find(json, null, latest).satisfaction_mean).toBe(4.2);
    expect(find(csv, "2345671-3", latest).satisfaction_mean).toBe("4.33");
    expect(find(json, "2345671-3", latest).satisfaction_mean).toBe(4.33);
  });

  it("holds every row of the seeded data to the rule, and publishes every other mean as stored", async () => {
    const csv = await csvRows();
    const json = await jsonRows();
    expect(json).toHaveLength(csv.length);
    expect(csv.some((r) => Number(r.satisfaction_responses) > 0 && Number(r.satisfaction_responses) < 5)).toBe(true);
    const stored = getDb().select().from(results).where(eq(results.pilotSlug, examplePilotSlug)).all();
    expect(stored.some((r) => r.satisfactionMean !== null && r.satisfactionResponses < 5)).toBe(true);
    csv.forEach((c, i) => {
      const j = json[i];
      // A customer group's row follows the rule for group cells too (decision 069; tests/integration/customer-groups.test.ts).
      if (c.group !== "all") return;
      const responses = Number(c.satisfaction_responses);
      if (responses < 5) {
        expect(c.satisfaction_mean).toBe("");
        expect(j.satisfaction_mean).toBeNull();
      } else {
        expect(c.satisfaction_mean).not.toBe("");
        expect(j.satisfaction_mean).toBe(Number(c.satisfaction_mean));
      }
    });
  });

  it("follows the pilot's own threshold, and a changed threshold changes the ETags", async () => {
    const csvBefore = resultsCsv(args("/api/v1/results.csv")).headers.get("etag");
    const jsonBefore = resultsJson(args("/api/v1/results.json")).headers.get("etag");
    // The same updated_at as before: the tag must change all the same.
    const before = getDb().select().from(pilots).where(eq(pilots.slug, examplePilotSlug)).get()!;
    setThreshold(examplePilotSlug, 300, before.updatedAt);
    const csv = resultsCsv(args("/api/v1/results.csv"));
    expect(csv.headers.get("etag")).not.toBe(csvBefore);
    expect(resultsJson(args("/api/v1/results.json")).headers.get("etag")).not.toBe(jsonBefore);
    // An old tag no longer gets a 304.
    expect(resultsCsv(args("/api/v1/results.csv", {}, { headers: { "If-None-Match": csvBefore! } })).status).toBe(200);
    const rows = parse<Record<string, string>>(await csv.text(), { columns: true });
    expect(rows.filter((r) => r.pilot === examplePilotSlug).every((r) => r.satisfaction_mean === "")).toBe(true);
    expect(rows.filter((r) => r.pilot === examplePilotSlug).some((r) => r.satisfaction_responses !== "0")).toBe(true);
  });

  it("changing a mean changes the ETag", () => {
    const before = resultsJson(args("/api/v1/results.json")).headers.get("etag");
    // A replaced month is what changes rows: its corrected_at moves (results.ts openDataVersion).
    setRow(null, latest, 6, 3.5);
    advanceClock(60_000); // later than the month's publication
    getDb().$client.prepare("UPDATE result_months SET corrected_at = ? WHERE month = ?").run(new Date().toISOString(), latest);
    expect(resultsJson(args("/api/v1/results.json")).headers.get("etag")).not.toBe(before);
  });
});

describe("the open-data page", () => {
  it("names the threshold when every pilot has the same one", () => {
    expect(openDataPage(args("/en/open-data", { lang: "en" }))).toMatchObject({ lang: "en", threshold: 5 });
  });

  it("points to each pilot's threshold when they differ", () => {
    setThreshold(examplePilotSlug, 7);
    expect(openDataPage(args("/fi/open-data", { lang: "fi" }))).toMatchObject({ lang: "fi", threshold: null });
  });
});

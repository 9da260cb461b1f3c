import { isWholeCard } from "~/view-models/providers";
import { describe, expect, it } from "vitest";
import { shareMeasures } from "~/domain/results";
import { rangesOverlap, wilsonInterval } from "~/domain/statistics";
import { newcombeDifference, verdicts } from "~/domain/verdict";
import { loader as comparisonJson } from "~/routes/api.v1.comparison";
import { loader as comparisonPage } from "~/routes/lang.providers";
import { examplePilotSlug } from "../../db/seed/providers";
import { args } from "../support/request";

type Figure = { x: number; n: number; estimate: number | null; lower: number | null; upper: number | null };
type Body = {
  pilot: string;
  measure: string;
  group: string;
  threshold: number;
  licence: string;
  publicService: Figure & { versusPublicService: null };
  providers: (Figure & { businessId: string; slug: string; name: string; servesNow: boolean; versusPublicService: string; difference: { lower: number; upper: number } | null })[];
};

async function get(query: string): Promise<{ status: number; body: Body & { error?: string; message?: string }; headers: Headers }> {
  const res = comparisonJson(args(`/api/v1/comparison.json${query}`));
  return { status: res.status, body: (await res.json()) as Body & { error?: string; message?: string }, headers: res.headers };
}

describe("GET /api/v1/comparison.json", () => {
  it("gives each provider and the public service x, n, estimate, lower, upper and versusPublicService", async () => {
    const { status, body, headers } = await get(`?pilot=${examplePilotSlug}&measure=employed_open_3m`);
    expect(status).toBe(200);
    expect(headers.get("access-control-allow-origin")).toBe("*");
    expect(body).toMatchObject({ pilot: examplePilotSlug, measure: "employed_open_3m", group: "all", threshold: 5, licence: "CC BY 4.0" });
    expect(body.publicService.n).toBeGreaterThan(0);
    expect(body.publicService.versusPublicService).toBeNull();
    expect(body.providers.map((p) => p.slug).sort()).toEqual(
      ["jobbstigen", "kaira-rekrytointi", "kielisilta", "lapinlahden-tyokumppanit", "savon-uravalmennus", "taitoverkko", "tyopolku", "uusi-suunta"].sort(),
    );
    const of = (slug: string) => body.providers.find((p) => p.slug === slug)!;
    // Issue 14: Työpolku and Kielisilta do not overlap; they are never "cannot be told apart".
    expect(of("tyopolku").versusPublicService).toBe("better");
    expect(of("kielisilta").versusPublicService).toBe("worse");
    expect(of("uusi-suunta")).toMatchObject({ versusPublicService: "too_few", estimate: null, lower: null, upper: null, difference: null });
    const pub = body.publicService;
    for (const p of body.providers) {
      expect(verdicts).toContain(p.versusPublicService);
      if (p.versusPublicService === "too_few") continue;
      // Recomputed from the published counts alone.
      const w = wilsonInterval(p.x, p.n);
      expect(p.estimate).toBeCloseTo(w.estimate, 4);
      expect(p.lower).toBeCloseTo(w.lower, 4);
      expect(p.upper).toBeCloseTo(w.upper, 4);
      const d = newcombeDifference(p.x, p.n, pub.x, pub.n);
      expect(p.difference!.lower).toBeCloseTo(d.lower, 4);
      expect(p.difference!.upper).toBeCloseTo(d.upper, 4);
      expect(p.versusPublicService).toBe(d.lower > 0 ? "better" : d.upper < 0 ? "worse" : "similar");
      // A range apart from the public service's is never "similar".
      if (!rangesOverlap({ lower: p.lower!, upper: p.upper! }, { lower: pub.lower!, upper: pub.upper! })) expect(p.versusPublicService).not.toBe("similar");
    }
  });

  it("agrees with the comparison page's verdicts for every measure", async () => {
    for (const measure of shareMeasures) {
      const { body } = await get(`?pilot=${examplePilotSlug}&measure=${measure}`);
      const view = comparisonPage(args(`/en/providers?pilot=${examplePilotSlug}&show=${measure}`, { lang: "en" }));
      for (const item of view.items) {
        if (!isWholeCard(item)) throw new Error("whole cards were expected: the test calls the loader as the browser's data request does");
        if (item.figure.measure === "satisfaction") throw new Error("a share was expected");
        const verdict = item.figure.share.kind === "none" ? "too_few" : item.figure.share.verdict;
        expect([measure, item.slug, verdict]).toEqual([measure, item.slug, body.providers.find((p) => p.slug === item.slug)!.versusPublicService]);
      }
    }
  });

  it.each([
    ["", "pilot_required"],
    ["?measure=employed_open_6m", "pilot_required"],
    ["?pilot=nowhere&measure=employed_open_6m", "unknown_pilot"],
    [`?pilot=${examplePilotSlug}`, "measure_required"],
    [`?pilot=${examplePilotSlug}&measure=satisfaction`, "unknown_measure"],
    [`?pilot=${examplePilotSlug}&measure=%3Cscript%3E`, "unknown_measure"],
    [`?pilot=${examplePilotSlug}&measure=employed_open_6m&group=age_under_18`, "unknown_group"],
    [`?pilot=${examplePilotSlug}&measure=employed_open_6m&group=`, "unknown_group"],
    [`?pilot=${examplePilotSlug}&measure=employed_open_6m&sort=best`, "unknown_parameter"],
    [`?pilot=${examplePilotSlug}&pilot=${examplePilotSlug}&measure=employed_open_6m`, "repeated_parameter"],
  ])("%s answers 400 with a message (%s)", async (query, error) => {
    const { status, body, headers } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toBe(error);
    expect(body.message).toMatch(/\w/);
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("group=all is the whole, the same as no group", async () => {
    const a = await get(`?pilot=${examplePilotSlug}&measure=in_education&group=all`);
    const b = await get(`?pilot=${examplePilotSlug}&measure=in_education`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
  });
});

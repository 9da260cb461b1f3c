import { parse } from "csv-parse/sync";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/.server/platform/db";
import { openDataColumns } from "~/.server/providers/open-data";
import { isWholeCard, wholeCards, type ComparisonView, type ProfileView } from "~/view-models/providers";
import { chooseProviderPath } from "~/domain/providers";
import { addMonths, lastFullMonth, measureWindow } from "~/domain/results";
import { wilsonInterval } from "~/domain/statistics";
import { loader as providersJson } from "~/routes/api.v1.providers";
import { loader as resultsCsv } from "~/routes/api.v1.results-csv";
import { loader as resultsJson } from "~/routes/api.v1.results-json";
import { loader as comparisonJson } from "~/routes/api.v1.comparison";
import { loader as comparison } from "~/routes/lang.providers";
import { loader as profile } from "~/routes/lang.providers.profile";
import { pilots, providerPilots, providerSuspensions, providers, resultMonths, results } from "../../db/schema";
import { examplePilotSlug, exampleProviders, insertProvider, seedProviders } from "../../db/seed/providers";
import { purchasedServicesProviders } from "../../db/seed/purchased-services";
import { args, run } from "../support/request";
import { TODAY as today, advanceClock } from "../support/clock";

const latest = lastFullMonth(today);

/** The comparison's data as the browser's own requests for it get it (not a whole page's): whole cards. */
function compare(query = "", lang = "fi"): ComparisonView {
  const view = comparison(args(`/${lang}/providers${query}`, { lang }));
  if (!view.items.every(isWholeCard)) throw new Error("the comparison's data should carry whole cards");
  return view as ComparisonView;
}
async function profileOf(slug: string, query = "", lang = "fi"): Promise<ProfileView | Response> {
  return run(() => profile(args(`/${lang}/providers/${slug}${query}`, { lang, slug })));
}

describe("the example data", () => {
  it("has the eight example providers and 18 published months ending with the latest full month", () => {
    const db = getDb();
    // With the three of the purchased-services example pilot (decision 073).
    expect(db.select().from(providers).all().map((p) => p.businessId).sort()).toEqual([...exampleProviders, ...purchasedServicesProviders].map((p) => p.businessId).sort());
    const months = db.select().from(resultMonths).where(eq(resultMonths.pilotSlug, examplePilotSlug)).all();
    expect(months).toHaveLength(18);
    expect(months.map((m) => m.month).sort().at(-1)).toBe(latest);
    expect(months.map((m) => m.month).sort()[0]).toBe(addMonths(latest, -17));
    expect(months.every((m) => m.publishedAt !== null && m.publishedAt <= new Date().toISOString())).toBe(true);
    // The public service has a row for every month.
    const publicRows = db
      .select()
      .from(results)
      .where(and(eq(results.pilotSlug, examplePilotSlug), isNull(results.providerId), eq(results.customerGroup, "all")))
      .all();
    expect(publicRows).toHaveLength(18);
    // Outcomes whose follow-up is not over are empty, never zero.
    const newest = publicRows.find((r) => r.month === latest)!;
    expect(newest.employedOpen6m).toBeNull();
    expect(newest.employedOpen3m).toBeNull();
    expect(newest.contactedWithin5Days).not.toBeNull();
  });

  it("a second seed changes nothing", () => {
    const db = getDb();
    const before = db.select({ n: sql<number>`count(*)` }).from(results).get()!.n;
    expect(seedProviders(db)).toEqual({ providers: 0, results: 0 });
    expect(db.select({ n: sql<number>`count(*)` }).from(results).get()!.n).toBe(before);
  });
});

describe("the comparison loader", () => {
  it("gives a whole page its cards' names and addresses only, each standing for the whole card the data request gets (decision 082)", () => {
    const whole = compare();
    const page = comparison(args("/fi/providers", { lang: "fi" }, { context: { documentRequest: true } }));
    expect(page.items.map((card) => Object.keys(card).sort())).toEqual(whole.items.map(() => ["name", "slug"]));
    expect(page.items.map((card) => wholeCards.get(card))).toEqual(whole.items);
    // The same cards request after request while the data is unchanged: their encoding is kept (decision 079).
    expect(comparison(args("/fi/providers", { lang: "fi" }, { context: { documentRequest: true } })).items).toBe(page.items);
    expect(Object.isFrozen(page.items[0])).toBe(true);
  });

  it("shows the example pilot's providers by name, the public service and the period", () => {
    const view = compare();
    expect(view.pilot).toMatchObject({ slug: "north-savo-choice", isExample: true, threshold: 5 });
    expect(view.total).toBe(8);
    expect(view.items.map((p) => p.slug)).toEqual([
      "jobbstigen", // Ab Jobbstigen Oy sorts under J
      "kaira-rekrytointi",
      "kielisilta",
      "lapinlahden-tyokumppanit",
      "savon-uravalmennus",
      "taitoverkko",
      "tyopolku",
      "uusi-suunta",
    ]);
    expect(view.publicService?.figures.shares.employed_open_6m.kind).toBe("shown");
    expect(view.period?.windows.employed_open_6m).toContain(String(Number(addMonths(latest, -6).slice(0, 4))));
    expect(view.notices).toEqual([]);
    expect(view.pageCount).toBe(1);
    expect(view.form.municipalities.map((m) => m.label)).toEqual(["Iisalmi", "Kiuruvesi", "Lapinlahti", "Siilinjärvi"]);
  });

  it("shows each share with its Wilson range, computed from the published counts", () => {
    const db = getDb();
    const id = db.select().from(providers).where(eq(providers.slug, "tyopolku")).get()!.id;
    const w = measureWindow("employed_open_6m", latest);
    const sums = db
      .select({ x: sql<number>`sum(${results.employedOpen6m})`, n: sql<number>`sum(${results.started})` })
      .from(results)
      .where(and(eq(results.providerId, id), eq(results.customerGroup, "all"), sql`${results.month} BETWEEN ${w.from} AND ${w.to}`))
      .get()!;
    const card = compare().items.find((p) => p.slug === "tyopolku")!;
    expect(card.figure.measure).toBe("employed_open_6m");
    if (card.figure.measure === "satisfaction") throw new Error("a share was expected");
    const figure = card.figure.share;
    expect(figure.kind).toBe("shown");
    if (figure.kind !== "shown") return;
    const expected = wilsonInterval(sums.x, sums.n);
    expect(figure.n).toBe(sums.n);
    expect(figure.lower).toBeCloseTo(expected.lower, 3);
    expect(figure.upper).toBeCloseTo(expected.upper, 3);
    expect(figure.percent).toBe(`${Math.round((sums.x / sums.n) * 100)}\u00a0%`);
  });

  it("says 'too few customers' for the newcomer instead of a figure, whichever result is shown", () => {
    for (const show of ["employed_open_6m", "employed_open_3m", "in_education", "in_subsidised_work", "contacted_within_5_days", "satisfaction"]) {
      const view = compare(`?show=${show}`, "en");
      expect(view.show).toBe(show);
      const card = view.items.find((p) => p.slug === "uusi-suunta")!;
      expect(card.figure.measure).toBe(show);
      expect(card.figure.measure === "satisfaction" ? card.figure.mean.kind : card.figure.share.kind).toBe("too-few");
    }
    // The public service shows every result, the one chosen first.
    expect(compare("?show=in_education").publicService?.figures.shares.in_education.kind).toBe("shown");
  });

  it("sorted by a result, the list shows that result", () => {
    const view = compare("?sort=contacted_within_5_days&show=in_education");
    expect(view.show).toBe("contacted_within_5_days");
    expect(view.items.every((p) => p.figure.measure === "contacted_within_5_days")).toBe(true);
  });

  it("takes the threshold from the pilot", () => {
    const db = getDb();
    const row = db.select().from(pilots).where(eq(pilots.slug, examplePilotSlug)).get()!;
    db.update(pilots)
      .set({ definition: { ...(row.definition as object), smallNumberThreshold: 300 }, updatedAt: new Date().toISOString() })
      .where(eq(pilots.slug, examplePilotSlug))
      .run();
    const view = compare();
    expect(view.pilot?.threshold).toBe(300);
    // Every provider has fewer than 300 customers in a year; the public service has more.
    expect(view.items.every((p) => p.figure.measure !== "satisfaction" && p.figure.share.kind === "too-few")).toBe(true);
    expect(view.publicService?.figures.shares.employed_open_6m.kind).toBe("shown");
  });

  it.each([
    ["?language=sv", ["jobbstigen"]],
    ["?language=ar", ["kielisilta"]],
    ["?service=language_support", ["kielisilta"]],
    ["?service=work_trial&language=fi", ["lapinlahden-tyokumppanit", "savon-uravalmennus", "taitoverkko", "uusi-suunta"]],
    ["?language=fa", []],
  ])("filters %s", (query, slugs) => {
    const view = compare(query);
    expect(view.items.map((p) => p.slug)).toEqual(slugs);
    expect(view.total).toBe(slugs.length);
    // The public service is always there, on the same scale.
    expect(view.publicService).not.toBeNull();
  });

  it("a home municipality in the pilot shows its pilot; one outside says so", () => {
    expect(compare("?municipality=402").pilot?.slug).toBe("north-savo-choice");
    const outside = compare("?municipality=091", "sv");
    expect(outside.outside).toEqual({ municipality: "Helsingfors" });
    expect(outside.items).toEqual([]);
    expect(outside.pilot).toBeNull();
  });

  it("ignores unknown and malformed values with notices, never failing", () => {
    const view = compare("?language=klingon&service=%3Cscript%3E&sort=satisfaction&show=best&page=abc&pilot=nowhere&municipality=9999");
    expect(view.notices.map((n) => n.key).sort()).toEqual(["language", "municipality", "page", "pilot", "service", "show", "sort"]);
    expect(view.total).toBe(8);
    expect(view.sort).toBe("name");
  });

  it("sorted by a result: by the lower end of the range, never in groups, no figure last", () => {
    for (const sort of ["employed_open_6m", "employed_open_3m", "in_education", "in_subsidised_work", "contacted_within_5_days"] as const) {
      const view = compare(`?sort=${sort}`);
      expect(view.items.at(-1)?.slug).toBe("uusi-suunta");
      expect(view).not.toHaveProperty("groupCount");
      const shown = view.items.map((p) => (p.figure.measure === sort && p.figure.share.kind === "shown" ? p.figure.share : null));
      const ranges = shown.filter((r): r is NonNullable<typeof r> => r !== null);
      // Figures first, then those without one.
      expect(shown.slice(0, ranges.length).every((r) => r !== null)).toBe(true);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i - 1].lower).toBeGreaterThanOrEqual(ranges[i].lower);
      // A range wholly above another is always listed before it.
      for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) expect(ranges[j].lower > ranges[i].upper).toBe(false);
      }
      // No card says anything about another provider: each has its own verdict against the public service.
      for (const p of view.items) if (p.figure.measure !== "satisfaction") expect(p.figure.share).toHaveProperty("verdict");
    }
    // Issue 14: Työpolku (about 36–49 %) and Kielisilta (about 1–7 %) do not overlap, and now read so.
    const view = compare("?sort=employed_open_3m", "en");
    const verdictOf = (slug: string) => {
      const f = view.items.find((p) => p.slug === slug)!.figure;
      return f.measure === "satisfaction" ? null : f.share.kind === "shown" ? f.share.verdict : null;
    };
    expect(verdictOf("tyopolku")).toBe("better");
    expect(verdictOf("kielisilta")).toBe("worse");
    expect(view.items[0].slug).toBe("tyopolku");
  });

  it("each figure is one sentence with the public service's figure and the verdict, in the reader's language", () => {
    const en = compare("", "en").items.find((p) => p.slug === "tyopolku")!;
    if (en.figure.measure === "satisfaction" || en.figure.share.kind !== "shown") throw new Error("a share was expected");
    expect(en.figure.share.sentence).toMatch(
      /^About \d+ in 10 of \d+ customers had a job on the open labour market within 6 months \(somewhere between \d+ ?% and \d+ ?%\)\. (.+ )?Public service: about \d+ in 10\. Clearly better than the public service\./,
    );
    const fi = compare("", "fi").items.find((p) => p.slug === "tyopolku")!;
    if (fi.figure.measure === "satisfaction") throw new Error("a share was expected");
    expect(fi.figure.share.sentence).toContain("Selvästi parempi kuin julkinen palvelu.");
    const sv = compare("", "sv").items.find((p) => p.slug === "tyopolku")!;
    if (sv.figure.measure === "satisfaction") throw new Error("a share was expected");
    expect(sv.figure.share.sentence).toContain("Tydligt bättre än den offentliga servicen.");
    // Too few never reads as a score: the count comes first, in words.
    const newcomer = compare("?show=satisfaction", "en").items.find((p) => p.slug === "uusi-suunta")!;
    if (newcomer.figure.measure !== "satisfaction") throw new Error("the mean was expected");
    expect(newcomer.figure.mean.sentence).toMatch(/^(Only \d+ (person has|people have) answered so far: too few to show an average\. This is not a bad result\.|No answers yet\.)$/);
    expect(newcomer.isNew).toMatch(/^New: results after 12 months \(\d+ months? so far\)\.$/);
    expect(en.isNew).toBeNull();
  });

  it("pages 25 providers at a time and every view has a shareable address", () => {
    const db = getDb();
    const base = exampleProviders[1];
    const { rates: _r, months: _m, verified: _v, ...input } = base;
    db.transaction((tx) => {
      for (let i = 0; i < 30; i++) {
        const digits = String(1000000 + i * 7).padStart(7, "0");
        const weights = [7, 9, 10, 5, 8, 4, 2];
        const r = [...digits].reduce((s, d, k) => s + Number(d) * weights[k], 0) % 11;
        if (r === 1) continue;
        insertProvider(
          tx,
          { ...input, businessId: `${digits}-${r === 0 ? 0 : 11 - r}`, slug: `extra-${i}`, name: `Extra ${String(i).padStart(2, "0")} Oy`, pilots: [{ pilot: examplePilotSlug, startsOn: "2020-01-01", endsOn: null }] },
          { now: new Date().toISOString(), isExample: true, verifiedOn: null },
        );
      }
    });
    const total = compare().total;
    expect(total).toBeGreaterThan(25);
    const first = compare();
    expect(first.items).toHaveLength(25);
    expect(first.pageCount).toBe(Math.ceil(total / 25));
    expect(first.search.next).toBe("?pilot=north-savo-choice&page=2");
    const second = compare("?page=2");
    expect(second.items).toHaveLength(total - 25);
    expect(second.firstOnPage).toBe(26);
    expect(new Set([...first.items, ...second.items].map((p) => p.slug)).size).toBe(total);
    const beyond = compare("?page=9");
    expect(beyond.page).toBe(2);
    expect(beyond.notices).toEqual([{ key: "pageBeyond", value: "9", last: 2 }]);
    // A provider without results says so, not "too few".
    const extra = first.items.find((p) => p.slug.startsWith("extra-"))!;
    expect(extra.figure.measure !== "satisfaction" && extra.figure.share.kind).toBe("none");
  });

  it("shows only published months", () => {
    const db = getDb();
    db.update(resultMonths).set({ publishedAt: null }).where(eq(resultMonths.month, latest)).run();
    const view = compare("", "en");
    const previous = addMonths(latest, -1);
    const [y, m] = previous.split("-").map(Number);
    expect(view.period?.latest).toBe(new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1))));
  });
});

describe("the profile loader", () => {
  it("has everything about the provider, in the reader's language", async () => {
    const view = (await profileOf("savon-uravalmennus", "", "sv")) as ProfileView;
    expect(view.provider).toMatchObject({ businessId: "3456782-2", name: "Savon Uravalmennus Oy", isExample: true });
    expect(view.provider.shortDescription).toContain("Karriärvägledning");
    expect(view.offices.map((o) => o.municipality)).toEqual(["Siilinjärvi", "Lapinlahti"]);
    expect(view.offices[0].hours).toEqual(["mån–fre 8.00–16.00"]);
    expect(view.offices[0].accessibility.note).toContain("Hissen");
    expect(view.provider.languages).toBe("finska");
    expect(view.pilots).toHaveLength(1);
    expect(view.pilots[0].current).toBe(true);
    // The call to action leads into the choice journey (or the eligibility check before it), in Swedish.
    expect(view.chooseHref).toBe(chooseProviderPath("sv", "savon-uravalmennus"));
    expect(view.chooseHref).toMatch(/^\/sv\/(choose\?provider=savon-uravalmennus|eligibility)$/);
    expect(view.results?.months).toHaveLength(18);
    expect(view.results?.months.at(-1)?.month).toBe(latest);
    // The newest month's 6-month outcome is not known yet.
    expect(view.results?.months.at(-1)?.shares.employed_open_6m).toBeNull();
    expect(view.results?.figures?.shares.contacted_within_5_days.kind).toBe("shown");
    expect(view.results?.publicService).not.toBeNull();
  });

  it("an unknown or malformed slug is a 404", async () => {
    for (const slug of ["no-such-provider", "../etc", "TYOPOLKU", "x".repeat(200)]) {
      const res = await profileOf(slug);
      expect(res).toBeInstanceOf(Response);
      expect((res as Response).status).toBe(404);
    }
  });

  it("an unknown pilot in the address gives a notice, not an error", async () => {
    const view = (await profileOf("tyopolku", "?pilot=nowhere")) as ProfileView;
    expect(view.notices).toEqual([{ key: "pilot", value: "nowhere" }]);
    expect(view.results?.pilot.slug).toBe(examplePilotSlug);
  });
});

describe("open data", () => {
  it("providers.json lists every provider with business ID and pilots", async () => {
    const res = providersJson(args("/api/v1/providers.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { licence: string; providers: { business_id: string; pilots: { pilot: string }[]; profile_urls: Record<string, string> }[] };
    expect(body.licence).toBe("CC BY 4.0");
    expect(body.providers.map((p) => p.business_id)).toEqual([...exampleProviders, ...purchasedServicesProviders].map((p) => p.businessId).sort());
    expect(body.providers.find((p) => p.business_id === exampleProviders[0].businessId)!.pilots[0].pilot).toBe(examplePilotSlug);
    expect(body.providers[0].profile_urls.sv).toMatch(/^http:\/\/localhost\/sv\/providers\//);
  });

  it("results.csv has one row per provider, pilot and month, with counts that recompute the page's figures", async () => {
    const res = resultsCsv(args("/api/v1/results.csv"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe(openDataColumns.join(","));
    const rows = parse<Record<string, string>>(text, { columns: true });
    const db = getDb();
    expect(rows).toHaveLength(db.select({ n: sql<number>`count(*)` }).from(results).get()!.n);
    // The rows of all customers; the breakdown by customer group follows them (decision 069).
    expect(rows.filter((r) => r.provider_business_id === "" && r.group === "all")).toHaveLength(18);
    expect(rows.find((r) => r.provider_business_id === "" && r.group === "all" && r.month === latest)?.employed_open_6m).toBe("");
    // Recompute Työpolku's "in work within 6 months" from the file alone.
    const w = measureWindow("employed_open_6m", latest);
    const mine = rows.filter(
      (r) => r.provider_business_id === "2345671-3" && r.group === "all" && r.month >= w.from && r.month <= w.to && r.employed_open_6m !== "",
    );
    const x = mine.reduce((s, r) => s + Number(r.employed_open_6m), 0);
    const n = mine.reduce((s, r) => s + Number(r.started), 0);
    const shown = compare().items.find((p) => p.slug === "tyopolku")!.figure;
    const card = shown.measure === "employed_open_6m" ? shown.share : { kind: "none" as const };
    expect(card.kind === "shown" && card.n).toBe(n);
    expect(card.kind === "shown" && card.lower).toBeCloseTo(wilsonInterval(x, n).lower, 3);
  });

  it("results.json has the same rows", async () => {
    const json = (await (resultsJson(args("/api/v1/results.json"))).json()) as { columns: string[]; rows: Record<string, unknown>[] };
    const csv = parse<Record<string, string>>(await (resultsCsv(args("/api/v1/results.csv"))).text(), { columns: true });
    expect(json.columns).toEqual([...openDataColumns]);
    expect(json.rows).toHaveLength(csv.length);
    expect(Object.keys(json.rows[0])).toEqual([...openDataColumns]);
    expect(json.rows.find((r) => r.provider_business_id === null && r.month === latest)?.employed_open_6m).toBeNull();
  });

  it("leaves out months that are not published", async () => {
    getDb().update(resultMonths).set({ publishedAt: null }).where(eq(resultMonths.month, latest)).run();
    const rows = parse<Record<string, string>>(await (resultsCsv(args("/api/v1/results.csv"))).text(), { columns: true });
    expect(rows.some((r) => r.month === latest)).toBe(false);
    expect(rows.some((r) => r.month === addMonths(latest, -1))).toBe(true);
  });

  it.each([
    ["providers.json", providersJson],
    ["results.csv", resultsCsv],
    ["results.json", resultsJson],
  ] as const)("%s carries ETag and Cache-Control, and answers a conditional request with 304", async (name, loader) => {
    const url = `/api/v1/${name}`;
    const first = loader(args(url));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    expect(first.headers.get("last-modified")).toBeTruthy();
    for (const ifNoneMatch of [etag, etag.slice(2), `"other", ${etag}`, "*"]) {
      const again = loader(args(url, {}, { headers: { "If-None-Match": ifNoneMatch } }));
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
    }
    const other = loader(args(url, {}, { headers: { "If-None-Match": 'W/"stale"' } }));
    expect(other.status).toBe(200);
    const since = loader(args(url, {}, { headers: { "If-Modified-Since": first.headers.get("last-modified")! } }));
    expect(since.status).toBe(304);
  });

  it("a correction changes the ETag", () => {
    const before = resultsCsv(args("/api/v1/results.csv")).headers.get("etag");
    advanceClock(60_000); // later than the month's publication
    getDb().update(resultMonths).set({ correctedAt: new Date().toISOString() }).where(eq(resultMonths.month, latest)).run();
    const after = resultsCsv(args("/api/v1/results.csv")).headers.get("etag");
    expect(after).not.toBe(before);
  });
});

describe("a provider that has left or was suspended", () => {
  it("keeps its profile, results, last day and reason, tied to its business ID, and leaves the list", async () => {
    const db = getDb();
    const idOf = (slug: string) => db.select().from(providers).where(eq(providers.slug, slug)).get()!.id;
    const [left, suspended] = [idOf("taitoverkko"), idOf("jobbstigen")];
    const lastDay = addMonths(latest, -1) + "-15";
    const before = db.select().from(providerPilots).where(eq(providerPilots.pilotSlug, examplePilotSlug)).all();
    try {
      db.update(providerPilots).set({ endsOn: lastDay }).where(and(eq(providerPilots.providerId, left), eq(providerPilots.pilotSlug, examplePilotSlug))).run();
      db.update(providerPilots).set({ endsOn: lastDay }).where(and(eq(providerPilots.providerId, suspended), eq(providerPilots.pilotSlug, examplePilotSlug))).run();
      db.insert(providerSuspensions)
        .values({ providerId: suspended, pilotSlug: examplePilotSlug, suspendedOn: addMonths(latest, -1) + "-16", reason: "test", previousEndsOn: null, suspendedBy: "test" })
        .run();

      const view = compare("", "en");
      expect(view.items.map((p) => p.slug)).not.toContain("taitoverkko");
      expect(view.departed.map((d) => d.slug).sort()).toEqual(["jobbstigen", "taitoverkko"]);

      const gone = (await profileOf("taitoverkko", "", "en")) as ProfileView;
      expect(gone.servesNow).toBe(false);
      expect(gone.departed).toHaveLength(1);
      expect(gone.departed[0]).toMatch(/no longer serves in .+: its last day was .+\. It ended its participation\./);
      expect(gone.provider.businessId).toMatch(/^\d{7}-\d$/);
      expect(gone.results?.figures?.shares.employed_open_6m.kind).toBe("shown");
      expect(gone.results?.isNew).toBeNull();

      const off = (await profileOf("jobbstigen", "", "fi")) as ProfileView;
      expect(off.departed[0]).toContain("Kokeilun virkailijat keskeyttivät sen toiminnan.");
      expect(off.departed[0]).not.toContain("test");

      const api = (await comparisonJson(args(`/api/v1/comparison.json?pilot=${examplePilotSlug}&measure=employed_open_6m`)).json()) as {
        providers: { slug: string; servesNow: boolean; n: number }[];
      };
      expect(api.providers.find((p) => p.slug === "taitoverkko")).toMatchObject({ servesNow: false });
      expect(api.providers.find((p) => p.slug === "tyopolku")).toMatchObject({ servesNow: true });
    } finally {
      db.delete(providerSuspensions).run();
      for (const row of before) {
        db.update(providerPilots).set({ endsOn: row.endsOn }).where(and(eq(providerPilots.providerId, row.providerId), eq(providerPilots.pilotSlug, row.pilotSlug))).run();
      }
    }
  });
});

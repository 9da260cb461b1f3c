import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/.server/platform/db";
import { pilotsJson } from "~/.server/eligibility/api";
import { eligibilityPage, type EligibilityPageData } from "~/.server/eligibility/page";
import { evaluateStoredFacts } from "~/.server/eligibility/stored-facts";
import { publicServiceFor } from "~/.server/eligibility/employment-areas.store";
import { loadPilots } from "~/.server/eligibility/pilots.store";
import { seedServices } from "~/.server/platform/seed";
import { InvalidPilotSetError } from "~/domain/pilot";
import { loader as apiLoader } from "~/routes/api.v1.eligibility";
import { loader as pilotsLoader } from "~/routes/api.v1.pilots";
import { loader as pageLoader } from "~/routes/lang.eligibility";
import { audit, pilotHistory, pilots } from "../../db/schema";
import { examplePilots } from "../../db/seed/pilots";
import { mainlandCodes } from "../../db/seed/reference";
import { seedPilots } from "../../db/seed/seed-pilots";
import { args } from "../support/request";
import { TODAY } from "../support/clock";

const today = "2026-11-25";
const example =
  "municipality=749&registered=yes&status=unemployed&age=45&benefit=earnings_related&integration_act=no&foreign_language=no&typ=no&referral=no&weaker_position=no&date=2026-11-25";

async function api(query: string) {
  const res = apiLoader(args(`/api/v1/eligibility?${query}`));
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

function page(query: string, lang: "fi" | "sv" | "en" = "fi"): EligibilityPageData {
  return eligibilityPage(new URLSearchParams(query), lang, today);
}

describe("GET /api/v1/eligibility", () => {
  it("answers the issue's example with exactly the documented shape", async () => {
    const { status, headers, body } = await api(example);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("application/json");
    expect(headers.get("cache-control")).toBe("no-store");
    expect(headers.get("access-control-allow-origin")).toBe("*");
    expect(Object.keys(body)).toEqual(["municipality", "date", "outcome", "pilot", "reasons"]);
    expect(body).toMatchObject({
      municipality: "749",
      date: "2026-11-25",
      outcome: "may_choose",
      pilot: {
        slug: "north-savo-choice",
        name: {
          fi: "Pohjois-Savon valinnanvapauskokeilu (esimerkki)",
          sv: "Valfrihetsförsöket i Norra Savolax (exempel)",
          en: "North Savo freedom-of-choice pilot (example)",
        },
      },
    });
    expect(body.reasons).toEqual([
      {
        code: "may_choose",
        text: {
          fi: expect.stringContaining("Vertaa kokeilun palveluntuottajia") as string,
          sv: expect.stringContaining("Jämför försökets tjänsteproducenter") as string,
          en: "You live in the pilot's area and meet its conditions. Compare the pilot's providers and their results. You can also stay with the public employment service: it is just as good a choice.",
        },
      },
    ]);
  });

  it("explains an exclusion and names the public service of the municipality", async () => {
    const { body } = await api(example.replace("integration_act=no", "integration_act=yes"));
    expect(body.outcome).toBe("public_service");
    expect(body.reasons).toEqual([
      {
        code: "excluded_integration_act",
        text: {
          fi: "Kokeilu ei koske sinua, koska olet kotoutumislain mukainen asiakas. Ota yhteyttä julkiseen työvoimapalveluun: Kuopion työllisyysalue.",
          sv: "Försöket gäller inte dig, eftersom du är kund enligt integrationslagen. Kontakta den offentliga arbetskraftsservicen: Kuopion työllisyysalue.",
          en: "The pilot does not cover you, because you are a customer under the Integration Act. Contact the public employment service: Kuopion työllisyysalue.",
        },
      },
    ]);
  });

  it.each([
    ["an age of -4", example.replace("age=45", "age=-4"), { age: "out_of_range" }],
    ["an age of 100", example.replace("age=45", "age=100"), { age: "out_of_range" }],
    ["an age that is not a number", example.replace("age=45", "age=forty"), { age: "invalid" }],
    ["an age with decimals", example.replace("age=45", "age=45.5"), { age: "invalid" }],
    ["an unknown municipality", example.replace("municipality=749", "municipality=999"), { municipality: "unknown" }],
    ["a municipality that is not a code", example.replace("municipality=749", "municipality=Siilinj%C3%A4rvi"), { municipality: "invalid" }],
    ["no municipality", example.replace("municipality=749&", ""), { municipality: "required" }],
    ["a value not on the list", example.replace("status=unemployed", "status=retired"), { status: "invalid" }],
    ["a yes/no answered otherwise", example.replace("typ=no", "typ=true"), { typ: "invalid" }],
    ["a missing answer the rules need", example.replace("registered=yes&", ""), { registered: "required" }],
    ["an impossible date", example.replace("date=2026-11-25", "date=2026-02-30"), { date: "invalid" }],
    ["a date far away", example.replace("date=2026-11-25", "date=1899-01-01"), { date: "out_of_range" }],
    ["the same field twice", `${example}&municipality=402`, { municipality: "invalid" }],
  ])("refuses %s with 400 and a code per field", async (_name, query, errors) => {
    const { status, body } = await api(query);
    expect(status).toBe(400);
    expect(body).toEqual({ errors });
  });

  it("needs only the answers that can change the answer there", async () => {
    // Helsinki: only the purchased-services pilot (2017–2018) ever covered it.
    const { status, body } = await api("municipality=091&date=2026-11-25");
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: "public_service", pilot: { slug: "purchased-services" }, reasons: [{ code: "no_running_pilot" }, { code: "pilot_ended" }] });
    // First that Helsinki is in no pilot running now, where the pilots run, and who serves Helsinki.
    const first = (body.reasons as { text: Record<string, string> }[])[0].text.en;
    expect(first).toContain("Helsinki is not in any pilot that is running on 25 November 2026.");
    expect(first).toContain("North Savo freedom-of-choice pilot (example), area: Siilinjärvi and Lapinlahti; Purchased-services pilot (example), area: Iisalmi and Kiuruvesi.");
    expect(first).toContain("Your public employment service is Helsingin kaupunki.");
    const aland = await api("municipality=478&date=2026-11-25");
    expect(aland.body).toMatchObject({ outcome: "public_service", pilot: null, reasons: [{ code: "no_pilot" }] });
    expect((aland.body.reasons as unknown[]).length).toBe(1);
  });

  it("reads a merged municipality as the one it became, and says so", async () => {
    const { body } = await api("municipality=588&date=2026-11-25");
    expect(body.municipality).toBe("588");
    expect((body.reasons as { code: string; text: Record<string, string> }[]).map((r) => r.code)).toEqual(["municipality_merged", "no_running_pilot", "pilot_ended"]);
    expect((body.reasons as { text: Record<string, string> }[])[0].text.fi).toBe(
      "Pertunmaa liitettiin kuntaan Mäntyharju 1.1.2025. Siksi tarkistus käyttää kuntaa Mäntyharju.",
    );
  });

  it("answers for a historical date with that day's rules", async () => {
    const { body } = await api(
      "municipality=491&date=2023-05-01&registered=yes&status=unemployed&age=29&benefit=earnings_related&integration_act=no&foreign_language=no",
    );
    expect(body).toMatchObject({ outcome: "municipal_pilot", pilot: { slug: "mikkeli-region-municipal" } });
    expect((body.reasons as { code: string }[]).map((r) => r.code)).toEqual(["served_by_pilot", "in_target_group"]);
  });

  it("uses today in Finland when no date is given", async () => {
    const { body } = await api("municipality=091");
    expect(body.date).toBe(TODAY);
  });
});

describe("GET /api/v1/pilots.json", () => {
  it("lists every pilot with its area and rules", async () => {
    const res = pilotsLoader();
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as { pilots: { slug: string }[] };
    expect(body.pilots.map((p) => p.slug).sort()).toEqual(
      ["kasvo-south-savo", "mikkeli-region-municipal", "north-savo-choice", "purchased-services", "purchased-services-example", "savonlinna-municipal", "seinajoki-alliance"],
    );
  });

  it("gives the rules, the questions and the area with names, historical codes readable", () => {
    const { body } = pilotsJson(today) as { body: { pilots: Record<string, unknown>[] } };
    const mikkeli = body.pilots.find((p) => p.slug === "mikkeli-region-municipal")!;
    expect(mikkeli).toMatchObject({
      status: "ended",
      startsOn: "2021-03-01",
      endsOn: "2024-12-31",
      questions: ["registered", "status", "age", "benefit", "integration_act", "foreign_language"],
      eligibility: { outcome: "municipal_pilot", targetGroup: expect.arrayContaining([{ fact: "age", max: 29 }]) as unknown },
    });
    expect(mikkeli.area).toContainEqual({ code: "588", name: { fi: "Pertunmaa", sv: "Pertunmaa" }, mergedInto: "507", mergedOn: "2025-01-01" });
    expect(mikkeli.area).toContainEqual({ code: "491", name: { fi: "Mikkeli", sv: "S:t Michel" }, mergedInto: null, mergedOn: null });
    const northSavo = body.pilots.find((p) => p.slug === "north-savo-choice")!;
    expect(northSavo).toMatchObject({ status: "running", isExample: true, endsOn: null, lockMonths: 6, smallNumberThreshold: 5 });
  });
});

describe("the page /{lang}/eligibility", () => {
  it("starts with the municipality: every current one, in the page's language and order, and Pertunmaa for its pilots", () => {
    const res = pageLoader(args("/sv/eligibility", { lang: "sv" })) as unknown as { data: EligibilityPageData; init: ResponseInit };
    expect(res.init.status).toBe(200);
    expect(new Headers(res.init.headers).get("cache-control")).toBe("private, no-store");
    const page = res.data;
    if (page.mode !== "municipality") throw new Error(page.mode);
    expect(page.form.errors).toEqual([]);
    const { options } = page.form;
    expect(options).toHaveLength(309);
    expect(options.find((o) => o.code === "491")?.label).toBe("S:t Michel");
    expect(options.find((o) => o.code === "091")?.label).toBe("Helsingfors");
    expect(options.find((o) => o.code === "588")?.label).toBe("Pertunmaa (till 2024, nu Mäntyharju)");
    const collator = new Intl.Collator("sv");
    expect(options.map((o) => o.label)).toEqual([...options.map((o) => o.label)].sort(collator.compare));
    expect(options.at(-1)?.label.startsWith("Ö")).toBe(true);
    // The questions of each pilot municipality, for the script that hides the others at once.
    // The purchased-services example (Ylä-Savo) asks about the confirmation only to explain the rule (decision 073).
    const referral = ["registered", "status", "referral"];
    expect(page.form.relevance).toEqual({ "749": ["registered", "integration_act", "typ"], "402": ["registered", "integration_act", "typ"], "140": referral, "263": referral });
  });

  it("in English, a Swedish-speaking municipality is named as it is in English, not in a Finnish form", () => {
    const res = pageLoader(args("/en/eligibility", { lang: "en" })) as unknown as { data: EligibilityPageData };
    if (res.data.mode !== "municipality") throw new Error(res.data.mode);
    const labels = res.data.form.options.map((o) => o.label);
    expect(labels).toContain("Pedersöre");
    expect(labels).not.toContain("Pedersören kunta");
    expect(labels).toContain("Helsinki");
  });

  it("without JavaScript, the second step asks only what matters in the municipality", () => {
    const step = page("municipality=749");
    expect(step.mode).toBe("questions");
    if (step.mode !== "questions") return;
    expect(step.status).toBe(200);
    expect(step.form.relevant).toEqual(["registered", "integration_act", "typ"]);
    expect(step.form.municipality).toEqual({ code: "749", label: "Siilinjärvi" });
    expect(step.form.errors).toEqual([]);
  });

  it("answers at once where nothing more can change the answer", () => {
    const result = page("municipality=091");
    if (result.mode !== "result") throw new Error(result.mode);
    expect(result.result.outcome).toBe("public_service");
    expect(result.result.publicService).toMatchObject({ kind: "employment_area", name: "Helsingin kaupunki", sure: true, web: null });
  });

  it.each([
    ["an unknown municipality", "municipality=999&step=questions", "municipality", "Emme tunnista tätä kuntaa. Valitse kotikuntasi luettelosta.", "999"],
    ["no municipality", "municipality=&step=questions", "municipality", "Valitse kotikuntasi.", ""],
    ["a value not on the list", "municipality=749&step=questions&registered=maybe&integration_act=no&typ=no", "registered", "Valitse kyllä tai ei.", "maybe"],
    ["a missing answer", "municipality=749&step=questions&registered=yes&typ=no", "integration_act", "Valitse, oletko kotoutumislain mukainen asiakas.", undefined],
    [
      "an age of -4",
      "municipality=491&date=2023-05-01&step=questions&registered=yes&status=unemployed&age=-4&benefit=none&integration_act=no&foreign_language=no",
      "age",
      "Ikä voi olla 15–99 vuotta. Tarkista ikäsi.",
      "-4",
    ],
  ])("bad input: %s gets a message by the field, 400, and keeps what was typed", (_name, query, field, message, typed) => {
    const result = page(query);
    if (result.mode === "result" || result.mode === "unavailable") throw new Error(result.mode);
    expect(result.status).toBe(400);
    expect(result.form.errors).toEqual([{ field, message }]);
    expect(result.form.values[field as "municipality"]).toBe(typed);
  });

  it("an invalid answer of a question that is not asked there is ignored", () => {
    const result = page("municipality=749&step=questions&registered=yes&integration_act=no&typ=no&age=-4&status=retired");
    expect(result.mode).toBe("result");
  });

  it("the route answers 400 for bad input", () => {
    const res = pageLoader(args("/en/eligibility?municipality=999&step=questions", { lang: "en" })) as unknown as {
      data: EligibilityPageData;
      init: ResponseInit;
    };
    expect(res.init.status).toBe(400);
  });

  it("the answer names the outcome, reasons, next steps, the public service and the rules used", () => {
    const result = page("municipality=749&step=questions&registered=yes&integration_act=no&typ=no", "en");
    if (result.mode !== "result") throw new Error(result.mode);
    const r = result.result;
    expect(r.outcome).toBe("may_choose");
    expect(r.reasons).toEqual([{ code: "may_choose", text: "You live in the pilot's area and meet its conditions." }]);
    expect(r.nextSteps).toEqual([
      expect.objectContaining({ key: "see_providers", link: { href: "/en/providers?pilot=north-savo-choice", text: "See the pilot's providers", external: false } }),
      // The choice itself, with the answers, so that they are not asked again after signing in.
      expect.objectContaining({
        key: "make_choice",
        link: { href: "/en/choose?registered=yes&integration_act=no&typ=no", text: "Make your choice", external: false },
      }),
    ]);
    // Kuopio's employment area: members placed by elimination ("low"), so Job Market Finland is named too.
    expect(r.publicService).toEqual({ kind: "employment_area", name: "Kuopion työllisyysalue", nameLang: "fi", web: null, sure: false, before2025: false, jobMarket: "https://tyomarkkinatori.fi" });
    expect(r.pilot).toMatchObject({ slug: "north-savo-choice", isExample: true, statusText: "Running from 1 January 2025, no end date.", areaText: "Area: Siilinjärvi, Lapinlahti." });
    expect(r.others).toEqual([{ slug: "purchased-services", name: "National purchased-services pilot", statusText: "Ended on 31 December 2018 (started 1 January 2017)." }]);
    expect(r.answers).toEqual([
      { label: "Home municipality", value: "Siilinjärvi" },
      { label: "Registered as a jobseeker", value: "Yes" },
      { label: "Customer under the Integration Act", value: "No" },
      { label: "Customer of TYP", value: "No" },
    ]);
    expect(r.editHref).toBe("/en/eligibility?municipality=749&registered=yes&integration_act=no&typ=no&edit=answers");
  });

  it("the municipal pilot's own service is named in Swedish, and the TE office for a date before 2025", () => {
    const result = page(
      "municipality=491&date=2023-05-01&step=questions&registered=yes&status=in_services&age=24&benefit=earnings_related&integration_act=no&foreign_language=no",
      "sv",
    );
    if (result.mode !== "result") throw new Error(result.mode);
    expect(result.result.outcome).toBe("municipal_pilot");
    expect(result.result.servedBy).toBe("S:t Michelsregionens kommunförsök");
    expect(result.result.reasons.map((r) => r.text)).toEqual([
      "Du bor inom försökets område och hör till dess målgrupp. Dina tjänster ordnas av S:t Michelsregionens kommunförsök.",
      "Du hör till försökets målgrupp, eftersom du är under 30 år.",
    ]);
    expect(result.result.publicService).toMatchObject({ name: "Mikkelin seudun työllisyysalue", before2025: true });
    expect(result.result.answers[1]).toEqual({ label: "Dag", value: "1.5.2023" });
  });

  it("Åland's public service is AMS", () => {
    expect(publicServiceFor("478")).toMatchObject({ kind: "aland", web: "https://www.ams.ax", sure: true });
    // A merged code is served by the area of the municipality it became.
    expect(publicServiceFor("588")).toMatchObject({ kind: "employment_area", areaId: "TA23" });
    expect(publicServiceFor("999")).toMatchObject({ kind: "unknown", name: null });
  });

  it("changing the answers shows the form again with them; changing the municipality starts from it", () => {
    const edit = page("municipality=749&registered=yes&integration_act=no&typ=no&edit=answers");
    if (edit.mode !== "questions") throw new Error(edit.mode);
    expect(edit.form.values).toMatchObject({ registered: "yes", integration_act: "no", typ: "no" });
    expect(edit.form.changeMunicipalityHref).toBe("/fi/eligibility?municipality=749&edit=municipality");
    expect(page("municipality=749&edit=municipality").mode).toBe("municipality");
  });
});

describe("the rules as data in the database", () => {
  it("seeding again changes nothing", () => {
    const db = getDb();
    expect(seedPilots(db, seedServices)).toEqual({ inserted: 0, filled: 0 });
    expect(db.select().from(pilots).all()).toHaveLength(7);
    expect(db.select().from(pilotHistory).all()).toHaveLength(7);
  });

  it("fills in the rules of a pilot stored before rules existed, keeping what officials changed", () => {
    const db = getDb();
    const row = db.select().from(pilots).where(eq(pilots.slug, "savonlinna-municipal")).get()!;
    db.update(pilots)
      .set({ definition: { ...(row.definition as object), eligibility: null, lockMonths: 3 } })
      .where(eq(pilots.slug, "savonlinna-municipal"))
      .run();
    expect(seedPilots(db, seedServices)).toEqual({ inserted: 0, filled: 1 });
    const filled = loadPilots(db).find((p) => p.slug === "savonlinna-municipal")!;
    expect(filled.lockMonths).toBe(3);
    expect(filled.eligibility.outcome).toBe("municipal_pilot");
    expect(db.select().from(audit).where(eq(audit.action, "pilot.rules-filled")).all()).toMatchObject([{ actor: "seed", subject: "savonlinna-municipal" }]);
    expect(seedPilots(db, seedServices)).toEqual({ inserted: 0, filled: 0 });
  });

  it("refuses a rule set with one bad rule as a whole, with a clear message, writing nothing", () => {
    const db = getDb();
    const [first] = examplePilots(mainlandCodes());
    const good = { ...first, slug: "new-pilot" };
    const bad = { ...first, slug: "bad-pilot", eligibility: { ...first.eligibility, exclusions: [{ fact: "typ", is: "yes" }] } };
    expect(() => seedPilots(db, seedServices, [good, bad])).toThrow(InvalidPilotSetError);
    expect(() => seedPilots(db, seedServices, [good, bad])).toThrow(/pilot "bad-pilot": eligibility\.exclusions\.0\.is/);
    expect(db.select().from(pilots).all()).toHaveLength(7);
  });

  it("a stored rule set that does not parse makes the check unavailable, never half-applied", async () => {
    const db = getDb();
    const row = db.select().from(pilots).where(eq(pilots.slug, "kasvo-south-savo")).get()!;
    const definition = row.definition as { eligibility: Record<string, unknown> };
    db.update(pilots)
      .set({ definition: { ...definition, eligibility: { ...definition.eligibility, requirements: [{ fact: "age", min: 60, max: 20 }] } } })
      .where(eq(pilots.slug, "kasvo-south-savo"))
      .run();
    const { status, body } = await api(example);
    expect(status).toBe(503);
    expect(body).toEqual({ error: "rules_unavailable" });
    expect(page("municipality=749")).toEqual({ mode: "unavailable", status: 503, lang: "fi" });
    expect(() => loadPilots(db)).toThrow(/pilot "kasvo-south-savo": eligibility\.requirements\.0: age: min is greater than max/);
  });
});

describe("evaluateStoredFacts (for the choice journey)", () => {
  it("evaluates a person's stored answers in their home municipality", () => {
    const result = evaluateStoredFacts({ facts: { registered: "yes", integration_act: "no", typ: "no" }, homeMunicipality: "749", today });
    expect(result).toMatchObject({ ok: true, outcome: "may_choose", pilotSlug: "north-savo-choice", otherPilots: ["purchased-services"] });
    if (!result.ok) return;
    expect(result.reasons.map((r) => r.code)).toEqual(["may_choose"]);
    expect(result.relevantFacts).toEqual(["registered", "integration_act", "typ"]);
  });

  it("accepts an age stored as a number and yes/no stored as booleans", () => {
    const result = evaluateStoredFacts({
      facts: { registered: true, status: "unemployed", age: 22, benefit: "earnings_related", integration_act: false, foreign_language: "no" },
      homeMunicipality: "491",
      today: "2023-05-01",
    });
    expect(result).toMatchObject({ ok: true, outcome: "municipal_pilot" });
  });

  it("says what is missing or wrong instead of guessing", () => {
    expect(evaluateStoredFacts({ facts: { registered: "yes", typ: "no" }, homeMunicipality: "749", today })).toEqual({
      ok: false,
      errors: { integration_act: "required" },
    });
    expect(evaluateStoredFacts({ facts: {}, homeMunicipality: null, today })).toEqual({ ok: false, errors: { municipality: "required" } });
    expect(evaluateStoredFacts({ facts: {}, homeMunicipality: "000", today })).toEqual({ ok: false, errors: { municipality: "unknown" } });
  });
});

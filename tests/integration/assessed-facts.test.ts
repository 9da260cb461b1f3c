import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessedFacts, audit, choiceDrafts } from "../../db/schema";
import { choiceContext, confirmChoice, savePick, saveContact } from "~/.server/choice/choices.store";
import { startAction, startLoader } from "~/.server/choice/journey";
import { getDb } from "~/.server/platform/db";
import { runRetention } from "~/.server/platform/retention.store";
import { personalDataExport } from "~/.server/choice/my-page";
import { explainEvaluation } from "~/.server/choice/eligibility";
import { loadPilots } from "~/.server/eligibility/pilots.store";
import { evaluate } from "~/domain/eligibility";
import { tFor } from "~/i18n";
import * as page from "~/routes/lang.official.$pilot.assessed-facts";
import * as my from "~/routes/lang.my";
import { get, post, formArgs, getArgs } from "../support/request";
import { quietLogs } from "./official-support";
import { person, providerId } from "./choice-helpers";

/** Decision 073: what the public service decides about a person is recorded by the pilot's official. */
quietLogs();

const pilot = "purchased-services-example";
const params = { lang: "fi", pilot };
const path = `/fi/official/${pilot}/assessed-facts`;
const matti = { code: "041195-9631", name: "Matti Savolainen" };

function confirmed(key: string, kind: "provider" | "public_service", slug: string | null) {
  const p = person(key);
  savePick(p.user, { pilotSlug: pilot, kind, providerId: slug ? providerId(slug) : null, providerSlug: slug });
  if (kind === "provider") saveContact(p.user, { channel: "email", phone: null, email: `${key}@example.fi`, language: "fi" });
  const key_ = getDb().select().from(choiceDrafts).where(eq(choiceDrafts.personId, p.personId)).get()!.idempotencyKey;
  return confirmChoice(p.user, key_);
}

describe("assessed facts (decision 073)", () => {
  it("an official of another pilot cannot see or record; a person without the role cannot either", async () => {
    const sari = person("sari"); // an official of the North Savo pilot
    expect((await get(page.loader, path, params, sari)).status).toBe(403);
    const posted = await post(page.action, path, params, sari, { identityCode: matti.code, value: "yes", endsOn: "" });
    expect(posted.status).toBe(403);
    const mattiHimself = person("matti");
    expect((await post(page.action, path, params, mattiHimself, { identityCode: matti.code, value: "yes", endsOn: "" })).status).toBe(403);
    expect(getDb().select().from(assessedFacts).where(eq(assessedFacts.pilotSlug, pilot)).all()).toHaveLength(1); // Eeva's, seeded
  });

  it("a person cannot declare themselves entitled: the journey does not ask, and an answer of yes is ignored", async () => {
    const m = person("matti");
    const start = startLoader(getArgs(m, "/fi/choose", { lang: "fi" }));
    expect(start.asked).toEqual(["registered", "status"]);
    const saved = await startAction(formArgs(m, "/fi/choose", { lang: "fi" }, { registered: "yes", status: "unemployed", referral: "yes" }));
    expect(saved).toBeInstanceOf(Response);
    const ctx = choiceContext(m.user);
    expect(ctx.facts).toEqual({ registered: true, status: "unemployed" });
    expect(ctx.evaluation).toMatchObject({ outcome: "public_service", pilot });
    expect(ctx.evaluation.reasons.map((r) => r.code)).toEqual(["requires_referral"]);
  });

  it("the official records an entitlement (errors next to the field, the code kept), audited without the code; then the person may choose", async () => {
    const ville = person("ville");
    const m = person("matti");
    await startAction(formArgs(m, "/fi/choose", { lang: "fi" }, { registered: "yes", status: "unemployed" }));

    const bad = await post(page.action, path, params, ville, { identityCode: "041195-9632", value: "", endsOn: "2020-01-01" });
    expect(bad.status).toBe(400);
    expect(bad.data!.errors).toEqual({ identityCode: "assessed:errors.identityCode.invalid", value: "assessed:errors.value.required", endsOn: "assessed:errors.endsOn.past" });
    expect(bad.data!.values).toMatchObject({ identityCode: "041195-9632", endsOn: "2020-01-01" });

    const good = await post(page.action, path, params, ville, { identityCode: ` ${matti.code.toLowerCase()} `, value: "yes", endsOn: "" });
    expect(good).toMatchObject({ status: 303, location: `${path}?recorded=1` });

    const rows = getDb().select().from(assessedFacts).where(eq(assessedFacts.identityHash, m.identityHash)).all();
    expect(rows).toEqual([expect.objectContaining({ pilotSlug: pilot, fact: "referral", value: true, recordedBy: ville.identityHash, endsOn: null })]);
    const entry = getDb().select().from(audit).where(eq(audit.action, "assessed-fact.record")).all().pop()!;
    expect(entry).toMatchObject({ actor: ville.identityHash, pilotSlug: pilot, subject: `assessed-fact:${rows[0].id}` });
    expect(JSON.stringify(entry)).not.toContain("041195");
    expect(JSON.stringify(entry)).not.toContain("Savolainen");

    expect(choiceContext(m.user).evaluation).toMatchObject({ outcome: "may_choose", pilot });

    // A withdrawal is a new record: the latest counts.
    await post(page.action, path, params, ville, { identityCode: matti.code, value: "no", endsOn: "" });
    expect(choiceContext(m.user).evaluation.outcome).toBe("public_service");
  });

  it("the record is on the person's My page in fi, sv and en, with who recorded it, when, and how to ask for a correction", async () => {
    const ville = person("ville");
    await post(page.action, path, params, ville, { identityCode: matti.code, value: "yes", endsOn: "2099-06-30" });
    const m = person("matti");
    const dates = { fi: "30.6.2099", sv: "30.6.2099", en: "30 June 2099" };
    for (const lang of ["fi", "sv", "en"] as const) {
      const data = my.loader(getArgs(m, `/${lang}/my`, { lang }));
      expect(data.assessed).toEqual([
        expect.objectContaining({ fact: "referral", value: true, current: true, recordedBy: "Ville Huttunen", endsOn: dates[lang], pilotSlug: pilot }),
      ]);
    }
    expect(my.loader(getArgs(m, "/en/my", { lang: "en" })).assessed[0].pilot).toBe("Purchased-services pilot (example)");
    // And in the person's data download.
    expect(personalDataExport(m.user, "en").assessedFacts).toEqual([expect.objectContaining({ fact: "referral", value: true, recordedBy: "Ville Huttunen", endsOn: "30 June 2099" })]);
    // Someone else's record is not on their page.
    expect(my.loader(getArgs(person("aino"), "/fi/my", { lang: "fi" })).assessed).toEqual([]);
  });

  it("declining is a first-class answer; the official sees whom they confirmed and what each chose", async () => {
    const ville = person("ville");
    await post(page.action, path, params, ville, { identityCode: matti.code, value: "yes", endsOn: "" });
    for (const key of ["eeva", "matti"]) await startAction(formArgs(person(key), "/fi/choose", { lang: "fi" }, { registered: "yes", status: "unemployed" }));

    expect(confirmed("matti", "public_service", null)).toMatchObject({ ok: true, kind: "public_service" });
    expect(confirmed("eeva", "provider", "kiuruveden-tyovalmennus")).toMatchObject({ ok: true, kind: "provider" });
    // The provider serves for the pilot's six months.
    expect(choiceContext(person("eeva").user).current!.row.snapshot.lockMonths).toBe(6);

    const listed = await get(page.loader, path, params, ville);
    const records = listed.data!.records as { name: string; value: boolean; choice: { kind: string; provider: string | null } | null }[];
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Matti Savolainen", value: true, choice: expect.objectContaining({ kind: "public_service", provider: null }) as unknown }),
        expect.objectContaining({ name: "Eeva Karppinen", value: true, choice: expect.objectContaining({ kind: "provider", provider: "Kiuruveden Työvalmennus Oy" }) as unknown }),
      ]),
    );
  });

  it("the journey says that taking part is voluntary where the public service offers the pilot", async () => {
    const eeva = person("eeva"); // confirmed by Ville in the seed
    await startAction(formArgs(eeva, "/fi/choose", { lang: "fi" }, { registered: "yes", status: "unemployed" }));
    expect(startLoader(getArgs(eeva, "/fi/choose", { lang: "fi" }))).toMatchObject({ mayChoose: true, voluntary: true, lockMonths: 6 });
    const aino = person("aino");
    await startAction(formArgs(aino, "/fi/choose", { lang: "fi" }, { registered: "yes", integration_act: "no", typ: "no" }));
    expect(startLoader(getArgs(aino, "/fi/choose", { lang: "fi" }))).toMatchObject({ mayChoose: true, voluntary: false });
  });

  it("a person without a confirmation cannot record a choice of a provider in the pilot", () => {
    const m = person("matti");
    savePick(m.user, { pilotSlug: pilot, kind: "provider", providerId: providerId("yla-savon-tyovalitys"), providerSlug: "yla-savon-tyovalitys" });
    saveContact(m.user, { channel: "email", phone: null, email: "matti@example.fi", language: "fi" });
    const key = getDb().select().from(choiceDrafts).where(eq(choiceDrafts.personId, m.personId)).get()!.idempotencyKey;
    expect(confirmChoice(m.user, key)).toMatchObject({ ok: false });
  });
});

describe("pilots that serve people themselves (issue 15: the Seinäjoki alliance, the municipal pilots)", () => {
  const place = (code: string) => ({ code, mergedInto: null, mergedOn: null });
  it("say that there is no provider to choose and lead to the pilot's own service", () => {
    const pilots = loadPilots();
    const mikkeli = evaluate({ registered: true, status: "unemployed", age: 25, benefit: "none", foreign_language: false, integration_act: false }, pilots, place("491"), "2022-06-01");
    expect(mikkeli.outcome).toBe("municipal_pilot");
    expect(explainEvaluation(mikkeli, "fi", "491", pilots).pilotService).toEqual({ servedBy: "Mikkelin seudun kuntakokeilu", web: "https://www.mikkeli.fi" });
    const seinajoki = evaluate({ registered: true, benefit: "labour_market_subsidy" }, pilots, place("743"), "2020-06-01");
    expect(seinajoki.outcome).toBe("municipal_pilot");
    expect(explainEvaluation(seinajoki, "sv", "743", pilots).pilotService).toEqual({ servedBy: "Seinäjoki serviceallians", web: "https://www.seinajoki.fi" });
    expect(tFor("en")("choice:start.servedByPilot", { servedBy: "The Seinäjoki alliance" })).toBe(
      "In your pilot there is no provider to choose: The Seinäjoki alliance serves you. Contact it to start your services.",
    );
  });
  it("a pilot where the person chooses, or the public service, has no pilot service", () => {
    const pilots = loadPilots();
    const northSavo = evaluate({ registered: true, integration_act: false, typ: false }, pilots, place("749"), "2026-06-01");
    expect(explainEvaluation(northSavo, "fi", "749", pilots).pilotService).toBeNull();
  });
});

describe("retention of assessed facts (the privacy notice: as long as choices)", () => {
  it("removes a record 2 years after its last day or after its pilot ended, and keeps the rest", () => {
    const db = getDb();
    const row = { identityHash: "h", fact: "referral" as const, value: true, recordedBy: "seed", recordedAt: "2018-01-01T00:00:00.000Z" };
    db.insert(assessedFacts)
      .values([
        { ...row, pilotSlug: "purchased-services", endsOn: null },
        { ...row, pilotSlug: pilot, endsOn: "2020-01-01" },
        { ...row, pilotSlug: pilot, endsOn: "2026-06-30" },
      ])
      .run();
    const before = db.select().from(assessedFacts).all().length;
    expect(runRetention(new Date("2026-12-04T12:00:00Z")).assessedFacts).toBe(2);
    const left = db.select().from(assessedFacts).all();
    expect(left).toHaveLength(before - 2);
    expect(left.filter((r) => r.identityHash === "h").map((r) => r.endsOn)).toEqual(["2026-06-30"]);
  });
});

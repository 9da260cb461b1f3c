import { and, eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit, providerPilots, providers } from "../../db/schema";
import { getDb, migrateDatabase, openDatabase } from "~/.server/platform/db";
import { officialScope } from "~/.server/official/scope";
import { updateProvider } from "~/.server/official/providers.store";
import * as auditRoute from "~/routes/lang.official.$pilot.audit";
import * as provider from "~/routes/lang.official.$pilot.providers.$id";
import * as join from "~/routes/lang.official.$pilot.providers.join";
import * as addProvider from "~/routes/lang.official.$pilot.providers.new";
import { loader as profile } from "~/routes/lang.providers.profile";
import { get, post } from "../support/request";
import { as, quietLogs, type Who } from "./official-support";
import { TODAY } from "../support/clock";

/**
 * A provider that serves several pilots (docs/decisions/065-provider-ownership-across-pilots.md):
 * the shared details are kept by its home pilot, each pilot keeps its own participation, and every
 * change is in the audit trail of every pilot the provider has a place in.
 */
quietLogs();

const northSavo = "north-savo-choice";
const mikkeli = "mikkeli-region-municipal";
const nsParams = { lang: "fi", pilot: northSavo };
const mkParams = { lang: "fi", pilot: mikkeli };
const nsBase = `/fi/official/${northSavo}/providers`;
const mkBase = `/fi/official/${mikkeli}/providers`;
// Työpolku Oy: added by (seeded for) North Savo.
const tyopolku = { id: 1, businessId: "2345671-3", slug: "tyopolku", name: "Työpolku Oy" };

const details = {
  intent: "details",
  name: "Kaapattu Nimi Oy",
  services: ["career_guidance"],
  languages: ["fi"],
  takesNewCustomers: "no",
  firstMeetingWithinDays: "30",
  coachMeetingsPerMonth: "1",
  remoteMeetings: "no",
  verified: "yes",
};

function providerRow() {
  return getDb().select().from(providers).where(eq(providers.id, tyopolku.id)).get()!;
}

function publicName(): string {
  const view = profile({ request: new Request(`http://localhost/fi/providers/${tyopolku.slug}`), params: { lang: "fi", slug: tyopolku.slug }, context: {} }) as {
    provider: { name: string };
  };
  return view.provider.name;
}

type AuditView = { rows: { who: string; what: string; subject: string; details: string }[] };
async function auditRows(who: Who, params: { lang: string; pilot: string }) {
  return ((await get(auditRoute.loader, `/fi/official/${params.pilot}/audit`, params, who)).data as AuditView).rows;
}

/** The attack's first two steps, as the issue gives them: look the provider up, then join it. */
async function mikkeliJoins(timo: Who) {
  const found = await get(join.loader, `${mkBase}/join?businessId=${tyopolku.businessId}`, mkParams, timo);
  expect(found.data!.found).toEqual(expect.objectContaining({ id: tyopolku.id, inPilot: false }));
  const joined = await post(join.action, `${mkBase}/join`, mkParams, timo, { businessId: tyopolku.businessId, startsOn: "1.3.2026", endsOn: "" });
  expect(joined.location).toBe(`${mkBase}/${tyopolku.id}?added=joined`);
}

describe("a provider shared by several pilots", () => {
  it("the seed gives every provider its home pilot", () => {
    expect(providerRow().homePilotSlug).toBe(northSavo);
    expect(getDb().select().from(providers).all().every((p) => p.homePilotSlug !== null)).toBe(true);
  });

  it("an official of a pilot that joined the provider cannot change its name (the issue's attack): 403, nothing changed, nothing audited", async () => {
    const timo = as("timo");
    await mikkeliJoins(timo);
    const before = providerRow();

    const page = (await get(provider.loader, `${mkBase}/${tyopolku.id}`, { ...mkParams, id: "1" }, timo)).data!.provider as Record<string, unknown>;
    // The page offers no form: the details are read-only, with who keeps them.
    expect(page).toMatchObject({ keepsShared: false, homePilot: "Pohjois-Savon valinnanvapauskokeilu (esimerkki)" });

    const attack = await post(provider.action, `${mkBase}/${tyopolku.id}`, { ...mkParams, id: "1" }, timo, details);
    expect(attack.status).toBe(403);
    // Invalid values are refused the same way: nothing about the form is answered.
    const invalid = await post(provider.action, `${mkBase}/${tyopolku.id}`, { ...mkParams, id: "1" }, timo, { intent: "details", name: "" });
    expect(invalid.status).toBe(403);

    // The store refuses it too, whatever the page did.
    const scope = officialScope({ request: new Request(`http://localhost${mkBase}/1`, { headers: { cookie: timo.cookie } }), params: mkParams });
    const input = { name: "Kaapattu Nimi Oy", services: ["career_guidance" as const], languages: ["fi" as const], takesNewCustomers: false, firstMeetingWithinDays: 30, coachMeetingsPerMonth: 1, remoteMeetings: false, verified: true };
    expect(updateProvider(scope, tyopolku.id, input)).toEqual({ ok: false, reason: "not-home-pilot" });

    expect(providerRow()).toEqual(before);
    expect(publicName()).toBe(tyopolku.name);
    const northSavoPage = (await get(provider.loader, `${nsBase}/${tyopolku.id}`, { ...nsParams, id: "1" }, as("sari"))).data!.provider as { name: string };
    expect(northSavoPage.name).toBe(tyopolku.name);
    expect(getDb().select().from(audit).where(eq(audit.action, "provider.update")).all()).toEqual([]);
  });

  it("the officials of the home pilot change the shared details; the change is audited in every pilot the provider serves, naming the pilot", async () => {
    const timo = as("timo");
    const sari = as("sari");
    await mikkeliJoins(timo);

    const page = (await get(provider.loader, `${nsBase}/${tyopolku.id}`, { ...nsParams, id: "1" }, sari)).data!.provider as Record<string, unknown>;
    expect(page).toMatchObject({ keepsShared: true, otherPilotCount: 1, otherPilots: "Mikkelin seudun työllisyyden kuntakokeilu" });

    const saved = await post(provider.action, `${nsBase}/${tyopolku.id}`, { ...nsParams, id: "1" }, sari, { ...details, name: "Työpolku Savo Oy" });
    expect(saved.location).toBe(`${nsBase}/${tyopolku.id}?done=updated`);
    expect(providerRow()).toMatchObject({ name: "Työpolku Savo Oy", commitmentsVerifiedOn: TODAY, commitmentsVerifiedBy: sari.identityHash });
    expect(publicName()).toBe("Työpolku Savo Oy");

    const rows = getDb().select().from(audit).where(eq(audit.action, "provider.update")).all();
    expect(rows.map((r) => [r.pilotSlug, r.actor, r.subject, (r.details as { byPilot: string }).byPilot])).toEqual([
      [northSavo, sari.identityHash, "provider:1", northSavo],
      [mikkeli, sari.identityHash, "provider:1", northSavo],
    ]);
    // Mikkeli's officials read it in their trail and on the provider's page, with who made it.
    expect((await auditRows(timo, mkParams))[0]).toMatchObject({
      who: "Toisen kokeilun virkailija (Pohjois-Savon valinnanvapauskokeilu (esimerkki))",
      what: "Palveluntuottajan tiedot muutettu",
      subject: "Työpolku Savo Oy",
    });
    const mkPage = (await get(provider.loader, `${mkBase}/${tyopolku.id}`, { ...mkParams, id: "1" }, timo)).data!.provider as { name: string; history: { who: string }[] };
    expect(mkPage.name).toBe("Työpolku Savo Oy");
    expect(mkPage.history[0].who).toBe("Toisen kokeilun virkailija (Pohjois-Savon valinnanvapauskokeilu (esimerkki))");
    expect((await auditRows(sari, nsParams))[0]).toMatchObject({ who: "Sinä", what: "Palveluntuottajan tiedot muutettu" });
  });

  it("the joining pilot still keeps its own participation: dates and suspension, audited in both pilots, North Savo's dates untouched", async () => {
    const timo = as("timo");
    const sari = as("sari");
    await mikkeliJoins(timo);
    const northSavoDates = () => getDb().select().from(providerPilots).where(and(eq(providerPilots.providerId, 1), eq(providerPilots.pilotSlug, northSavo))).get()!;
    const before = northSavoDates();

    const path = `${mkBase}/${tyopolku.id}`;
    // Dates around TODAY, so that the participation is on when it is suspended.
    const year = Number(TODAY.slice(0, 4));
    const dated = await post(provider.action, path, { ...mkParams, id: "1" }, timo, { intent: "dates", startsOn: `1.3.${year - 1}`, endsOn: `31.12.${year}` });
    expect(dated.location).toBe(`${path}?done=dates`);
    expect(getDb().select().from(providerPilots).where(and(eq(providerPilots.providerId, 1), eq(providerPilots.pilotSlug, mikkeli))).get()).toMatchObject({
      startsOn: `${year - 1}-03-01`,
      endsOn: `${year}-12-31`,
    });
    expect(northSavoDates()).toEqual(before);
    // A suspension in Mikkeli ends Mikkeli's participation only.
    const suspended = await post(provider.action, path, { ...mkParams, id: "1" }, timo, { intent: "suspend", reason: "Selvitetään." });
    expect(suspended.location).toBe(`${path}?done=suspended`);
    expect(northSavoDates()).toEqual(before);
    expect((await post(provider.action, path, { ...mkParams, id: "1" }, timo, { intent: "lift" })).location).toBe(`${path}?done=lifted`);

    // North Savo's trail shows the join and the dates, made by an official of Mikkeli.
    const nsRows = await auditRows(sari, nsParams);
    const fromMikkeli = "Toisen kokeilun virkailija (Mikkelin seudun työllisyyden kuntakokeilu)";
    expect(nsRows.slice(0, 4).map((r) => [r.what, r.who])).toEqual([
      ["Keskeytys poistettu", fromMikkeli],
      ["Palveluntuottaja keskeytetty", fromMikkeli],
      ["Lähtöpäivä asetettu", "Toisen kokeilun virkailija (Mikkelin seudun työllisyyden kuntakokeilu)"],
      ["Liitetty kokeiluun", "Toisen kokeilun virkailija (Mikkelin seudun työllisyyden kuntakokeilu)"],
    ]);
    expect(nsRows[0].details).not.toContain("byPilot");
    expect((await auditRows(timo, mkParams)).slice(0, 4).map((r) => r.who)).toEqual(["Sinä", "Sinä", "Sinä", "Sinä"]);
  });

  it("a provider added by another pilot is that pilot's to keep, and North Savo's officials see it read-only once it joins", async () => {
    const timo = as("timo");
    const sari = as("sari");
    const added = await post(addProvider.action, `${mkBase}/new`, mkParams, timo, {
      businessId: "1234566-3",
      name: "Polku Töihin Oy",
      services: ["job_search_coaching"],
      languages: ["fi"],
      takesNewCustomers: "yes",
      firstMeetingWithinDays: "4",
      coachMeetingsPerMonth: "2",
      remoteMeetings: "no",
      shortFi: "Valmennusta.",
      shortSv: "Coachning.",
      shortEn: "Coaching.",
      longFi: "Autamme työnhaussa.",
      longSv: "Vi hjälper med jobbsökandet.",
      longEn: "We help with the job search.",
      phone: "",
      email: "",
      web: "",
      startsOn: "1.1.2026",
      endsOn: "",
    });
    expect(added.status).toBe(303);
    const id = Number(/providers\/(\d+)\?added=1$/.exec(added.location!)![1]);
    expect(getDb().select().from(providers).where(eq(providers.id, id)).get()!.homePilotSlug).toBe(mikkeli);

    expect((await post(join.action, `${nsBase}/join`, nsParams, sari, { businessId: "1234566-3", startsOn: "1.1.2026", endsOn: "" })).status).toBe(303);
    const p = { ...nsParams, id: String(id) };
    const page = (await get(provider.loader, `${nsBase}/${id}`, p, sari)).data!.provider as Record<string, unknown>;
    expect(page).toMatchObject({ keepsShared: false, homePilot: "Mikkelin seudun työllisyyden kuntakokeilu" });
    expect((await post(provider.action, `${nsBase}/${id}`, p, sari, { ...details, name: "Toinen Oy" })).status).toBe(403);
    expect(getDb().select().from(providers).where(eq(providers.id, id)).get()!.name).toBe("Polku Töihin Oy");
  });

  it("migration 0009 gives an existing provider the pilot that added it, or else the one it has served longest", () => {
    // A database as it was before 0009, with two providers that serve both pilots.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-0009-"));
    const folder = path.join(dir, "migrations");
    fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
    const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: { idx: number; tag: string }[] };
    const before = journal.entries.filter((e) => e.idx <= 8);
    for (const e of before) fs.copyFileSync(`db/migrations/${e.tag}.sql`, path.join(folder, `${e.tag}.sql`));
    fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: before }));
    const db = openDatabase(path.join(dir, "old.db"));
    try {
      migrateDatabase(db, folder);
      const sql = db.$client;
      sql.exec(`INSERT INTO pilots (slug, definition) VALUES ('${northSavo}', '{}'), ('${mikkeli}', '{}')`);
      for (const [id, businessId] of [
        [1, "2345671-3"],
        [2, "3456782-2"],
      ] as const) {
        sql
          .prepare(
            `INSERT INTO providers (id, business_id, slug, name, sort_key, short_description, long_description, takes_new_customers,
               first_meeting_within_days, coach_meetings_per_month, remote_meetings, is_example, created_at, updated_at)
             VALUES (?, ?, ?, 'P', 'p', '{}', '{}', 1, 1, 1, 1, 0, 'now', 'now')`,
          )
          .run(id, businessId, `p-${id}`);
        sql.prepare("INSERT INTO provider_pilots (provider_id, pilot_slug, starts_on) VALUES (?, ?, '2021-01-01'), (?, ?, '2025-01-01')").run(id, mikkeli, id, northSavo);
      }
      // Provider 1 was added by North Savo's official, although it has served Mikkeli longer.
      sql.prepare("INSERT INTO audit (at, actor, action, subject, pilot_slug) VALUES ('now', 'x', 'provider.add', 'provider:1', ?)").run(northSavo);

      migrateDatabase(db, "db/migrations");
      expect(sql.prepare("SELECT id, home_pilot_slug AS home FROM providers ORDER BY id").all()).toEqual([
        { id: 1, home: northSavo },
        { id: 2, home: mikkeli },
      ]);
    } finally {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the database refuses a provider without a home pilot", () => {
    const db = getDb().$client;
    expect(() =>
      db
        .prepare(
          `INSERT INTO providers (business_id, slug, name, sort_key, short_description, long_description, takes_new_customers,
             first_meeting_within_days, coach_meetings_per_month, remote_meetings, is_example, created_at, updated_at)
           VALUES ('1234566-3', 'x', 'X', 'x', '{}', '{}', 1, 1, 1, 1, 0, 'now', 'now')`,
        )
        .run(),
    ).toThrow(/home_pilot_slug is required/);
    expect(() => db.prepare("UPDATE providers SET home_pilot_slug = NULL WHERE id = 1").run()).toThrow(/home_pilot_slug is required/);
  });
});

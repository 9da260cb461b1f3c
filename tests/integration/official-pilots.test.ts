import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit, pilotHistory, pilots } from "../../db/schema";
import { getDb } from "~/.server/platform/db";
import { loadPilots } from "~/.server/eligibility/pilots.store";
import { evaluate } from "~/domain/eligibility";
import { definitionToForm, ruleLists, type PilotForm } from "~/domain/official-pilot";
import { yesNoFacts } from "~/domain/pilot";
import * as history from "~/routes/lang.official.$pilot.rules.history";
import * as rules from "~/routes/lang.official.$pilot.rules";
import { loader as eligibilityApi } from "~/routes/api.v1.eligibility";
import { get, post } from "../support/request";
import { as, quietLogs, type Who } from "./official-support";
import { TODAY } from "../support/clock";

quietLogs();

const pilot = "north-savo-choice";
const params = { lang: "fi", pilot };
const page = `/fi/official/${pilot}/rules`;

function fields(form: PilotForm): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {
    municipality: form.municipalities,
    addMunicipalities: form.addMunicipalities,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    lockMonths: form.lockMonths,
    smallNumberThreshold: form.smallNumberThreshold,
  };
  for (const list of ruleLists) {
    const l = form.rules[list];
    for (const f of yesNoFacts) out[`${list}.${f}`] = l.yesNo[f];
    for (const fact of ["status", "benefit"] as const) {
      out[`${list}.${fact}.mode`] = l[fact].mode;
      out[`${list}.${fact}`] = l[fact].values;
    }
    out[`${list}.age.min`] = l.age.min;
    out[`${list}.age.max`] = l.age.max;
  }
  return out;
}

const current = () => loadPilots().find((p) => p.slug === pilot)!;
const stored = () => getDb().select().from(pilots).where(eq(pilots.slug, pilot)).get()!;
const historyCount = () => getDb().select({ n: count() }).from(pilotHistory).where(eq(pilotHistory.pilotSlug, pilot)).get()!.n;

/** The current rules as the form shows them, with a change. */
function proposal(change: (f: PilotForm) => void) {
  const { form } = definitionToForm(current());
  change(form);
  return fields(form);
}

async function open(sari: Who) {
  const loaded = await get(rules.loader, page, params, sari);
  expect(loaded.status).toBe(200);
  return loaded.data!.basedOn as string;
}

/** Excluding foreign-language speakers, and a lock of 3 months: the change these tests make. */
const change = (f: PilotForm) => {
  f.rules.exclusions.yesNo.foreign_language = "true";
  f.lockMonths = "3";
};

describe("a pilot's rules: previewed, then saved with their history", () => {
  it("the preview shows what changes and what the example people would get, and changes nothing", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const before = { pilot: stored(), history: historyCount() };
    const answer = await post(rules.action, page, params, sari, { ...proposal(change), basedOn, intent: "preview" });
    expect(answer.status).toBe(200);
    const preview = answer.data!.preview as {
      changes: string[];
      examples: { key: string; current: { outcome: string; reasons: string[] }; proposed: { outcome: string; reasons: string[] }; changed: boolean }[];
    };
    expect(preview.changes).toEqual([
      "Sitoutumisaika: 6 → 3 kk",
      "Rajaukset, uusi ehto: Maahanmuuttaja tai vieraskielinen: Kyllä",
    ]);
    const person = preview.examples.find((e) => e.key === "inServicesForeignLanguage")!;
    expect(person.changed).toBe(true);
    expect(person.current.outcome).toBe("may_choose");
    expect(person.proposed.outcome).toBe("public_service");
    expect(person.proposed.reasons.join(" ")).toMatch(/vieraskielinen/);
    expect(preview.examples.find((e) => e.key === "unemployedAdult")!.changed).toBe(false);
    // Nothing takes effect before the save.
    expect(stored()).toEqual(before.pilot);
    expect(historyCount()).toBe(before.history);
  });

  it("the save puts the previewed rules in effect at once, with a history row and an audit row", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const form = proposal(change);
    const previewed = await post(rules.action, page, params, sari, { ...form, basedOn, intent: "preview" });
    const hash = (previewed.data!.preview as { hash: string }).hash;
    const before = historyCount();

    const saved = await post(rules.action, page, params, sari, { ...form, basedOn, previewed: hash, intent: "save" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${page}?saved=1`);
    expect(current().lockMonths).toBe(3);
    expect(current().eligibility.exclusions).toContainEqual({ fact: "foreign_language", is: true });
    expect(historyCount()).toBe(before + 1);
    const last = getDb().select().from(pilotHistory).where(eq(pilotHistory.pilotSlug, pilot)).all().pop()!;
    expect(last.savedBy).toBe(sari.identityHash);
    expect(getDb().select().from(audit).where(eq(audit.action, "pilot.update")).all()).toEqual([
      expect.objectContaining({ actor: sari.identityHash, subject: pilot, pilotSlug: pilot, details: { changes: "lockMonths,conditionAdded" } }),
    ]);

    // The eligibility check uses the new rule at once: a foreign-language speaker in Siilinjärvi is now routed to the public service.
    const facts = { registered: true, integration_act: false, typ: false, foreign_language: true };
    const answer = evaluate(facts, loadPilots(), { code: "749", mergedInto: null, mergedOn: null }, TODAY);
    expect(answer.outcome).toBe("public_service");
    const api = eligibilityApi({
      request: new Request("http://localhost/api/v1/eligibility?municipality=749&registered=yes&integration_act=no&typ=no&foreign_language=yes&lang=en"),
      params: {},
      context: {},
    });
    expect(JSON.stringify(await api.json())).toContain("public_service");

    // The page says it was saved; the history shows who saved what.
    const after = await get(rules.loader, `${page}?saved=1`, params, sari);
    expect(after.data!.notice).toBe("saved");
    const versions = (await get(history.loader, `${page}/history`, params, sari)).data!.versions as { savedBy: string; changes: string[] }[];
    expect(versions[0]).toEqual(expect.objectContaining({ savedBy: "Sinä", changes: ["Sitoutumisaika: 6 → 3 kk", "Rajaukset, uusi ehto: Maahanmuuttaja tai vieraskielinen: Kyllä"] }));
    expect(versions.at(-1)!.changes).toEqual(["Ensimmäinen versio."]);
    // Another official of the pilot sees the saver by name; a Swedish page in Swedish.
    const sv = (await get(history.loader, `/sv/official/${pilot}/rules/history`, { lang: "sv", pilot }, as("sari"))).data!.versions as { changes: string[] }[];
    expect(sv[0].changes[0]).toBe("Bindningstid: 6 → 3 mån.");
  });

  it("municipalities of other regions are added by name, and the previewed form ticks them in their region", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const groups = (await get(rules.loader, page, params, sari)).data!.groups as { region: string }[];
    expect(groups.map((g) => g.region)).toEqual(["Pohjois-Savo"]);
    const answer = await post(rules.action, page, params, sari, { ...proposal((f) => (f.addMunicipalities = "helsingfors, 491")), basedOn, intent: "preview" });
    expect((answer.data!.preview as { changes: string[] }).changes).toEqual(["Alueeseen lisätään: Helsinki ja Mikkeli"]);
    const values = answer.data!.values as PilotForm;
    expect(values.municipalities).toEqual(["749", "402", "091", "491"]);
    expect(values.addMunicipalities).toBe("");
    expect((answer.data!.groups as { region: string }[]).map((g) => g.region)).toEqual(["Etelä-Savo", "Pohjois-Savo", "Uusimaa"]);
    const unknown = await post(rules.action, page, params, sari, { ...proposal((f) => (f.addMunicipalities = "Atlantis")), basedOn, intent: "preview" });
    expect(unknown.status).toBe(400);
    expect(unknown.data!.errors).toEqual({ addMunicipalities: "rules.errors.addUnknown" });
    expect((unknown.data!.values as PilotForm).addMunicipalities).toBe("Atlantis");
  });

  it("a save of something other than what was previewed is previewed again instead", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const previewed = await post(rules.action, page, params, sari, { ...proposal(change), basedOn, intent: "preview" });
    const hash = (previewed.data!.preview as { hash: string }).hash;
    const before = stored();
    const answer = await post(rules.action, page, params, sari, {
      ...proposal((f) => {
        change(f);
        f.smallNumberThreshold = "20";
      }),
      basedOn,
      previewed: hash,
      intent: "save",
    });
    expect(answer.status).toBe(200);
    expect(answer.data!.notice).toBe("changedAfterPreview");
    expect((answer.data!.preview as { changes: string[] }).changes).toContain("Pienten lukujen raja: 5 → 20");
    expect(stored()).toEqual(before);
  });

  it("when someone else saved in between, nothing is written and the official starts from the new rules", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const mine = proposal(change);
    const previewed = await post(rules.action, page, params, sari, { ...mine, basedOn, intent: "preview" });
    const hash = (previewed.data!.preview as { hash: string }).hash;
    // A colleague (another session) saves a different change first.
    const other = as("sari");
    const otherBase = await open(other);
    const theirs = proposal((f) => (f.smallNumberThreshold = "8"));
    const theirPreview = await post(rules.action, page, params, other, { ...theirs, basedOn: otherBase, intent: "preview" });
    await post(rules.action, page, params, other, { ...theirs, basedOn: otherBase, previewed: (theirPreview.data!.preview as { hash: string }).hash, intent: "save" });
    const afterTheirs = stored();

    const answer = await post(rules.action, page, params, sari, { ...mine, basedOn, previewed: hash, intent: "save" });
    expect(answer.data!.notice).toBe("changedMeanwhile");
    expect(stored()).toEqual(afterTheirs);
    expect(current().smallNumberThreshold).toBe(8);
    expect(current().lockMonths).toBe(6);
  });

  it("bad input is refused with a message at each field, the typed values kept, and nothing changed", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const before = { pilot: stored(), history: historyCount() };
    const answer = await post(rules.action, page, params, sari, {
      ...proposal((f) => {
        f.municipalities = [];
        f.endsOn = "31.12.2020";
        f.lockMonths = "kuusi";
        f.rules.targetGroup.age = { min: "40", max: "30" };
        f.rules.exclusions.status = { mode: "in", values: ["unemployed", "in_services", "employed"] };
      }),
      basedOn,
      intent: "save",
    });
    expect(answer.status).toBe(400);
    expect(answer.data!.errors).toEqual({
      municipalities: "rules.errors.municipalitiesRequired",
      endsOn: "rules.errors.endsBeforeStart",
      lockMonths: "rules.errors.lockMonthsInvalid",
      "targetGroup-age": "rules.errors.ageOrder",
      "exclusions-status": "rules.errors.setAll",
    });
    const values = answer.data!.values as PilotForm;
    expect(values.lockMonths).toBe("kuusi");
    expect(values.endsOn).toBe("31.12.2020");
    expect(values.rules.targetGroup.age).toEqual({ min: "40", max: "30" });
    expect(stored()).toEqual(before.pilot);
    expect(historyCount()).toBe(before.history);
  });

  it("saving rules that are already in effect writes nothing", async () => {
    const sari = as("sari");
    const basedOn = await open(sari);
    const same = proposal(() => undefined);
    const previewed = await post(rules.action, page, params, sari, { ...same, basedOn, intent: "preview" });
    expect((previewed.data!.preview as { changes: string[] }).changes).toEqual([]);
    const before = historyCount();
    const answer = await post(rules.action, page, params, sari, { ...same, basedOn, previewed: (previewed.data!.preview as { hash: string }).hash, intent: "save" });
    expect(answer.data!.notice).toBe("unchanged");
    expect(historyCount()).toBe(before);
  });
});

import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit, changeRequests, choiceDrafts, choiceHistory, choices, firstContacts, pilots, providerPilots, providers } from "../../db/schema";
import {
  choiceContext,
  confirmChoice,
  decideWeightyReason,
  getReceipt,
  listChoices,
  requestWeightyReason,
  saveAnswers,
  saveContact,
  savePick,
} from "~/.server/choice/choices.store";
import { myChoice, personalDataExport } from "~/.server/choice/my-page";
import { getDb } from "~/.server/platform/db";
import { choicesRecorded } from "~/.server/platform/metrics";
import { action as checkAction, loader as checkLoader } from "~/routes/lang.choose.check";
import { action as contactAction, loader as contactLoader } from "~/routes/lang.choose.contact";
import { action as pickAction, loader as pickLoader } from "~/routes/lang.choose.provider";
import { action as startAction, loader as startLoader } from "~/routes/lang.choose";
import { loader as dataLoader } from "~/routes/lang.my.data-json";
import { loader as myLoader } from "~/routes/lang.my";
import { loader as receiptLoader } from "~/routes/lang.my.receipts.$reference";
import { run, getArgs, formArgs } from "../support/request";
import { answerEligible, person, providerId, providersFrom, type Person } from "./choice-helpers";

const lang = { lang: "fi" };

function count(table: typeof choices | typeof choiceHistory | typeof audit | typeof changeRequests) {
  return getDb().select({ n: sql<number>`count(*)` }).from(table).get()!.n;
}

/** Pick a provider (or the public service) and give contact details, as the journey would. */
function draft(p: Person, slug: string | null, now = new Date()) {
  if (slug === null) {
    savePick(p.user, { pilotSlug: "north-savo-choice", kind: "public_service", providerId: null, providerSlug: null }, now);
  } else {
    savePick(p.user, { pilotSlug: "north-savo-choice", kind: "provider", providerId: providerId(slug), providerSlug: slug }, now);
    saveContact(p.user, { channel: "email", phone: null, email: `${p.person.key}@example.fi`, language: "fi" }, now);
  }
  return getDb().select().from(choiceDrafts).where(eq(choiceDrafts.personId, p.personId)).get()!.idempotencyKey;
}

function status(result: unknown): number {
  if (result instanceof Response) return result.status;
  const init = (result as { init?: ResponseInit | null }).init;
  return init?.status ?? 200;
}
function body<T>(result: unknown): T {
  return (result as { data: T }).data;
}

describe("the journey through the routes", () => {
  it("asks the missing facts, keeps what was typed on an error, then records a choice once and shows its receipt", async () => {
    const aino = person("aino");
    const first = startLoader(getArgs(aino, "/fi/choose", lang));
    expect(first.editing).toBe(true);
    expect(first.asked).toEqual(["registered", "integration_act", "typ"]);
    expect(first.current.situation).toBe("default_public_service");

    const bad = await run(() => startAction(formArgs(aino, "/fi/choose", lang, { registered: "yes" })));
    expect(status(bad)).toBe(400);
    const badData = body<{ errors: Record<string, string>; values: Record<string, string> }>(bad);
    expect(badData.errors).toEqual({ integration_act: "eligibility:errors.integration_act.required", typ: "eligibility:errors.typ.required" });
    expect(badData.values.registered).toBe("yes");

    const saved = await run(() => startAction(formArgs(aino, "/fi/choose", lang, { registered: "yes", integration_act: "no", typ: "no" })));
    expect(status(saved)).toBe(303);
    const after = startLoader(getArgs(aino, "/fi/choose", lang));
    expect(after.mayChoose).toBe(true);
    expect(after.editing).toBe(false);

    const pick = pickLoader(getArgs(aino, "/fi/choose/provider?provider=tyopolku", lang));
    expect(pick.selected).toBe("tyopolku");
    expect(pick.providers.map((p) => p.slug)).toContain("tyopolku");
    expect(pick.publicService.figures.length).toBeGreaterThan(0);
    // The same measure leads as on the comparison, in the comparison's own sentence (decision 068).
    const tyopolku = pick.providers.find((p) => p.slug === "tyopolku")!;
    expect(tyopolku.figures[0].measure).toBe("employed_open_6m");
    expect(tyopolku.figures[0].sentence).toContain("Selvästi parempi kuin julkinen palvelu.");

    const none = await run(() => pickAction(formArgs(aino, "/fi/choose/provider", lang, {})));
    expect(status(none)).toBe(400);
    const picked = await run(() => pickAction(formArgs(aino, "/fi/choose/provider", lang, { provider: "tyopolku" })));
    expect((picked as Response).headers.get("location")).toBe("/fi/choose/contact");

    const badContact = await run(() => contactAction(formArgs(aino, "/fi/choose/contact", lang, { channel: "email", email: "not-an-address", language: "fi" })));
    expect(status(badContact)).toBe(400);
    expect(body<{ errors: Record<string, string>; values: Record<string, string> }>(badContact).values.email).toBe("not-an-address");
    const contact = await run(() => contactAction(formArgs(aino, "/fi/choose/contact", lang, { channel: "phone", phone: "040 123 4567", language: "fi" })));
    expect((contact as Response).headers.get("location")).toBe("/fi/choose/check");

    const check = checkLoader(getArgs(aino, "/fi/choose/check", lang));
    expect(check.problem).toBeNull();
    expect(check.contact).toEqual({ channel: "phone", phone: "+358401234567", email: null, language: "fi" });
    expect(check.changeFrom).toBeTruthy();

    const before = { choices: count(choices), history: count(choiceHistory), audit: count(audit) };
    const recorded = await run(() => checkAction(formArgs(aino, "/fi/choose/check", lang, { key: check.key })));
    expect(status(recorded)).toBe(303);
    const location = (recorded as Response).headers.get("location")!;
    expect(location).toMatch(/^\/fi\/my\/receipts\/[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The same key again (double click, resubmit, back + submit): the same receipt, nothing new.
    const again = await run(() => checkAction(formArgs(aino, "/fi/choose/check", lang, { key: check.key })));
    expect((again as Response).headers.get("location")).toBe(location);
    expect(count(choices)).toBe(before.choices + 1);
    expect(count(choiceHistory)).toBe(before.history + 1);
    expect(count(audit)).toBe(before.audit + 1);
    // My page shows the chosen provider's lead figure in the same sentence.
    expect(myLoader(getArgs(aino, "/fi/my", lang)).choice.figure).toMatchObject({ label: "Työllistyi 6 kuukaudessa", sentence: tyopolku.figures[0].sentence });
    // Back to the confirmation page: the same receipt, and the draft no longer holds the contact details.
    const back = await run(() => checkLoader(getArgs(aino, "/fi/choose/check", lang)));
    expect((back as Response).headers.get("location")).toBe(location);
    expect(getDb().select().from(choiceDrafts).get()).toMatchObject({ contactPhone: null, contactEmail: null, contactChannel: null });

    const reference = location.split("/").pop()!;
    const receipt = receiptLoader(getArgs(aino, location, { ...lang, reference }));
    expect(receipt.reference).toBe(reference);
    expect(receipt.provider?.name).toBe("Työpolku Oy");
    expect(receipt.contactBy).toBeTruthy();
    // A reference typed with a lower-case letter or without the hyphen leads to the same receipt.
    const sloppy = await run(() => receiptLoader(getArgs(aino, "/fi/my/receipts/x", { ...lang, reference: reference.replace("-", "").toLowerCase() })));
    expect((sloppy as Response).headers.get("location")).toBe(location);
  });

  it("a form without the CSRF token is refused with 403 and writes nothing", async () => {
    const aino = person("aino");
    const res = await run(() => startAction(formArgs(aino, "/fi/choose", lang, { registered: "yes", integration_act: "no", typ: "no" }, { csrf: false })));
    expect(status(res)).toBe(403);
    expect(getDb().select().from(choiceDrafts).all()).toHaveLength(0);
  });

  it("without a session every step redirects to sign-in, with no personal data in the address", async () => {
    const res = await run(() => checkLoader({ request: new Request("http://localhost/sv/choose/check"), params: { lang: "sv" }, context: {} }));
    expect(status(res)).toBe(303);
    expect((res as Response).headers.get("location")).toBe(`/sv/sign-in?returnTo=${encodeURIComponent("/sv/choose/check")}`);
  });
});

describe("idempotency", () => {
  it("the same key twice gives one row and one reference, and counts one choice", async () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draft(aino, "tyopolku");
    const counted = async () => (await choicesRecorded.get()).values.find((v) => v.labels.kind === "provider")?.value ?? 0;
    const before = await counted();
    const a = confirmChoice(aino.user, key);
    const b = confirmChoice(aino.user, key);
    expect(a).toMatchObject({ ok: true, replayed: false });
    expect(b).toMatchObject({ ok: true, replayed: true });
    expect(a.ok && b.ok && a.reference === b.reference).toBe(true);
    expect(getDb().select().from(choices).where(eq(choices.idempotencyKey, key)).all()).toHaveLength(1);
    expect(await counted()).toBe(before + 1);
  });

  it("a confirmation page that is out of date (the draft changed since) records nothing", () => {
    const aino = person("aino");
    answerEligible(aino);
    const oldKey = draft(aino, "tyopolku");
    draft(aino, "kaira-rekrytointi");
    expect(confirmChoice(aino.user, oldKey)).toEqual({ ok: false, refusal: "stale" });
    expect(count(choices)).toBe(0);
  });

  it("another person's key does not reveal or record anything", () => {
    const aino = person("aino");
    const pekka = person("pekka");
    answerEligible(aino);
    answerEligible(pekka);
    const key = draft(aino, "tyopolku");
    expect(confirmChoice(pekka.user, key)).toEqual({ ok: false, refusal: "stale" });
    expect(confirmChoice(aino.user, key).ok).toBe(true);
    // Pekka posting Aino's key again cannot find her choice either.
    expect(confirmChoice(pekka.user, key)).toEqual({ ok: false, refusal: "stale" });
  });

  it("the database itself refuses a second current choice for one person", () => {
    const aino = person("aino");
    answerEligible(aino);
    expect(confirmChoice(aino.user, draft(aino, null)).ok).toBe(true);
    const row = getDb().select().from(choices).get()!;
    expect(() =>
      getDb()
        .insert(choices)
        .values({ ...row, id: undefined, reference: "0000-0000", idempotencyKey: "another-key-0123456789" })
        .run(),
    ).toThrow(/UNIQUE/);
  });
});

describe("scope: a person reads only their own choices", () => {
  it("another person's receipt URL answers 404, like an unknown one", async () => {
    const aino = person("aino");
    const pekka = person("pekka");
    answerEligible(aino);
    const result = confirmChoice(aino.user, draft(aino, "tyopolku"));
    if (!result.ok) throw new Error("not recorded");
    const theirs = await run(() => receiptLoader(getArgs(pekka, `/fi/my/receipts/${result.reference}`, { ...lang, reference: result.reference })));
    expect(status(theirs)).toBe(404);
    const unknown = await run(() => receiptLoader(getArgs(pekka, "/fi/my/receipts/0000-0000", { ...lang, reference: "0000-0000" })));
    expect(status(unknown)).toBe(404);
    const garbage = await run(() => receiptLoader(getArgs(pekka, "/fi/my/receipts/abc", { ...lang, reference: "abc'; --" })));
    expect(status(garbage)).toBe(404);
    expect(getReceipt(pekka.user, result.reference)).toBeNull();
    expect(listChoices(pekka.user)).toEqual([]);
  });

  it("the JSON download holds the person's own data and nobody else's", async () => {
    const aino = person("aino");
    const pekka = person("pekka");
    answerEligible(aino);
    answerEligible(pekka);
    confirmChoice(aino.user, draft(aino, "tyopolku"));
    confirmChoice(pekka.user, draft(pekka, "kaira-rekrytointi"));
    const res = await run<Response>(() => dataLoader(getArgs(aino, "/fi/my/data.json", lang)));
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="valinta-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    const json = JSON.parse(text) as ReturnType<typeof personalDataExport>;
    expect(json.identification?.givenName).toBe("Aino");
    expect(json.choices).toHaveLength(1);
    expect(json.choices[0].contact?.email).toBe("aino@example.fi");
    expect(json.eligibilityAnswers?.facts).toEqual({ registered: true, integration_act: false, typ: false });
    expect(json.history.map((h) => h.event)).toEqual(["chosen"]);
    expect(json.sessions.length).toBeGreaterThan(0);
    expect(json.auditTrail.map((a) => a.action)).toContain("choice.record");
    expect(text).not.toContain("pekka@example.fi");
    expect(text).not.toContain("Kaira");
    expect(text).not.toContain(aino.token);
    expect(text).not.toContain(aino.identityHash);
  });
});

describe("the provider's first contact, as the person sees it", () => {
  it("My page and the download show the day the provider recorded, for the person's own choice only", () => {
    const aino = person("aino");
    const pekka = person("pekka");
    answerEligible(aino);
    answerEligible(pekka);
    const a = confirmChoice(aino.user, draft(aino, "tyopolku"));
    const p = confirmChoice(pekka.user, draft(pekka, "kaira-rekrytointi"));
    if (!a.ok || !p.ok) throw new Error("choices not recorded");
    const idOf = (reference: string) => getDb().select({ id: choices.id }).from(choices).where(eq(choices.reference, reference)).get()!.id;
    expect(myChoice(aino.user, "en").choices[0].contactedOn).toBeNull();
    const row = (reference: string, day: string) => ({ choiceId: idOf(reference), contactedOn: day, recordedAt: new Date().toISOString(), recordedBy: "staff" });
    getDb().insert(firstContacts).values([row(a.reference, "2026-11-02"), row(p.reference, "2026-11-03")]).run();
    expect(myChoice(aino.user, "en").choices[0].contactedOn).toBe("2 November 2026");
    expect(myChoice(aino.user, "fi").choices[0].contactedOn).toBe("2.11.2026");
    const exported = personalDataExport(aino.user, "en");
    expect(exported.choices.map((c) => c.contact?.firstContactRecordedByProviderOn)).toEqual(["2026-11-02"]);
    expect(JSON.stringify(exported)).not.toContain("2026-11-03");
  });
});

describe("refusals: nothing is half-written", () => {
  function snapshot() {
    return { choices: count(choices), history: count(choiceHistory), audit: count(audit) };
  }

  it("a provider that has left the pilot", () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draft(aino, "tyopolku");
    getDb()
      .update(providerPilots)
      .set({ endsOn: "2020-01-01", startsOn: "2019-01-01" })
      .where(eq(providerPilots.providerId, providerId("tyopolku")))
      .run();
    const before = snapshot();
    expect(confirmChoice(aino.user, key)).toEqual({ ok: false, refusal: "provider_unavailable" });
    expect(snapshot()).toEqual(before);
  });

  it("a provider that no longer takes new customers", () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draft(aino, "tyopolku");
    getDb().update(providers).set({ takesNewCustomers: false }).where(eq(providers.slug, "tyopolku")).run();
    expect(confirmChoice(aino.user, key)).toEqual({ ok: false, refusal: "provider_unavailable" });
  });

  it("a pilot that has ended", () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draft(aino, null);
    const row = getDb().select().from(pilots).where(eq(pilots.slug, "north-savo-choice")).get()!;
    getDb()
      .update(pilots)
      .set({ definition: { ...(row.definition as object), endsOn: "2026-01-31" } })
      .where(eq(pilots.slug, "north-savo-choice"))
      .run();
    const before = snapshot();
    const result = confirmChoice(aino.user, key, new Date("2026-03-01T10:00:00Z"));
    // The eligibility check no longer uses the ended pilot: both refusals say "nothing recorded".
    expect(result.ok).toBe(false);
    expect(["pilot_not_running", "not_eligible"]).toContain((result as { refusal: string }).refusal);
    expect(snapshot()).toEqual(before);
  });

  it("a person whose eligibility changed", async () => {
    const aino = person("aino");
    answerEligible(aino);
    const key = draft(aino, "tyopolku");
    saveAnswers(aino.user, { integration_act: true });
    const before = snapshot();
    const res = await run(() => checkAction(formArgs(aino, "/fi/choose/check", lang, { key })));
    expect(status(res)).toBe(409);
    expect(body<{ problem: string }>(res).problem).toBe("not_eligible");
    expect(snapshot()).toEqual(before);
  });

  it("answers given on the eligibility check come along in the address and fill in the form, unsaved; a bad value is dropped", () => {
    const aino = person("aino");
    const page = startLoader(getArgs(aino, "/fi/choose?registered=yes&integration_act=no&typ=maybe&age=-4", lang));
    expect(page.editing).toBe(true);
    expect(page.values).toEqual({ registered: "yes", integration_act: "no" });
    // Nothing is stored until the person saves: the same page without the address asks again.
    expect(startLoader(getArgs(aino, "/fi/choose", lang)).values).toEqual({});
  });

  it("another provider picked from the check page keeps the phone and email; the service language is asked again", async () => {
    const aino = person("aino");
    answerEligible(aino);
    await run(() => pickAction(formArgs(aino, "/fi/choose/provider", lang, { provider: "tyopolku" })));
    await run(() => contactAction(formArgs(aino, "/fi/choose/contact", lang, { channel: "phone", phone: "040 123 4567", language: "fi" })));
    const other = pickLoader(getArgs(aino, "/fi/choose/provider", lang)).providers.find((p) => p.slug !== "tyopolku" && p.takesNewCustomers)!.slug;
    await run(() => pickAction(formArgs(aino, "/fi/choose/provider", lang, { provider: other })));
    expect(contactLoader(getArgs(aino, "/fi/choose/contact", lang)).values).toMatchObject({ channel: "phone", phone: "+358401234567" });
    expect(getDb().select().from(choiceDrafts).get()).toMatchObject({ contactChannel: "phone", contactPhone: "+358401234567", serviceLanguage: null });
  });

  it("a person living outside every pilot area is not offered a choice, and the public service is named", () => {
    const juha = person("juha");
    const page = startLoader(getArgs(juha, "/fi/choose", lang));
    expect(page.mayChoose).toBe(false);
    expect(page.explanation.outcome).toBe("public_service");
    expect(page.explanation.reasons.length).toBeGreaterThan(0);
  });
});

describe("changing: the pilot's lock period and weighty reasons", () => {
  const t0 = new Date("2026-03-02T10:00:00Z");
  const inLock = new Date("2026-05-04T10:00:00Z");
  const afterLock = new Date("2026-09-02T10:00:00Z");

  it("inside the lock a change is refused with the date it becomes possible; after it, recorded like the first", () => {
    providersFrom("2026-01-01");
    const aino = person("aino");
    answerEligible(aino);
    const first = confirmChoice(aino.user, draft(aino, "tyopolku", t0), t0);
    expect(first.ok).toBe(true);

    const ctx = choiceContext(aino.user, inLock);
    expect(ctx.rule).toEqual({ allowed: false, reason: "locked", possibleFrom: "2026-09-02", weightyReasonPossible: true });
    expect(confirmChoice(aino.user, draft(aino, null, inLock), inLock)).toEqual({ ok: false, refusal: "locked" });

    const changed = confirmChoice(aino.user, draft(aino, "kaira-rekrytointi", afterLock), afterLock);
    expect(changed.ok).toBe(true);
    const rows = listChoices(aino.user);
    expect(rows.map((r) => [r.status, r.endedReason])).toEqual([
      ["current", null],
      ["ended", "changed"],
    ]);
    // The provider sees the old contact details for 3 more months.
    expect(rows[1].contactVisibleUntil).toBe("2026-12-02");
    expect(getDb().select().from(choiceHistory).all().map((h) => h.event)).toEqual(["chosen", "ended", "chosen"]);
  });

  it("a weighty reason becomes a request; an approval lets the person choose at once, and a rejection does not", () => {
    providersFrom("2026-01-01");
    const aino = person("aino");
    const sari = person("sari"); // an official of the North Savo pilot
    const timo = person("timo"); // an official of another pilot
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, "tyopolku", t0), t0);

    expect(requestWeightyReason(aino.user, "Muutan Kuopioon työn perässä.", inLock)).toMatchObject({ ok: true });
    expect(requestWeightyReason(aino.user, "Toinen pyyntö samasta asiasta.", inLock)).toEqual({ ok: false, refusal: "already_pending" });
    const request = getDb().select().from(changeRequests).get()!;
    expect(request).toMatchObject({ status: "pending", pilotSlug: "north-savo-choice", decidedAt: null });

    expect(decideWeightyReason(timo.user, { requestId: request.id, pilotSlug: "north-savo-choice", decision: "approved", note: "x" }, inLock)).toBe(false);
    expect(decideWeightyReason(sari.user, { requestId: request.id, pilotSlug: "north-savo-choice", decision: "approved", note: "Muutto on painava syy." }, inLock)).toBe(true);
    const ctx = choiceContext(aino.user, inLock);
    expect(ctx.rule).toEqual({ allowed: true, reason: "weighty_reason_approved" });
    expect(myLoader(getArgs(aino, "/fi/my", lang)).choice.requests).toEqual([
      expect.objectContaining({ status: "approved", reason: "Muutan Kuopioon työn perässä.", decisionNote: "Muutto on painava syy." }),
    ]);

    const changed = confirmChoice(aino.user, draft(aino, null, inLock), inLock);
    expect(changed.ok).toBe(true);
    expect(listChoices(aino.user)[1].endedReason).toBe("weighty_reason");
    expect(getDb().select().from(audit).where(eq(audit.action, "choice.weighty-reason.approved")).all()).toHaveLength(1);
  });

  it("a rejected request keeps the lock", () => {
    providersFrom("2026-01-01");
    const aino = person("aino");
    const sari = person("sari");
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, "tyopolku", t0), t0);
    requestWeightyReason(aino.user, "Haluan vaihtaa, koska matka on pitkä.", inLock);
    const request = getDb().select().from(changeRequests).get()!;
    decideWeightyReason(sari.user, { requestId: request.id, pilotSlug: "north-savo-choice", decision: "rejected", note: "Ei painava syy." }, inLock);
    expect(choiceContext(aino.user, inLock).rule.allowed).toBe(false);
  });

  it("choosing the public service never binds", () => {
    providersFrom("2026-01-01");
    const aino = person("aino");
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, null, t0), t0);
    const next = new Date("2026-03-03T10:00:00Z");
    expect(choiceContext(aino.user, next).rule).toEqual({ allowed: true, reason: "public_service" });
    expect(confirmChoice(aino.user, draft(aino, "tyopolku", next), next).ok).toBe(true);
  });

  it("the service language is ready when the provider serves in the page's language or in one language only", () => {
    const aino = person("aino");
    answerEligible(aino);
    savePick(aino.user, { pilotSlug: "north-savo-choice", kind: "provider", providerId: providerId("savon-uravalmennus"), providerSlug: "savon-uravalmennus" });
    // Finnish only: on an English page the one language it offers is chosen already.
    expect(contactLoader(getArgs(aino, "/en/choose/contact", { lang: "en" })).values.language).toBe("fi");
    savePick(aino.user, { pilotSlug: "north-savo-choice", kind: "provider", providerId: providerId("tyopolku"), providerSlug: "tyopolku" });
    expect(contactLoader(getArgs(aino, "/en/choose/contact", { lang: "en" })).values.language).toBe("en");
    savePick(aino.user, { pilotSlug: "north-savo-choice", kind: "provider", providerId: providerId("tyopolku"), providerSlug: "tyopolku" });
    // Several, none of them the page's: the person says.
    expect(contactLoader(getArgs(aino, "/sv/choose/contact", { lang: "sv" })).values.language).toBe("");
  });

  it("the pick step says when a provider's last day in the pilot is already set", () => {
    const aino = person("aino");
    answerEligible(aino);
    getDb().update(providerPilots).set({ endsOn: "2099-12-31" }).where(eq(providerPilots.providerId, providerId("tyopolku"))).run();
    const pick = pickLoader(getArgs(aino, "/fi/choose/provider", lang));
    expect(pick.providers.find((p) => p.slug === "tyopolku")?.leavesAfter).toBe("31.12.2099");
    expect(pick.providers.find((p) => p.slug === "taitoverkko")?.leavesAfter).toBeNull();
  });

  it("the receipt of the public service names the person's own employment area and where to find the office", async () => {
    providersFrom("2026-01-01");
    const aino = person("aino");
    answerEligible(aino);
    const done = confirmChoice(aino.user, draft(aino, null));
    expect(done.ok).toBe(true);
    const reference = (done as { reference: string }).reference;
    const receipt = (await run(() => receiptLoader(getArgs(aino, `/sv/my/receipts/${reference}`, { lang: "sv", reference })))) as unknown as {
      publicService: { name: string | null; jobMarket: string } | null;
    };
    expect(receipt.publicService?.name).toMatch(/työllisyysalue|sysselsättningsområde/i);
    expect(receipt.publicService?.jobMarket).toBe("https://tyomarkkinatori.fi");
  });

  it("when the chosen provider leaves the pilot, the person is with the public service and may choose at once", () => {
    providersFrom("2026-01-01");
    const aino = person("aino");
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, "tyopolku", t0), t0);
    getDb()
      .update(providerPilots)
      .set({ endsOn: "2026-04-30" })
      .where(and(eq(providerPilots.providerId, providerId("tyopolku")), eq(providerPilots.pilotSlug, "north-savo-choice")))
      .run();
    const ctx = choiceContext(aino.user, inLock);
    expect(ctx.situation).toBe("provider_left");
    expect(ctx.rule).toEqual({ allowed: true, reason: "provider_left" });
    // My page says so at once, and offers a new choice.
    const my = myLoader(getArgs(aino, "/fi/my", lang));
    expect(my.choice.current).toMatchObject({ situation: "provider_left", providerName: "Työpolku Oy", lockedUntil: null });
    expect(my.choice.choices).toHaveLength(1);
    const again = confirmChoice(aino.user, draft(aino, "kaira-rekrytointi", inLock), inLock);
    expect(again.ok).toBe(true);
    expect(listChoices(aino.user)[1].endedReason).toBe("provider_left");
  });

  it("choosing what is already the current choice records nothing new", () => {
    const aino = person("aino");
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, null));
    expect(confirmChoice(aino.user, draft(aino, null))).toEqual({ ok: false, refusal: "already_chosen" });
    expect(count(choices)).toBe(1);
  });
});

describe("records are kept as recorded", () => {
  it("the history is append-only and a recorded choice cannot be rewritten", () => {
    const aino = person("aino");
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, "tyopolku"));
    const db = getDb();
    expect(() => db.update(choiceHistory).set({ event: "ended" }).run()).toThrow(/append-only/);
    expect(() => db.delete(choiceHistory).run()).toThrow(/append-only/);
    expect(() => db.update(choices).set({ providerId: 999 }).run()).toThrow(/cannot be rewritten/);
  });

  it("contact details exist only with a provider choice (a CHECK constraint)", () => {
    const aino = person("aino");
    answerEligible(aino);
    confirmChoice(aino.user, draft(aino, null));
    expect(() => getDb().update(choices).set({ contactEmail: "x@example.fi" }).run()).toThrow(/CHECK/);
  });
});

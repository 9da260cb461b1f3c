import crypto from "node:crypto";
import { parse } from "csv-parse/sync";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit, choices, deliveryAnswers, meetings, people, problemReports, providers, resultMonths } from "../../db/schema";
import { CSRF_COOKIE, csrfForRequest } from "~/.server/platform/csrf";
import { personalDataExport } from "~/.server/choice/my-page";
import { getDb } from "~/.server/platform/db";
import { openDataColumns } from "~/.server/providers/open-data";
import { runRetention } from "~/.server/platform/retention.store";
import { accountabilityColumns, reportCategories } from "~/domain/accountability";
import { addDays } from "~/domain/working-days";
import * as delivery from "~/routes/lang.my.delivery.$item";
import * as my from "~/routes/lang.my";
import * as report from "~/routes/lang.providers.report";
import * as profile from "~/routes/lang.providers.profile";
import * as queue from "~/routes/lang.official.$pilot.reports";
import * as casePage from "~/routes/lang.official.$pilot.reports.$case";
import * as customers from "~/routes/lang.provider-staff.$businessId.customers";
import { loader as resultsCsv } from "~/routes/api.v1.results-csv";
import { loader as resultsJson } from "~/routes/api.v1.results-json";
import { args, get, post } from "../support/request";
import { startApp } from "../support/app";
import { signedIn } from "../support/auth";
import { tFor } from "~/i18n";
import { TODAY as today, daysFromNow } from "../support/clock";
import { as, choose, quietLogs, userOf, type Who } from "./official-support";

/**
 * Accountability (issue 16, parts 1, 2 and 4; decision 071): meetings recorded by staff, confirmed
 * or disputed by the customer, problem reports signed in or not, the officials' queue, the published
 * counts with the small-number rule, and the retention of free text. Each action is scoped: a
 * person sees only their own items and reports, staff only their provider's customers, officials
 * only their pilot's cases.
 */
quietLogs();

const PILOT = "north-savo-choice";
const TYOPOLKU = "2345671-3"; // Kaisa is its staff
const SAVON = "3456782-2"; // Olli is its staff

function providerRow(businessId: string) {
  return getDb().select().from(providers).where(eq(providers.businessId, businessId)).get()!;
}
function choiceOf(who: Who) {
  const person = getDb().select({ id: people.id }).from(people).where(eq(people.identityHash, who.identityHash)).get()!;
  return getDb().select().from(choices).where(and(eq(choices.personId, person.id), eq(choices.status, "current"))).get()!;
}
function auditActions(prefix: string) {
  return getDb()
    .select({ action: audit.action, subject: audit.subject, details: audit.details })
    .from(audit)
    .where(like(audit.action, `${prefix}%`))
    .all();
}

const staffPath = (businessId: string) => `/fi/provider-staff/${businessId}/customers`;

/** Aino chooses Työpolku; Kaisa records the first contact (today) and a meeting (today). */
async function ainoWithAMeeting() {
  const aino = as("aino");
  const tyopolku = providerRow(TYOPOLKU);
  choose(aino, { id: tyopolku.id, slug: tyopolku.slug });
  const choice = choiceOf(aino);
  const kaisa = as("kaisa");
  const params = { lang: "fi", businessId: TYOPOLKU };
  expect((await post(customers.action, staffPath(TYOPOLKU), params, kaisa, { choice: String(choice.id), contactedOn: today })).status).toBe(303);
  const saved = await post(customers.action, staffPath(TYOPOLKU), params, kaisa, { intent: "meeting", choice: String(choice.id), meetingOn: today });
  expect(saved.status).toBe(303);
  expect(saved.location).toContain("meeting=saved");
  const meeting = getDb().select().from(meetings).where(eq(meetings.choiceId, choice.id)).get()!;
  return { aino, kaisa, choice, meeting };
}

describe("meetings recorded by provider staff", () => {
  it("records a meeting once a day, refuses bad dates next to the field keeping what was typed, and only for its own customers", async () => {
    const { kaisa, choice } = await ainoWithAMeeting();
    const params = { lang: "fi", businessId: TYOPOLKU };
    // The same day again is the same meeting.
    await post(customers.action, staffPath(TYOPOLKU), params, kaisa, { intent: "meeting", choice: String(choice.id), meetingOn: today });
    expect(getDb().select().from(meetings).where(eq(meetings.choiceId, choice.id)).all()).toHaveLength(1);
    expect(auditActions("provider.meeting.record")).toHaveLength(1);

    for (const [typed, key] of [
      ["", "required"],
      ["31.2.2026", "invalid"],
      [addDays(today, 1), "inFuture"],
      ["1.1.2020", "beforeChoice"],
      ["<script>".repeat(50), "invalid"],
    ] as const) {
      const res = await post(customers.action, staffPath(TYOPOLKU), params, kaisa, { intent: "meeting", choice: String(choice.id), meetingOn: typed });
      expect(res.status, typed).toBe(400);
      const error = (res.data as { error: { message: string; value: string; field: string } }).error;
      expect(error).toMatchObject({ message: `accountability:errors.meetingOn.${key}`, field: "meetingOn" });
      expect(error.value).toBe(typed.slice(0, 100));
    }

    // Olli cannot write to Työpolku's page, and on his own page Aino's choice is nobody.
    const olli = as("olli");
    expect((await post(customers.action, staffPath(TYOPOLKU), params, olli, { intent: "meeting", choice: String(choice.id), meetingOn: today })).status).toBe(403);
    expect(
      (await post(customers.action, staffPath(SAVON), { lang: "fi", businessId: SAVON }, olli, { intent: "meeting", choice: String(choice.id), meetingOn: today })).status,
    ).toBe(404);
    expect(getDb().select().from(meetings).all()).toHaveLength(1);
  });
});

describe("confirm or dispute on My page", () => {
  it("the person sees their recorded contact and meeting, disputes the meeting with a note; staff see the dispute but not the note", async () => {
    const { aino, choice, meeting } = await ainoWithAMeeting();
    const page = await get(my.loader, "/fi/my", { lang: "fi" }, aino);
    const items = (page.data as { accountability: { items: { key: string; kind: string; answer: string | null }[] } }).accountability.items;
    expect(items.map((i) => i.key).sort()).toEqual([`c${choice.id}`, `m${meeting.id}`].sort());
    expect(items.every((i) => i.answer === null)).toBe(true);

    const path = `/fi/my/delivery/m${meeting.id}`;
    const params = { lang: "fi", item: `m${meeting.id}` };
    expect((await get(delivery.loader, path, params, aino)).status).toBe(200);
    // Nothing chosen, and a note too long: translated messages next to the fields, what was typed kept.
    const long = "x".repeat(1001);
    const bad = await post(delivery.action, path, params, aino, { note: long });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { answer: "errors.answer.required", note: "errors.note.tooLong" }, values: { note: long } });
    expect(await post(delivery.action, path, params, aino, { answer: "maybe" }).then((r) => r.data)).toMatchObject({ errors: { answer: "errors.answer.required" } });

    const ok = await post(delivery.action, path, params, aino, { answer: "did_not_happen", note: "Kukaan ei tullut paikalle." });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/fi/my?answered=m${meeting.id}#my-delivery`);
    const row = getDb().select().from(deliveryAnswers).where(eq(deliveryAnswers.meetingId, meeting.id)).get()!;
    expect(row).toMatchObject({ answer: "did_not_happen", note: "Kukaan ei tullut paikalle.", state: "received" });
    expect(auditActions("delivery.dispute")).toEqual([expect.objectContaining({ subject: `choice:${choice.id}` })]);
    expect(JSON.stringify(auditActions("delivery."))).not.toContain("Kukaan");

    // Confirming the first contact is not a case.
    await post(delivery.action, `/fi/my/delivery/c${choice.id}`, { lang: "fi", item: `c${choice.id}` }, aino, { answer: "confirmed" });
    expect(getDb().select().from(deliveryAnswers).where(eq(deliveryAnswers.item, "first-contact")).get()).toMatchObject({ answer: "confirmed", state: null });

    // Staff see what the customer answered, not the note.
    const staff = await get(customers.loader, `${staffPath(TYOPOLKU)}?show=all`, { lang: "fi", businessId: TYOPOLKU }, as("kaisa"));
    const card = (staff.data as { customers: { id: number; delivery: { firstContact: string; meetings: { answer: string }[] } }[] }).customers.find((c) => c.id === choice.id)!;
    expect(card.delivery.firstContact).toBe("confirmed");
    expect(card.delivery.meetings.map((m) => m.answer)).toEqual(["did_not_happen"]);
    expect((staff.data as { disputes: unknown[] }).disputes).toEqual([expect.objectContaining({ name: "Aino Virtanen", kind: "meeting", answer: "did_not_happen", state: "received" })]);
    // Another provider's staff see none of it.
    const other = await get(customers.loader, `${staffPath(SAVON)}?show=all`, { lang: "fi", businessId: SAVON }, as("olli"));
    expect((other.data as { disputes: unknown[] }).disputes).toEqual([]);
    expect(JSON.stringify(staff.data)).not.toContain("Kukaan");

    // The person's data download holds the answers with the note.
    const exported = personalDataExport(userOf(aino), "fi");
    expect(exported.deliveryAnswers).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "meeting", answer: "did_not_happen", note: "Kukaan ei tullut paikalle." })]));
  });

  it("another person's item is a 404, whatever key is in the address; signed out goes to sign-in", async () => {
    const { meeting, choice } = await ainoWithAMeeting();
    const pekka = as("pekka");
    for (const key of [`m${meeting.id}`, `c${choice.id}`, "m999999", "x1", "m1;drop"]) {
      const params = { lang: "fi", item: key };
      expect((await get(delivery.loader, `/fi/my/delivery/${key}`, params, pekka)).status, key).toBe(404);
      expect((await post(delivery.action, `/fi/my/delivery/${key}`, params, pekka, { answer: "did_not_happen" })).status, key).toBe(404);
    }
    expect(getDb().select().from(deliveryAnswers).all()).toEqual([]);
    expect((await get(delivery.loader, `/fi/my/delivery/m${meeting.id}`, { lang: "fi", item: `m${meeting.id}` }, null)).status).toBe(303);
  });
});

describe("problem reports", () => {
  const slug = () => providerRow(TYOPOLKU).slug;

  it("anyone may report without signing in; nothing personal is asked; errors are translated keys next to the field", async () => {
    const path = `/sv/providers/${slug()}/report`;
    const params = { lang: "sv", slug: slug() };
    const page = await get(report.loader, path, params, null);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ signedIn: false, sent: false });

    // A visitor who is not signed in: only the CSRF cookie and its token.
    const cookie = `${CSRF_COOKIE}=visitor-0123456789abcdef`;
    const visitor = { cookie, csrf: csrfForRequest(new Request("http://localhost/", { headers: { cookie } }), null).token } as Who;
    // A form without its CSRF token is refused before anything is read.
    expect((await post(report.action, path, params, null, { category: "gift" })).status).toBe(403);

    const long = "å".repeat(2001);
    const bad = await post(report.action, path, params, visitor, { category: "bribe", description: long });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { category: "errors.category.required", description: "errors.description.tooLong" }, values: { description: long } });
    const control = await post(report.action, path, params, visitor, { category: "gift", description: "a\u0000b" });
    expect(control.data).toMatchObject({ errors: { description: "errors.description.invalid" } });

    const ok = await post(report.action, path, params, visitor, { category: "gift", description: "Lahjakortti luvattiin." });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`${path}?sent=1`);
    expect(getDb().select().from(problemReports).all()).toEqual([
      expect.objectContaining({ category: "gift", personId: null, lang: "sv", pilotSlug: PILOT, description: "Lahjakortti luvattiin." }),
    ]);
    expect(auditActions("problem-report.create")).toEqual([expect.objectContaining({ details: { businessId: TYOPOLKU, category: "gift", description: true } })]);
    const thanks = await get(report.loader, `${path}?sent=1`, params, null);
    expect(thanks.data).toMatchObject({ sent: true, signedIn: false });
    // An unknown provider is a 404.
    expect((await get(report.loader, "/sv/providers/nobody/report", { lang: "sv", slug: "nobody" }, null)).status).toBe(404);
  });

  it("a signed-in person's report reaches the pilot's officials, who move it on; the person sees the state and the answer, nobody else does", async () => {
    const aino = as("aino");
    const path = `/fi/providers/${slug()}/report`;
    const params = { lang: "fi", slug: slug() };
    const sent = await post(report.action, path, params, aino, { category: "office_closed", description: "Ovi oli lukossa tiistaina kello 10." });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${path}?sent=1`);
    const row = getDb().select().from(problemReports).get()!;
    expect(row).toMatchObject({ category: "office_closed", pilotSlug: PILOT, state: "received", lang: "fi", month: today.slice(0, 7) });
    expect(auditActions("problem-report.create")).toEqual([expect.objectContaining({ subject: `problem-report:${row.id}`, details: { businessId: TYOPOLKU, category: "office_closed", description: true } })]);

    // The queue of the pilot's official, filtered; another pilot's official has no access.
    const sari = as("sari");
    const qParams = { lang: "fi", pilot: PILOT };
    const all = await get(queue.loader, `/fi/official/${PILOT}/reports`, qParams, sari);
    expect((all.data as { rows: { key: string }[] }).rows.map((r) => r.key)).toEqual([`r${row.id}`]);
    const filtered = await get(queue.loader, `/fi/official/${PILOT}/reports?category=gift&state=received`, qParams, sari);
    expect((filtered.data as { rows: unknown[] }).rows).toEqual([]);
    const byProvider = await get(queue.loader, `/fi/official/${PILOT}/reports?provider=${row.providerId}&state=received&category=office_closed`, qParams, sari);
    expect((byProvider.data as { rows: unknown[]; filter: unknown }).rows).toHaveLength(1);
    // Unknown filter values are ignored, never an error.
    const odd = await get(queue.loader, `/fi/official/${PILOT}/reports?provider=999999&category=%3Cx%3E&state=all`, qParams, sari);
    expect((odd.data as { filter: unknown }).filter).toEqual({ provider: "", category: "", state: "" });
    const timo = as("timo");
    expect((await get(queue.loader, `/fi/official/${PILOT}/reports`, qParams, timo)).status).toBe(403);
    const caseParams = { lang: "fi", pilot: PILOT, case: `r${row.id}` };
    expect((await get(casePage.loader, `/fi/official/${PILOT}/reports/r${row.id}`, caseParams, timo)).status).toBe(403);
    // Timo's own pilot does not have this case.
    expect(
      (await get(casePage.loader, `/fi/official/mikkeli-region-municipal/reports/r${row.id}`, { lang: "fi", pilot: "mikkeli-region-municipal", case: `r${row.id}` }, timo)).status,
    ).toBe(404);

    const casePath = `/fi/official/${PILOT}/reports/r${row.id}`;
    const detail = await get(casePage.loader, casePath, caseParams, sari);
    expect(detail.data).toMatchObject({ detail: { person: "Aino Virtanen", description: "Ovi oli lukossa tiistaina kello 10.", state: "received" }, closed: false });
    // Answered needs an answer; the form keeps what was typed.
    const noAnswer = await post(casePage.action, casePath, caseParams, sari, { state: "answered", answer: "  " });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.data).toMatchObject({ errors: { answer: "errors.answer.requiredToAnswer" } });
    expect((await post(casePage.action, casePath, caseParams, sari, { state: "in_progress" })).status).toBe(303);
    const answered = await post(casePage.action, casePath, caseParams, sari, { state: "answered", answer: "Olemme olleet yhteydessä palveluntuottajaan." });
    expect(answered.status).toBe(303);
    expect(answered.location).toBe(`/fi/official/${PILOT}/reports?saved=answered`);
    // A closed case is not reopened.
    expect((await post(casePage.action, casePath, caseParams, sari, { state: "in_progress" })).status).toBe(400);
    expect(auditActions("problem-report.handle").map((a) => a.details)).toEqual([
      { from: "received", to: "in_progress", answer: false },
      { from: "in_progress", to: "answered", answer: true },
    ]);

    // The person sees the state and the answer; another person sees nothing of it.
    const mine = (await get(my.loader, "/fi/my", { lang: "fi" }, aino)).data as { accountability: { reports: { state: string; answer: string }[] } };
    expect(mine.accountability.reports).toEqual([expect.objectContaining({ state: "answered", answer: "Olemme olleet yhteydessä palveluntuottajaan." })]);
    const theirs = (await get(my.loader, "/fi/my", { lang: "fi" }, as("pekka"))).data as { accountability: { reports: unknown[] } };
    expect(theirs.accountability.reports).toEqual([]);
  });

  it("a dispute is in the same queue, under its provider, and handled the same way", async () => {
    const { aino, meeting } = await ainoWithAMeeting();
    await post(delivery.action, `/fi/my/delivery/m${meeting.id}`, { lang: "fi", item: `m${meeting.id}` }, aino, { answer: "other_day", note: "Se oli maanantaina." });
    const sari = as("sari");
    const qParams = { lang: "fi", pilot: PILOT };
    const q = await get(queue.loader, `/fi/official/${PILOT}/reports?category=dispute`, qParams, sari);
    const rows = (q.data as { rows: { key: string; kind: string; category: string }[] }).rows;
    expect(rows).toEqual([expect.objectContaining({ kind: "dispute", category: "other_day" })]);
    const tyopolku = providerRow(TYOPOLKU);
    expect((q.data as { providers: { id: number; open: { disputes: number } }[] }).providers.find((p) => p.id === tyopolku.id)?.open.disputes).toBe(1);
    const key = rows[0].key;
    const caseParams = { lang: "fi", pilot: PILOT, case: key };
    const detail = await get(casePage.loader, `/fi/official/${PILOT}/reports/${key}`, caseParams, sari);
    expect(detail.data).toMatchObject({ detail: { description: "Se oli maanantaina.", person: "Aino Virtanen" } });
    expect((await post(casePage.action, `/fi/official/${PILOT}/reports/${key}`, caseParams, sari, { state: "not_upheld" })).status).toBe(303);
    expect(auditActions("dispute.handle")).toHaveLength(1);
    // Once handled, the person can no longer change the answer.
    const again = await post(delivery.action, `/fi/my/delivery/m${meeting.id}`, { lang: "fi", item: `m${meeting.id}` }, aino, { answer: "confirmed" });
    expect(again.status).toBe(409);
  });
});

describe("the officials' queue in pages", () => {
  /** 120 reports about Työpolku, a minute apart, the newest first in the queue; and Aino's dispute. */
  async function manyCases() {
    const tyopolku = providerRow(TYOPOLKU);
    const start = Date.parse(`${today}T08:00:00.000Z`) - 200 * 60_000;
    getDb()
      .insert(problemReports)
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          providerId: tyopolku.id,
          pilotSlug: PILOT,
          category: reportCategories[i % reportCategories.length],
          lang: "fi" as const,
          month: today.slice(0, 7),
          // Every tenth pair at the same moment: the order is still one order.
          createdAt: new Date(start + (i - (i % 10 === 1 ? 1 : 0)) * 60_000).toISOString(),
        })),
      )
      .run();
    const { aino, meeting } = await ainoWithAMeeting();
    await post(delivery.action, `/fi/my/delivery/m${meeting.id}`, { lang: "fi", item: `m${meeting.id}` }, aino, { answer: "did_not_happen" });
  }
  type Queue = {
    total: number;
    rows: { key: string; at: string }[];
    paging: { page: number; pageCount: number; from: number; to: number; previous: string | null; next: string | null; pages: ({ number: number; href: string; current: boolean } | null)[] };
  };
  const qParams = { lang: "fi", pilot: PILOT };
  const base = `/fi/official/${PILOT}/reports`;

  it("shows 50 a page, newest first, every case on exactly one page; the links keep the filter; a page past the last shows the last", async () => {
    await manyCases();
    const sari = as("sari");
    const pages: Queue[] = [];
    for (const n of [1, 2, 3]) pages.push((await get(queue.loader, `${base}?state=received&page=${n}`, qParams, sari)).data as Queue);
    expect(pages.map((p) => [p.paging.from, p.paging.to, p.total, p.rows.length])).toEqual([
      [1, 50, 121, 50],
      [51, 100, 121, 50],
      [101, 121, 121, 21],
    ]);
    const keys = pages.flatMap((p) => p.rows.map((r) => r.key));
    expect(new Set(keys).size).toBe(121);
    const ats = pages.flatMap((p) => p.rows.map((r) => r.at));
    expect(ats).toEqual([...ats].sort().reverse());
    // The dispute, answered today after the reports, is the first case.
    expect(keys[0]).toMatch(/^d\d+$/);
    const second = pages[1].paging;
    expect(second).toMatchObject({ page: 2, pageCount: 3, previous: `${base}?state=received`, next: `${base}?state=received&page=3` });
    expect(second.pages).toEqual([
      { number: 1, href: `${base}?state=received`, current: false },
      { number: 2, href: `${base}?state=received&page=2`, current: true },
      { number: 3, href: `${base}?state=received&page=3`, current: false },
    ]);
    // Every filter is kept; the category narrows the count.
    const tyopolku = providerRow(TYOPOLKU);
    const gifts = (await get(queue.loader, `${base}?provider=${tyopolku.id}&category=gift&state=received`, qParams, sari)).data as Queue;
    expect(gifts.total).toBe(20);
    expect(gifts.paging).toMatchObject({ pageCount: 1, previous: null, next: null, from: 1, to: 20 });
    const disputes = (await get(queue.loader, `${base}?category=dispute&page=2`, qParams, sari)).data as Queue;
    expect(disputes.paging).toMatchObject({ page: 1, from: 1, to: 1 });
    // A page past the last is the last; anything but a number is the first.
    const past = (await get(queue.loader, `${base}?state=received&page=99`, qParams, sari)).data as Queue;
    expect(past.paging).toMatchObject({ page: 3, from: 101, to: 121 });
    for (const odd of ["0", "-1", "abc", "2.5", "99999999999999999999", "%3Cx%3E"]) {
      const answer = await get(queue.loader, `${base}?page=${odd}`, qParams, sari);
      expect(answer.status).toBe(200);
      expect((answer.data as Queue).paging.page).toBe(1);
    }
  });

  it("the sentence and the page links on the page, in fi, sv and en, without JavaScript", async () => {
    await manyCases();
    const app = await startApp();
    try {
      const sari = signedIn("sari");
      const sentences = {
        fi: "Näytetään 51–100, yhteensä 121 ilmoitusta.",
        sv: "Visar 51–100, sammanlagt 121 anmälningar.",
        en: "Showing 51–100 of 121 cases.",
      };
      for (const lang of ["fi", "sv", "en"] as const) {
        const res = await fetch(`${app.base}/${lang}/official/${PILOT}/reports?state=received&page=2`, { headers: { cookie: sari.cookie } });
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain(sentences[lang]);
        const here = `/${lang}/official/${PILOT}/reports`;
        expect(html).toContain(`href="${here}?state=received&amp;page=3"`);
        expect(html).toContain(`href="${here}?state=received" aria-label="${tFor(lang)("accountability:queue.pageN", { page: 1 })}"`);
        expect(html).toContain(`aria-current="page"`);
        expect(html).toContain(`>${tFor(lang)("accountability:queue.next")}</a>`);
      }
    } finally {
      await app.close();
    }
  });
});

describe("published counts", () => {
  const latest = () =>
    getDb()
      .select({ month: resultMonths.month })
      .from(resultMonths)
      .where(eq(resultMonths.pilotSlug, PILOT))
      .all()
      .map((m) => m.month)
      .sort()
      .pop()!;

  /** `n` customers of Työpolku who chose on the 2nd of `month`, each with one meeting on the 20th; the first `disputed` dispute it. */
  function customersWithMeetings(month: string, n: number, disputed: number) {
    const db = getDb();
    const tyopolku = providerRow(TYOPOLKU);
    for (let i = 0; i < n; i++) {
      const person = db
        .insert(people)
        .values({ identityHash: `acc-${crypto.randomUUID()}`, givenName: "Testi", familyName: `Asiakas ${i}`, homeMunicipality: "749", identifiedWith: "fi", createdAt: `${month}-02T08:00:00.000Z`, updatedAt: `${month}-02T08:00:00.000Z` })
        .returning({ id: people.id })
        .get();
      const reference = `ACC${i}-${crypto.randomUUID().slice(0, 6)}`;
      const choice = db
        .insert(choices)
        .values({
          reference,
          idempotencyKey: reference,
          personId: person.id,
          pilotSlug: PILOT,
          kind: "provider",
          providerId: tyopolku.id,
          providerSlug: tyopolku.slug,
          snapshot: { pilotName: { fi: "x", sv: "x", en: "x" }, provider: null, lockMonths: 6, contactBy: null },
          contactChannel: "phone",
          contactPhone: "+358401234567",
          serviceLanguage: "fi",
          chosenAt: `${month}-02T09:00:00.000Z`,
          chosenOn: `${month}-02`,
          status: "ended",
          endedAt: `${month}-25T09:00:00.000Z`,
          endedReason: "changed",
          contactVisibleUntil: addDays(today, 30),
        })
        .returning({ id: choices.id })
        .get();
      const m = db.insert(meetings).values({ choiceId: choice.id, heldOn: `${month}-20`, recordedAt: `${month}-20T12:00:00.000Z`, recordedBy: "test" }).returning({ id: meetings.id }).get();
      db.insert(deliveryAnswers)
        .values({ choiceId: choice.id, item: `meeting:${m.id}`, meetingId: m.id, answer: i < disputed ? "did_not_happen" : "confirmed", answeredAt: `${month}-21T12:00:00.000Z`, state: i < disputed ? "received" : null })
        .run();
    }
    return tyopolku;
  }

  async function csvRow(month: string) {
    const text = await (resultsCsv(args("/api/v1/results.csv"))).text();
    const rows = parse<Record<string, string>>(text, { columns: true });
    return { header: text.split("\r\n")[0], row: rows.find((r) => r.provider_business_id === TYOPOLKU && r.month === month && r.group === "all")!, rows };
  }

  it("the open data has the columns, and leaves confirmed and disputed empty for fewer customers than the threshold", async () => {
    const month = latest();
    const tyopolku = customersWithMeetings(month, 3, 1);
    getDb()
      .insert(problemReports)
      .values(["gift", "gift", "no_contact"].map((category) => ({ providerId: tyopolku.id, pilotSlug: PILOT, category: category as "gift", lang: "fi", month, createdAt: `${month}-10T10:00:00.000Z`, description: "ei julkaista" })))
      .run();
    const { header, row, rows } = await csvRow(month);
    expect(header).toBe(openDataColumns.join(","));
    expect(header.endsWith(["meetings_recorded", "meetings_confirmed", "meetings_disputed", "problem_reports", ...reportCategories.map((c) => `problem_reports_${c}`)].join(","))).toBe(true);
    expect(row).toMatchObject({ meetings_recorded: "3", meetings_confirmed: "", meetings_disputed: "", problem_reports: "3", problem_reports_gift: "2", problem_reports_no_contact: "1", problem_reports_other: "0" });
    // The public service's rows and the group rows leave them empty.
    const publicRow = rows.find((r) => r.provider_business_id === "" && r.month === month && r.group === "all")!;
    expect(accountabilityColumns.every((c) => publicRow[c] === "")).toBe(true);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("ei julkaista");

    const json = (await resultsJson(args("/api/v1/results.json")).json()) as { columns: string[]; rows: Record<string, unknown>[] };
    expect(json.columns).toEqual([...openDataColumns]);
    expect(json.rows.find((r) => r.provider_business_id === TYOPOLKU && r.month === month && r.group === "all")).toMatchObject({
      meetings_recorded: 3,
      meetings_confirmed: null,
      meetings_disputed: null,
      problem_reports: 3,
    });
  });

  it("with enough customers, confirmed and disputed are published; the profile shows the same month", async () => {
    const month = latest();
    customersWithMeetings(month, 6, 2);
    const { row } = await csvRow(month);
    expect(row).toMatchObject({ meetings_recorded: "6", meetings_confirmed: "4", meetings_disputed: "2" });
    const slug = providerRow(TYOPOLKU).slug;
    const page = await get(profile.loader, `/en/providers/${slug}`, { lang: "en", slug }, null);
    const shown = (page.data as { accountability: { months: { month: string; meetings: number; confirmed: number | null; disputed: number | null }[] } }).accountability.months;
    // The profile shows the last six months; the latest published month is among them.
    const m = shown.find((x) => x.month === month);
    expect(m).toMatchObject({ meetings: 6, confirmed: 4, disputed: 2 });
  });
});

describe("retention of free text", () => {
  it("removes descriptions, notes, answers and the link to the person 6 months after closing; keeps the counts", async () => {
    const aino = as("aino");
    const slug = providerRow(TYOPOLKU).slug;
    await post(report.action, `/fi/providers/${slug}/report`, { lang: "fi", slug }, aino, { category: "treated_badly", description: "Minulle huudettiin." });
    const open = await post(report.action, `/fi/providers/${slug}/report`, { lang: "fi", slug }, aino, { category: "other", description: "Avoin asia." });
    expect(open.status).toBe(303);
    const [first] = getDb().select().from(problemReports).all();
    const sari = as("sari");
    const caseParams = { lang: "fi", pilot: PILOT, case: `r${first.id}` };
    await post(casePage.action, `/fi/official/${PILOT}/reports/r${first.id}`, caseParams, sari, { state: "answered", answer: "Selvitetty." });

    runRetention(daysFromNow(150));
    expect(getDb().select().from(problemReports).all().every((r) => r.textRemovedAt === null)).toBe(true);
    runRetention(daysFromNow(200));
    const after = getDb().select().from(problemReports).all();
    expect(after.find((r) => r.id === first.id)).toMatchObject({ description: null, answer: null, personId: null, category: "treated_badly" });
    // The open one keeps its text until 2 years.
    expect(after.find((r) => r.id !== first.id)).toMatchObject({ description: "Avoin asia." });
    runRetention(daysFromNow(740));
    expect(getDb().select().from(problemReports).all().every((r) => r.description === null)).toBe(true);
    expect(getDb().select().from(problemReports).all()).toHaveLength(2);
  });
});

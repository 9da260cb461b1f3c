import Database from "better-sqlite3";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { todayInFinland } from "~/format";
import { addDays } from "~/domain/working-days";
import { signIn } from "../support/sign-in";
import { baseURL, checkStates, closeBrowser, localeText, newContext, texts, visit, type Lang, type Reach, contextWithSession } from "./browser";

/**
 * Accountability in a real browser (issue 16, parts 1, 2 and 4; decision 071): the dispute on My
 * page, the problem report form and the officials' queue, each state in fi, sv and en at 360 and
 * 1280 px with JavaScript on and off (axe and the page basics), then a journey without JavaScript:
 * a customer disputes a meeting, a visitor reports a problem, and the pilot's official answers.
 *
 * The customer's choice, contact and meeting are put straight into the e2e database (as the journey
 * and the staff page would have recorded them) and removed afterwards.
 */

const acc = texts("accountability");

const PILOT = "north-savo-choice";
const TYOPOLKU = "2345671-3";
const CUSTOMER = 8401; // a generated test person in Siilinjärvi
const today = todayInFinland();

let db: Database.Database;
let slug = "";
let meetingId = 0;
let reportId = 0;
const added = { choices: [] as number[], reports: [] as number[] };

async function signedInContext(person: string | { generated: number }, js = true): Promise<BrowserContext> {
  const jar = await signIn(baseURL(), person);
  return contextWithSession(jar, { js });
}

beforeAll(async () => {
  db = new Database(path.join(path.dirname(inject("logFile")), "e2e.db"));
  db.pragma("busy_timeout = 5000");
  // The customer signs in once, so that their person row exists, and chose Työpolku 20 days ago.
  await signIn(baseURL(), { generated: CUSTOMER });
  const person = db.prepare("SELECT id FROM people WHERE family_name = ?").get(`Henkilö ${CUSTOMER}`) as { id: number };
  const provider = db.prepare("SELECT id, slug, name FROM providers WHERE business_id = ?").get(TYOPOLKU) as { id: number; slug: string; name: string };
  slug = provider.slug;
  const chosenOn = addDays(today, -20);
  const choice = db
    .prepare(
      `INSERT INTO choices (reference, idempotency_key, person_id, pilot_slug, kind, provider_id, provider_slug, snapshot, contact_channel, contact_phone, service_language, chosen_at, chosen_on, status)
       VALUES ('E2EA-ACCT', 'e2e-acct', ?, ?, 'provider', ?, ?, ?, 'phone', '+358401234567', 'fi', ?, ?, 'current') RETURNING id`,
    )
    .get(
      person.id,
      PILOT,
      provider.id,
      provider.slug,
      JSON.stringify({ pilotName: { fi: "Pohjois-Savo", sv: "Norra Savolax", en: "North Savo" }, provider: { name: provider.name, phone: null, email: null, web: null }, lockMonths: 6, contactBy: addDays(chosenOn, 7) }),
      `${chosenOn}T09:00:00.000Z`,
      chosenOn,
    ) as { id: number };
  added.choices.push(choice.id);
  db.prepare("INSERT INTO first_contacts (choice_id, contacted_on, recorded_at, recorded_by) VALUES (?, ?, ?, 'e2e')").run(choice.id, addDays(chosenOn, 2), new Date().toISOString());
  meetingId = (
    db.prepare("INSERT INTO meetings (choice_id, held_on, recorded_at, recorded_by) VALUES (?, ?, ?, 'e2e') RETURNING id").get(choice.id, addDays(chosenOn, 9), new Date().toISOString()) as {
      id: number;
    }
  ).id;
  reportId = (
    db
      .prepare(
        "INSERT INTO problem_reports (provider_id, pilot_slug, category, description, lang, month, created_at) VALUES (?, ?, 'office_closed', 'Ovi oli lukossa.', 'fi', ?, ?) RETURNING id",
      )
      .get(provider.id, PILOT, today.slice(0, 7), new Date().toISOString()) as { id: number }
  ).id;
  added.reports.push(reportId);
});

afterAll(async () => {
  const ids = added.choices.join(",") || "0";
  db.exec(
    `DELETE FROM delivery_answers WHERE choice_id IN (${ids}); DELETE FROM meetings WHERE choice_id IN (${ids}); DELETE FROM first_contacts WHERE choice_id IN (${ids});
     DELETE FROM choice_history WHERE choice_id IN (${ids}); DELETE FROM choices WHERE id IN (${ids});`,
  );
  db.prepare(`DELETE FROM problem_reports WHERE id IN (${added.reports.join(",") || "0"}) OR description LIKE 'E2E:%'`).run();
  db.close();
  await closeBrowser();
});

/** Opens `/{lang}{path}`, lets `act` fill the form, submits it with the button, and gives the POST's status. */
function submitted(pathAfterLang: string, act: (page: Page, lang: Lang) => Promise<void>, button: (lang: Lang) => string): Reach {
  return async (page, lang, scripts) => {
    await page.goto(`/${lang}${pathAfterLang}`);
    if (scripts) await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
    await act(page, lang);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
      page.getByRole("button", { name: button(lang), exact: true }).click(),
    ]);
    await page.waitForLoadState("load");
    return response.status();
  };
}

// Each state opens 12 pages (3 languages, 2 widths, scripts on and off).
const timeout = 240_000;

describe("accountability pages: axe and the page basics in every state, language and width", () => {
  it("the problem report form, its errors (kept what was typed), and its thanks, not signed in", async () => {
    const context = await newContext();
    const form = `/providers/${slug}/report`;
    expect(await checkStates(context, form, visit(form))).toEqual([]);
    const long = "x".repeat(2001);
    const bad = submitted(
      form,
      async (page, lang) => {
        await page.getByLabel(acc[lang]("report.description")).fill(long);
      },
      (lang) => acc[lang]("report.submit"),
    );
    expect(await checkStates(context, `${form} (errors)`, bad, 400)).toEqual([]);
    expect(await checkStates(context, `${form}?sent=1`, visit(`${form}?sent=1`))).toEqual([]);
    await context.close();
  }, timeout);

  it("My page with recorded contacts and meetings, the dispute form and its error", async () => {
    const context = await signedInContext({ generated: CUSTOMER });
    expect(await checkStates(context, "/my", visit("/my"))).toEqual([]);
    const form = `/my/delivery/m${meetingId}`;
    expect(await checkStates(context, form, visit(form))).toEqual([]);
    const bad = submitted(
      form,
      async (page, lang) => {
        await page.getByLabel(acc[lang]("delivery.note")).fill("y".repeat(1001));
      },
      (lang) => acc[lang]("delivery.submit"),
    );
    expect(await checkStates(context, `${form} (errors)`, bad, 400)).toEqual([]);
    await context.close();
  }, timeout);

  it("the officials' queue, filtered, a case and its error", async () => {
    const context = await signedInContext("sari");
    const queue = `/official/${PILOT}/reports`;
    expect(await checkStates(context, queue, visit(queue))).toEqual([]);
    expect(await checkStates(context, `${queue}?category=office_closed&state=received`, visit(`${queue}?category=office_closed&state=received`))).toEqual([]);
    const casePath = `${queue}/r${reportId}`;
    expect(await checkStates(context, casePath, visit(casePath))).toEqual([]);
    const bad = submitted(
      casePath,
      async (page, lang) => {
        await page.getByLabel(acc[lang]("state.answered"), { exact: true }).check();
      },
      (lang) => acc[lang]("case.submit"),
    );
    expect(await checkStates(context, `${casePath} (errors)`, bad, 400)).toEqual([]);
    await context.close();
  }, timeout);
});

describe("without JavaScript: dispute, report and answer", () => {
  it("a customer disputes a meeting; a visitor reports a problem; the official finds both in the queue and answers", async () => {
    // The customer, in Swedish: a bad answer first (nothing chosen), then the dispute with a note.
    const customer = await signedInContext({ generated: CUSTOMER }, false);
    const page = await customer.newPage();
    await page.goto("/sv/my");
    // The meeting's own link (each item has one, named by what it is about).
    const link = page.locator(`a[href="/sv/my/delivery/m${meetingId}"]`);
    expect(await link.innerText()).toContain(acc.sv("my.confirmOrDispute"));
    await link.click();
    expect(page.url()).toContain(`/sv/my/delivery/m${meetingId}`);
    await page.getByLabel(acc.sv("delivery.note")).fill("Mötet var på måndag.");
    await page.getByRole("button", { name: acc.sv("delivery.submit") }).click();
    expect(await page.locator("#field-answer-error").innerText()).toContain(acc.sv("errors.answer.required"));
    // What was typed is still there.
    expect(await page.getByLabel(acc.sv("delivery.note")).inputValue()).toBe("Mötet var på måndag.");
    await page.getByLabel(acc.sv("answer.other_day")).check();
    await page.getByRole("button", { name: acc.sv("delivery.submit") }).click();
    expect(new URL(page.url()).pathname).toBe("/sv/my");
    expect(await page.getByRole("status").first().innerText()).toContain(acc.sv("my.answered"));
    expect(await page.locator("#my-delivery-section").innerText()).toContain(acc.sv("answer.yours.other_day"));
    await customer.close();

    // A visitor, in English, without signing in.
    const visitor = await newContext({ js: false });
    const vp = await visitor.newPage();
    await vp.goto(`/en/providers/${slug}`);
    await vp.getByRole("link", { name: acc.en("profile.reportLink") }).click();
    await vp.getByRole("button", { name: acc.en("report.submit") }).click();
    expect(await vp.locator("#field-category-error").innerText()).toContain(acc.en("errors.category.required"));
    await vp.getByLabel(acc.en("category.gift")).check();
    await vp.getByLabel(acc.en("report.description")).fill("E2E: a gift card was promised.");
    await vp.getByRole("button", { name: acc.en("report.submit") }).click();
    expect(await vp.getByRole("heading", { name: acc.en("report.sentHeading") }).count()).toBeGreaterThan(0);
    expect(await vp.getByText(acc.en("report.sentAnonymous")).count()).toBeGreaterThan(0);
    await visitor.close();

    // The official, in Finnish: filters the queue, opens the dispute and answers it.
    const official = await signedInContext("sari", false);
    const op = await official.newPage();
    await op.goto(`/fi/official/${PILOT}`);
    const section = localeText("fi", "official", "frame.section.reports");
    // In the pilot's navigation (the overview's card links there too).
    await op.locator("nav.official-nav").getByRole("link", { name: section, exact: true }).click();
    await op.getByLabel(acc.fi("queue.category")).selectOption("gift");
    await op.getByRole("button", { name: acc.fi("queue.apply") }).click();
    expect(new URL(op.url()).search).toContain("category=gift");
    expect(await op.locator("table tbody tr").count()).toBe(1);
    expect(await op.locator("table tbody").innerText()).toContain(acc.fi("category.gift"));
    await op.getByLabel(acc.fi("queue.category")).selectOption("dispute");
    await op.getByRole("button", { name: acc.fi("queue.apply") }).click();
    await op.locator("table tbody tr th a").first().click();
    expect(await op.getByText("Mötet var på måndag.").count()).toBeGreaterThan(0);
    await op.getByLabel(acc.fi("state.answered"), { exact: true }).check();
    await op.getByLabel(acc.fi("case.answer")).fill("Palveluntuottaja korjasi päivän.");
    await op.getByRole("button", { name: acc.fi("case.submit") }).click();
    expect(await op.getByRole("status").first().innerText()).toContain(acc.fi("queue.saved", { state: acc.fi("state.answered") }));
    await official.close();

    // The customer sees the answer.
    const back = await signedInContext({ generated: CUSTOMER }, false);
    const bp = await back.newPage();
    await bp.goto("/fi/my");
    expect(await bp.locator("#my-delivery-section").innerText()).toContain("Palveluntuottaja korjasi päivän.");
    await back.close();
  }, timeout);

  it("provider staff record a meeting, a day in the future first, and see the customer's answers", async () => {
    const kaisa = await signedInContext("kaisa", false);
    const page = await kaisa.newPage();
    await page.goto(`/fi/provider-staff/${TYOPOLKU}/customers?show=all`);
    const card = page.locator("li.staff-customer").filter({ has: page.getByRole("heading", { name: `Testi Henkilö ${CUSTOMER}`, exact: true }) });
    const record = () => card.getByRole("button", { name: new RegExp(`^${acc.fi("staff.recordMeeting")}`) }).click();
    await card.locator('input[name="meetingOn"]').fill(addDays(today, 3));
    await record();
    const again = page.locator("li.staff-customer").filter({ has: page.getByRole("heading", { name: `Testi Henkilö ${CUSTOMER}`, exact: true }) });
    expect(await again.locator(".error-message").innerText()).toContain(acc.fi("errors.meetingOn.inFuture"));
    expect(await again.locator('input[name="meetingOn"]').inputValue()).toBe(addDays(today, 3));
    await again.locator('input[name="meetingOn"]').fill(today);
    await again.getByRole("button", { name: new RegExp(`^${acc.fi("staff.recordMeeting")}`) }).click();
    expect(await page.getByRole("status").first().innerText()).toContain(acc.fi("staff.meetingSaved", { name: `Testi Henkilö ${CUSTOMER}` }));
    const saved = page.locator("li.staff-customer").filter({ has: page.getByRole("heading", { name: `Testi Henkilö ${CUSTOMER}`, exact: true }) });
    const text = await saved.innerText();
    expect(text).toContain(acc.fi("staff.meetingsHeading_other", { count: 2 }));
    // The earlier dispute (another day) is shown as the customer's answer; the note is not.
    expect(text).toContain(acc.fi("answer.customer.other_day"));
    expect(await page.locator("body").innerText()).not.toContain("Mötet var på måndag.");
    await kaisa.close();
  }, timeout);
});

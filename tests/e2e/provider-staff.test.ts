import Database from "better-sqlite3";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { todayInFinland } from "~/format";
import { addDays } from "~/domain/working-days";
import { signIn } from "../support/sign-in";
import { axe, baseURL, closeBrowser, langs, pageBasics, watchConsole, widths, texts, contextWithSession } from "./browser";

/**
 * The provider staff pages in a real browser (issue 7): every page state in fi, sv and en at 360
 * and 1280 px with JavaScript on and off (axe and the page basics), and journeys that read like a
 * script: bad input first, then good, with texts from the locale files.
 *
 * The customers are put straight into the e2e database (as the choice journey would have recorded
 * them) and removed afterwards, as is the profile change, so that other browser tests see the
 * example data as seeded.
 */

const staff = texts("staff");
const common = texts("common");

const TYOPOLKU = "2345671-3";
const SAVON = "3456782-2";
const today = todayInFinland();

let db: Database.Database;
const added = { people: [] as number[], choices: [] as number[] };
let savonBefore: Record<string, unknown> | undefined;

function addCustomer(businessId: string, given: string, family: string, chosenOn: string, ended?: { on: string; visibleUntil: string }) {
  const p = db.prepare("SELECT id, slug FROM providers WHERE business_id = ?").get(businessId) as { id: number; slug: string };
  const at = `${chosenOn}T09:00:00.000Z`;
  const person = db
    .prepare("INSERT INTO people (identity_hash, given_name, family_name, home_municipality, identified_with, created_at, updated_at) VALUES (?, ?, ?, '749', 'fi', ?, ?) RETURNING id")
    .get(`e2e-staff-${given}-${Date.now()}`, given, family, at, at) as { id: number };
  added.people.push(person.id);
  const reference = `E2E${String(added.choices.length).padStart(2, "0")}-STAF`;
  const choice = db
    .prepare(
      `INSERT INTO choices (reference, idempotency_key, person_id, pilot_slug, kind, provider_id, provider_slug, snapshot, contact_channel, contact_phone, contact_email, service_language, chosen_at, chosen_on, status, ended_at, ended_reason, contact_visible_until)
       VALUES (?, ?, ?, 'north-savo-choice', 'provider', ?, ?, ?, 'email', NULL, ?, 'sv', ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      reference,
      `e2e-${reference}`,
      person.id,
      p.id,
      p.slug,
      JSON.stringify({ pilotName: { fi: "x", sv: "x", en: "x" }, provider: null, lockMonths: 6, contactBy: null }),
      `${given.toLowerCase()}@example.fi`,
      at,
      chosenOn,
      ended ? "ended" : "current",
      ended ? `${ended.on}T09:00:00.000Z` : null,
      ended ? "changed" : null,
      ended?.visibleUntil ?? null,
    ) as { id: number };
  added.choices.push(choice.id);
  return choice.id;
}

beforeAll(() => {
  db = new Database(path.join(path.dirname(inject("logFile")), "e2e.db"));
  db.pragma("busy_timeout = 5000");
  // Customers of Työpolku: one waiting (time left), one overdue, one contacted, one who moved on.
  addCustomer(TYOPOLKU, "Anni", "Asiakas", addDays(today, -1));
  addCustomer(TYOPOLKU, "Bertil", "Kund", addDays(today, -20));
  const contacted = addCustomer(TYOPOLKU, "Carla", "Customer", addDays(today, -10));
  db.prepare("INSERT INTO first_contacts (choice_id, contacted_on, recorded_at, recorded_by) VALUES (?, ?, ?, 'e2e')").run(contacted, addDays(today, -9), new Date().toISOString());
  addCustomer(TYOPOLKU, "Dani", "Siirtynyt", addDays(today, -40), { on: addDays(today, -10), visibleUntil: addDays(today, 80) });
  savonBefore = db.prepare("SELECT short_description, updated_at FROM providers WHERE business_id = ?").get(SAVON) as Record<string, unknown>;
});

afterAll(async () => {
  const ids = added.choices.join(",") || "0";
  db.exec(`DELETE FROM first_contacts WHERE choice_id IN (${ids}); DELETE FROM choices WHERE id IN (${ids}); DELETE FROM people WHERE id IN (${added.people.join(",") || "0"});`);
  if (savonBefore) db.prepare("UPDATE providers SET short_description = ?, updated_at = ? WHERE business_id = ?").run(savonBefore.short_description, savonBefore.updated_at, SAVON);
  db.close();
  await closeBrowser();
});

async function staffContext(person: string, js: boolean): Promise<BrowserContext> {
  const jar = await signIn(baseURL(), person);
  return contextWithSession(jar, { js });
}

/**
 * One page state in every language, at both widths, with scripts and without: the status, the page
 * basics and axe. `act` brings the page into the state (fills and submits a form) after it opens.
 */
async function checkState(context: BrowserContext, pathAfterLang: string, act?: (page: Page, lang: (typeof langs)[number]) => Promise<unknown>, status = 200) {
  const problems: string[] = [];
  for (const noScripts of [false, true]) {
    const page = await context.newPage();
    if (noScripts) await page.route(/\.(m?js)(\?.*)?$/, (route) => route.abort());
    const errors = noScripts ? [] : watchConsole(page);
    for (const lang of langs) {
      await page.setViewportSize({ width: widths[0], height: 800 });
      const loaded = `${lang}${pathAfterLang} ${act ? "(after the form)" : ""} scripts=${!noScripts}`;
      let res = await page.goto(`/${lang}${pathAfterLang}`);
      if (!noScripts) await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
      if (act) {
        const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"), act(page, lang)]);
        await page.waitForLoadState("load");
        res = response;
        if (!noScripts) await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
      }
      if (res?.status() !== status) problems.push(`${loaded}: status ${res?.status()}`);
      if (res?.headers()["cache-control"] !== "no-store") problems.push(`${loaded}: cache-control ${res?.headers()["cache-control"]}`);
      // The page as loaded, checked at each width (the window resized, as a phone turned).
      for (const width of widths) {
        const where = `${lang}${pathAfterLang} ${act ? "(after the form)" : ""} @${width}px scripts=${!noScripts}`;
        await page.setViewportSize({ width, height: 800 });
        problems.push(...(await pageBasics(page, lang)).map((p) => `${where}: ${p}`));
        problems.push(...(await axe(page)).map((v) => `${where}: ${v}`));
      }
    }
    problems.push(...errors.map((e) => `${pathAfterLang}: console: ${e}`));
    await page.close();
  }
  return problems;
}

function cardOf(page: Page, name: string) {
  return page.locator("li.staff-customer").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

describe("provider staff pages: axe and the page basics in every state, language and width", () => {
  // Each state opens 12 pages (3 languages, 2 widths, scripts on and off): about 15 s on a quiet
  // machine; the limit leaves room for a busy one.
  const timeout = 240_000;
  const customers = `/provider-staff/${TYOPOLKU}/customers?show=all`;
  const profile = `/provider-staff/${SAVON}/profile`;
  const preview = (page: Page, lang: (typeof langs)[number]) => page.getByRole("button", { name: staff[lang]("profile.previewButton") }).click();

  it("the landing page", async () => {
    const context = await staffContext("kaisa", true);
    expect(await checkState(context, "/provider-staff")).toEqual([]);
    await context.close();
  }, timeout);

  it("the customers page, with customers waiting, contacted and moved on", async () => {
    const context = await staffContext("kaisa", true);
    expect(await checkState(context, customers)).toEqual([]);
    await context.close();
  }, timeout);

  it("the customers page with a date error", async () => {
    const context = await staffContext("kaisa", true);
    const problems = await checkState(
      context,
      customers,
      async (page, lang) => {
        const card = cardOf(page, "Anni Asiakas");
        await card.locator('input[name="contactedOn"]').fill(addDays(today, 1));
        await card.getByRole("button", { name: new RegExp(staff[lang]("customers.save")) }).click();
      },
      400,
    );
    expect(problems).toEqual([]);
    await context.close();
  }, timeout);

  it("the profile form", async () => {
    const context = await staffContext("olli", true);
    expect(await checkState(context, profile)).toEqual([]);
    await context.close();
  }, timeout);

  it("the profile form with errors", async () => {
    const context = await staffContext("olli", true);
    const problems = await checkState(
      context,
      profile,
      async (page, lang) => {
        await page.locator("#field-short-sv").fill("");
        await page.locator("#field-office-0-opens-6").fill("9");
        await preview(page, lang);
      },
      400,
    );
    expect(problems).toEqual([]);
    await context.close();
  }, timeout);

  it("the profile's preview", async () => {
    const context = await staffContext("olli", true);
    expect(await checkState(context, profile, preview)).toEqual([]);
    await context.close();
  }, timeout);
});

describe("provider staff journeys", () => {
  it("without JavaScript, in Finnish: a customer's first contact is recorded, bad date first", async () => {
    const context = await staffContext("kaisa", false);
    const page = await context.newPage();
    const fi = staff.fi;
    await page.goto("/fi/my");
    await page.getByRole("link", { name: fi("myLink.text") }).click();
    expect(await page.locator("h1").innerText()).toBe(fi("landing.heading"));
    await page.getByRole("link", { name: fi("landing.customers") }).click();
    expect(new URL(page.url()).pathname).toBe(`/fi/provider-staff/${TYOPOLKU}/customers`);

    // The waiting list: Anni (time left) and Bertil (overdue); not Carla (contacted) nor Dani (moved on).
    expect(await cardOf(page, "Anni Asiakas").count()).toBe(1);
    expect(await cardOf(page, "Bertil Kund").innerText()).toContain(fi("customers.overdue"));
    expect(await cardOf(page, "Carla Customer").count()).toBe(0);
    expect(await cardOf(page, "Dani Siirtynyt").count()).toBe(0);
    const anni = cardOf(page, "Anni Asiakas");
    expect(await anni.innerText()).toContain("anni@example.fi");

    // A date before the choice: the error next to the field and in the summary, the title says "Virhe:".
    await anni.locator('input[name="contactedOn"]').fill(addDays(today, -5));
    await anni.getByRole("button", { name: new RegExp(fi("customers.save")) }).click();
    expect(await page.title()).toMatch(new RegExp(`^${common.fi("errorPrefix")} `));
    expect(await page.locator(".error-summary").innerText()).toContain(`Anni Asiakas: ${fi("errors.contactedOn.beforeChoice")}`);
    const field = cardOf(page, "Anni Asiakas").locator('input[name="contactedOn"]');
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.inputValue()).toBe(addDays(today, -5));
    await page.locator(".error-summary a").click();
    expect(await page.evaluate(() => location.hash)).toBe("#" + (await field.getAttribute("id")));

    // Today is a good day.
    await field.fill(today);
    await cardOf(page, "Anni Asiakas").getByRole("button", { name: new RegExp(fi("customers.save")) }).click();
    expect(await page.getByRole("status").innerText()).toContain(fi("customers.saved", { name: "Anni Asiakas", date: "X" }).split("X")[0]);
    expect(await cardOf(page, "Anni Asiakas").count()).toBe(0);

    // All customers: Dani who moved on is shown with the date their details disappear; the month's figure is there.
    await page.getByLabel(new RegExp(fi("customers.filter.all_other").split(" (")[0])).check();
    await page.getByRole("button", { name: fi("customers.filter.submit"), exact: true }).click();
    expect(await cardOf(page, "Dani Siirtynyt").innerText()).toContain(fi("customers.movedOn", { date: "X", until: "Y" }).split("X")[0].trim());
    expect(await cardOf(page, "Anni Asiakas").innerText()).toContain(fi("customers.inTime"));
    expect(await page.getByRole("heading", { name: fi("figures.heading") }).count()).toBe(1);
    expect(await page.locator(".staff-figures table").first().innerText()).toContain(fi("figures.running"));
    await context.close();
  });

  it("with JavaScript, in Swedish: the profile is corrected, previewed and published, and the public page shows it", async () => {
    const context = await staffContext("olli", true);
    const page = await context.newPage();
    const errors = watchConsole(page);
    const sv = staff.sv;
    await page.goto(`/sv/provider-staff/${SAVON}/profile`);
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    expect(await page.locator("h1").innerText()).toContain(sv("profile.heading", { provider: "" }).trim());
    // The commitments are there, read-only, verified by the officials.
    expect(await page.locator(".staff-commitments").innerText()).toContain(sv("commitments.howToChange"));
    expect(await page.locator('input[name*="firstMeeting"], input[name*="coach"]').count()).toBe(0);

    const newText = "Personlig coachning i Kuopio – nu även på lördagar.";
    await page.locator("#field-short-sv").fill("");
    await page.locator("#field-web").fill("http://savonura.example");
    await page.getByRole("button", { name: sv("profile.previewButton") }).click();
    await page.waitForSelector(".error-summary");
    expect(await page.title()).toMatch(new RegExp(`^${common.sv("errorPrefix")} `));
    const summary = await page.locator(".error-summary").innerText();
    expect(summary).toContain(sv("errors.shortRequired.sv"));
    expect(summary).toContain(sv("errors.webNotHttps"));
    expect(await page.locator("#field-web").inputValue()).toBe("http://savonura.example");

    await page.locator("#field-short-sv").fill(newText);
    await page.locator("#field-web").fill("savonura.example");
    await page.getByRole("button", { name: sv("profile.previewButton") }).click();
    await page.waitForSelector(".staff-preview");
    expect(await page.locator("h1").innerText()).toContain(sv("preview.heading", { provider: "" }).trim());
    expect(await page.locator(".staff-preview").innerText()).toContain(newText);
    expect(await page.locator(".staff-preview-notice").innerText()).toContain(sv("preview.parts.shortDescription"));
    // Not published yet.
    const before = await (await fetch(`${baseURL()}/sv/providers/savon-uravalmennus`)).text();
    expect(before).not.toContain("lördagar");

    await page.getByRole("button", { name: sv("preview.publish"), exact: true }).click();
    await page.waitForSelector(".notice--success");
    expect(await page.getByRole("status").innerText()).toContain(sv("profile.published"));
    await page.getByRole("link", { name: sv("profile.seePublic") }).first().click();
    expect(new URL(page.url()).pathname).toBe("/sv/providers/savon-uravalmennus");
    expect(await page.locator(".lead").first().innerText()).toBe(newText);

    // Olli's session cannot open Työpolku's pages.
    const res = await page.goto(`/sv/provider-staff/${TYOPOLKU}/customers`);
    expect(res?.status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });
});

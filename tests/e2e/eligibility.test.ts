import fs from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import en from "../../locales/en/eligibility.json";
import fi from "../../locales/fi/eligibility.json";
import sv from "../../locales/sv/eligibility.json";
import fiCommon from "../../locales/fi/common.json";
import { baseURL, checkEverywhere, closeBrowser, newContext } from "./browser";

afterAll(closeBrowser);

// checkEverywhere opens 12 pages and runs axe on each: on a busy 2-core machine that can take more
// than the default minute.
const everywhereTimeout = 180_000;

// Answers for Siilinjärvi (749), where the North Savo example pilot runs from 1.1.2025 with no end
// date. States that depend on the rules carry their date in the address.
const siilinjarvi = "municipality=749&date=2026-11-25";

describe("eligibility page: every state passes axe and the page basics in fi, sv, en, 360 and 1280 px, with and without JavaScript", () => {
  it("the empty form", async () => {
    expect(await checkEverywhere("/eligibility")).toEqual([]);
  }, everywhereTimeout);

  // The second step's questions, with their error messages and the summary.
  it("the error state", async () => {
    expect(await checkEverywhere(`/eligibility?${siilinjarvi}&step=questions&registered=yes&typ=maybe`, { status: 400 })).toEqual([]);
  }, everywhereTimeout);

  it("the answer", async () => {
    expect(await checkEverywhere(`/eligibility?${siilinjarvi}&step=questions&registered=yes&integration_act=no&typ=no`)).toEqual([]);
  }, everywhereTimeout);
});

describe("eligibility journeys", () => {
  it("without JavaScript (fi): municipality first, then only the questions that matter there", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    await page.goto("/fi/eligibility");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(fi.heading);
    expect(await page.getByRole("radio").count()).toBe(0);

    // Bad before good: continue without choosing.
    await page.getByRole("button", { name: fi.form.continue }).click();
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Virhe: /);
    await expect(page.locator(".error-summary").textContent()).resolves.toContain(fi.errors.municipality.required);
    await expect(page.locator("#field-municipality").getAttribute("aria-invalid")).resolves.toBe("true");

    await page.getByLabel(fi.form.municipality.label).selectOption({ label: "Siilinjärvi" });
    await page.getByRole("button", { name: fi.form.continue }).click();
    await page.waitForURL(/municipality=749/);
    await expect(page.locator(".chosen-municipality").textContent()).resolves.toContain("Siilinjärvi");
    const legends = await page.locator("legend").allTextContents();
    expect(legends).toEqual([fi.form.questions.registered.label, fi.form.questions.integration_act.label, fi.form.questions.typ.label]);
    expect(await page.locator("#field-age").count()).toBe(0);

    // Answer only the first question: the others are asked for by name, the answer stays.
    await page.getByRole("group", { name: fi.form.questions.registered.label }).getByLabel(fi.form.yes).check();
    await page.getByRole("button", { name: fi.form.submit }).click();
    await page.waitForLoadState();
    const summary = await page.locator(".error-summary").textContent();
    expect(summary).toContain(fi.errors.integration_act.required);
    expect(summary).toContain(fi.errors.typ.required);
    expect(await page.getByRole("group", { name: fi.form.questions.registered.label }).getByLabel(fi.form.yes).isChecked()).toBe(true);

    await page.getByRole("group", { name: fi.form.questions.integration_act.label }).getByLabel(fi.form.no).check();
    await page.getByRole("group", { name: fi.form.questions.typ.label }).getByLabel(fi.form.no).check();
    await page.getByRole("button", { name: fi.form.submit }).click();
    await page.waitForLoadState();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(fi.result.outcome.may_choose.title);
    await expect(page.getByRole("link", { name: fi.links.providers }).getAttribute("href")).resolves.toBe("/fi/providers?pilot=north-savo-choice");
    // The choice itself is offered too, and the answers go with it.
    await expect(page.getByRole("link", { name: fi.links.choose }).getAttribute("href")).resolves.toBe("/fi/choose?registered=yes&integration_act=no&typ=no");
    await expect(page.locator("main").textContent()).resolves.toContain(fi.result.review.p3);
    // The answer says that a choice of a provider binds (the pilot's six months).
    await expect(page.locator(".outcome-panel").textContent()).resolves.toContain(fiCommon.commitment_other.replace("{{count}}", "6"));

    // The answers can be changed, and come back as they were.
    await page.getByRole("link", { name: fi.answers.change }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("group", { name: fi.form.questions.typ.label }).getByLabel(fi.form.no).isChecked()).toBe(true);
    await context.close();
  });

  it("with JavaScript (sv): questions appear and hide at once as the municipality changes", async () => {
    const context = await newContext({ js: true });
    const page = await context.newPage();
    await page.goto("/sv/eligibility");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    const select = page.getByLabel(sv.form.municipality.label);
    const visibleQuestions = () => page.locator("fieldset:visible legend").allTextContents();

    // North Savo's questions, without a round trip to the server. (The pilot runs from 1.1.2025.)
    await select.selectOption({ label: "Siilinjärvi" });
    expect(page.url()).toBe(`${baseURL()}/sv/eligibility`);
    expect(await visibleQuestions()).toEqual([sv.form.questions.registered.label, sv.form.questions.integration_act.label, sv.form.questions.typ.label]);
    expect(await page.locator("#field-age").isVisible()).toBe(false);

    await select.selectOption({ label: "Helsingfors" });
    expect(await visibleQuestions()).toEqual([]);
    await expect(page.getByText(sv.form.noQuestions).isVisible()).resolves.toBe(true);

    await select.selectOption({ label: "Siilinjärvi" });
    await page.getByRole("group", { name: sv.form.questions.registered.label }).getByLabel(sv.form.yes).check();
    await page.getByRole("group", { name: sv.form.questions.integration_act.label }).getByLabel(sv.form.yes).check();
    // Bad before good: one answer missing; the summary takes focus.
    await page.getByRole("button", { name: sv.form.submit }).click();
    await page.waitForSelector(".error-summary");
    await expect(page.locator(".error-summary").textContent()).resolves.toContain(sv.errors.typ.required);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    expect(await page.title()).toMatch(/^Fel: /);

    await page.getByRole("group", { name: sv.form.questions.typ.label }).getByLabel(sv.form.no).check();
    await page.getByRole("button", { name: sv.form.submit }).click();
    await page.waitForSelector(".outcome-panel");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(sv.result.outcome.public_service.title);
    await expect(page.locator(".reasons").textContent()).resolves.toBe("Försöket gäller inte dig, eftersom du är kund enligt integrationslagen.");
    await expect(page.locator("#public-heading + p").textContent()).resolves.toContain("Kuopion työllisyysalue");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await context.close();
  });

  it("with JavaScript (en): a date in the address, the municipal pilot, an age of -4 then 29", async () => {
    const context = await newContext({ js: true, width: 360 });
    const page = await context.newPage();
    await page.goto("/en/eligibility?date=2023-05-01");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    await expect(page.getByLabel(en.form.date.label).inputValue()).resolves.toBe("2023-05-01");
    await page.getByLabel(en.form.municipality.label).selectOption({ label: "Mikkeli" });
    const answers: [keyof typeof en.form.questions, string][] = [
      ["registered", en.form.yes],
      ["status", en.form.questions.status.options.unemployed],
      ["benefit", en.form.questions.benefit.options.earnings_related],
      ["integration_act", en.form.no],
      ["foreign_language", en.form.no],
    ];
    for (const [question, label] of answers) {
      await page.getByRole("group", { name: en.form.questions[question].label }).getByLabel(label, { exact: true }).check();
    }
    await page.getByLabel(en.form.questions.age.label).fill("-4");
    await page.getByRole("button", { name: en.form.submit }).click();
    await page.waitForSelector(".error-summary");
    await expect(page.locator(".error-summary").textContent()).resolves.toContain(en.errors.age.out_of_range);
    await expect(page.getByLabel(en.form.questions.age.label).inputValue()).resolves.toBe("-4");

    await page.getByLabel(en.form.questions.age.label).fill("29");
    await page.getByRole("button", { name: en.form.submit }).click();
    await page.waitForSelector(".outcome-panel");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(en.result.outcome.municipal_pilot.title);
    await expect(page.locator(".reasons").textContent()).resolves.toContain("You are in the pilot's target group, because you are under 30.");
    await expect(page.locator("main").textContent()).resolves.toContain(en.result.public.before2025);
    await context.close();
  });

  it("outside the pilot areas (Kuopio, Helsinki, Espoo) the answer says first that no pilot runs there, where pilots run and who serves the person", async () => {
    const context = await newContext({ js: false, width: 360 });
    const page = await context.newPage();
    const cases = [
      { lang: "fi", code: "297", first: "Kuopio ei kuulu mihinkään kokeiluun, joka on käynnissä 25.11.2026.", service: "Kuopion työllisyysalue", area: "Siilinjärvi ja Lapinlahti" },
      { lang: "en", code: "091", first: "Helsinki is not in any pilot that is running on 25 November 2026.", service: "Helsingin kaupunki", area: "Siilinjärvi and Lapinlahti" },
      { lang: "sv", code: "049", first: "Esbo hör inte till något försök som pågår den 25.11.2026.", service: "Espoon ja Kauniaisten työllisyysalue", area: "Siilinjärvi och Lapinlahti" },
    ];
    for (const c of cases) {
      await page.goto(`/${c.lang}/eligibility?municipality=${c.code}&date=2026-11-25`);
      const first = (await page.locator(".reasons li").first().textContent()) ?? "";
      expect(first.startsWith(c.first), first).toBe(true);
      expect(first).toContain(c.area);
      expect(first).toContain(c.service);
      // The ended national pilot comes after, not instead.
      expect(await page.locator(".reasons li").nth(1).getAttribute("data-reason")).toBe("pilot_ended");
      // "Contact the public service" is said once, by the section that names it.
      expect(await page.locator("#next-heading").count()).toBe(0);
      expect(await page.locator("#public-heading + p").textContent()).toContain(c.service);
    }
    await context.close();
  });

  it("pages hold no stray NUL byte where a Finnish letter meets React's 2 KB views (react/react#31134)", async () => {
    // This address put "Kemij\0ärvi" into the page before the renderer's padding was dropped.
    for (const path of ["/en/eligibility?municipality=749&date=2026-13-45", "/fi/eligibility?municipality=749&date=2026-13-45", "/sv/providers", "/fi/providers"]) {
      const bytes = Buffer.from(await (await fetch(`${baseURL()}${path}`)).arrayBuffer());
      expect(bytes.includes(0), path).toBe(false);
      expect(bytes.toString("utf8"), path).not.toContain("\ufffd");
    }
  });

  it("the open API answers JSON over HTTP, 400 for bad input, and the log keeps no answers", async () => {
    const ok = await fetch(`${baseURL()}/api/v1/eligibility?${siilinjarvi}&registered=yes&integration_act=no&typ=no`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ municipality: "749", date: "2026-11-25", outcome: "may_choose", pilot: { slug: "north-savo-choice" } });
    const bad = await fetch(`${baseURL()}/api/v1/eligibility?municipality=749&age=-4&integration_act=perhaps`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: { age: "out_of_range", integration_act: "invalid", registered: "required", typ: "required" } });
    const pilots = await fetch(`${baseURL()}/api/v1/pilots.json`);
    expect(pilots.status).toBe(200);
    expect(((await pilots.json()) as { pilots: unknown[] }).pilots).toHaveLength(7);
    const log = fs.readFileSync(inject("logFile"), "utf8");
    expect(log).toContain("/api/v1/eligibility");
    expect(log).not.toMatch(/integration_act=|registered=yes/);
  });
});

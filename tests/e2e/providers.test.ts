import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import en from "../../locales/en/providers.json";
import fi from "../../locales/fi/providers.json";
import sv from "../../locales/sv/providers.json";
import { baseURL, checkEverywhere, closeBrowser, newContext, watchConsole } from "./browser";

afterAll(closeBrowser);

const h1 = (page: Page) => page.locator("h1").innerText();

describe("the comparison and the profile pass axe and the page basics everywhere", () => {
  it.each([
    ["the comparison, by name", "/providers"],
    ["the comparison sorted by a result, with a notice", "/providers?sort=employed_open_6m&language=xx"],
    ["a profile", "/providers/savon-uravalmennus"],
    ["how the figures are made", "/about-the-figures"],
    ["open data", "/open-data"],
  ])("%s (%s)", async (_name, path) => {
    expect(await checkEverywhere(path)).toEqual([]);
  }, 120_000);
});

describe("comparing without JavaScript", () => {
  it("filters and sorts with a plain form, groups overlapping results and says why", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    await page.goto("/fi/providers");
    expect(await h1(page)).toBe(fi.heading);
    // Every provider of the example pilot and the public service, by name.
    expect(await page.locator(".provider-card").count()).toBe(8);
    expect(await page.getByRole("heading", { name: fi.public.heading }).count()).toBe(1);
    await page.getByLabel(fi.filters.language).selectOption("sv");
    await Promise.all([page.waitForURL(/language=sv/), page.getByRole("button", { name: fi.filters.submit }).click()]);
    expect(await page.locator(".provider-card h3").allInnerTexts()).toEqual(["Ab Jobbstigen Oy"]);
    // The public service stays on the page whatever the filters.
    expect(await page.getByRole("heading", { name: fi.public.heading }).count()).toBe(1);

    await page.getByLabel(fi.filters.language).selectOption("");
    await page.getByLabel(fi.filters.sort).selectOption("employed_open_6m");
    await Promise.all([page.waitForURL(/sort=employed_open_6m/), page.getByRole("button", { name: fi.filters.submit }).click()]);
    expect(await page.getByText(fi.groups.explanation).count()).toBe(1);
    const groups = await page.locator("section.group h3").allInnerTexts();
    expect(groups).toEqual(["Ryhmä 1 / 3", "Ryhmä 2 / 3", "Ryhmä 3 / 3", fi.groups.noFigure]);
    expect(await page.getByText(fi.groups.publicHere).count()).toBe(1);
    // The newcomer is last, and its missing figures are "too few", not a bad result.
    const last = page.locator(".provider-card").last();
    expect(await last.locator("h4").innerText()).toBe("Uusi Suunta Osuuskunta");
    expect(await last.getByText(fi.figure.tooFew).count()).toBe(1);

    // Another result to show, by name: satisfaction, said in words for every provider.
    await page.getByLabel(fi.filters.sort).selectOption("name");
    await page.getByLabel(fi.filters.show).selectOption("satisfaction");
    await Promise.all([page.waitForURL(/show=satisfaction/), page.getByRole("button", { name: fi.filters.submit }).click()]);
    expect(await page.locator(".provider-card dt").allInnerTexts()).toEqual(Array(8).fill(fi.measures.satisfaction.label));
    expect(await page.locator(".provider-card").last().getByText(fi.figure.tooFewAnswers).count()).toBe(1);
    await context.close();
  });

  it("ignores what it does not understand, says so, and still shows the list", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    const res = await page.goto("/sv/providers?language=klingon&sort=best&page=-1");
    expect(res?.status()).toBe(200);
    expect(await page.getByRole("heading", { name: sv.notices.heading }).count()).toBe(1);
    expect(await page.getByText(sv.notices.language.replace("{{value}}", "klingon")).count()).toBe(1);
    expect(await page.getByText(sv.notices.sort.replace("{{value}}", "best")).count()).toBe(1);
    expect(await page.locator(".provider-card").count()).toBe(8);
    // A home municipality outside every pilot: the public service, said plainly.
    await page.goto("/en/providers?municipality=091");
    expect(await page.getByRole("heading", { name: en.outside.heading.replace("{{municipality}}", "Helsinki") }).count()).toBe(1);
    await context.close();
  });

  it("too few satisfaction answers: the count reads as a count, not as an average of 4", async () => {
    const html = await (await fetch(`${baseURL()}/en/providers/uusi-suunta`)).text();
    expect(html).toMatch(/Too few answers yet to show a figure; this is not a bad result\.(<!-- -->)? <span class="hint">\(\d+ answers? so far\)<\/span>/);
    expect(html).not.toMatch(/bad result\.(<!-- -->)? <span class="hint">average of/);
  });

  it("an unknown provider is a 404 inside the layout, in the page's language", async () => {
    const res = await fetch(`${baseURL()}/sv/providers/no-such-provider`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain("Sidan hittades inte");
  });
});

describe("keyboard only", () => {
  it("Tab, arrows and Enter filter the list, open a profile and reach 'choose', with focus visible", async () => {
    const context = await newContext({ js: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto("/en/providers");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });

    async function tabTo(test: (el: Element) => boolean | undefined, what: string) {
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press("Tab");
        const hit = await page.evaluate(`(${test.toString()})(document.activeElement)`);
        if (hit) {
          const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
          expect(outline).not.toBe("none");
          return;
        }
      }
      throw new Error(`${what} cannot be reached with Tab`);
    }
    await tabTo((el) => el.id === "f-language", "the language filter");
    // Finnish, Swedish…: the second language in the list.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#f-language").inputValue()).toBe("sv");
    await tabTo((el) => el.matches("button[type=submit]"), "the submit button");
    await Promise.all([page.waitForURL(/language=sv/), page.keyboard.press("Enter")]);
    await page.waitForFunction(() => document.querySelectorAll(".provider-card").length === 1);
    await tabTo((el) => el.textContent === "Ab Jobbstigen Oy", "the provider's link");
    await Promise.all([page.waitForURL("**/en/providers/jobbstigen"), page.keyboard.press("Enter")]);
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Ab Jobbstigen Oy");
    const choose = en.profile.choose.replace("{{name}}", "Ab Jobbstigen Oy");
    await tabTo((el) => el.textContent === "Choose Ab Jobbstigen Oy", "the call to action");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(choose);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toMatch(/^\/en\/(choose\?provider=jobbstigen|eligibility)$/);
    // The monthly table scrolls inside itself and can be reached to scroll with the keyboard.
    await tabTo((el) => el.matches(".table-wrap"), "the monthly table");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("open data from the running server", () => {
  it("answers a conditional request with 304 through compression", async () => {
    for (const path of ["/api/v1/results.csv", "/api/v1/results.json", "/api/v1/providers.json"]) {
      const first = await fetch(`${baseURL()}${path}`, { headers: { "Accept-Encoding": "gzip" } });
      expect(first.status).toBe(200);
      await first.arrayBuffer();
      const etag = first.headers.get("etag")!;
      expect(etag).toBeTruthy();
      const again = await fetch(`${baseURL()}${path}`, { headers: { "If-None-Match": etag, "Accept-Encoding": "gzip" } });
      expect(again.status).toBe(304);
    }
  });
});

describe("public pages from memory (docs/decisions/059)", () => {
  it("a page answered from memory carries its own CSP nonce, sets no cookie, and hydrates", async () => {
    const path = "/sv/providers?service=job_search_coaching";
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${baseURL()}${path}`);
      const html = await res.text();
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")![1];
      answers.push({ cache: res.headers.get("x-page-cache"), nonce, html, cookies: res.headers.getSetCookie() });
    }
    expect(answers.map((a) => a.cache)).toEqual(["miss", "hit"]);
    for (const a of answers) {
      expect(a.cookies).toEqual([]);
      const nonces = [...a.html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(nonces.length).toBeGreaterThan(0);
      expect(new Set(nonces)).toEqual(new Set([a.nonce]));
    }
    expect(answers[1].nonce).not.toBe(answers[0].nonce);

    // In a browser, the page from memory runs its scripts (the CSP lets them) and hydrates.
    const context = await newContext({ js: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const res = await page.goto(path);
    expect(res!.headers()["x-page-cache"]).toBe("hit");
    await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

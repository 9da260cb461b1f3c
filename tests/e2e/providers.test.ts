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
    ["the comparison sorted by 3-month employment: verdicts, clearly better and clearly worse", "/providers?sort=employed_open_3m&show=employed_open_3m"],
    ["a new provider's profile", "/providers/uusi-suunta"],
    ["a profile", "/providers/savon-uravalmennus"],
    ["how the figures are made", "/about-the-figures"],
    ["open data", "/open-data"],
  ])("%s (%s)", async (_name, path) => {
    expect(await checkEverywhere(path)).toEqual([]);
  }, 120_000);
});

describe("comparing without JavaScript", () => {
  it("filters and sorts with a plain form, orders by a stated rule and says what the order means", async () => {
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
    await page.getByLabel(fi.filters.sort).selectOption("employed_open_3m");
    await Promise.all([page.waitForURL(/sort=employed_open_3m/), page.getByRole("button", { name: fi.filters.submit }).click()]);
    // The rule and what it does not mean, and no groups that chain disjoint ranges together (issue 14).
    expect(await page.getByText(fi.order.rule.replace("{{measure}}", fi.measures.employed_open_3m.label)).count()).toBe(1);
    expect(await page.getByText(fi.order.meaning).count()).toBe(1);
    expect(await page.getByText(/Ryhmä \d/).count()).toBe(0);
    expect(await page.locator(".provider-card h3").first().innerText()).toBe("Työpolku Oy");
    const card = (name: string) => page.locator(".provider-card").filter({ has: page.getByRole("heading", { name }) });
    expect(await card("Työpolku Oy").locator(".verdict").innerText()).toBe(fi.sentence.verdict.better);
    expect(await card("Kielisilta Työvalmennus Oy").locator(".verdict").innerText()).toBe(fi.sentence.verdict.worse);
    // The graphics have their key beside them.
    expect(await page.locator(".chart-key").getByText(fi.chartKey.public).count()).toBe(1);
    // The newcomer is last, and its missing figures are "too few", not a bad result.
    const last = page.locator(".provider-card").last();
    expect(await last.locator("h3").innerText()).toBe("Uusi Suunta Osuuskunta");
    expect(await last.getByText(new RegExp(`^(Vasta \\d+ asiakas(ta)?: liian vähän luvun näyttämiseen\\. Tämä ei tarkoita huonoa tulosta\\.|${fi.sentence.noCustomers})$`)).count()).toBe(1);
    expect(await last.getByText(/^Uusi: tulokset 12 kuukauden jälkeen/).count()).toBe(1);

    // Another result to show, by name: satisfaction, said in words for every provider.
    await page.getByLabel(fi.filters.sort).selectOption("name");
    await page.getByLabel(fi.filters.show).selectOption("satisfaction");
    await Promise.all([page.waitForURL(/show=satisfaction/), page.getByRole("button", { name: fi.filters.submit }).click()]);
    expect(await page.locator(".provider-card dt").allInnerTexts()).toEqual(Array(8).fill(fi.measures.satisfaction.label));
    expect(await page.locator(".provider-card").last().getByText(/^(Vasta \d+ (ihminen|ihmistä) on vastannut: liian vähän keskiarvon näyttämiseen\.|Ei vielä vastauksia\.)/).count()).toBe(1);
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
    expect(html).toMatch(/Only \d+ (person has|people have) answered so far: too few to show an average\. This is not a bad result\./);
    expect(html).not.toMatch(/average of \d+ answers?/);
  });

  it.each([
    ["fi", fi, "Selvästi parempi kuin julkinen palvelu."],
    ["sv", sv, "Tydligt bättre än den offentliga servicen."],
    ["en", en, "Clearly better than the public service."],
  ] as const)("%s: a figure reads as its verdict and one sentence, the same on the comparison and the profile, at 360 and 1280 px", async (lang, texts, better) => {
    for (const width of [360, 1280]) {
      const context = await newContext({ js: false, width });
      const page = await context.newPage();
      await page.goto(`/${lang}/providers`);
      const card = page.locator(".provider-card").filter({ has: page.getByRole("link", { name: "Työpolku Oy" }) });
      // The verdict stands as a tag above the sentence, which says the rest: read once, not twice.
      const figure = card.locator(".figure");
      expect(await figure.locator(".verdict").innerText()).toBe(better);
      expect(await figure.locator("dd > p").allInnerTexts()).toEqual([better, await figure.locator(".figure__text").innerText()]);
      const sentence = await card.locator(".figure__text").innerText();
      expect(sentence).not.toContain(better);
      expect(sentence).toMatch(/\d+\s?%/);
      // The graphic's scale is labelled, and the key is beside the list.
      expect(await card.locator("svg.interval text").allTextContents()).toEqual([texts.profile.monthly.axis0, texts.profile.monthly.axis50, texts.profile.monthly.axis100]);
      expect(await page.locator(".chart-key").getByText(texts.chartKey.range).isVisible()).toBe(true);
      // The same sentence on the profile, where the same measure leads.
      await page.goto(`/${lang}/providers/tyopolku`);
      const first = page.locator("section[aria-labelledby=results] dl.figures").first().locator(".figure").first();
      expect(await first.locator("dt").innerText()).toBe(texts.measures.employed_open_6m.label);
      expect(await first.locator(".figure__text").innerText()).toBe(sentence);
      expect(await first.locator(".verdict").innerText()).toBe(better);
      await context.close();
    }
  });

  it("an unknown provider is a 404 inside the layout, in the page's language", async () => {
    const res = await fetch(`${baseURL()}/sv/providers/no-such-provider`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain("Sidan hittades inte");
  });
});

describe("cards with JavaScript (decision 082: a whole page's data names the cards, their bodies are the server's)", () => {
  it("hydrating keeps each card's body as the server wrote it; cards drawn after a change and after Back read the same", async () => {
    const context = await newContext({ js: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    // As the server wrote them (a browser writes a no-break space back as &nbsp;).
    const bodies = async () => (await page.locator(".provider-card__body").evaluateAll((els) => els.map((el) => el.innerHTML))).map((html) => html.replaceAll("&nbsp;", "\u00a0"));
    const html = await (await fetch(`${baseURL()}/fi/providers`)).text();
    // The page's data names the cards; what is under each name is only in the page's markup.
    const data = html.match(/streamController\.enqueue\((.*?)\);<\/script>/)?.[1] ?? "";
    expect(data).toContain("Työpolku Oy");
    expect(data).not.toContain("shortDescription");
    expect(data).not.toContain("Sama valmentaja koko ajan");
    const served = [...html.matchAll(/<div class="provider-card__body">(.*?)<\/dl><\/div>/g)].map((m) => `${m[1]}</dl>`);
    expect(served).toHaveLength(8);
    await page.goto("/fi/providers");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    const first = await bodies();
    expect(first).toEqual(served);
    // A change drawn in the browser from the page's data (Remix's own request for it): whole cards.
    await page.getByLabel(fi.filters.sort).selectOption("employed_open_3m");
    await Promise.all([page.waitForURL(/sort=employed_open_3m/), page.getByRole("button", { name: fi.filters.submit }).click()]);
    await page.waitForFunction(() => document.querySelector(".provider-card h3")?.textContent === "Työpolku Oy");
    const sorted = await bodies();
    expect(sorted).toHaveLength(8);
    for (const body of sorted) expect(body).toMatch(/<p class="figure__text">[^<]+<\/p>/);
    const sortedServed = [...(await (await fetch(`${baseURL()}/fi/providers?sort=employed_open_3m`)).text()).matchAll(/<div class="provider-card__body">(.*?)<\/dl><\/div>/g)].map((m) => `${m[1]}</dl>`);
    expect(sorted).toEqual(sortedServed);
    // Back to the first order: drawn again from whole cards, the same as the server wrote them.
    await Promise.all([page.waitForURL(/\/fi\/providers$/), page.goBack()]);
    await page.waitForFunction(() => document.querySelector(".provider-card h3")?.textContent === "Ab Jobbstigen Oy");
    expect(await bodies()).toEqual(first);
    expect(errors).toEqual([]);
    await context.close();
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
  it("comparison.json answers with each provider's verdict, and 400 with a message for an unknown value", async () => {
    const ok = await fetch(`${baseURL()}/api/v1/comparison.json?pilot=north-savo-choice&measure=employed_open_3m`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { providers: { slug: string; versusPublicService: string }[] };
    expect(body.providers.find((p) => p.slug === "tyopolku")?.versusPublicService).toBe("better");
    const bad = await fetch(`${baseURL()}/api/v1/comparison.json?pilot=north-savo-choice&measure=nonsense`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("employed_open_6m");
  });

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

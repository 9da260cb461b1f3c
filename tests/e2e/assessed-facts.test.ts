import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { signIn, type TestPersonRef } from "../support/sign-in";
import { axe, baseURL, checkStates, closeBrowser, langs, pageBasics, visit, watchConsole, type Reach, texts, contextWithSession } from "./browser";

/**
 * Decision 073 in a real browser, without JavaScript at 360 px, in Finnish: the official of the
 * purchased-services example pilot records a confirmed entitlement for Matti (bad identity code
 * first), Matti then chooses one of the area's providers, the official sees what he chose, and
 * Matti's My page shows the record in fi, sv and en, axe clean at 360 and 1280 px.
 *
 * What this file changes in the shared test database stays out of other files' way: only Matti
 * (a test person of this pilot) and the pilot's own records.
 */

afterAll(closeBrowser);

type Lang = (typeof langs)[number];
const assessed = texts("assessed");
const choice = texts("choice");
const eligibility = texts("eligibility");

const pilot = "purchased-services-example";
const page_ = `/fi/official/${pilot}/assessed-facts`;

async function signedIn(person: TestPersonRef, lang: Lang, width = 360): Promise<BrowserContext> {
  const jar = await signIn(baseURL(), person, lang);
  // The page's own scripts are blocked: what a browser without JavaScript shows, where axe can still run.
  return contextWithSession(jar, { noScripts: true, width });
}

/** Posts the form that holds `button` and returns the status of the page it lands on (after redirects). */
async function submit(page: Page, button: string): Promise<number | undefined> {
  let status: number | undefined;
  const listener = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400)) status = r.status();
  };
  page.on("response", listener);
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
  page.off("response", listener);
  return status;
}

async function clean(page: Page, lang: Lang): Promise<string[]> {
  return [...(await pageBasics(page, lang)), ...(await axe(page))];
}

describe("the purchased-services example pilot, end to end (fi, 360 px, without JavaScript)", () => {
  it("the official records Matti's entitlement, Matti chooses a provider of the area, the official sees it; My page shows the record in fi, sv and en", async () => {
    const a = assessed.fi;
    const c = choice.fi;

    // 1. The official: bad identity code first, then Matti's.
    const ville = await signedIn("ville", "fi");
    const op = await ville.newPage();
    const errors = watchConsole(op);
    await op.goto(page_);
    expect((await op.locator("h1").innerText()).trim()).toBe(a("official.heading"));
    expect(await clean(op, "fi")).toEqual([]);
    await op.getByLabel(a("official.identityCode")).fill("041195-9632");
    await op.getByLabel(a("official.yes")).check();
    expect(await submit(op, a("official.submit"))).toBe(400);
    expect(await op.locator("main").innerText()).toContain(a("errors.identityCode.invalid"));
    expect(await op.getByLabel(a("official.identityCode")).inputValue()).toBe("041195-9632");
    expect(await op.title()).toMatch(/^Virhe/);
    expect(await clean(op, "fi")).toEqual([]);
    await op.getByLabel(a("official.identityCode")).fill("041195-9631");
    await op.getByLabel(a("official.yes")).check();
    expect(await submit(op, a("official.submit"))).toBe(200);
    expect(op.url()).toContain("recorded=1");
    expect(await op.getByRole("status").innerText()).toContain(a("official.recorded"));
    expect(await clean(op, "fi")).toEqual([]);

    // 2. Matti: the journey asks only what he can answer, then offers the area's providers.
    const matti = await signedIn("matti", "fi");
    const page = await matti.newPage();
    await page.goto("/fi/choose");
    expect(await page.getByRole("group", { name: eligibility.fi("form.questions.referral.label") }).count()).toBe(0);
    await page.getByRole("group", { name: eligibility.fi("form.questions.registered.label") }).getByLabel(eligibility.fi("form.yes")).check();
    await page.getByLabel(eligibility.fi("form.questions.status.options.unemployed")).check();
    await submit(page, c("start.saveAnswers"));
    const start = await page.locator("main").innerText();
    expect(start).toContain(c("start.mayChoose", { pilot: "Ostopalvelupilotti (esimerkki)" }));
    expect(start).toContain(c("start.voluntary"));
    await page.goto("/fi/choose/provider");
    const options = await page.getByRole("radio").count();
    expect(options).toBe(4); // three providers selected for the area, and the public service (declining)
    expect(await clean(page, "fi")).toEqual([]);
    await page.getByLabel("Ylä-Savon Työvälitys Oy").check();
    await submit(page, c("pick.continue"));
    await page.getByLabel(c("contact.channel.email")).check();
    await page.getByLabel(c("contact.email.label")).fill("matti@example.fi");
    await page.getByLabel("Suomi").check();
    await submit(page, c("contact.continue"));
    await submit(page, c("check.confirm"));
    expect((await page.locator("h1").innerText()).trim()).toBe(c("receipt.heading"));

    // 3. The official sees whom they confirmed and what each chose.
    await op.goto(page_);
    const row = op.getByRole("row", { name: /Matti Savolainen/ });
    expect(await row.innerText()).toContain("Ylä-Savon Työvälitys Oy");
    expect(await clean(op, "fi")).toEqual([]);
    // The blocked scripts are the only failed loads.
    expect(errors.filter((e) => !e.includes("net::ERR_FAILED"))).toEqual([]);
    await ville.close();
    await matti.close();

    // 4. My page in fi, sv and en, at 360 and 1280 px.
    for (const lang of langs) {
      for (const width of [360, 1280]) {
        const context = await signedIn("matti", lang, width);
        const my = await context.newPage();
        await my.goto(`/${lang}/my`);
        const section = my.locator("section", { has: my.getByRole("heading", { name: assessed[lang]("my.heading"), exact: true }) });
        const text = await section.innerText();
        expect(text).toContain(assessed[lang]("fact.referral.true"));
        expect(text).toContain("Ville Huttunen");
        expect(text).toContain(assessed[lang]("my.correction"));
        expect(await clean(my, lang)).toEqual([]);
        await context.close();
      }
    }
  }, 180_000);
});

describe("the pages of decision 073 pass axe and the page basics in fi, sv and en, at 360 and 1280 px, with and without JavaScript", () => {
  async function check(person: TestPersonRef, where: string, reach: Reach, status = 200) {
    const jar = await signIn(baseURL(), person, "fi");
    const context = await contextWithSession(jar, { width: 360 });
    try {
      return await checkStates(context, where, reach, status);
    } finally {
      await context.close();
    }
  }
  const official = `/official/${pilot}/assessed-facts`;

  it("the official's page", async () => {
    expect(await check("ville", official, visit(official))).toEqual([]);
  }, 120_000);

  it("the official's page with a wrong identity code", async () => {
    const wrong: Reach = async (page, lang) => {
      await page.goto(`/${lang}${official}`);
      let status: number | undefined;
      page.on("response", (r) => {
        if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) status = r.status();
      });
      await page.getByLabel(assessed[lang]("official.identityCode")).fill("010101-0000");
      await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: assessed[lang]("official.submit"), exact: true }).click()]);
      return status;
    };
    expect(await check("ville", `${official} (errors)`, wrong, 400)).toEqual([]);
  }, 120_000);

  it("My page of a person whom the official confirmed (Eeva)", async () => {
    expect(await check("eeva", "/my", visit("/my"))).toEqual([]);
  }, 120_000);
});

import Database from "better-sqlite3";
import path from "node:path";
import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { signIn, type TestPersonRef } from "../support/sign-in";
import { axe, baseURL, checkStates, closeBrowser, langs, pageBasics, visit, watchConsole, widths, texts, localeText, contextWithSession } from "./browser";

afterAll(closeBrowser);

type Lang = (typeof langs)[number];
const choice = texts("choice");
const eligibility = texts("eligibility");

/**
 * Generated test people (app/.server/auth/test-idp.ts): number n lives in Siilinjärvi or Lapinlahti when
 * (n - 1) % 12 is 0 or 1, which puts them in the North Savo example pilot. Each test uses its own.
 */
const northSavo = (k: number) => 600 + 12 * Math.floor(k / 2) + (k % 2) + 1;

/** A browser context signed in as a person (the session cookie from the identification round trip). */
async function signedIn(person: TestPersonRef, lang: Lang, opts: { js?: boolean; width?: number } = {}): Promise<BrowserContext> {
  const jar = await signIn(baseURL(), person, lang);
  return contextWithSession(jar, { js: opts.js ?? true, width: opts.width ?? 360 });
}


/** Posts the form that holds `button` and returns the status of the page it lands on (after redirects). */
async function submit(page: Page, button: string): Promise<number | undefined> {
  let status: number | undefined;
  const listener = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() && r.status() < 300) status = r.status();
    else if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() && r.status() >= 400) status = r.status();
  };
  page.on("response", listener);
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
  page.off("response", listener);
  return status;
}

/** The page's h1, once the page shows the one expected (client-side navigation renders after the URL changes). */
async function h1(page: Page, expected?: string) {
  if (expected) await page.locator("h1", { hasText: expected }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  return (await page.locator("h1").innerText()).trim();
}

async function answerEligible(page: Page, lang: Lang) {
  await page.getByRole("group", { name: eligibility[lang]("form.questions.registered.label") }).getByLabel(eligibility[lang]("form.yes")).check();
  await page.getByRole("group", { name: eligibility[lang]("form.questions.integration_act.label") }).getByLabel(eligibility[lang]("form.no")).check();
  await page.getByRole("group", { name: eligibility[lang]("form.questions.typ.label") }).getByLabel(eligibility[lang]("form.no")).check();
}

const journeys = [
  { lang: "fi", js: true, k: 0, to: "provider" },
  { lang: "fi", js: false, k: 1, to: "public" },
  { lang: "sv", js: true, k: 2, to: "public" },
  { lang: "sv", js: false, k: 3, to: "provider" },
  { lang: "en", js: true, k: 4, to: "provider" },
  { lang: "en", js: false, k: 5, to: "public" },
] as const;

describe("the choice journey at 360 px", () => {
  it.each(journeys)("in $lang (JavaScript $js): to the $to, bad input before good, one receipt", async ({ lang, js, k, to }) => {
    const context = await signedIn({ generated: northSavo(k) }, lang, { js });
    const page = await context.newPage();
    const errors = js ? watchConsole(page) : [];
    const c = choice[lang];

    // From the provider's profile ("choose this provider"), or from My page.
    if (to === "provider") {
      await page.goto(`/${lang}/providers/tyopolku`);
      await page.locator(`a[href="/${lang}/choose?provider=tyopolku"]`).first().click();
    } else {
      await page.goto(`/${lang}/my`);
      expect(await page.getByText(c("situation.default_public_service.title"), { exact: true }).count()).toBe(1);
      await page.getByRole("link", { name: c("situation.chooseNow") }).click();
    }
    await page.waitForURL(new RegExp(`/${lang}/choose`));
    expect(await h1(page, c("start.heading"))).toBe(c("start.heading"));

    // Step 1: the facts still needed. Nothing answered first: the errors, in the title too.
    expect(await submit(page, c("start.saveAnswers"))).toBe(400);
    expect(await page.title()).toMatch(new RegExp(`^${localeText(lang, "common", "errorPrefix")} `));
    expect(await page.locator(".error-summary").innerText()).toContain(eligibility[lang]("errors.registered.required"));
    await answerEligible(page, lang);
    expect(await submit(page, c("start.saveAnswers"))).toBe(200);
    expect(await page.getByText(eligibility[lang]("result.outcome.may_choose.title")).count()).toBe(1);
    // The answer state of this step, checked here rather than in its own round of every language
    // (axe runs in the page, so only where JavaScript is on; the same document is served without it).
    if (js) {
      await page.waitForSelector("html[data-hydrated]", { state: "attached" });
      expect(await axe(page)).toEqual([]);
      expect(await pageBasics(page, lang)).toEqual([]);
    }
    await page.getByRole("link", { name: c("start.continue") }).click();

    // Step 2: pick. The provider from the profile is already selected.
    await page.waitForURL(`**/${lang}/choose/provider**`);
    expect(await h1(page, c("pick.heading"))).toBe(c("pick.heading"));
    const publicOption = page.getByLabel(c("pick.publicService"));
    if (to === "provider") {
      expect(await page.locator("#field-provider").isChecked()).toBe(false); // Jobbstigen sorts first
      expect(await page.locator('input[value="tyopolku"]').isChecked()).toBe(true);
    } else {
      expect(await submit(page, c("pick.continue"))).toBe(400);
      expect(await page.locator(".error-summary").innerText()).toContain(c("errors.pickRequired"));
      await publicOption.check();
    }
    await submit(page, c("pick.continue"));

    // Step 3: contact details, for a provider only.
    if (to === "provider") {
      expect(await h1(page, c("contact.heading", { provider: "Työpolku Oy" }))).toBe(c("contact.heading", { provider: "Työpolku Oy" }));
      await page.getByLabel(c("contact.channel.phone")).check();
      await page.getByLabel(c("contact.phone.label")).fill("040 12");
      expect(await submit(page, c("contact.continue"))).toBe(400);
      expect(await page.locator("#field-phone-error").innerText()).toContain(c("errors.phoneInvalid"));
      expect(await page.getByLabel(c("contact.phone.label")).inputValue()).toBe("040 12");
      await page.getByLabel(c("contact.phone.label")).fill("040 123 4567");
      await page.getByRole("group", { name: c("contact.language.legend") }).getByRole("radio").first().check();
      await submit(page, c("contact.continue"));
    }

    // Step 4: check your answers, with the rule and the date of the first contact.
    expect(await h1(page, c("check.heading"))).toBe(c("check.heading"));
    const main = await page.locator("main").innerText();
    if (to === "provider") {
      expect(main).toContain("+358 40 123 4567");
      const [before, after] = c("check.nextProvider", { provider: "Työpolku Oy", date: "\u0000" }).split("\u0000");
      expect(main).toContain(before);
      expect(main).toContain(after);
    } else {
      expect(main).toContain(c("check.nextPublic"));
      expect(main).toContain(c("check.ruleFree"));
    }
    await submit(page, c("check.confirm"));

    // The receipt, reachable later from My page; back to the confirmation gives the same receipt.
    expect(await h1(page, c("receipt.heading"))).toBe(c("receipt.heading"));
    const reference = (await page.locator(".receipt__reference .reference").innerText()).trim();
    expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/my/receipts/${reference}`);
    await page.goBack();
    await page.waitForURL(`**/${lang}/my/receipts/${reference}`);
    await page.goto(`/${lang}/my`);
    expect(await page.getByRole("link", { name: reference }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keyboard only: Tab, arrows, Space and Enter take a person from the questions to a receipt, with focus visible", async () => {
    const context = await signedIn({ generated: northSavo(6) }, "fi", { js: true });
    const page = await context.newPage();
    const c = choice.fi;
    await page.goto("/fi/choose");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });

    /** Presses Tab until the element is focused; fails when it cannot be reached. */
    async function tabTo(selector: string) {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
          const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
          expect(outline).not.toBe("none");
          return;
        }
      }
      throw new Error(`${selector} cannot be reached with Tab`);
    }
    await tabTo('input[name="registered"][value="yes"]');
    await page.keyboard.press("Space");
    await tabTo('input[name="integration_act"]');
    await page.keyboard.press("ArrowDown"); // "Ei"
    await tabTo('input[name="typ"]');
    await page.keyboard.press("ArrowDown");
    await tabTo("button[type=submit]");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await tabTo(`a[href^="/fi/choose/provider"]`);
    await Promise.all([page.waitForURL("**/fi/choose/provider"), page.keyboard.press("Enter")]);
    await tabTo('input[name="provider"]:not([disabled])');
    await page.keyboard.press("ArrowUp"); // wraps round to the last option: the public service
    expect(await page.getByLabel(c("pick.publicService")).isChecked()).toBe(true);
    await tabTo("button[type=submit]");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(await h1(page, c("check.heading"))).toBe(c("check.heading"));
    await tabTo("button[type=submit]");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(await h1(page, c("receipt.heading"))).toBe(c("receipt.heading"));
    await context.close();
  });
});

describe("a choice of a provider binds (360 px)", () => {
  it("the commitment is said before the choice; afterwards /choose says until when it binds and how to ask, not that the person can choose", async () => {
    const context = await signedIn({ generated: northSavo(40) }, "fi", { js: false });
    const page = await context.newPage();
    const c = choice.fi;
    const common = texts("common").fi;
    await page.goto("/fi/choose");
    await answerEligible(page, "fi");
    await submit(page, c("start.saveAnswers"));
    expect(await page.locator("main").innerText()).toContain(common("commitment_other", { count: 6 }));
    await page.goto("/fi/choose/provider?provider=tyopolku");
    await submit(page, c("pick.continue"));
    await page.getByLabel(c("contact.channel.email")).check();
    await page.getByLabel(c("contact.email.label")).fill("testi@example.fi");
    await page.getByLabel("Suomi").check();
    await submit(page, c("contact.continue"));
    await submit(page, c("check.confirm"));
    expect(await h1(page, c("receipt.heading"))).toBe(c("receipt.heading"));

    await page.goto("/fi/choose");
    const main = await page.locator("main").innerText();
    expect(main).not.toContain(c("start.mayChoose", { pilot: "Pohjois-Savon valinnanvapauskokeilu (esimerkki)" }));
    expect(await page.getByRole("link", { name: c("start.continue") }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: c("start.lockedHeading") }).count()).toBe(1);
    const [before, after] = c("start.lockedBody", { date: "\u0000" }).split("\u0000");
    expect(main).toMatch(new RegExp(`${before.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\d{1,2}\\.\\d{1,2}\\.\\d{4}`));
    expect(main).toContain(after);
    const ask = page.getByRole("link", { name: c("situation.weightyLink") });
    expect(await ask.count()).toBe(1);
    expect(await ask.getAttribute("href")).toBe("/fi/choose/weighty-reason");

    // My page at 360 px: the history's status and receipt are on the screen, not behind a sideways scroll.
    await page.goto("/fi/my");
    const wrap = page.locator("#choice .table-wrap");
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const receiptLink = page.locator("#choice .table-wrap a .reference").first();
    const box = (await receiptLink.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await context.close();
  });
});

describe("with JavaScript at 360 px, the contact step and the weighty-reason form help as the person types", () => {
  it("only the box of the chosen way of contact shows; the reason box counts the characters left", async () => {
    const context = await signedIn({ generated: northSavo(41) }, "en", { js: true });
    const page = await context.newPage();
    const c = choice.en;
    await page.goto("/en/choose");
    await answerEligible(page, "en");
    await submit(page, c("start.saveAnswers"));
    await page.goto("/en/choose/provider?provider=tyopolku");
    await submit(page, c("pick.continue"));
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    const phone = page.getByLabel(c("contact.phone.label"));
    const email = page.getByLabel(c("contact.email.label"));
    expect([await phone.isVisible(), await email.isVisible()]).toEqual([false, false]);
    await page.getByLabel(c("contact.channel.email")).check();
    expect([await phone.isVisible(), await email.isVisible()]).toEqual([false, true]);
    await page.getByLabel(c("contact.channel.phone")).check();
    expect([await phone.isVisible(), await email.isVisible()]).toEqual([true, false]);
    await phone.fill("040 123 4567");
    await page.getByRole("group", { name: c("contact.language.legend") }).getByRole("radio").first().check();
    await submit(page, c("contact.continue"));
    await submit(page, c("check.confirm"));
    expect(await h1(page, c("receipt.heading"))).toBe(c("receipt.heading"));

    await page.goto("/en/choose/weighty-reason");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    const count = page.locator(".character-count");
    expect(await count.innerText()).toBe(c("weighty.counter.left_other", { count: 2000 }));
    await page.getByLabel(c("weighty.reason.label")).fill("I am moving to Oulu.");
    expect(await count.innerText()).toBe(c("weighty.counter.left_other", { count: 1980 }));
    await page.getByLabel(c("weighty.reason.label")).fill("x".repeat(2003));
    expect(await count.innerText()).toBe(c("weighty.counter.over_other", { count: 3 }));
    await context.close();
  });
});

describe("every step state passes axe and the page basics, in fi/sv/en at 360 and 1280 px, with and without scripts", () => {
  it("the questions, their error state, and the answer for someone outside every pilot", async () => {
    const fresh = await signedIn({ generated: northSavo(7) }, "fi");
    const outside = await signedIn("juha", "fi");
    const problems = [
      ...(await checkStates(fresh, "/choose", visit("/choose"))),
      ...(await checkStates(fresh, "/choose (errors)", async (page, lang) => (await page.goto(`/${lang}/choose`), submit(page, choice[lang]("start.saveAnswers"))), 400)),
      ...(await checkStates(outside, "/choose (public service)", visit("/choose"))),
    ];
    expect(problems).toEqual([]);
    await fresh.close();
    await outside.close();
  }, 240_000);

  it("pick, contact with errors, check, receipt, My page and the weighty-reason form", async () => {
    const context = await signedIn({ generated: northSavo(8) }, "fi");
    const page = await context.newPage();
    await page.goto("/fi/choose");
    await answerEligible(page, "fi");
    await submit(page, choice.fi("start.saveAnswers"));
    // The contact step is checked in its error state, which holds everything its empty state shows.
    const problems = [...(await checkStates(context, "/choose/provider", visit("/choose/provider")))];
    await page.goto("/fi/choose/provider?provider=tyopolku");
    await submit(page, choice.fi("pick.continue"));
    problems.push(
      ...(await checkStates(
        context,
        "/choose/contact (errors)",
        async (p, lang) => (await p.goto(`/${lang}/choose/contact`), submit(p, choice[lang]("contact.continue"))),
        400,
      )),
    );
    await page.goto("/fi/choose/contact");
    await page.getByLabel(choice.fi("contact.channel.email")).check();
    await page.getByLabel(choice.fi("contact.email.label")).fill("testi@example.fi");
    await page.getByLabel("Suomi").check();
    await submit(page, choice.fi("contact.continue"));
    problems.push(...(await checkStates(context, "/choose/check", visit("/choose/check"))));
    await page.goto("/fi/choose/check");
    await submit(page, choice.fi("check.confirm"));
    const receipt = new URL(page.url()).pathname.replace(/^\/fi/, "");
    problems.push(...(await checkStates(context, receipt, visit(receipt))));
    problems.push(...(await checkStates(context, "/my", visit("/my"))));
    problems.push(...(await checkStates(context, "/choose/weighty-reason", visit("/choose/weighty-reason"))));
    problems.push(...(await checkStates(context, "/choose (locked)", visit("/choose"))));
    expect(problems).toEqual([]);
    await context.close();
  }, 480_000);

  it("a write that fails says plainly that the choice was NOT recorded, and trying again records it once", async () => {
    const context = await signedIn({ generated: northSavo(9) }, "fi");
    const page = await context.newPage();
    await page.goto("/fi/choose");
    await answerEligible(page, "fi");
    await submit(page, choice.fi("start.saveAnswers"));
    await page.goto("/fi/choose/provider");
    await page.getByLabel(choice.fi("pick.publicService")).check();
    await submit(page, choice.fi("pick.continue"));
    // One tab per language on the confirmation page, opened before the database is locked.
    const tabs = new Map<Lang, Page>();
    for (const lang of langs) {
      const tab = await context.newPage();
      await tab.goto(`/${lang}/choose/check`);
      tabs.set(lang, tab);
    }
    // Another connection holds the database's write lock past the server's busy timeout.
    const file = path.join(path.dirname(inject("logFile")), "e2e.db");
    const blocker = new Database(file);
    const problems: string[] = [];
    try {
      blocker.exec("BEGIN IMMEDIATE");
      for (const lang of langs) {
        const tab = tabs.get(lang)!;
        expect(await submit(tab, choice[lang]("check.confirm"))).toBe(503);
        expect(await h1(tab, choice[lang]("notRecorded.heading"))).toBe(choice[lang]("notRecorded.heading"));
        expect(await tab.getByRole("alert").first().innerText()).toContain(choice[lang]("notRecorded.body"));
        expect(await tab.locator(".receipt__reference").count()).toBe(0);
        for (const width of widths) {
          await tab.setViewportSize({ width, height: 800 });
          problems.push(...(await pageBasics(tab, lang)).map((p) => `${lang} not recorded @${width}: ${p}`));
          problems.push(...(await axe(tab)).map((v) => `${lang} not recorded @${width}: ${v}`));
        }
      }
    } finally {
      if (blocker.inTransaction) blocker.exec("ROLLBACK");
      blocker.close();
    }
    expect(problems).toEqual([]);
    // The lock is gone: the same form, sent again, records the choice.
    const en = tabs.get("en")!;
    await submit(en, choice.en("notRecorded.retry"));
    expect(await h1(en, choice.en("receipt.heading"))).toBe(choice.en("receipt.heading"));
    // The other tabs held the same form: sending it again shows the same receipt, not a second choice.
    const fi = tabs.get("fi")!;
    await submit(fi, choice.fi("notRecorded.retry"));
    expect(new URL(fi.url()).pathname.split("/").pop()).toBe(new URL(en.url()).pathname.split("/").pop());
    await context.close();
  }, 120_000);

  it("another person's receipt answers 404, and nothing personal is in the addresses of the journey", async () => {
    const owner = await signedIn({ generated: northSavo(10) }, "en");
    const page = await owner.newPage();
    const visited: string[] = [];
    page.on("request", (r) => visited.push(r.url()));
    await page.goto("/en/choose");
    await answerEligible(page, "en");
    await submit(page, choice.en("start.saveAnswers"));
    await page.goto("/en/choose/provider?provider=tyopolku");
    await submit(page, choice.en("pick.continue"));
    await page.getByLabel(choice.en("contact.channel.email")).check();
    await page.getByLabel(choice.en("contact.email.label")).fill("someone@example.fi");
    await page.getByRole("group", { name: choice.en("contact.language.legend") }).getByRole("radio").first().check();
    await submit(page, choice.en("contact.continue"));
    await submit(page, choice.en("check.confirm"));
    const receipt = new URL(page.url()).pathname;
    expect(visited.filter((u) => /someone|example\.fi|Henkil|Testi|040/.test(decodeURIComponent(u)))).toEqual([]);

    const other = await signedIn({ generated: northSavo(11) }, "en");
    const res = await (await other.newPage()).goto(receipt);
    expect(res?.status()).toBe(404);
    await owner.close();
    await other.close();
  });
});

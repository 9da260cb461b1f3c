import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { axe, closeBrowser, newContext, pageBasics, watchConsole, texts } from "./browser";

/**
 * Notifications (issue 16, item 3; decision 070) in the browser at 360 px, in each language: a person
 * gives an address on My page (a wrong one first), the confirmation message appears in the demo's
 * outbox (the test server has no SMTP_URL), the link in it confirms the address, and My page says
 * where notifications go. axe at 360 and 1280 px on every page of the way; one language without JavaScript.
 */
afterAll(closeBrowser);

const journeys = [
  { lang: "fi", js: true, person: "Pekka Korhonen" },
  { lang: "sv", js: false, person: "Johan Lindqvist" },
  { lang: "en", js: true, person: "Emma Heikkinen" },
] as const;

async function checked(page: Page, lang: string) {
  const problems = [...(await pageBasics(page, lang))];
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...(await axe(page)).map((v) => `${width}px ${v}`));
  }
  await page.setViewportSize({ width: 360, height: 800 });
  return problems;
}

describe("adding and confirming an address for notifications", () => {
  it.each(journeys)("in $lang (JavaScript $js) as $person", async ({ lang, js, person }) => {
    const n = texts("notifications")[lang];
    const auth = texts("auth")[lang];
    const idp = texts("testidp")[lang];
    const context = await newContext({ width: 360, js: true, noScripts: !js });
    const page = await context.newPage();
    const errors = js ? watchConsole(page) : [];

    await page.goto(`/${lang}/my`);
    await page.getByRole("link", { name: auth("signIn.continue.test") }).click();
    await page.getByLabel(new RegExp(person)).check();
    await page.getByRole("button", { name: idp("login.submit") }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/my`);

    // My page: no address yet; the link to give one.
    const section = page.locator("section", { has: page.getByRole("heading", { name: n("my.heading") }) });
    expect(await section.innerText()).toContain(n("my.none"));
    await section.getByRole("link", { name: n("my.add") }).click();
    await page.waitForURL(`**/${lang}/my/notifications`);
    expect(await checked(page, lang)).toEqual([]);

    // A wrong address: the message next to the field, what was typed kept.
    await page.getByLabel(n("page.email")).fill("nimi@");
    await page.getByRole("button", { name: n("page.send") }).click();
    await page.locator("#field-email-error").waitFor();
    expect(await page.locator("#field-email-error").innerText()).toContain(n("page.errors.emailInvalid"));
    expect(await page.getByLabel(n("page.email")).inputValue()).toBe("nimi@");
    expect(await checked(page, lang)).toEqual([]);

    const email = `e2e-${lang}-${Date.now()}@example.test`;
    await page.getByLabel(n("page.email")).fill(email);
    await page.getByRole("button", { name: n("page.send") }).click();
    await page.waitForURL(`**/${lang}/my/notifications?done=sent`);
    expect(await page.getByRole("status").innerText()).toContain(email);
    expect(await checked(page, lang)).toEqual([]);

    // The demo's outbox: the worker delivers within a second or two.
    const message = page.locator("article", { hasText: email });
    await expect
      .poll(
        async () => {
          await page.goto(`/${lang}/demo-outbox`);
          return message.count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    expect(await message.getByRole("heading").innerText()).toBe(n("email.address_confirm.subject"));
    expect(await checked(page, lang)).toEqual([]);
    const body = await message.locator("pre").innerText();
    const link = new RegExp(`https?://[^\\s]+/${lang}/notifications/confirm\\?token=[A-Za-z0-9_-]+`).exec(body)?.[0];
    expect(link).toBeDefined();

    // The link: a page with a button (opening it changes nothing), then confirmed.
    const url = new URL(link!);
    await page.goto(url.pathname + url.search);
    expect(await checked(page, lang)).toEqual([]);
    await page.getByRole("button", { name: n("confirm.button") }).click();
    await page.waitForURL(`**/${lang}/notifications/confirm?done=1`);
    expect(await page.getByRole("status").innerText()).toBe(n("confirm.done"));
    expect(await checked(page, lang)).toEqual([]);

    await page.goto(`/${lang}/my`);
    expect(await section.innerText()).toContain(n("my.confirmed", { email }));
    expect(errors).toEqual([]);
    await context.close();
  });
});

import { afterAll, describe, expect, it } from "vitest";
import en from "../../locales/en/providers.json";
import fi from "../../locales/fi/providers.json";
import { checkEverywhere, closeBrowser, newContext } from "./browser";

/**
 * The comparison for people like me (docs/decisions/069-customer-groups-and-adjusted-figures.md):
 * a customer group's figures, suggested from the check's answers, changed or dropped with plain
 * links and the GET form, in every language, at 360 and 1280 px, axe clean, with and without JavaScript.
 */

afterAll(closeBrowser);

describe("people like me passes axe and the page basics everywhere", () => {
  it.each([
    ["one group's figures", "/providers?group=age_50_plus"],
    ["a small group, sorted by a result", "/providers?group=language_foreign&sort=employed_open_6m"],
    ["groups suggested from the check's answers", "/providers?age=55&foreign_language=yes&benefit=earnings_related"],
  ])("%s (%s)", async (_name, path) => {
    expect(await checkEverywhere(path)).toEqual([]);
  }, 120_000);
});

describe("people like me without JavaScript", () => {
  it("a suggested group is shown with one link, changed with the form, and dropped with a link", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    await page.goto("/en/providers?age=55&foreign_language=yes");
    const section = page.locator("section.like-me");
    expect(await section.getByRole("heading", { level: 2 }).innerText()).toBe(en.likeMe.heading);
    expect(await section.innerText()).toContain(en.likeMe.fromCheck);
    // The adjusted figure stands beside the raw one for all customers.
    expect(await page.locator(".provider-list").innerText()).toContain("Taking into account whom it serves:");

    await Promise.all([
      page.waitForURL(/group=age_50_plus/),
      section.getByRole("link", { name: en.likeMe.show.replace("{{group}}", en.likeMe.groups.age_50_plus) }).click(),
    ]);
    expect(await page.locator("section.like-me").innerText()).toContain(en.likeMe.showing.replace("{{group}}", en.likeMe.groups.age_50_plus).split(".")[0]);
    expect(await page.locator("#f-group").inputValue()).toBe("age_50_plus");
    // Within a group there is no adjusted figure: the figures are already the group's.
    expect(await page.locator(".provider-list").innerText()).not.toContain("Taking into account whom it serves:");

    // Another group with the form.
    await page.locator("#f-group").selectOption("language_foreign");
    await Promise.all([page.waitForURL(/group=language_foreign/), page.getByRole("button", { name: en.filters.submit }).click()]);
    const text = await page.locator("main").innerText();
    expect(text).toContain(en.likeMe.groups.language_foreign);
    // A small group says so, as everywhere: too few customers to show a figure.
    expect(text).toMatch(/too few to show a figure/);

    // And dropped.
    await Promise.all([page.waitForURL((url) => !url.search.includes("group=")), page.getByRole("link", { name: en.likeMe.drop }).click()]);
    expect(await page.locator("#f-group").inputValue()).toBe("");
    await context.close();
  }, 60_000);

  it("in Finnish, an address with a group and a sort names the group in its section and in the form", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    await page.goto("/fi/providers?group=unemployed_over_12m&sort=employed_open_6m");
    expect(await page.locator("section.like-me").innerText()).toContain(fi.likeMe.groups.unemployed_over_12m);
    expect(await page.locator("#f-group").inputValue()).toBe("unemployed_over_12m");
    await context.close();
  }, 60_000);
});

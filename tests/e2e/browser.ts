import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const baseURL = () => inject("baseURL");
export const widths = [360, 1280] as const;
export const langs = ["fi", "sv", "en"] as const;

let browser: Browser | undefined;

/** Debian's Chromium, never a downloaded browser. Flags: see ../shared/design.md. */
export async function getBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

export async function newContext(opts: { width?: number; js?: boolean; noScripts?: boolean } = {}): Promise<BrowserContext> {
  const b = await getBrowser();
  const context = await b.newContext({
    baseURL: baseURL(),
    viewport: { width: opts.width ?? 1280, height: 800 },
    javaScriptEnabled: opts.js ?? true,
  });
  // axe cannot run where JavaScript is off. To check what a browser without JavaScript shows, the
  // page's own scripts are blocked instead: the document stays exactly as the server sent it.
  if (opts.noScripts) await context.route(/\.(m?js)(\?.*)?$/, (route) => route.abort());
  return context;
}

/**
 * Collects console errors of a page: a test fails on one unless it expects it.
 * Failed resource loads for deliberate 4xx pages are not errors of the page itself.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      errors.push(msg.text());
    }
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

const axeCache = new Map<string, string[]>();

/**
 * axe with the WCAG 2.1 A/AA tags. No rule is disabled. Returns the violations in a readable form.
 * A document that is the same, at the same width, as one already checked gives the same result,
 * so it is not analysed twice (hydration usually leaves the server's document unchanged).
 */
export async function axe(page: Page): Promise<string[]> {
  const key = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.removeAttribute("data-hydrated");
    clone.querySelectorAll("script, link[rel=modulepreload]").forEach((el) => el.remove());
    return `${window.innerWidth}\n${clone.outerHTML}`;
  });
  const cached = axeCache.get(key);
  if (cached) return cached;
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  axeCache.set(key, violations);
  return violations;
}

/** The checks every page passes: one h1, main, html lang, a title, a skip link, hreflang links. */
export async function pageBasics(page: Page, lang: string) {
  return page.evaluate((expected) => {
    const problems: string[] = [];
    if (document.documentElement.lang !== expected) problems.push(`html lang ${document.documentElement.lang}`);
    if (document.querySelectorAll("h1").length !== 1) problems.push(`h1 count ${document.querySelectorAll("h1").length}`);
    if (document.querySelectorAll("main").length !== 1) problems.push("main");
    if (!/ – Valinta$/.test(document.title)) problems.push(`title "${document.title}"`);
    if (!document.querySelector('a.skip-link[href="#main"]')) problems.push("skip link");
    for (const l of ["fi", "sv", "en", "x-default"]) {
      if (!document.querySelector(`link[rel="alternate"][hreflang="${l}"]`)) problems.push(`hreflang ${l}`);
    }
    const levels = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => {
      if (i > 0 && level > levels[i - 1] + 1) problems.push(`heading jumps from h${levels[i - 1]} to h${level}`);
    });
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`scrolls sideways (${document.documentElement.scrollWidth}px)`);
    return problems;
  }, lang);
}

/**
 * Opens `/{lang}{path}` in every language, at 360 px and 1280 px, with JavaScript on and off, and
 * returns every problem found: wrong status, page basics, axe violations, console errors.
 * `path` is the part after the language prefix ("" for the front page, "/privacy"…).
 */
export async function checkEverywhere(path: string, opts: { status?: number } = {}): Promise<string[]> {
  const problems: string[] = [];
  for (const js of [true, false]) {
    for (const width of widths) {
      const context = await newContext({ width, js: true, noScripts: !js });
      const page = await context.newPage();
      // With scripts blocked the console reports the blocked loads; only JavaScript runs count.
      const errors = js ? watchConsole(page) : [];
      for (const lang of langs) {
        const where = `${lang}${path} @${width}px js=${js}`;
        const response = await page.goto(`/${lang}${path}`);
        if (response?.status() !== (opts.status ?? 200)) problems.push(`${where}: status ${response?.status()}`);
        if (js) await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
        else if (await page.locator("html[data-hydrated]").count()) problems.push(`${where}: scripts ran`);
        problems.push(...(await pageBasics(page, lang)).map((p) => `${where}: ${p}`));
        problems.push(...(await axe(page)).map((v) => `${where}: ${v}`));
      }
      problems.push(...errors.map((e) => `${path} @${width}px js=${js}: console: ${e}`));
      await context.close();
    }
  }
  return problems;
}

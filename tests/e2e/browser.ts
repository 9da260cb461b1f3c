import axeCore from "axe-core";
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import type { CookieJar } from "../support/sign-in";

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
  publicContext = undefined;
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
/**
 * Waits until the page has hydrated (root.tsx marks <html data-hydrated>). A click or a submit before
 * that races React's hydration, which a person cannot be fast enough to do; on a busy machine a
 * test can, and React then reports an error that no reader would see.
 */
export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
}

/** A browser context holding a signed-in person's cookies (from tests/support/sign-in.ts signIn). */
export async function contextWithSession(jar: CookieJar, opts: Parameters<typeof newContext>[0] = {}): Promise<BrowserContext> {
  const context = await newContext(opts);
  const host = new URL(baseURL()).hostname;
  await context.addCookies([...jar.cookies].map(([name, value]) => ({ name, value, domain: host, path: "/", secure: name.startsWith("__Host-"), httpOnly: true })));
  return context;
}

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
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core with the WCAG 2.1 A/AA tags, run in the page itself. No rule is disabled. Returns the
 * violations in a readable form. `exclude` leaves out a part of the page that is not ours.
 * A document that is the same, at the same width, as one already checked gives the same result,
 * so it is not analysed twice (hydration usually leaves the server's document unchanged).
 * axe is injected once per document and asked for violations only: the same rules as
 * @axe-core/playwright's analyze(), at a third of its time (it opens a page per run to merge
 * results and serialises every passing node), which keeps the browser suite inside its budget.
 */
export async function axe(page: Page, opts: { exclude?: string } = {}): Promise<string[]> {
  const key = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.removeAttribute("data-hydrated");
    clone.querySelectorAll("script, link[rel=modulepreload]").forEach((el) => el.remove());
    return `${window.innerWidth}\n${clone.outerHTML}`;
  });
  const cacheKey = `${opts.exclude ?? ""}\n${key}`;
  const cached = axeCache.get(cacheKey);
  if (cached) return cached;
  // A string is evaluated by the DevTools protocol, outside the page's Content-Security-Policy.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeCore.source);
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const run = (window as unknown as { axe: typeof axeCore }).axe.run;
      const result = await run(exclude ? { exclude: [exclude] } : document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
    },
    { tags: axeTags, exclude: opts.exclude },
  );
  axeCache.set(cacheKey, violations);
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

export type Lang = (typeof langs)[number];

/** Values for a text's {{placeholders}}. */
export type TextValues = Record<string, string | number>;

const trees = new Map<string, Record<string, unknown>>();

/**
 * The texts of one namespace of the locale files (locales/{lang}/{ns}.json), by language, with the
 * {{placeholders}} given filled in (the others kept), so that a test finds what a person reads:
 *
 *   const choice = texts("choice");   …   page.getByRole("button", { name: choice.fi("confirm.submit") })
 *
 * A key that is not there throws, naming it.
 */
export function texts(ns: string): Record<Lang, (key: string, values?: TextValues) => string> {
  return Object.fromEntries(langs.map((lang) => [lang, (key: string, values: TextValues = {}) => localeText(lang, ns, key, values)])) as Record<
    Lang,
    (key: string, values?: TextValues) => string
  >;
}

/** One text of the locale files: `key` is a dotted path in locales/{lang}/{ns}.json. */
export function localeText(lang: string, ns: string, key: string, values: TextValues = {}): string {
  const file = `locales/${lang}/${ns}.json`;
  let tree = trees.get(file);
  if (!tree) {
    tree = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    trees.set(file, tree);
  }
  const found = key.split(".").reduce<unknown>((node, k) => (node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined), tree);
  if (typeof found !== "string") throw new Error(`no text ${key} in ${file}`);
  return found.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

/** Brings a page to the state to check (a GET, or a form posted) and gives the document's status. */
export type Reach = (page: Page, lang: Lang, scripts: boolean) => Promise<number | undefined>;

/** Opens `/{lang}{path}`: the plain GET of a page. */
export const visit =
  (path: string): Reach =>
  async (page, lang) =>
    (await page.goto(`/${lang}${path}`))?.status();

/**
 * The checks every page state passes, in `context` (signed in or not): for JavaScript on and off,
 * in every language, the state is reached once and then checked at 360 px and at 1280 px by
 * resizing the window (media queries apply as on a phone turned): the status, the page basics, axe,
 * and the console errors of the JavaScript run. Returns every problem found.
 */
export async function checkStates(context: BrowserContext, where: string, reach: Reach, status = 200): Promise<string[]> {
  const problems: string[] = [];
  for (const scripts of [true, false]) {
    const page = await context.newPage();
    // Without JavaScript the page's own scripts are blocked: the document stays as the server sent it.
    if (!scripts) await page.route(/\.(m?js)(\?.*)?$/, (route) => route.abort());
    // With scripts blocked the console reports the blocked loads; only JavaScript runs count.
    const errors = scripts ? watchConsole(page) : [];
    try {
      for (const lang of langs) {
        await page.setViewportSize({ width: widths[0], height: 800 });
        const got = await reach(page, lang, scripts);
        if (got !== status) problems.push(`${lang}${where} scripts=${scripts}: status ${got}`);
        if (scripts) await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
        else if (await page.locator("html[data-hydrated]").count()) problems.push(`${lang}${where}: scripts ran`);
        for (const width of widths) {
          const at = `${lang}${where} @${width}px scripts=${scripts}`;
          await page.setViewportSize({ width, height: 800 });
          problems.push(...(await pageBasics(page, lang)).map((p) => `${at}: ${p}`));
          problems.push(...(await axe(page)).map((v) => `${at}: ${v}`));
        }
      }
      problems.push(...errors.map((e) => `${where} scripts=${scripts}: console: ${e}`));
    } finally {
      await page.close();
    }
  }
  return problems;
}

let publicContext: BrowserContext | undefined;

/**
 * checkStates for a public page, `path` being the part after the language prefix ("" for the
 * front page, "/privacy"…), without a session. The context is kept between checks, cookies cleared.
 */
export async function checkEverywhere(path: string, opts: { status?: number } = {}): Promise<string[]> {
  publicContext ??= await newContext({ width: widths[0] });
  await publicContext.clearCookies();
  return checkStates(publicContext, path, visit(path), opts.status ?? 200);
}

import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { testPeople } from "../../db/seed/people";
import { CookieJar, signIn } from "../support/sign-in";
import { axe, baseURL, checkEverywhere, closeBrowser, langs, newContext, pageBasics, watchConsole, widths, texts, contextWithSession } from "./browser";

afterAll(closeBrowser);

const auth = texts("auth");
const idp = texts("testidp");
const common = texts("common");

/** The journeys: who signs in, in which language, and the home municipality as that language names it. */
const journeys = [
  { lang: "fi", js: true, person: "Aino Virtanen", municipality: "Siilinjärvi" },
  { lang: "fi", js: false, person: "Pekka Korhonen", municipality: "Lapinlahti" },
  { lang: "sv", js: true, person: "Johan Lindqvist", municipality: "Vasa" },
  { lang: "sv", js: false, person: "Liisa Nieminen", municipality: "S:t Michel" },
  { lang: "en", js: true, person: "Emma Heikkinen", municipality: "Mikkeli" },
  { lang: "en", js: false, person: "Juha Mäkinen", municipality: "Kuopio" },
] as const;

async function h1(page: Page) {
  return (await page.locator("h1").textContent())?.trim();
}

describe("signing in with the built-in test identity provider", () => {
  it.each(journeys)("round trip in $lang (JavaScript $js) as $person", async ({ lang, js, person, municipality }) => {
    const context = await newContext({ js });
    const page = await context.newPage();
    const errors = js ? watchConsole(page) : [];

    // A signed-out person going to their page is asked to sign in, and will come back there.
    await page.goto(`/${lang}/my`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/${lang}/sign-in?returnTo=%2F${lang}%2Fmy`);
    expect(await h1(page)).toBe(auth[lang]("signIn.heading"));
    await expect.poll(() => page.getByText(auth[lang]("signIn.shared.name")).count()).toBe(1);

    // The test provider's page, in the same language.
    await page.getByRole("link", { name: auth[lang]("signIn.continue.test") }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/test-idp\/interaction\//);
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    expect(await h1(page)).toBe(idp[lang]("login.title"));

    // Bad input first: nobody chosen.
    await page.getByRole("button", { name: idp[lang]("login.submit") }).click();
    expect(await page.locator("#person-error").textContent()).toContain(idp[lang]("login.errors.choose"));
    expect(await page.title()).toMatch(new RegExp(`^${common[lang]("errorPrefix")} `));

    await page.getByLabel(new RegExp(person)).check();
    await page.getByRole("button", { name: idp[lang]("login.submit") }).click();

    // Back on the site, signed in, on the page the person was going to.
    expect(new URL(page.url()).pathname).toBe(`/${lang}/my`);
    expect(await h1(page)).toBe(auth[lang]("my.heading"));
    const details = await page.locator("dl.summary").innerText();
    expect(details).toContain(person);
    expect(details).toContain(municipality);
    const account = page.getByRole("navigation", { name: common[lang]("nav.account") });
    expect(await account.getByRole("link", { name: common[lang]("nav.my") }).count()).toBe(1);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "__Host-valinta");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(cookies.find((c) => c.name === "__Host-valinta-signin")).toBeUndefined();

    // Sign out: the site's session ends, then the provider's.
    await page.getByRole("button", { name: auth[lang]("my.signOut") }).click();
    expect(new URL(page.url()).pathname).toBe("/test-idp/session/end");
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    await page.getByRole("button", { name: idp[lang]("logout.yes") }).click();
    expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-out`);
    expect(await h1(page)).toBe(auth[lang]("signOut.doneHeading"));
    expect((await context.cookies()).find((c) => c.name === "__Host-valinta")).toBeUndefined();

    await page.goto(`/${lang}/my`);
    expect(new URL(page.url()).pathname).toBe(`/${lang}/sign-in`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a foreign eID user lands on the page that explains what they can do", async () => {
    const context = await newContext({ js: true });
    const page = await context.newPage();
    await page.goto("/en/sign-in");
    await page.getByRole("link", { name: auth.en("signIn.continue.test") }).click();
    await page.getByLabel(/Maria Rossi/).check();
    await page.getByRole("button", { name: idp.en("login.submit") }).click();
    expect(new URL(page.url()).pathname).toBe("/en/foreign-eid");
    expect(await h1(page)).toBe(auth.en("foreignEid.heading"));
    expect(await page.getByText(auth.en("foreignEid.signedInAs", { name: "Maria Rossi" })).count()).toBe(1);
    await page.goto("/en/my");
    expect(await page.locator("dl.summary").innerText()).toContain(auth.en("my.noMunicipality"));
    await context.close();
  });

  it("cancelling at the provider returns to the sign-in page with a message, signed out", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    await page.goto("/sv/sign-in");
    await page.getByRole("link", { name: auth.sv("signIn.continue.test") }).click();
    await page.getByRole("button", { name: idp.sv("login.cancel") }).click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/sv/sign-in?error=cancelled");
    expect(await page.getByRole("alert").innerText()).toContain(auth.sv("signIn.errors.cancelled"));
    expect((await context.cookies()).find((c) => c.name === "__Host-valinta")).toBeUndefined();
    await context.close();
  });
});

/**
 * Page basics and axe for a page a signed-in person sees: every language, both widths, scripts on
 * and off. `exclude`: parts of the page that another area owns and checks in its own tests.
 */
async function checkSignedIn(context: BrowserContext, path: string, modes: boolean[] = [false, true], exclude?: string): Promise<string[]> {
  const problems: string[] = [];
  for (const noScripts of modes) {
    const page = await context.newPage();
    if (noScripts) await page.route(/\.(m?js)(\?.*)?$/, (route) => route.abort());
    for (const lang of langs) {
      const res = await page.goto(`/${lang}${path}`);
      if (!noScripts) await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
      for (const width of widths) {
        const where = `${lang}${path} @${width}px scripts=${!noScripts}`;
        await page.setViewportSize({ width, height: 800 });
        if (res?.status() !== 200) problems.push(`${where}: status ${res?.status()}`);
        problems.push(...(await pageBasics(page, lang)).map((p) => `${where}: ${p}`));
        const violations = await axe(page, { exclude });
        problems.push(...violations.map((v) => `${where}: ${v}`));
      }
    }
    await page.close();
  }
  return problems;
}

/** axe at both widths, one h1, the language, no sideways scrolling, no scripts: the test provider's own pages. */
async function checkProviderPage(page: Page, lang: string, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...(await axe(page)).map((v) => `${where} @${width}: ${v}`));
    const basics = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll("h1").length,
      scroll: document.documentElement.scrollWidth > window.innerWidth + 1,
      skip: !!document.querySelector('a.skip-link[href="#main"]'),
      scripts: document.querySelectorAll("script").length,
    }));
    if (basics.lang !== lang) problems.push(`${where}: lang ${basics.lang}`);
    if (basics.h1 !== 1) problems.push(`${where}: ${basics.h1} h1`);
    if (basics.scroll) problems.push(`${where} @${width}: scrolls sideways`);
    if (!basics.skip) problems.push(`${where}: no skip link`);
    if (basics.scripts !== 0) problems.push(`${where}: has scripts`);
  }
  return problems;
}

async function jarContext(jar: CookieJar, js = true) {
  return contextWithSession(jar, { js });
}

describe("accessibility of the sign-in pages", () => {
  it.each([
    ["the sign-in page", "/sign-in?returnTo=%2Fen%2Fmy"],
    ["the sign-in page after a failed sign-in", "/sign-in?error=failed"],
    ["the foreign eID page", "/foreign-eid"],
    ["the signed-out page", "/sign-out"],
  ])("%s passes axe and the page basics everywhere", async (_name, path) => {
    expect(await checkEverywhere(path)).toEqual([]);
  }, 120_000);

  it("My page and the sign-out page of a signed-in person pass axe and the page basics everywhere", async () => {
    const context = await jarContext(await signIn(baseURL(), "sari"));
    // The choice and data sections of My page belong to the choice area (issue 6), which checks them in tests/e2e/choice.test.ts.
    const mine = await checkSignedIn(context, "/my", [false, true], ".my-page .table-wrap");
    expect([...mine, ...(await checkSignedIn(context, "/sign-out", [false]))]).toEqual([]);
    await context.close();
  }, 180_000);

  it("the test provider's pages pass axe in every language at both widths, without scripts", async () => {
    const problems: string[] = [];
    for (const lang of langs) {
      // axe needs JavaScript; the provider's pages have no scripts of their own, and the site's are blocked.
      const context = await newContext({ js: true, noScripts: true });
      const page = await context.newPage();
      await page.goto(`/${lang}/sign-in`);
      await page.getByRole("link", { name: auth[lang]("signIn.continue.test") }).click();
      problems.push(...(await checkProviderPage(page, lang, `idp login ${lang}`)));
      // Bad input keeps what was typed, next to a message.
      await page.locator("#person-generated").check();
      await page.locator("#number").fill("abc");
      await page.getByRole("button", { name: idp[lang]("login.submit") }).click();
      expect(await page.locator("#number-error").count()).toBe(1);
      expect(await page.locator("#number").inputValue()).toBe("abc");
      problems.push(...(await checkProviderPage(page, lang, `idp login error ${lang}`)));
      // A generated test person signs in too.
      await page.locator("#number").fill("4321");
      await page.getByRole("button", { name: idp[lang]("login.submit") }).click();
      expect(new URL(page.url()).pathname).toBe(`/${lang}/my`);
      expect(await page.locator("dl.summary").innerText()).toContain("Testi Henkilö 4321");
      await page.getByRole("button", { name: auth[lang]("my.signOut") }).click();
      problems.push(...(await checkProviderPage(page, lang, `idp logout ${lang}`)));
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

describe("defences", () => {
  const families = [
    { path: "/fi/sign-in", status: 200 },
    { path: "/sv/my", status: 303 },
    { path: "/en/foreign-eid", status: 200 },
    { path: "/fi/sign-in/start", status: 303 },
    { path: "/auth/callback?code=x&state=y", status: 303 },
    { path: "/.well-known/jwks.json", status: 200 },
    { path: "/test-idp/.well-known/openid-configuration", status: 200 },
    { path: "/test-idp/interaction/unknown", status: 400 },
    { path: "/api/v1/nothing", status: 404 },
  ];

  it("every route family carries the security headers with a fresh nonce each time", async () => {
    const nonces = new Set<string>();
    for (const { path, status } of [...families, ...families]) {
      const res = await fetch(`${baseURL()}${path}`, { redirect: "manual" });
      expect(res.status, path).toBe(status);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("form-action 'self'");
      expect(res.headers.get("strict-transport-security"), path).toContain("max-age=");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBeTruthy();
      nonces.add(/nonce-([^']+)/.exec(csp)![1]);
    }
    expect(nonces.size).toBe(families.length * 2);
  });

  it("a cross-site POST is refused with the translated 403 page on every route family", async () => {
    for (const { path } of families) {
      for (const headers of [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }] as Record<string, string>[]) {
        const res = await fetch(`${baseURL()}${path}`, { method: "POST", headers, body: "x=1", redirect: "manual" });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(await res.text()).toMatch(new RegExp(langs.map((l) => common[l]("status.403.title")).join("|")));
      }
    }
    // The test provider's sign-in form too.
    const res = await fetch(`${baseURL()}/test-idp/interaction/x/login`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" }, body: "person=aino" });
    expect(res.status).toBe(403);
  });

  it("signed-in pages are sent with Cache-Control: no-store; public pages without a session are not", async () => {
    const jar = await signIn(baseURL(), "timo", "sv");
    expect(jar.landedOn).toBe("/sv/my");
    for (const path of ["/sv/my", "/sv", "/sv/sign-out", "/sv/privacy"]) {
      const res = await jar.fetch(`${baseURL()}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    const html = await (await jar.fetch(`${baseURL()}/sv/my`)).text();
    expect(html).toContain("Timo Hämäläinen");
    expect(html).toContain("S:t Michelsregionens kommunförsök för sysselsättning");
    const anonymous = await fetch(`${baseURL()}/sv/privacy`);
    expect(anonymous.headers.get("cache-control")).not.toBe("no-store");
  });

  it("a form without its CSRF token is refused with the translated 403 page, and nothing happens", async () => {
    const jar = await signIn(baseURL(), "kaisa", "fi");
    const res = await jar.fetch(`${baseURL()}/fi/sign-out`, {
      method: "POST",
      body: new URLSearchParams({ csrf: "forged" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: baseURL() },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(common.fi("status.403.title"));
    expect((await jar.fetch(`${baseURL()}/fi/my`)).status).toBe(200);
  });

  it("an official of one pilot gets the translated no-access page (403) for another pilot", async () => {
    const sari = await signIn(baseURL(), "sari", "sv"); // North Savo
    const refused = await sari.fetch(`${baseURL()}/sv/official/mikkeli-region-municipal`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("cache-control")).toContain("no-store");
    expect(await refused.text()).toContain(auth.sv("noAccess.title"));
    const timo = await signIn(baseURL(), "timo", "sv"); // Mikkeli
    expect((await timo.fetch(`${baseURL()}/sv/official/mikkeli-region-municipal`)).status).toBe(200);
  });

  it("a tampered session cookie is refused", async () => {
    const jar = await signIn(baseURL(), "olli", "en");
    const token = jar.cookies.get("__Host-valinta")!;
    jar.cookies.set("__Host-valinta", token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA"));
    const res = await jar.fetch(`${baseURL()}/en/my`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/en/sign-in?returnTo=%2Fen%2Fmy");
  });

  it("a forged callback is refused with no session", async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${baseURL()}/fi/sign-in/start`);
    expect(start.status).toBe(303);
    const res = await jar.fetch(`${baseURL()}/auth/callback?code=forged&state=forged`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/fi/sign-in?error=failed");
    expect(jar.cookies.has("__Host-valinta")).toBe(false);
  });
});

describe("the server log", () => {
  it("holds no identity code and no name of any test person, and records the refusals", async () => {
    // Everyone signs in once more through the real server, so that each code and name passes through it.
    for (const person of testPeople) await signIn(baseURL(), person.key, "fi");
    await new Promise((r) => setTimeout(r, 300));
    const log = fs.readFileSync(inject("logFile"), "utf8");
    const personal = testPeople.flatMap((p) => [p.givenName, p.familyName, ...(p.identityCode ? [p.identityCode] : [])]);
    expect(personal.filter((p) => log.includes(p))).toEqual([]);
    expect(log).not.toContain("Testi Henkilö");
    const events = log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { event?: string; reason?: string });
    const refusals = events.filter((e) => e.event === "access-refused" || e.event === "sign-in-refused").map((e) => e.reason);
    expect(refusals).toEqual(expect.arrayContaining(["session-none", "session-unknown", "csrf-mismatch", "token-rejected"]));
    expect(events.filter((e) => e.event === "sign-in").length).toBeGreaterThanOrEqual(testPeople.length);
  });
});

describe("production settings", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-auth-prod-"));
  const key = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const production = {
    APP_ENV: "production",
    HOST: "127.0.0.1",
    DATABASE_PATH: path.join(dir, "prod.db"),
    PUBLIC_ORIGIN: "https://valinta.example.fi",
    IDENTITY_HMAC_SECRET: crypto.randomBytes(32).toString("hex"),
    SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    OIDC_ISSUER: "https://tunnistus.example.invalid/oidc",
    OIDC_CLIENT_ID: "valinta",
    OIDC_PRIVATE_KEY: key,
    OIDC_KEY_ID: "valinta-2026-1",
    RATE_LIMIT_SIGN_IN: "2",
  };

  it("refuses to start without real secrets", () => {
    const { IDENTITY_HMAC_SECRET: _a, SESSION_SECRET: _b, ...without } = production;
    const result = spawnSync(process.execPath, ["server.mjs"], { env: { ...process.env, ...without, PORT: "0" }, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/IDENTITY_HMAC_SECRET: required in production/);
    expect(result.stderr).toMatch(/SESSION_SECRET: required in production/);
  });

  it("runs without the test provider, publishes the configured key, and limits sign-ins (429, Retry-After, translated page)", async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, ["server.mjs"], { env: { ...process.env, ...production, PORT: String(port) }, stdio: "ignore" });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${base}/healthz`)).ok) break;
        } catch {
          // not listening yet
        }
        if (i > 150) throw new Error("the production server did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await fetch(`${base}/test-idp/.well-known/openid-configuration`)).status).toBe(404);
      const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
      expect(jwks.keys.map((k) => k.kid)).toEqual(["valinta-2026-1"]);
      expect(jwks.keys[0].d).toBeUndefined();
      const csp = (await fetch(`${base}/fi`)).headers.get("content-security-policy") ?? "";
      expect(csp).toContain("form-action 'self' https://tunnistus.example.invalid");
      // The provider cannot be reached here: the person is told so, and nothing is stored.
      const first = await fetch(`${base}/fi/sign-in/start`, { redirect: "manual" });
      expect(first.headers.get("location")).toBe("/fi/sign-in?error=unavailable");
      await fetch(`${base}/fi/sign-in/start`, { redirect: "manual" });
      const limited = await fetch(`${base}/fi/sign-in/start`, { redirect: "manual" });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.text()).toContain(common.fi("status.429.title"));
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }, 60_000);
});

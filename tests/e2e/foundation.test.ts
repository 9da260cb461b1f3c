import { afterAll, describe, expect, it } from "vitest";
import { axe, baseURL, checkEverywhere, closeBrowser, newContext } from "./browser";

afterAll(closeBrowser);

describe("the public shell", () => {
  it.each([
    ["front page", ""],
    ["accessibility statement", "/accessibility"],
    ["privacy notice", "/privacy"],
  ])("%s passes axe and the page basics everywhere", async (_name, path) => {
    expect(await checkEverywhere(path)).toEqual([]);
  });

  it("a 404 keeps the layout and the language everywhere", async () => {
    expect(await checkEverywhere("/no-such-page", { status: 404 })).toEqual([]);
  });

  it("/ redirects to the preferred language with 303", async () => {
    const res = await fetch(`${baseURL()}/`, { redirect: "manual", headers: { "Accept-Language": "en-GB,en;q=0.8" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/en");
    const none = await fetch(`${baseURL()}/`, { redirect: "manual", headers: { "Accept-Language": "de" } });
    expect(none.headers.get("location")).toBe("/fi");
  });

  it("an unknown prefix answers 404 in the language the browser prefers", async () => {
    const res = await fetch(`${baseURL()}/de/startseite`, { headers: { "Accept-Language": "sv" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain("Sidan hittades inte");
  });

  it("a malformed address answers a translated 400, not a crash", async () => {
    const res = await fetch(`${baseURL()}/en/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("We could not handle that request");
  });

  it("every response carries the security headers with a fresh nonce", async () => {
    const nonces = new Set<string>();
    for (const path of ["/fi", "/sv/privacy", "/en/no-such-page"]) {
      const res = await fetch(`${baseURL()}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("strict-transport-security")).toContain("max-age=");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBeTruthy();
      nonces.add(/nonce-([^']+)/.exec(csp)![1]);
    }
    expect(nonces.size).toBe(3);
  });

  it("a cross-site POST is refused with 403 before any route", async () => {
    const attempts: Record<string, string>[] = [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }];
    for (const headers of attempts) {
      const res = await fetch(`${baseURL()}/fi`, { method: "POST", headers, body: "x=1" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Pyyntö estettiin");
    }
  });

  it("/healthz answers 200 on a healthy database", async () => {
    const res = await fetch(`${baseURL()}/healthz`);
    expect(res.status).toBe(200);
  });

  it("the language switch links to the same page in the other languages", async () => {
    const context = await newContext({ js: false });
    const page = await context.newPage();
    await page.goto("/fi/privacy");
    const links = page.getByRole("navigation", { name: "Kieli" }).getByRole("link");
    expect(await links.evaluateAll((as) => as.map((a) => [a.getAttribute("href"), a.getAttribute("lang"), a.getAttribute("hreflang")]))).toEqual([
      ["/sv/privacy", "sv", "sv"],
      ["/en/privacy", "en", "en"],
    ]);
    await page.getByRole("link", { name: "På svenska" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    await context.close();
  });

  it("the keyboard reaches the skip link first and it moves focus to main", async () => {
    const context = await newContext({ js: true });
    const page = await context.newPage();
    await page.goto("/en");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe("#main");
    await context.close();
  });

  it("the harness's axe check reports a violation when a page has one (it is not silently passing)", async () => {
    const context = await newContext({ js: true });
    const page = await context.newPage();
    await page.goto("/en/accessibility");
    // Hydration would throw away nodes added before it finishes.
    await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 10_000 });
    expect(await axe(page)).toEqual([]);
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.id = "unlabelled";
      document.querySelector("main")!.append(input);
      document.querySelector("main")!.style.color = "#ccc";
    });
    const violations = await axe(page);
    expect(violations.some((v) => v.startsWith("label ") && v.includes("#unlabelled"))).toBe(true);
    expect(violations.some((v) => v.startsWith("color-contrast "))).toBe(true);
    expect(await axe(page, { exclude: "main" })).toEqual([]);
    await context.close();
  });
});

import http from "node:http";
import zlib from "node:zlib";
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

  it.each(["fi", "sv", "en"] as const)(
    "the front page's first screen on a phone (360 × 640, %s) names where a pilot runs now and has one primary action",
    async (lang) => {
      const api = (await (await fetch(`${baseURL()}/api/v1/pilots.json`)).json()) as {
        pilots: { status: string; area: { name: { fi: string; sv: string } | null }[] }[];
      };
      const running = api.pilots.filter((p) => p.status === "running" && p.area.length <= 20);
      expect(running.length).toBeGreaterThan(0);
      const context = await newContext({ js: false, width: 360 });
      const page = await context.newPage();
      await page.setViewportSize({ width: 360, height: 640 });
      await page.goto(`/${lang}`);
      const firstScreen = async (selector: string) =>
        (await page.locator(selector).evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? "", bottom: e.getBoundingClientRect().bottom }))))
          .filter((e) => e.bottom <= 640);
      // Every municipality of every running pilot, by name, above the fold.
      const areas = (await firstScreen(".home-areas__names")).map((e) => e.text).join(" ");
      for (const p of running) for (const m of p.area) expect(areas).toContain(lang === "sv" ? m.name!.sv : m.name!.fi);
      // One button on the first screen, and it starts the check.
      const buttons = await firstScreen("main .button");
      expect(buttons).toHaveLength(1);
      expect(await page.locator("main .button").first().getAttribute("href")).toBe(`/${lang}/eligibility`);
      await context.close();
    },
  );

  it("the front page says that a choice of a provider binds, and promises no 'always'", async () => {
    const res = await fetch(`${baseURL()}/en`);
    const html = await res.text();
    expect(html).toContain("Once you choose a provider, the choice binds you for 6 months.");
    expect(html).not.toMatch(/always choose the public/i);
  });

  it("with JavaScript, a new page is announced: after a client-side navigation focus is on its h1, not on the link clicked", async () => {
    const context = await newContext({ js: true, width: 360 });
    const page = await context.newPage();
    await page.goto("/en");
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    // Not on the first load.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
    const focused = () => page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent }));

    const nav = page.getByRole("navigation", { name: "Main menu" });
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await nav.getByRole("link", { name: "Providers" }).click();
    await page.waitForURL("**/en/providers");
    await expect.poll(focused).toEqual({ tag: "H1", text: "Compare providers" });
    // Still a plain client-side navigation: the document was not reloaded.
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);

    await nav.getByRole("link", { name: "Can I choose?" }).click();
    await page.waitForURL("**/en/eligibility");
    await expect.poll(focused).toEqual({ tag: "H1", text: "Can I choose a service provider?" });

    // Choosing a municipality changes only what the form shows: focus stays in the form.
    const select = page.getByLabel("What is your home municipality?");
    await select.focus();
    await select.selectOption({ label: "Kuopio" });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
    await context.close();
  });

  it("the main navigation marks the current page (aria-current) and shows it", async () => {
    const context = await newContext({ js: false, width: 360 });
    const page = await context.newPage();
    const nav = page.getByRole("navigation", { name: "Main menu" });
    await page.goto("/en/providers");
    expect(await nav.getByRole("link", { name: "Providers" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Can I choose?" }).getAttribute("aria-current")).toBeNull();
    const style = (name: string) => nav.getByRole("link", { name }).evaluate((a) => [getComputedStyle(a).fontWeight, getComputedStyle(a).borderBottomWidth]);
    expect(await style("Providers")).not.toEqual(await style("Can I choose?"));
    // Inside the area (a provider's profile): marked as where the person is, not as the page itself.
    await page.goto("/en/providers/tyopolku");
    expect(await nav.getByRole("link", { name: "Providers" }).getAttribute("aria-current")).toBe("true");
    await page.goto("/en");
    expect(await nav.locator("[aria-current]").count()).toBe(0);
    await context.close();
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

describe("the browser's scripts and styles (decision 077)", () => {
  it("are sent as the brotli or gzip file made at build time, the same bytes unpacked, and plain to a client that takes neither", async () => {
    const html = await (await fetch(`${baseURL()}/fi`)).text();
    const assets = [...html.matchAll(/"(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of new Set(assets)) {
      const plain = await fetch(`${baseURL()}${asset}`, { headers: { "accept-encoding": "identity" } });
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(plain.headers.get("cache-control")).toContain("immutable");
      const bytes = Buffer.from(await plain.arrayBuffer());
      if (bytes.length < 1024) continue; // a small file is not worth a packed copy
      for (const [accept, encoding, unpack] of [
        ["br", "br", zlib.brotliDecompressSync],
        ["gzip", "gzip", zlib.gunzipSync],
        ["gzip, deflate, br", "br", zlib.brotliDecompressSync],
      ] as const) {
        // node:http, not fetch: fetch would unpack the body itself.
        const res = await rawGet(`${baseURL()}${asset}`, accept);
        expect([asset, accept, res.headers["content-encoding"]]).toEqual([asset, accept, encoding]);
        expect(res.headers.vary).toContain("Accept-Encoding");
        expect(unpack(res.body).equals(bytes)).toBe(true);
      }
    }
  });
});

describe("rendered pages, compressed as they go out (decision 080)", () => {
  /** The window a brotli stream declares in its first bits (RFC 7932, 9.1): 2^WBITS − 16 bytes. */
  function brotliWindowBits(first: number): number {
    if ((first & 1) === 0) return 16;
    const n = (first >> 1) & 7;
    if (n !== 0) return 17 + n;
    const m = (first >> 4) & 7;
    return m === 0 ? 17 : 8 + m;
  }

  it("take brotli with a small window, or gzip, and unpack to the page", async () => {
    // The eligibility check is rendered for every request (not a cached public page).
    for (const [accept, encoding, unpack] of [
      ["gzip, deflate, br, zstd", "br", zlib.brotliDecompressSync],
      ["gzip", "gzip", zlib.gunzipSync],
    ] as const) {
      const res = await rawGet(`${baseURL()}/fi/eligibility`, accept);
      expect([accept, res.headers["content-encoding"]]).toEqual([accept, encoding]);
      const html = unpack(res.body).toString("utf8");
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).toContain("</html>");
      if (encoding === "br") expect(brotliWindowBits(res.body[0])).toBe(18);
    }
  });
});

function rawGet(url: string, acceptEncoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

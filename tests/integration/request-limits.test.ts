import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "~/.server/platform/config";
import { CSRF_COOKIE } from "~/.server/platform/csrf";
import { familyOf } from "~/.server/platform/rate-limit";
import { routeMatcher } from "~/.server/platform/route-match";
import { signedIn } from "../support/auth";
import { startApp, testRoutes } from "../support/app";

/**
 * The request limits of docs/decisions/066-request-limits.md, through the site's whole HTTP stack
 * (server/app.mjs in front of the real routes): rate limits by the route the router matches, keyed so
 * that one person cannot lock out the others behind the same address, and body sizes.
 */

const spellings: [string, string, string][] = [
  ["/API/v1/pilots.json", "routes/api.v1.pilots", "api"],
  ["/%61pi/v1/pilots.json", "routes/api.v1.pilots", "api"],
  ["/api/v1/pilots.json/", "routes/api.v1.pilots", "api"],
  ["/fi/sign-in/%73tart", "routes/lang.sign-in.start", "sign-in"],
  ["/fi/SIGN-IN/start/", "routes/lang.sign-in.start", "sign-in"],
  ["/auth/%63allback", "routes/auth.callback", "sign-in"],
  ["/AUTH/callback", "routes/auth.callback", "sign-in"],
  ["/auth/callback/", "routes/auth.callback", "sign-in"],
];

describe("which limit a request counts against", () => {
  const match = routeMatcher(testRoutes());
  it.each(spellings)("%s is the route %s however it is spelled", (path, route, family) => {
    expect(match(path)).toBe(route);
    expect(familyOf("GET", match(path))).toBe(family);
  });
  it("form posts count against form posts, sign-out never, reading pages never", () => {
    expect(familyOf("POST", match("/fi/eligibility"))).toBe("form-posts");
    expect(familyOf("POST", match("/FI/Choose/"))).toBe("form-posts");
    expect(familyOf("POST", match("/fi/sign-out"))).toBeNull();
    expect(familyOf("POST", match("/sv/%73ign-out/"))).toBeNull();
    expect(familyOf("GET", match("/fi/providers"))).toBeNull();
    expect(familyOf("POST", match("/fi/no-such-page"))).toBe("form-posts");
  });
});

const env = {
  RATE_LIMIT_SIGN_IN: "3",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "60",
  RATE_LIMIT_FORM_POSTS: "4",
  RATE_LIMIT_FORM_POSTS_PER_ADDRESS: "40",
  RATE_LIMIT_API: "3",
};

describe("rate limits over the whole stack", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    Object.assign(process.env, env);
    resetConfig();
    app = await startApp();
  });
  afterEach(async () => {
    await app.close();
    for (const k of Object.keys(env)) delete process.env[k];
    resetConfig();
  });

  const browser = (n: number) => ({ cookie: `${CSRF_COOKIE}=browser-${String(n).padStart(4, "0")}-0123456789abcdef` });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.base}${path}`, { headers, redirect: "manual" });
  const post = (path: string, headers: Record<string, string> = {}, body = "a=1") =>
    fetch(`${app.base}${path}`, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });

  it("every spelling of a limited path is limited once the limit is used up: 429, Retry-After, the translated page", async () => {
    for (let i = 0; i < 3; i++) expect((await get("/api/v1/pilots.json")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get("/fi/sign-in/start", browser(1))).status).not.toBe(429);
    for (const [path, , family] of spellings) {
      const res = await get(path, family === "sign-in" ? browser(1) : {});
      expect(res.status, path).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      if (family === "sign-in") expect(await res.text()).toContain("Liian monta pyyntöä");
    }
  });

  it("20 people signing in at once from one address all get through; one of them repeating is limited alone", async () => {
    for (let person = 0; person < 20; person++) {
      expect((await get("/fi/sign-in/start", browser(person))).status, `person ${person}`).not.toBe(429);
      expect((await get("/auth/callback?code=x&state=y", browser(person))).status, `person ${person}`).not.toBe(429);
    }
    // Person 0 keeps trying: limited after 3 in the window; the others are not.
    expect((await get("/fi/sign-in/start", browser(0))).status).not.toBe(429);
    expect((await get("/fi/sign-in/start", browser(0))).status).toBe(429);
    expect((await get("/fi/sign-in/start", browser(21))).status).not.toBe(429);
  });

  it("one abuser's form posts do not lock out the others at the address; sign-out is never limited", async () => {
    for (let i = 0; i < 4; i++) expect((await post("/fi/eligibility", browser(1))).status).not.toBe(429);
    expect((await post("/fi/eligibility", browser(1))).status).toBe(429);
    // Another browser at the same address, and a signed-in person, post as usual.
    expect((await post("/fi/eligibility", browser(2))).status).not.toBe(429);
    const aino = signedIn("aino");
    expect((await post("/fi/choose", { cookie: aino.cookie })).status).not.toBe(429);
    // Sign-out is never limited, even for the abuser.
    for (let i = 0; i < 10; i++) expect((await post("/fi/sign-out", browser(1))).status).not.toBe(429);
  });

  it("a signed-in person is limited by account, whatever browser or cookie they send it with", async () => {
    const aino = signedIn("aino");
    for (let i = 0; i < 4; i++) expect((await post("/fi/choose", { cookie: aino.cookie })).status).not.toBe(429);
    expect((await post("/fi/choose", { cookie: `${aino.cookie.split(";")[0]}; ${CSRF_COOKIE}=another-browser-0123456789` })).status).toBe(429);
    // A made-up session cookie is not an account: it counts as that browser, not a fresh budget.
    const fake = `__Host-valinta=${"x".repeat(43)}; ${browser(9).cookie}`;
    for (let i = 0; i < 4; i++) expect((await post("/fi/choose", { cookie: fake })).status).not.toBe(429);
    expect((await post("/fi/choose", { cookie: fake })).status).toBe(429);
  });

  it("anonymous posts behind one address meet the address's ceiling, however many cookies they invent", async () => {
    let limited = 0;
    for (let i = 0; i < 45; i++) if ((await post("/fi/eligibility", browser(100 + i))).status === 429) limited++;
    expect(limited).toBe(5);
  });
});

describe("body sizes and bodies that are not forms", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it("a form over 128 KB is refused with 413 before it is read", async () => {
    const res = await fetch(`${app.base}/fi/sign-out`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${"a".repeat(200 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Lähetys oli liian suuri");
  });

  it("a body sent without a length is cut off at the limit: 413 or the connection closed, never read whole", async () => {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 4000) c.enqueue(chunk); // 250 MB if it were all read
        else c.close();
      },
    });
    try {
      const res = await fetch(`${app.base}/en/sign-out`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        duplex: "half",
      });
      expect(res.status).toBe(413);
    } catch (error) {
      expect(String((error as Error).cause)).toMatch(/ECONNRESET|EPIPE|other side closed/);
    }
    expect(sent).toBeLessThan(100);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });

  it.each([
    ["no body", undefined, undefined],
    ["JSON", "application/json", '{"csrf":"x"}'],
    ["text", "text/plain", "csrf=x"],
    ["multipart without a boundary", "multipart/form-data", "--x\r\n"],
    ["broken multipart", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"],
  ])("sign-out answers 400 to %s, not 500", async (_name, type, body) => {
    const res = await fetch(`${app.base}/fi/sign-out`, { method: "POST", headers: type ? { "content-type": type } : {}, body });
    expect(res.status).toBe(400);
  });

  it.each(["PUT", "PATCH", "DELETE"])("sign-out answers 405 to %s", async (method) => {
    const res = await fetch(`${app.base}/fi/sign-out`, { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(res.status).toBe(405);
  });
});

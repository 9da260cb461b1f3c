import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "~/.server/platform/config";
import { CSRF_COOKIE } from "~/.server/platform/csrf";
import { signedIn } from "../support/auth";
import { startApp, testRoutes } from "../support/app";

/**
 * The standing hostile-input test (issue 12): every route of app/routes.ts, through the site's whole
 * HTTP stack, gets a fixed set of hostile queries and bodies — very long strings, NUL bytes, broken
 * UTF-8 and percent-encoding, wrong types, missing and repeated fields, other methods and content
 * types — as a visitor and as the role the route is for. Each form's own field names are read from the
 * page, and the bodies carry a valid CSRF token, so that the hostile values reach the actions' parsing.
 *
 * Asserted for every request: no 5xx, no unescaped reflection of what was sent; and at the end that
 * the server still answers. A new route in app/routes.ts is covered without touching this file.
 */

const MARK = `<x-hostile id="h">"'`;
const long = "ä".repeat(20_000);
const hostileValues = [long, `a\u0000b`, MARK, "-1", "1e309", "NaN", "[object Object]", "9".repeat(400), "../../etc/passwd", "\u202e\ud800"];

/** Path parameters filled with real values (so pages are reached) and, in a second pass, hostile ones. */
const realParams: Record<string, string> = {
  lang: "fi",
  pilot: "north-savo-choice",
  id: "1",
  slug: "tyopolku",
  businessId: "2345671-3",
  reference: "VAL-0000-0000",
  status: "400",
  upload: "1",
  "*": "x",
};
const hostileParam = `%00%C3%28${encodeURIComponent(MARK)}${"z".repeat(3000)}`;

type Who = "visitor" | "jobseeker" | "official" | "staff";
function whoFor(path: string): Who[] {
  if (path.startsWith("official")) return ["visitor", "official"];
  if (path.startsWith("provider-staff")) return ["visitor", "staff"];
  if (/^(choose|my|sign-out|foreign-eid)/.test(path)) return ["visitor", "jobseeker"];
  return ["visitor"];
}

/** Every route's full path pattern, from the route manifest the router uses. */
function routePatterns(): string[] {
  const routes = testRoutes();
  const full = (id: string): string => {
    const r = routes[id];
    const own = r.path ?? "";
    return r.parentId ? [full(r.parentId), own].filter(Boolean).join("/") : own;
  };
  return [...new Set(Object.keys(routes).map(full))].sort();
}

function fill(pattern: string, hostile: boolean): string {
  return (
    "/" +
    pattern
      .split("/")
      .map((seg) => {
        if (seg === "*") return hostile ? hostileParam : "x";
        if (!seg.startsWith(":")) return seg;
        const name = seg.slice(1).replace(/\?$/, "");
        return hostile && name !== "lang" ? hostileParam : realParams[name] ?? "x";
      })
      .join("/")
  );
}

const hostileQueries = [
  `?q=${encodeURIComponent(long)}`,
  `?municipality=%00&step=%C3%28&pilot=%&page=-1&page=99999999999999999999`,
  `?${encodeURIComponent(MARK)}=${encodeURIComponent(MARK)}&returnTo=${encodeURIComponent("//evil.example/" + MARK)}`,
  `?a[]=1&a[b]=2&__proto__[x]=1&constructor=1&_data=root&index&_routes=root`,
];

function reflects(body: string): boolean {
  return body.includes(MARK.slice(0, 9)); // "<x-hostile": only ever sent, so never on a page unescaped
}

describe("hostile input to every route", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  const env = { RATE_LIMIT_FORM_POSTS: "100000", RATE_LIMIT_FORM_POSTS_PER_ADDRESS: "100000", RATE_LIMIT_SIGN_IN: "100000", RATE_LIMIT_SIGN_IN_PER_ADDRESS: "100000", RATE_LIMIT_API: "100000" };
  beforeAll(async () => {
    Object.assign(process.env, env);
    resetConfig();
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
    for (const k of Object.keys(env)) delete process.env[k];
    resetConfig();
  });

  it("answers every route's hostile queries, bodies, methods and content types without a 5xx or an unescaped echo", async () => {
    const people: Record<Who, { cookie: string; csrf: string }> = {
      visitor: { cookie: `${CSRF_COOKIE}=visitor-browser-0123456789`, csrf: "" },
      jobseeker: signedIn("aino"),
      official: signedIn("sari"),
      staff: signedIn("kaisa"),
    };
    const failures: string[] = [];
    let requests = 0;
    const send = async (who: Who, path: string, init: RequestInit = {}) => {
      requests++;
      const headers = new Headers(init.headers);
      headers.set("cookie", people[who].cookie);
      let res: Response;
      try {
        res = await fetch(`${app.base}${path}`, { ...init, headers, redirect: "manual" });
      } catch (error) {
        failures.push(`${who} ${init.method ?? "GET"} ${path.slice(0, 120)}: ${String(error)}`);
        return "";
      }
      const body = await res.text();
      const label = `${who} ${init.method ?? "GET"} ${path.slice(0, 120)} [${String(headers.get("content-type") ?? "").slice(0, 40)}]`;
      if (res.status >= 500) failures.push(`${label}: ${res.status}`);
      if (reflects(body) || reflects(res.headers.get("location") ?? "")) failures.push(`${label}: reflects the input unescaped`);
      return body;
    };

    for (const pattern of routePatterns()) {
      for (const who of whoFor(pattern)) {
        const path = fill(pattern, false);
        // The page as it is, and the field names of its forms.
        const page = await send(who, path);
        const fields = [...new Set([...page.matchAll(/<(?:input|select|textarea)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]))].filter((f) => f !== "csrf");
        const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "x";

        for (const q of hostileQueries) await send(who, path + q);
        await send(who, fill(pattern, true));

        const form = (values: [string, string][]) => new URLSearchParams([["csrf", csrf], ...values]).toString();
        const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
        const bodies: [Record<string, string>, BodyInit | undefined][] = [
          [{}, undefined],
          [urlencoded, form([])],
          [urlencoded, form(fields.flatMap((f) => hostileValues.map((v) => [f, v] as [string, string])))],
          [urlencoded, form(fields.map((f, i) => [f, hostileValues[i % hostileValues.length]]))],
          [urlencoded, `csrf=${csrf}&${fields.map((f) => `${encodeURIComponent(f)}=%C3%28%FF%00%`).join("&")}&intent=%E0%80`],
          [{ "content-type": "application/json" }, JSON.stringify(Object.fromEntries(fields.map((f) => [f, [MARK]])))],
          [{ "content-type": "multipart/form-data; boundary=b" }, `--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--b\r\nContent-Disposition: form-data; name="${fields[0] ?? "x"}"; filename="${MARK}.csv"\r\nContent-Type: text/csv\r\n\r\n${MARK}\r\n--b--\r\n`],
          [{ "content-type": "multipart/form-data" }, "--b\r\n"],
          [{ "content-type": "text/plain" }, `csrf=${csrf}`],
        ];
        for (const [headers, body] of bodies) await send(who, path, { method: "POST", headers, body });
        for (const method of ["PUT", "PATCH", "DELETE"]) await send(who, path, { method, headers: urlencoded, body: form([]) });
      }
    }

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  }, 120_000);
});

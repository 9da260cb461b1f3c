import { eq } from "drizzle-orm";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { audit, people, sessions } from "../../db/schema";
import { testPeople } from "../../db/seed/people";
import { audit as writeAudit } from "~/.server/platform/audit.store";
import { NO_ACCESS, getUser, requireOfficial, requireProviderStaff, requireUser, safeReturnPath, signInPath } from "~/.server/auth/auth";
import { CSRF_COOKIE, verifyCsrf } from "~/.server/platform/csrf";
import { getDb } from "~/.server/platform/db";
import { logger } from "~/.server/platform/log";
import { setOidcFetch } from "~/.server/auth/oidc";
import { SESSION_COOKIE, noStoreForSignedIn } from "~/.server/auth/session";
import { loader as rootLoader } from "~/root";
import { loader as myLoader } from "~/routes/lang.my";
import { action as signOutAction, loader as signOutLoader } from "~/routes/lang.sign-out";
import { args, run } from "../support/request";
import { signedIn } from "../support/auth";

function request(path: string, cookie?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("cookie", cookie);
  return new Request(new URL(path, "http://localhost"), { ...init, headers });
}

function thrown(fn: () => unknown): Response {
  try {
    fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a Response to be thrown");
}

/** Every name and identity code of the test people, for checking that logs hold none. */
const personal = testPeople.flatMap((p) => [p.givenName, p.familyName, ...(p.identityCode ? [p.identityCode] : [])]);

let logged: unknown[][];
beforeEach(() => {
  logged = [];
  for (const level of ["info", "warn", "error"] as const) {
    vi.spyOn(logger, level).mockImplementation((...a: unknown[]) => void logged.push(a));
  }
});
afterEach(() => {
  const text = JSON.stringify(logged);
  for (const p of personal) expect(text).not.toContain(p);
  vi.restoreAllMocks();
});
const refusals = () => logged.map((a) => a[0] as Record<string, unknown>).filter((e) => e.event === "access-refused");

describe("requireUser and sessions", () => {
  it("without a session: 303 to sign-in, back to where the person was going, and the refusal is logged", () => {
    const res = thrown(() => requireUser(request("/sv/my?x=1")));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sv/sign-in?returnTo=%2Fsv%2Fmy%3Fx%3D1");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(refusals()).toEqual([expect.objectContaining({ reason: "session-none", path: "/sv/my", method: "GET" })]);
  });

  it("the /my loader answers the same way, and with a session returns the person's own details", () => {
    const res = thrown(() => myLoader(args("/fi/my", { lang: "fi" })));
    expect(res.headers.get("location")).toBe("/fi/sign-in?returnTo=%2Ffi%2Fmy");
    const liisa = signedIn("liisa");
    const data = myLoader(args("/sv/my", { lang: "sv" }, { headers: { cookie: liisa.cookie } }));
    expect(data).toMatchObject({ name: "Liisa Nieminen", municipality: "S:t Michel", foreign: false, officialOf: [], staffOf: [] });
  });

  it("a jobseeker cannot read another person's data by changing an id: the page reads only the session's person", () => {
    const aino = signedIn("aino");
    const pekka = signedIn("pekka");
    for (const path of [`/fi/my?id=${pekka.personId}`, `/fi/my?personId=${pekka.personId}`, `/fi/my?person=${pekka.personId}`]) {
      const data = myLoader(args(path, { lang: "fi", id: String(pekka.personId) }, { headers: { cookie: aino.cookie } }));
      expect(data).toMatchObject({ name: "Aino Virtanen", municipality: "Siilinjärvi" });
    }
    // Nor by presenting the other person's session id as a different cookie value.
    expect(getUser(request("/fi/my", `${SESSION_COOKIE}=${pekka.personId}`))).toBeNull();
  });

  it("a tampered cookie is refused (and removed)", () => {
    const aino = signedIn("aino");
    const last = aino.token.at(-1) === "A" ? "B" : "A";
    const tampered = `${SESSION_COOKIE}=${aino.token.slice(0, -1)}${last}`;
    expect(getUser(request("/fi/my", tampered))).toBeNull();
    const res = thrown(() => requireUser(request("/fi/my", tampered)));
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie()).toContain(`${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`);
    expect(refusals().at(-1)).toMatchObject({ reason: "session-unknown" });
    // Junk that is not even a token is refused the same way.
    expect(getUser(request("/fi/my", `${SESSION_COOKIE}=../../etc/passwd`))).toBeNull();
    // The real session still works.
    expect(getUser(request("/fi/my", aino.cookie))?.givenName).toBe("Aino");
  });

  it("an idle session (30 minutes) is refused and deleted; activity keeps it alive", () => {
    const start = Date.UTC(2026, 0, 5, 8, 0);
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    try {
      const aino = signedIn("aino", start);
      vi.setSystemTime(start + 29 * 60_000);
      expect(getUser(request("/fi", aino.cookie))).not.toBeNull();
      vi.setSystemTime(start + 58 * 60_000);
      expect(getUser(request("/fi", aino.cookie))).not.toBeNull();
      vi.setSystemTime(start + 88 * 60_000 + 1);
      const res = thrown(() => requireUser(request("/fi/my", aino.cookie)));
      expect(res.status).toBe(303);
      expect(refusals().at(-1)).toMatchObject({ reason: "session-idle" });
      expect(getDb().select().from(sessions).where(eq(sessions.personId, aino.personId)).all()).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a session ends 8 hours after sign-in however active it is", () => {
    const start = Date.UTC(2026, 0, 5, 8, 0);
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    try {
      const aino = signedIn("aino", start);
      for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
        vi.setSystemTime(start + minutes * 60_000);
        expect(getUser(request("/fi", aino.cookie))).not.toBeNull();
      }
      vi.setSystemTime(start + 8 * 3_600_000);
      expect(thrown(() => requireUser(request("/fi/my", aino.cookie))).status).toBe(303);
      expect(refusals().at(-1)).toMatchObject({ reason: "session-expired" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("a deleted session is refused", () => {
    const aino = signedIn("aino");
    getDb().delete(sessions).where(eq(sessions.personId, aino.personId)).run();
    expect(thrown(() => requireUser(request("/fi/my", aino.cookie))).status).toBe(303);
  });

  it("safe return paths: only this site's language pages", () => {
    expect(safeReturnPath("/fi/my")).toBe("/fi/my");
    expect(safeReturnPath("/sv/providers?pilot=x")).toBe("/sv/providers?pilot=x");
    for (const bad of [
      "https://evil.example/fi",
      "//evil.example/fi",
      "/\\evil.example",
      "/%5Cevil",
      "fi/my",
      "/de/my",
      "/fi/sign-in",
      "/fi/sign-in/start",
      "/fi/sign-out",
      "/fi/my\nSet-Cookie: x",
      "javascript:alert(1)",
      `/fi/${"x".repeat(600)}`,
      "",
      null,
    ]) {
      expect(safeReturnPath(bad)).toBeNull();
    }
    expect(signInPath("en", "//evil.example")).toBe("/en/sign-in");
  });
});

describe("roles", () => {
  it("an official of one pilot cannot act on another", () => {
    const sari = signedIn("sari"); // North Savo
    const timo = signedIn("timo"); // Mikkeli
    expect(requireOfficial(request("/fi/x", sari.cookie), "north-savo-choice").roles.officialPilots).toEqual(["north-savo-choice"]);
    expect(requireOfficial(request("/fi/x", timo.cookie), "mikkeli-region-municipal").id).toBe(timo.personId);
    expect(requireOfficial(request("/fi/x", sari.cookie)).id).toBe(sari.personId);
    for (const [who, pilot] of [
      [sari, "mikkeli-region-municipal"],
      [timo, "north-savo-choice"],
      [sari, "no-such-pilot"],
    ] as const) {
      const res = thrown(() => requireOfficial(request("/fi/back-office", who.cookie), pilot));
      expect(res.status).toBe(403);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect(refusals().filter((r) => r.reason === "not-official")).toHaveLength(3);
    expect(refusals()[0]).toMatchObject({ pilotSlug: "mikkeli-region-municipal", path: "/fi/back-office" });
  });

  it("a jobseeker is not an official nor provider staff", async () => {
    const aino = signedIn("aino");
    const res = thrown(() => requireOfficial(request("/fi/x", aino.cookie)));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(NO_ACCESS);
    expect(thrown(() => requireProviderStaff(request("/fi/x", aino.cookie))).status).toBe(403);
    expect(requireUser(request("/fi/x", aino.cookie)).roles).toEqual({ jobseeker: true, officialPilots: [], providerBusinessIds: [] });
  });

  it("staff of one provider cannot act for another", () => {
    const kaisa = signedIn("kaisa");
    const olli = signedIn("olli");
    expect(requireProviderStaff(request("/fi/x", kaisa.cookie), "2345671-3").roles.providerBusinessIds).toEqual(["2345671-3"]);
    expect(requireProviderStaff(request("/fi/x", olli.cookie), "3456782-2").id).toBe(olli.personId);
    expect(thrown(() => requireProviderStaff(request("/fi/x", kaisa.cookie), "3456782-2")).status).toBe(403);
    expect(thrown(() => requireProviderStaff(request("/fi/x", olli.cookie), "2345671-3")).status).toBe(403);
    // Staff are not officials.
    expect(thrown(() => requireOfficial(request("/fi/x", kaisa.cookie))).status).toBe(403);
    expect(refusals().map((r) => r.reason)).toEqual(["not-provider-staff", "not-provider-staff", "not-official"]);
  });

  it("not signed in: the role helpers send to sign-in first", () => {
    expect(thrown(() => requireOfficial(request("/en/x"), "north-savo-choice")).headers.get("location")).toBe("/en/sign-in?returnTo=%2Fen%2Fx");
    expect(thrown(() => requireProviderStaff(request("/en/x"))).status).toBe(303);
  });

  it("the user every helper returns: ids, names, municipality, roles and the hashed actor id", () => {
    const sari = signedIn("sari");
    expect(getUser(request("/fi", sari.cookie))).toEqual({
      id: sari.personId,
      actorId: sari.identityHash,
      givenName: "Sari",
      familyName: "Kuittinen",
      homeMunicipality: "297",
      identifiedWith: "fi",
      roles: { jobseeker: true, officialPilots: ["north-savo-choice"], providerBusinessIds: [] },
    });
    expect(getUser(request("/fi"))).toBeNull();
  });

  it("a person's page lists their roles with the pilot's name in the page's language", () => {
    const timo = signedIn("timo");
    expect(myLoader(args("/en/my", { lang: "en" }, { headers: { cookie: timo.cookie } }))).toMatchObject({
      officialOf: ["Mikkeli region municipal employment pilot"],
    });
  });
});

describe("CSRF tokens and signing out", () => {
  function form(fields: Record<string, string>) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    return body;
  }

  it("verifyCsrf accepts the page's token and refuses a missing, wrong or another session's token with 403", () => {
    const aino = signedIn("aino");
    const pekka = signedIn("pekka");
    const post = (cookie: string) => request("/fi/my", cookie, { method: "POST" });
    expect(() => verifyCsrf(post(aino.cookie), form({ csrf: aino.csrf }))).not.toThrow();
    expect(thrown(() => verifyCsrf(post(aino.cookie), form({}))).status).toBe(403);
    expect(thrown(() => verifyCsrf(post(aino.cookie), form({ csrf: "x".repeat(43) }))).status).toBe(403);
    expect(thrown(() => verifyCsrf(post(aino.cookie), form({ csrf: pekka.csrf }))).status).toBe(403);
    // The token is bound to the session: the same CSRF cookie without the session does not fit.
    const csrfOnly = aino.cookie.split("; ").find((c) => c.startsWith(CSRF_COOKIE))!;
    expect(thrown(() => verifyCsrf(post(csrfOnly), form({ csrf: aino.csrf }))).status).toBe(403);
    expect(refusals().map((r) => r.reason)).toEqual(["csrf-missing", "csrf-mismatch", "csrf-mismatch", "csrf-mismatch"]);
  });

  it("the root loader gives a signed-in person a token that verifies and sets the CSRF cookie when missing; a reader gets no cookie", () => {
    // Someone who only reads gets no token and no cookie: every form that posts is behind sign-in.
    const reader = rootLoader(args("/fi", {})) as unknown as { data: { csrfToken: string; signedIn: boolean }; init: { headers: Headers } };
    expect(reader.data).toMatchObject({ signedIn: false, csrfToken: "" });
    expect(reader.init.headers.getSetCookie()).toEqual([]);

    // A dead session cookie is removed, and nothing else is set.
    const stale = rootLoader(args("/fi", {}, { headers: { cookie: `${SESSION_COOKIE}=${"A".repeat(43)}` } })) as unknown as {
      data: { csrfToken: string; signedIn: boolean };
      init: { headers: Headers };
    };
    expect(stale.data).toMatchObject({ signedIn: false, csrfToken: "" });
    expect(stale.init.headers.getSetCookie()).toEqual([`${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`]);

    // Signed in without a CSRF cookie yet (the first page after signing in): the cookie is set, and
    // the page's token fits it and the session.
    const aino = signedIn("aino");
    const sessionOnly = `${SESSION_COOKIE}=${aino.token}`;
    const first = rootLoader(args("/fi", {}, { headers: { cookie: sessionOnly } })) as unknown as {
      data: { csrfToken: string; signedIn: boolean };
      init: { headers: Headers };
    };
    expect(first.data.signedIn).toBe(true);
    const setCookie = first.init.headers.get("set-cookie")!;
    expect(setCookie).toMatch(new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Lax$`));
    const both = `${sessionOnly}; ${setCookie.split(";")[0]}`;
    expect(() => verifyCsrf(request("/fi/x", both, { method: "POST" }), form({ csrf: first.data.csrfToken }))).not.toThrow();

    const signed = rootLoader(args("/fi", {}, { headers: { cookie: aino.cookie } })) as unknown as { data: { csrfToken: string; signedIn: boolean }; init: { headers: Headers } };
    expect(signed.data).toMatchObject({ signedIn: true, csrfToken: aino.csrf });
    expect(signed.init.headers.getSetCookie()).toEqual([]);
  });

  it("signing out without a token is refused and keeps the session", async () => {
    const aino = signedIn("aino");
    const res = await run(() => signOutAction(args("/fi/sign-out", { lang: "fi" }, { method: "POST", headers: { cookie: aino.cookie }, body: new URLSearchParams({}) })));
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(403);
    expect(getUser(request("/fi", aino.cookie))).not.toBeNull();
  });

  it("signing out deletes the session, audits it, removes the cookie and ends the provider's session", async () => {
    // The built-in provider's discovery document, answered here (no server runs in these tests).
    const idp = "http://localhost:3000/test-idp";
    setOidcFetch((url) =>
      Promise.resolve(
        new URL(url).pathname === "/test-idp/.well-known/openid-configuration"
          ? Response.json({ issuer: idp, authorization_endpoint: `${idp}/auth`, token_endpoint: `${idp}/token`, jwks_uri: `${idp}/jwks`, end_session_endpoint: `${idp}/session/end` })
          : new Response(null, { status: 404 }),
      ),
    );
    onTestFinished(() => setOidcFetch(undefined));
    const aino = signedIn("aino");
    const res = await run(() =>
      signOutAction(args("/fi/sign-out", { lang: "fi" }, { method: "POST", headers: { cookie: aino.cookie }, body: new URLSearchParams({ csrf: aino.csrf }) })),
    );
    if (!(res instanceof Response)) throw new Error("expected a redirect");
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toBe(`${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    // RP-initiated logout at the built-in provider, back to the signed-out page in the same language.
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/test-idp/session/end");
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost:3000/fi/sign-out");
    expect(location.searchParams.get("ui_locales")).toBe("fi");
    expect(location.searchParams.get("client_id")).toBe("valinta-demo");
    expect(getDb().select().from(sessions).all()).toHaveLength(0);
    expect(getDb().select().from(audit).where(eq(audit.action, "auth.sign-out")).all()).toEqual([
      expect.objectContaining({ actor: aino.identityHash, action: "auth.sign-out" }),
    ]);
    // The person row stays (it holds no more than the HMAC, names and municipality).
    expect(getDb().select().from(people).where(eq(people.id, aino.personId)).get()?.givenName).toBe("Aino");
    expect(signOutLoader(args("/fi/sign-out", { lang: "fi" }, { headers: { cookie: aino.cookie } }))).toEqual({ lang: "fi", signedIn: false });
  });

  it("when the provider cannot be reached, signing out still ends the session here and shows the signed-out page", async () => {
    setOidcFetch(() => Promise.resolve(new Response(null, { status: 503 })));
    onTestFinished(() => setOidcFetch(undefined));
    const aino = signedIn("aino");
    const res = await run(() =>
      signOutAction(args("/sv/sign-out", { lang: "sv" }, { method: "POST", headers: { cookie: aino.cookie }, body: new URLSearchParams({ csrf: aino.csrf }) })),
    );
    if (!(res instanceof Response)) throw new Error("expected a redirect");
    expect(res.headers.get("location")).toBe("/sv/sign-out");
    expect(getDb().select().from(sessions).all()).toHaveLength(0);
    expect(logged.map((a) => a[0] as Record<string, unknown>)).toContainEqual(expect.objectContaining({ event: "end-session-unavailable" }));
  });
});

describe("audit trail", () => {
  it("is append-only: rows cannot be changed or removed", () => {
    const db = getDb();
    writeAudit(db, { actor: "system", action: "test.append", subject: "x", details: { n: 1 } });
    const row = db.select().from(audit).where(eq(audit.action, "test.append")).get()!;
    expect(row).toMatchObject({ actor: "system", subject: "x", pilotSlug: null, details: { n: 1 } });
    expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(() => db.update(audit).set({ actor: "someone else" }).where(eq(audit.id, row.id)).run()).toThrow(/append-only/);
    expect(() => db.delete(audit).where(eq(audit.id, row.id)).run()).toThrow(/append-only/);
  });

  it("is written in the same transaction as the change: a failed change leaves no audit row", () => {
    const db = getDb();
    expect(() =>
      db.transaction((tx) => {
        writeAudit(tx, { actor: "system", action: "test.rolled-back" });
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(db.select().from(audit).where(eq(audit.action, "test.rolled-back")).all()).toHaveLength(0);
  });
});

describe("no-store for signed-in pages", () => {
  function headerFor(path: string, cookie?: string, routeSet?: string) {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    noStoreForSignedIn({ headers: { cookie }, path }, res, () => undefined);
    if (routeSet) res.setHeader("Cache-Control", routeSet);
    res.writeHead(200);
    return res.getHeader("Cache-Control");
  }
  it("applies to every response for a browser with a session cookie, and to the personal pages, exactly once", () => {
    expect(headerFor("/fi/providers", `${SESSION_COOKIE}=abc`)).toBe("no-store");
    expect(headerFor("/fi/providers", `${SESSION_COOKIE}=abc`, "public, max-age=60")).toBe("no-store");
    expect(headerFor("/fi/my")).toBe("no-store");
    expect(headerFor("/sv/sign-in")).toBe("no-store");
    expect(headerFor("/auth/callback", undefined, "no-store")).toBe("no-store");
    expect(headerFor("/fi/providers")).toBeUndefined();
    expect(headerFor("/fi/providers", `${CSRF_COOKIE}=abc`)).toBeUndefined();
  });
});

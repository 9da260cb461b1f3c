import { count, eq } from "drizzle-orm";
import { SignJWT, base64url, calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK } from "jose";
import crypto from "node:crypto";
import type { CustomFetch } from "openid-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { audit, people, sessions, signInAttempts } from "../../db/schema";
import { resetConfig } from "~/.server/platform/config";
import { getDb } from "~/.server/platform/db";
import { identityCodeHash } from "~/.server/platform/identity";
import { logger } from "~/.server/platform/log";
import { resetOidc, setOidcFetch } from "~/.server/auth/oidc";
import { loader as callbackLoader } from "~/routes/auth.callback";
import { loader as startLoader } from "~/routes/lang.sign-in.start";
import { loader as jwksLoader } from "~/routes/well-known.jwks";
import { args, run } from "../support/request";
import { expectNotSaved, fillDisk, untilNotSaved } from "../support/full-disk";
import { remixRequest } from "../support/remix-build";

/**
 * The relying party against a provider this test plays itself: discovery, JWKS and token endpoint
 * answered in memory, and ID tokens signed (or forged) here with jose. Each broken callback must
 * be refused with no session, no person row and a log line without personal data.
 */
const issuer = "https://idp.example.test";
const clientId = "valinta-test-client";
const loa3 = "http://ftn.ficora.fi/2017/loa3";
const loa2 = "http://ftn.ficora.fi/2017/loa2";
const code = "131052-308T";
const savedEnv = { ...process.env };

let idpKey: CryptoKey;
let idpPublic: JWK;
let otherKey: CryptoKey;
let authorizationCode = "";
let challenge = "";
let issuedIdToken = "";
let assertionChecked = false;

type Claims = Record<string, unknown>;
let makeIdToken: (claims: Claims) => Promise<string>;

async function sign(claims: Claims, key: CryptoKey = idpKey, header: Record<string, string> = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: idpPublic.kid!, ...header }).sign(key);
}

function unsigned(claims: Claims) {
  const enc = (o: unknown) => base64url.encode(JSON.stringify(o));
  return `${enc({ alg: "none", kid: idpPublic.kid })}.${enc(claims)}.`;
}

/** The provider's token endpoint checks the site's private_key_jwt against the site's own published JWKS, and PKCE. */
const fakeFetch: CustomFetch = async (url, options) => {
  const u = new URL(url);
  if (u.pathname === "/.well-known/openid-configuration") {
    return Response.json({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      end_session_endpoint: `${issuer}/logout`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      authorization_response_iss_parameter_supported: true,
    });
  }
  if (u.pathname === "/jwks") return Response.json({ keys: [idpPublic] });
  if (u.pathname === "/token") {
    const body = new URLSearchParams(options.body as URLSearchParams);
    const jwks = (await jwksLoader().json()) as { keys: JWK[] };
    const { payload } = await jwtVerify(body.get("client_assertion")!, createLocalJWKSet(jwks), { issuer: clientId, audience: issuer });
    expect(payload.sub).toBe(clientId);
    expect(body.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    expect(body.get("code")).toBe(authorizationCode);
    const verifier = body.get("code_verifier")!;
    expect(crypto.createHash("sha256").update(verifier).digest("base64url")).toBe(challenge);
    assertionChecked = true;
    return Response.json({ access_token: "opaque", token_type: "Bearer", expires_in: 60, id_token: issuedIdToken });
  }
  return new Response("not found", { status: 404 });
};

function goodClaims(nonce: string): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    aud: clientId,
    sub: "subject-1",
    iat: now,
    exp: now + 300,
    nonce,
    acr: loa3,
    given_name: "Testi",
    family_name: "Tunnistettava",
    "urn:oid:1.2.246.21": code,
    "urn:oid:1.2.246.517.2002.2.18": "749",
  };
}

/** Starts a sign-in as a browser would, and returns what the callback needs. */
async function start(lang = "fi", returnTo = "/fi/my") {
  const res = await run(() => startLoader(args(`/${lang}/sign-in/start?returnTo=${encodeURIComponent(returnTo)}`, { lang })));
  if (!(res instanceof Response)) throw new Error("expected a redirect");
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(`${issuer}/auth`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0];
  expect(cookie).toMatch(/^__Host-valinta-signin=/);
  expect(res.headers.get("set-cookie")).toMatch(/Secure; HttpOnly; SameSite=Lax; Max-Age=600/);
  challenge = location.searchParams.get("code_challenge")!;
  return {
    cookie,
    state: location.searchParams.get("state")!,
    nonce: location.searchParams.get("nonce")!,
    params: location.searchParams,
  };
}

async function callback(query: string, cookie?: string) {
  authorizationCode = new URLSearchParams(query).get("code") ?? "";
  const res = await run(() => callbackLoader(args(`/auth/callback?${query}`, {}, { headers: cookie ? { cookie } : {} })));
  if (!(res instanceof Response)) throw new Error("expected a redirect");
  return res;
}

function sessionCookie(res: Response) {
  return res.headers.getSetCookie().find((c) => /^__Host-valinta=[^;]+/.test(c));
}

function counts() {
  const db = getDb();
  return {
    people: db.select({ n: count() }).from(people).get()!.n,
    sessions: db.select({ n: count() }).from(sessions).get()!.n,
    signIns: db.select({ n: count() }).from(audit).where(eq(audit.action, "auth.sign-in")).get()!.n,
  };
}

beforeAll(async () => {
  const site = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  Object.assign(process.env, {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_PRIVATE_KEY: site.export({ type: "pkcs8", format: "pem" }).toString(),
    OIDC_ACR_VALUES: `${loa3} ${loa2}`,
  });
  resetConfig();
  resetOidc();
  setOidcFetch(fakeFetch);
  const pair = await generateKeyPair("RS256", { extractable: true });
  idpKey = pair.privateKey;
  idpPublic = await exportJWK(pair.publicKey);
  idpPublic.kid = await calculateJwkThumbprint(idpPublic);
  idpPublic.alg = "RS256";
  idpPublic.use = "sig";
  otherKey = (await generateKeyPair("RS256")).privateKey;
  makeIdToken = (claims) => sign(claims);
});

afterAll(() => {
  setOidcFetch(undefined);
  process.env = savedEnv;
  resetConfig();
  resetOidc();
});

let warn: MockInstance<typeof logger.warn>;
beforeEach(() => {
  assertionChecked = false;
  warn = vi.spyOn(logger, "warn");
});
afterEach(() => {
  // Whatever was logged holds no identity code and no name.
  const logged = JSON.stringify(warn.mock.calls);
  for (const secretThing of [code, "Testi", "Tunnistettava", "subject-1"]) expect(logged).not.toContain(secretThing);
  warn.mockRestore();
});

describe("the sign-in round trip against a provider", () => {
  it("sends the browser to the provider with PKCE, state, nonce, acr_values, the language and the claims it needs", async () => {
    const { params } = await start("sv", "/sv/my");
    expect(params.get("response_type")).toBe("code");
    expect(params.get("client_id")).toBe(clientId);
    expect(params.get("redirect_uri")).toBe("http://localhost:3000/auth/callback");
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("scope")).toBe("openid profile");
    expect(params.get("acr_values")).toBe(`${loa3} ${loa2}`);
    expect(params.get("ui_locales")).toBe("sv");
    expect(Object.keys((JSON.parse(params.get("claims")!) as { id_token: object }).id_token)).toEqual([
      "urn:oid:1.2.246.21",
      "given_name",
      "family_name",
      "urn:oid:1.2.246.517.2002.2.18",
    ]);
    // The start stores one sign-in row, and nothing of the person.
    expect(getDb().select().from(signInAttempts).all()).toHaveLength(1);
  });

  it("a valid callback makes a person (by HMAC only), a new session and an audit row, and returns the person where they were going", async () => {
    const s = await start("fi", "/fi/my?tab=1");
    issuedIdToken = await makeIdToken(goodClaims(s.nonce));
    const res = await callback(`code=abc&state=${s.state}&iss=${encodeURIComponent(issuer)}`, s.cookie);
    expect(assertionChecked).toBe(true);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/fi/my?tab=1");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(sessionCookie(res)).toMatch(/^__Host-valinta=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
    expect(res.headers.getSetCookie()).toContain("__Host-valinta-signin=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0");
    const [person] = getDb().select().from(people).all();
    expect(person).toMatchObject({ identityHash: identityCodeHash(code), givenName: "Testi", familyName: "Tunnistettava", homeMunicipality: "749", identifiedWith: "fi" });
    // The identity code is nowhere in the database.
    const dump = JSON.stringify(getDb().$client.prepare("select * from people, sessions, audit").all());
    expect(dump).not.toContain(code);
    expect(dump).not.toContain("131052");
    const rows = getDb().select().from(audit).all();
    expect(rows.at(-1)).toMatchObject({ actor: identityCodeHash(code), action: "auth.sign-in" });
    // The session row holds the token's hash, not the token.
    const token = /^__Host-valinta=([^;]+)/.exec(sessionCookie(res)!)![1];
    expect(getDb().select().from(sessions).all().map((r) => r.tokenHash)).toEqual([crypto.createHash("sha256").update(token).digest("hex")]);
    // The sign-in row is used up.
    expect(getDb().select().from(signInAttempts).all()).toHaveLength(0);
  });

  it("a full disk: the callback answers the translated 503 'not saved' page, with no person, session or audit row half-made", async () => {
    fillDisk();
    // Each round makes a session and an audit row; the round that finds no room answers 503.
    const { res, before, after } = await untilNotSaved(async () => {
      const s = await start("sv", "/sv/my");
      issuedIdToken = await makeIdToken(goodClaims(s.nonce));
      authorizationCode = "abc";
      return remixRequest(
        new Request(`http://localhost/auth/callback?code=abc&state=${s.state}&iss=${encodeURIComponent(issuer)}`, {
          headers: { cookie: s.cookie, "accept-language": "sv" },
        }),
      );
    });
    await expectNotSaved(res, "Uppgifterna sparades inte");
    expect(sessionCookie(res)).toBeUndefined();
    // The round's one-time sign-in row is used up (as by any callback); nothing else is left.
    expect(after).toEqual(before);
  });

  it("a full disk at the start: the translated 503 'not saved' page, not 'identification service unreachable'", async () => {
    fillDisk();
    const { res, before, after } = await untilNotSaved(() => remixRequest(new Request("http://localhost/en/sign-in/start?returnTo=%2Fen%2Fmy")));
    await expectNotSaved(res, "Not saved");
    expect(res.headers.get("location")).toBeNull();
    expect(after).toEqual(before);
  });

  it("a foreign eID (no identity code, no municipality) signs in and is shown what they can do", async () => {
    const s = await start("en", "/en/my");
    const claims = goodClaims(s.nonce);
    delete claims["urn:oid:1.2.246.21"];
    delete claims["urn:oid:1.2.246.517.2002.2.18"];
    issuedIdToken = await makeIdToken({ ...claims, acr: loa2 });
    const res = await callback(`code=abc&state=${s.state}&iss=${encodeURIComponent(issuer)}`, s.cookie);
    expect(res.headers.get("location")).toBe("/en/foreign-eid");
    expect(sessionCookie(res)).toBeTruthy();
    expect(getDb().select().from(people).all()[0]).toMatchObject({ homeMunicipality: null, identifiedWith: "foreign" });
  });

  it("the same person signing in again is the same row, with names and municipality refreshed", async () => {
    for (const municipality of ["749", "402"]) {
      const s = await start();
      issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), "urn:oid:1.2.246.517.2002.2.18": municipality });
      expect(sessionCookie(await callback(`code=abc&state=${s.state}&iss=${encodeURIComponent(issuer)}`, s.cookie))).toBeTruthy();
    }
    const rows = getDb().select().from(people).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].homeMunicipality).toBe("402");
  });
});

describe("forged and broken callbacks are refused with no session made", () => {
  type Case = { name: string; prepare: (s: Awaited<ReturnType<typeof start>>) => Promise<{ query?: string; cookie?: string | null }>; reason: string; check?: RegExp };
  const good = (s: { state: string }) => `code=abc&state=${s.state}&iss=${encodeURIComponent(issuer)}`;
  const cases: Case[] = [
    {
      name: "no sign-in cookie",
      prepare: async (s) => ((issuedIdToken = await makeIdToken(goodClaims(s.nonce))), { cookie: null }),
      reason: "no-sign-in-cookie",
    },
    {
      name: "a sign-in cookie this server never set",
      prepare: async (s) => ((issuedIdToken = await makeIdToken(goodClaims(s.nonce))), { cookie: "__Host-valinta-signin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
      reason: "unknown-sign-in",
    },
    {
      name: "a wrong state",
      prepare: async (s) => ((issuedIdToken = await makeIdToken(goodClaims(s.nonce))), { query: `code=abc&state=forged&iss=${encodeURIComponent(issuer)}` }),
      reason: "token-rejected",
      check: /unexpected "state" response parameter value/,
    },
    {
      name: "no state at all",
      prepare: async (s) => ((issuedIdToken = await makeIdToken(goodClaims(s.nonce))), { query: `code=abc&iss=${encodeURIComponent(issuer)}` }),
      reason: "token-rejected",
      check: /"state" missing/,
    },
    {
      name: "an ID token signed with another key",
      prepare: async (s) => ((issuedIdToken = await sign(goodClaims(s.nonce), otherKey)), {}),
      reason: "token-rejected",
      check: /signature verification failed/,
    },
    {
      name: "alg none",
      prepare: (s) => ((issuedIdToken = unsigned(goodClaims(s.nonce))), Promise.resolve({})),
      reason: "token-rejected",
      check: /unexpected JWT "alg" header/,
    },
    {
      name: "an unexpected algorithm (HS256 keyed with the provider's public key)",
      prepare: async (s) => {
        const secretKey = new TextEncoder().encode(JSON.stringify(idpPublic));
        issuedIdToken = await new SignJWT(goodClaims(s.nonce)).setProtectedHeader({ alg: "HS256", kid: idpPublic.kid! }).sign(secretKey);
        return {};
      },
      reason: "token-rejected",
      check: /unexpected JWT "alg" header/,
    },
    {
      name: "a wrong issuer",
      prepare: async (s) => ((issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), iss: "https://idp.example.test/" })), {}),
      reason: "token-rejected",
      check: /"iss" \(issuer\)/,
    },
    {
      name: "a wrong audience",
      prepare: async (s) => ((issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), aud: "another-service" })), {}),
      reason: "token-rejected",
      check: /"aud" \(audience\)/,
    },
    {
      name: "an expired token",
      prepare: async (s) => {
        const now = Math.floor(Date.now() / 1000);
        issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), iat: now - 7200, exp: now - 3600 });
        return {};
      },
      reason: "token-rejected",
      check: /"exp" \(expiration time\)/,
    },
    {
      name: "a wrong nonce",
      prepare: async () => ((issuedIdToken = await makeIdToken(goodClaims("another-nonce"))), {}),
      reason: "token-rejected",
      check: /"nonce" claim value/,
    },
    {
      name: "an assurance level below the configured ones",
      prepare: async (s) => ((issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), acr: "http://ftn.ficora.fi/2017/loa1" })), {}),
      reason: "assurance-level",
    },
    {
      name: "no assurance level",
      prepare: async (s) => {
        const claims = goodClaims(s.nonce);
        delete claims.acr;
        issuedIdToken = await makeIdToken(claims);
        return {};
      },
      reason: "assurance-level",
    },
    {
      name: "an identity code with a wrong check character",
      prepare: async (s) => ((issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), "urn:oid:1.2.246.21": "131052-308U" })), {}),
      reason: "invalid-identity-code",
    },
    {
      name: "no name",
      prepare: async (s) => ((issuedIdToken = await makeIdToken({ ...goodClaims(s.nonce), given_name: "" })), {}),
      reason: "missing-name",
    },
  ];

  it.each(cases)("$name", async ({ prepare, reason, check }) => {
    const s = await start();
    const { query, cookie } = await prepare(s);
    const res = await callback(query ?? good(s), cookie === null ? undefined : (cookie ?? s.cookie));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/fi/sign-in?error=failed");
    expect(sessionCookie(res)).toBeUndefined();
    expect(counts()).toEqual({ people: 0, sessions: 0, signIns: 0 });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: "sign-in-refused", reason, ...(check ? { check: expect.stringMatching(check) as string } : {}) }),
      "sign-in refused",
    );
  });

  it("a replayed callback finds its sign-in used up", async () => {
    const s = await start();
    issuedIdToken = await makeIdToken(goodClaims(s.nonce));
    expect(sessionCookie(await callback(good(s), s.cookie))).toBeTruthy();
    const again = await callback(good(s), s.cookie);
    expect(sessionCookie(again)).toBeUndefined();
    expect(counts().sessions).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reason: "unknown-sign-in" }), "sign-in refused");
  });

  it("the state of one browser does not work with another browser's cookie", async () => {
    const mine = await start();
    const theirs = await start();
    issuedIdToken = await makeIdToken(goodClaims(mine.nonce));
    const res = await callback(good(mine), theirs.cookie);
    expect(sessionCookie(res)).toBeUndefined();
    expect(counts().sessions).toBe(0);
  });

  it("a sign-in older than ten minutes is refused", async () => {
    const s = await start();
    issuedIdToken = await makeIdToken(goodClaims(s.nonce));
    getDb().update(signInAttempts).set({ expiresAt: Date.now() - 1 }).run();
    const res = await callback(good(s), s.cookie);
    expect(sessionCookie(res)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reason: "sign-in-expired" }), "sign-in refused");
  });

  it("cancelling at the provider says so, and makes nothing", async () => {
    const s = await start("sv", "/sv/my");
    const res = await callback(`error=access_denied&state=${s.state}&iss=${encodeURIComponent(issuer)}`, s.cookie);
    expect(res.headers.get("location")).toBe("/sv/sign-in?error=cancelled");
    expect(counts()).toEqual({ people: 0, sessions: 0, signIns: 0 });
  });

  it("an unsafe return address is replaced by the person's own page", async () => {
    for (const returnTo of ["https://evil.example/fi/my", "//evil.example/fi", "/\\evil.example", "/fi/sign-in/start"]) {
      const s = await start("fi", returnTo);
      issuedIdToken = await makeIdToken(goodClaims(s.nonce));
      const res = await callback(good(s), s.cookie);
      expect(res.headers.get("location")).toBe("/fi/my");
    }
  });
});

describe("the site's keys", () => {
  it("/.well-known/jwks.json publishes the public key only, with a key id", async () => {
    const res = jwksLoader();
    expect(res.headers.get("content-type")).toBe("application/jwk-set+json");
    const { keys } = (await res.json()) as { keys: JWK[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0].kid).toBeTruthy();
    for (const privatePart of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(privatePart);
  });
});

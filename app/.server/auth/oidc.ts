import { importJWK, type JWK } from "jose";
import crypto from "node:crypto";
import * as client from "openid-client";
import { parseIdentityCode } from "~/domain/identity-code";
import { isLang, langFromAcceptLanguage, type Lang } from "~/i18n";
import { config, testIdpEnabled } from "../platform/config";
import { foreignIdentityHash, identityCodeHash, randomToken, secret, tokenHash } from "../platform/identity";
import { logger } from "../platform/log";
import { signIns } from "../platform/metrics";
import { SESSION_COOKIE, clearCookie, newSession, readCookie, serializeCookie, sessionLimits } from "./session";
import { recordSignIn, saveSignInAttempt, takeSignInAttempt } from "./sign-in.store";

/**
 * The OpenID Connect relying party (docs/decisions/030-identification-and-sessions.md), built on
 * openid-client: authorization code with PKCE (S256), state and nonce kept in a one-time
 * sign-in row bound to the browser by the short-lived `__Host-valinta-signin` cookie, client
 * authentication with private_key_jwt, and an ID token whose signature (against the provider's
 * published keys, with only the configured algorithm), exact issuer, audience, expiry, nonce and
 * assurance level (acr) are all checked before anything is stored.
 *
 * The identity code lives only in memory here: it is checked with the domain function, hashed
 * with HMAC-SHA-256 and dropped. Neither the ID token nor the access token is kept. What is stored
 * is written by ./sign-in.store.ts.
 */

export const SIGN_IN_COOKIE = "__Host-valinta-signin";
/** How long a started sign-in may take before its state is forgotten. */
const signInTtlSeconds = 600;
/** The client id the built-in test identity provider registers for this site. */
export const TEST_CLIENT_ID = "valinta-demo";
export { testIdpEnabled };

// --- settings derived from the environment ---

/** The address people use: PUBLIC_ORIGIN, or http://localhost:PORT in development. */
export function publicOrigin(): string {
  const cfg = config();
  return (cfg.PUBLIC_ORIGIN ?? `http://localhost:${cfg.PORT}`).replace(/\/+$/, "");
}

/** The site signs in with the built-in test identity provider when no OIDC_ISSUER is configured. */
export function usesTestIdp(): boolean {
  return !config().OIDC_ISSUER && testIdpEnabled();
}

export function issuer(): string {
  const configured = config().OIDC_ISSUER;
  if (configured) return configured;
  if (!testIdpEnabled()) throw new Error("No identity provider: set OIDC_ISSUER or TEST_IDP=true");
  return `${publicOrigin()}/test-idp`;
}

export function clientId(): string {
  return config().OIDC_CLIENT_ID ?? TEST_CLIENT_ID;
}

export function redirectUri(): string {
  return `${publicOrigin()}/auth/callback`;
}

export function postLogoutRedirectUri(lang: Lang): string {
  return `${publicOrigin()}/${lang}/sign-out`;
}

export function acrValues(): string[] {
  return config().OIDC_ACR_VALUES.split(" ");
}

export function claimNames() {
  const cfg = config();
  return {
    identityCode: cfg.OIDC_CLAIM_IDENTITY_CODE,
    givenName: cfg.OIDC_CLAIM_GIVEN_NAME,
    familyName: cfg.OIDC_CLAIM_FAMILY_NAME,
    municipality: cfg.OIDC_CLAIM_MUNICIPALITY,
  };
}

/** Origins a form on this site may end up at (CSP form-action): the provider's, for sign-out. */
export function formActionOrigins(): string[] {
  try {
    const origin = new URL(issuer()).origin;
    return origin === new URL(publicOrigin()).origin ? [] : [origin];
  } catch {
    return [];
  }
}

// --- the site's own key (private_key_jwt), published at /.well-known/jwks.json ---

type SiteKey = { keyObject: crypto.KeyObject; publicJwk: JWK & { kid: string; alg: string; use: "sig" } };
let siteKey: SiteKey | undefined;

function generatedKeyFor(alg: string): crypto.KeyObject {
  if (alg.startsWith("ES")) {
    const namedCurve = { ES256: "P-256", ES384: "P-384", ES512: "P-521" }[alg] ?? "P-256";
    return crypto.generateKeyPairSync("ec", { namedCurve }).privateKey;
  }
  return crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

/** RFC 7638 thumbprint: the default key id. */
function thumbprint(jwk: JWK): string {
  const members = jwk.kty === "EC" ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return crypto.createHash("sha256").update(JSON.stringify(members)).digest("base64url");
}

/**
 * OIDC_PRIVATE_KEY (checked at start-up by the config schema), or, in demo and test, a key made
 * when the server starts and logged as such.
 */
export function siteSigningKey(): SiteKey {
  if (siteKey) return siteKey;
  const cfg = config();
  let keyObject: crypto.KeyObject;
  if (cfg.OIDC_PRIVATE_KEY) {
    const text = cfg.OIDC_PRIVATE_KEY.trim();
    keyObject = text.startsWith("{")
      ? crypto.createPrivateKey({ key: JSON.parse(text) as crypto.JsonWebKeyInput["key"], format: "jwk" })
      : crypto.createPrivateKey(text.replace(/\\n/g, "\n"));
  } else {
    if (cfg.APP_ENV === "production") throw new Error("OIDC_PRIVATE_KEY is required in production");
    keyObject = generatedKeyFor(cfg.OIDC_CLIENT_ASSERTION_ALG);
    logger.warn("OIDC_PRIVATE_KEY is not set: generated a signing key for this run (demo and test only)");
  }
  const jwk = crypto.createPublicKey(keyObject).export({ format: "jwk" }) as JWK;
  siteKey = {
    keyObject,
    publicJwk: { ...jwk, kid: cfg.OIDC_KEY_ID ?? thumbprint(jwk), alg: cfg.OIDC_CLIENT_ASSERTION_ALG, use: "sig" },
  };
  return siteKey;
}

/** The JWKS of /.well-known/jwks.json: public keys only. */
export function siteJwks(): { keys: JWK[] } {
  return { keys: [siteSigningKey().publicJwk] };
}

// --- the provider's configuration (discovery), cached ---

let configuration: Promise<client.Configuration> | undefined;
let fetchOverride: client.CustomFetch | undefined;

/** Tests answer the provider's endpoints themselves (discovery, JWKS, token). */
export function setOidcFetch(fetchImpl: client.CustomFetch | undefined) {
  fetchOverride = fetchImpl;
  configuration = undefined;
}
/** Forgets the discovered configuration and the site key (tests that change the environment). */
export function resetOidc() {
  configuration = undefined;
  siteKey = undefined;
}

async function discover(): Promise<client.Configuration> {
  const cfg = config();
  const key = siteSigningKey();
  const privateJwk = key.keyObject.export({ format: "jwk" }) as JWK;
  const cryptoKey = (await importJWK(privateJwk, cfg.OIDC_CLIENT_ASSERTION_ALG)) as CryptoKey;
  const server = new URL(issuer());
  const options: client.DiscoveryRequestOptions = { timeout: 10, execute: [] };
  // Plain http only for the built-in provider or outside production (config refuses http there).
  if (server.protocol === "http:") options.execute!.push(client.allowInsecureRequests);
  if (fetchOverride) options[client.customFetch] = fetchOverride;
  const found = await client.discovery(
    server,
    clientId(),
    { id_token_signed_response_alg: cfg.OIDC_ID_TOKEN_ALG },
    client.PrivateKeyJwt({ key: cryptoKey, kid: key.publicJwk.kid }),
    options,
  );
  // The ID token comes over TLS from the token endpoint, but its signature is checked as well.
  client.enableNonRepudiationChecks(found);
  return found;
}

export function rpConfiguration(): Promise<client.Configuration> {
  configuration ??= discover().catch((error: unknown) => {
    configuration = undefined;
    throw error;
  });
  return configuration;
}

// --- starting a sign-in ---

export type StartedSignIn = { url: string; setCookie: string };

/**
 * Stores a one-time sign-in row (state, nonce, PKCE verifier, language, where to go afterwards)
 * and returns the provider's authorization URL and the cookie that binds the row to this browser.
 */
export async function startSignIn(lang: Lang, returnTo: string, now = Date.now()): Promise<StartedSignIn> {
  const rp = await rpConfiguration();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const cookieToken = randomToken();
  saveSignInAttempt({ cookieHash: tokenHash(cookieToken), state, nonce, codeVerifier, lang, returnTo, expiresAt: now + signInTtlSeconds * 1000 }, now);
  const names = claimNames();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: redirectUri(),
    scope: config().OIDC_SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    acr_values: acrValues().join(" "),
    ui_locales: lang,
    claims: JSON.stringify({
      id_token: {
        [names.identityCode]: null,
        [names.givenName]: { essential: true },
        [names.familyName]: { essential: true },
        [names.municipality]: null,
      },
    }),
  });
  return { url: url.href, setCookie: serializeCookie(SIGN_IN_COOKIE, cookieToken, { maxAge: signInTtlSeconds }) };
}

// --- finishing it: the callback ---

export type SignInResult =
  | { ok: true; lang: Lang; returnTo: string; sessionToken: string; identifiedWith: "fi" | "foreign" }
  | { ok: false; lang: Lang; reason: string; userError: "cancelled" | "failed" };

/**
 * What may be logged of an error from openid-client: codes, the fixed messages of the error and
 * of the check that failed, and the name of a claim. Never `cause` objects below that: they hold
 * the claims (identity code and names among them).
 */
function errorSummary(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof Error)) return out;
  const e = error as Error & { code?: unknown; error?: unknown };
  out.errorName = e.name;
  out.errorMessage = e.message.slice(0, 160);
  if (typeof e.code === "string") out.errorCode = e.code;
  if (typeof e.error === "string" && /^[a-z_]{1,64}$/.test(e.error)) out.oauthError = e.error;
  // openid-client wraps the failed check (an Error whose message names it) as `cause`.
  if (e.cause instanceof Error) {
    out.check = e.cause.message.slice(0, 160);
    const detail = (e.cause as Error & { cause?: { claim?: unknown } }).cause;
    if (typeof detail?.claim === "string" && /^[a-z_]{1,32}$/.test(detail.claim)) out.claim = detail.claim;
  }
  return out;
}

function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : null;
}

type Identity =
  | { ok: true; hash: string; identifiedWith: "fi" | "foreign"; givenName: string; familyName: string; homeMunicipality: string | null }
  | { ok: false; reason: string };

/** Reads the four claims the service uses; nothing else of the ID token is kept. */
export function identityFromClaims(claims: Record<string, unknown>, iss: string): Identity {
  const names = claimNames();
  const givenName = stringClaim(claims, names.givenName);
  const familyName = stringClaim(claims, names.familyName);
  if (!givenName || !familyName) return { ok: false, reason: "missing-name" };
  const rawCode = claims[names.identityCode];
  if (rawCode !== undefined && rawCode !== null && rawCode !== "") {
    if (typeof rawCode !== "string") return { ok: false, reason: "invalid-identity-code" };
    const parsed = parseIdentityCode(rawCode);
    if (!parsed.ok) return { ok: false, reason: "invalid-identity-code" };
    const municipality = stringClaim(claims, names.municipality);
    return {
      ok: true,
      hash: identityCodeHash(parsed.code),
      identifiedWith: "fi",
      givenName,
      familyName,
      homeMunicipality: municipality && /^\d{3}$/.test(municipality) ? municipality : null,
    };
  }
  // A foreign eID (eIDAS): no identity code and no home municipality; the subject identifies.
  const sub = claims.sub;
  if (typeof sub !== "string" || sub.length === 0) return { ok: false, reason: "missing-subject" };
  return { ok: true, hash: foreignIdentityHash(iss, sub), identifiedWith: "foreign", givenName, familyName, homeMunicipality: null };
}

/**
 * Completes a sign-in from the provider's redirect. On success a person row is created or
 * refreshed, a new session is made (any older session of this browser is ended) and both are
 * audited in one transaction. On any failure nothing is stored, and the reason is logged without
 * personal data.
 */
export async function finishSignIn(request: Request, now = Date.now()): Promise<SignInResult> {
  const url = new URL(request.url);
  let lang: Lang = langFromAcceptLanguage(request.headers.get("accept-language"));
  const refuse = (reason: string, extra: Record<string, string> = {}, userError: "cancelled" | "failed" = "failed"): SignInResult => {
    logger.warn({ event: "sign-in-refused", reason, ...extra }, "sign-in refused");
    signIns.inc({ result: reason });
    return { ok: false, lang, reason, userError };
  };

  const cookieToken = readCookie(request, SIGN_IN_COOKIE);
  if (!cookieToken) return refuse("no-sign-in-cookie");
  // The row is used once: taken and deleted in one step, so a replayed callback finds nothing.
  const attempt = takeSignInAttempt(tokenHash(cookieToken));
  if (!attempt) return refuse("unknown-sign-in");
  if (isLang(attempt.lang)) lang = attempt.lang;
  if (attempt.expiresAt < now) return refuse("sign-in-expired");

  const providerError = url.searchParams.get("error");
  if (providerError !== null) {
    const code = /^[a-z_]{1,64}$/.test(providerError) ? providerError : "other";
    return refuse("provider-error", { oauthError: code }, code === "access_denied" ? "cancelled" : "failed");
  }

  let claims: Record<string, unknown>;
  let iss: string;
  try {
    const rp = await rpConfiguration();
    const callback = new URL(redirectUri());
    callback.search = url.search;
    const tokens = await client.authorizationCodeGrant(rp, callback, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return refuse("no-id-token");
    claims = idClaims;
    iss = rp.serverMetadata().issuer;
  } catch (error) {
    return refuse("token-rejected", errorSummary(error));
  }

  if (typeof claims.acr !== "string" || !acrValues().includes(claims.acr)) return refuse("assurance-level");
  const identity = identityFromClaims(claims, iss);
  if (!identity.ok) return refuse(identity.reason);

  const previous = readCookie(request, SESSION_COOKIE);
  const session = newSession(now);
  recordSignIn(
    {
      previousSessionHash: previous ? tokenHash(previous) : null,
      idleSince: now - sessionLimits().idleMs,
      person: {
        identityHash: identity.hash,
        givenName: identity.givenName,
        familyName: identity.familyName,
        homeMunicipality: identity.homeMunicipality,
        identifiedWith: identity.identifiedWith,
      },
      session: session.row,
      acr: claims.acr,
    },
    now,
  );
  const sessionToken = session.token;
  signIns.inc({ result: "ok" });
  logger.info({ event: "sign-in", identifiedWith: identity.identifiedWith }, "signed in");
  return { ok: true, lang, returnTo: attempt.returnTo, sessionToken, identifiedWith: identity.identifiedWith };
}

/** The cookies of a finished sign-in: the session, and the removal of the one-time sign-in cookie. */
export function signInCookies(sessionToken: string | null): string[] {
  const cookies = [clearCookie(SIGN_IN_COOKIE)];
  if (sessionToken) cookies.push(serializeCookie(SESSION_COOKIE, sessionToken));
  return cookies;
}

// --- signing out at the provider too ---

/**
 * The provider's end_session URL (RP-initiated logout), back to `/{lang}/sign-out`, or null when
 * the provider has none, it is turned off, or the provider cannot be reached. No id_token_hint:
 * the ID token is not kept (it holds the identity code); client_id identifies the site instead.
 */
export async function endSessionUrl(lang: Lang): Promise<string | null> {
  if (!config().OIDC_END_SESSION) return null;
  try {
    const rp = await rpConfiguration();
    if (!rp.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(rp, { post_logout_redirect_uri: postLogoutRedirectUri(lang), ui_locales: lang }).href;
  } catch (error) {
    logger.warn({ event: "end-session-unavailable", ...errorSummary(error) }, "identity provider not reachable for sign-out");
    return null;
  }
}

/** At start-up: the site's key is loaded (or made), the secrets resolved, the provider named in the log. */
export function checkIdentification() {
  const key = siteSigningKey();
  secret("IDENTITY_HMAC_SECRET");
  secret("SESSION_SECRET");
  logger.info({ issuer: issuer(), clientId: clientId(), kid: key.publicJwk.kid, testIdp: usesTestIdp() }, "identification configured");
}

import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig as parseEnv, rateLimitSettings, resetConfig, testIdpEnabled } from "~/.server/platform/config";
import { formActionOrigins, issuer, resetOidc } from "~/.server/auth/oidc";
import { logger } from "~/.server/platform/log";

/** parseConfig with a plain object for the environment. */
const parseConfig = (env: Record<string, string | undefined>) => parseEnv(env as NodeJS.ProcessEnv);

beforeEach(() => {
  vi.spyOn(logger, "warn").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

// How requests are sorted and keyed, over the whole stack: tests/integration/request-limits.test.ts.
describe("rate limits", () => {
  it("the limits are settings, strict by default in production and generous where tests run", () => {
    expect(rateLimitSettings(parseConfig({ APP_ENV: "test" }))).toEqual({ windowMs: 60_000, signIn: 300, signInPerAddress: 3000, formPosts: 1000, formPostsPerAddress: 10000, api: 3000 });
    const production = parseConfig({ ...productionEnv(), RATE_LIMIT_WINDOW_SECONDS: "300", RATE_LIMIT_API: "50" });
    expect(rateLimitSettings(production)).toEqual({ windowMs: 300_000, signIn: 10, signInPerAddress: 300, formPosts: 30, formPostsPerAddress: 1000, api: 50 });
    expect(() => parseConfig({ RATE_LIMIT_SIGN_IN: "0" })).toThrow(/RATE_LIMIT_SIGN_IN/);
  });
});

const productionKey = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

function productionEnv(): Record<string, string | undefined> {
  return {
    APP_ENV: "production",
    PUBLIC_ORIGIN: "https://valinta.example.fi",
    IDENTITY_HMAC_SECRET: "p".repeat(40),
    SESSION_SECRET: "s".repeat(40),
    OIDC_ISSUER: "https://tunnistus.suomi.fi/oidc",
    OIDC_CLIENT_ID: "valinta",
    OIDC_PRIVATE_KEY: productionKey,
    OIDC_CLIENT_ASSERTION_ALG: "ES256",
  };
}

describe("identification settings, checked at start-up", () => {
  it("demo and test use the built-in test provider by default, with development secrets", () => {
    for (const APP_ENV of ["demo", "test"]) {
      const cfg = parseConfig({ APP_ENV });
      expect(testIdpEnabled(cfg)).toBe(true);
      expect(cfg.OIDC_ISSUER).toBeUndefined();
      expect(cfg.SESSION_IDLE_MINUTES).toBe(30);
      expect(cfg.SESSION_ABSOLUTE_HOURS).toBe(8);
    }
  });

  it("production starts with real secrets and a real provider, with the test provider off", () => {
    const cfg = parseConfig(productionEnv());
    expect(testIdpEnabled(cfg)).toBe(false);
    expect(cfg.OIDC_ACR_VALUES.split(" ")).toEqual(["http://ftn.ficora.fi/2017/loa3", "http://ftn.ficora.fi/2017/loa2"]);
  });

  it.each([
    ["IDENTITY_HMAC_SECRET", { IDENTITY_HMAC_SECRET: undefined }, /IDENTITY_HMAC_SECRET: required in production/],
    ["SESSION_SECRET", { SESSION_SECRET: undefined }, /SESSION_SECRET: required in production/],
    ["a development secret", { SESSION_SECRET: "valinta-development-session-secret-not-for-production" }, /SESSION_SECRET: the development default/],
    ["a short secret", { IDENTITY_HMAC_SECRET: "short" }, /IDENTITY_HMAC_SECRET: at least 32 characters/],
    ["an http origin", { PUBLIC_ORIGIN: "http://valinta.example.fi" }, /PUBLIC_ORIGIN: must be https/],
    ["no provider", { OIDC_ISSUER: undefined }, /OIDC_ISSUER: required in production \(or TEST_IDP=true/],
    ["an http provider", { OIDC_ISSUER: "http://idp.example.fi" }, /OIDC_ISSUER: must be https/],
    ["no client id", { OIDC_CLIENT_ID: undefined }, /OIDC_CLIENT_ID: required with OIDC_ISSUER/],
    ["no key", { OIDC_PRIVATE_KEY: undefined }, /OIDC_PRIVATE_KEY: required with OIDC_ISSUER/],
    ["a key that is not a key", { OIDC_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nnot\n-----END PRIVATE KEY-----" }, /OIDC_PRIVATE_KEY: not a private key/],
    ["a key that does not fit the algorithm", { OIDC_CLIENT_ASSERTION_ALG: "RS256" }, /OIDC_PRIVATE_KEY: the key does not fit OIDC_CLIENT_ASSERTION_ALG RS256/],
    ["acr values without a value", { OIDC_ACR_VALUES: "" }, /OIDC_ACR_VALUES/],
  ])("production refuses to start with %s", (_name, change, message) => {
    const env: Record<string, string | undefined> = { ...productionEnv(), ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete env[k];
    expect(() => parseConfig(env)).toThrow(message);
  });

  it("the test provider runs in production only when turned on explicitly", () => {
    const env = productionEnv();
    delete env.OIDC_ISSUER;
    delete env.OIDC_CLIENT_ID;
    delete env.OIDC_PRIVATE_KEY;
    expect(() => parseConfig(env)).toThrow(/OIDC_ISSUER/);
    const demoDeployment = parseConfig({ ...env, TEST_IDP: "true" });
    expect(testIdpEnabled(demoDeployment)).toBe(true);
  });

  it("a private key may also be given as a JWK", () => {
    const jwk = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
    expect(() => parseConfig({ ...productionEnv(), OIDC_PRIVATE_KEY: JSON.stringify(jwk), OIDC_CLIENT_ASSERTION_ALG: "ES256" })).not.toThrow();
    expect(() => parseConfig({ ...productionEnv(), OIDC_PRIVATE_KEY: JSON.stringify({ kty: "EC", crv: "P-256", x: "a", y: "b" }) })).toThrow(/not a private key/);
  });
});

describe("where forms may lead (CSP form-action)", () => {
  it("adds the identification service's origin only when it is another site", () => {
    const saved = { ...process.env };
    try {
      delete process.env.OIDC_ISSUER;
      resetConfig();
      expect(issuer()).toBe("http://localhost:3000/test-idp");
      expect(formActionOrigins()).toEqual([]);
      Object.assign(process.env, { OIDC_ISSUER: "https://tunnistus.example.fi/oidc", OIDC_CLIENT_ID: "x", OIDC_PRIVATE_KEY: productionKey, OIDC_CLIENT_ASSERTION_ALG: "ES256" });
      resetConfig();
      expect(formActionOrigins()).toEqual(["https://tunnistus.example.fi"]);
    } finally {
      process.env = saved;
      resetConfig();
      resetOidc();
    }
  });
});

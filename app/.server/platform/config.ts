import crypto from "node:crypto";
import { z } from "zod";

/**
 * The environment, checked once at start-up. A wrong value stops the server with a message that
 * names the variable. Nothing here reaches the browser.
 */
export const bool = z
  .enum(["true", "false", "1", "0", "on", "off", "yes", "no"])
  .transform((v) => ["true", "1", "on", "yes"].includes(v));

const jwsAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"] as const;

const schema = z
  .object({
    APP_ENV: z.enum(["demo", "production", "test"]).default("demo"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PUBLIC_ORIGIN: z.url().optional(),
    DATABASE_PATH: z.string().min(1).default("data/valinta.db"),
    MIGRATIONS_DIR: z.string().min(1).default("db/migrations"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Customers below this count are not shown as a figure. */
    SMALL_NUMBER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
    /** Express "trust proxy": which proxy addresses may set X-Forwarded-For (rate limits use it). */
    TRUST_PROXY: z.string().min(1).default("loopback"),
    /** Bearer token for GET /metrics; without it, /metrics answers only to this machine. */
    METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
    /** How long requests in flight may finish after SIGTERM. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    BACKUP_DIR: z.string().min(1).default("backups"),
    /** How many backups `npm run backup` and the interval backup keep. */
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
    /** Minutes between online backups taken by the running server; 0 = off (the demo default). */
    BACKUP_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
    // --- Identification, sessions and roles (issue 5; docs/decisions/030–039). ---
    /** HMAC-SHA-256 key of the identity-code lookup hash. Required in production. Changing it
     * makes every stored person and role unreachable, so it is kept like a database key. */
    IDENTITY_HMAC_SECRET: z.string().min(32, "at least 32 characters").optional(),
    /** Key of the CSRF tokens and the test identity provider's cookies. Required in production. */
    SESSION_SECRET: z.string().min(32, "at least 32 characters").optional(),
    /** A session ends after this many minutes without a request… */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    /** …and this many hours after sign-in, however active. */
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(8),
    /** The built-in test identity provider under /test-idp. Default: on in demo and test, off in
     * production (where turning it on is an explicit choice for a demo deployment). */
    TEST_IDP: bool.optional(),
    /** The OpenID Connect provider (Suomi.fi e-Identification). Without it, demo and test use the
     * built-in test identity provider at `${origin}/test-idp`. */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** The site's private key for private_key_jwt client authentication: PKCS#8 PEM or a private
     * JWK as JSON. Its public half is published at /.well-known/jwks.json. Demo and test generate
     * a key at start when none is given. */
    OIDC_PRIVATE_KEY: z.string().min(1).optional(),
    /** The key id (kid) of OIDC_PRIVATE_KEY as registered with the provider. */
    OIDC_KEY_ID: z.string().min(1).optional(),
    OIDC_CLIENT_ASSERTION_ALG: z.enum(jwsAlgorithms).default("RS256"),
    /** The only algorithm accepted for the ID token's signature. */
    OIDC_ID_TOKEN_ALG: z.enum(jwsAlgorithms).default("RS256"),
    /** Accepted assurance levels (space separated), sent as acr_values; an ID token with any other
     * acr is refused. Suomi.fi: loa2 = substantial, loa3 = high. */
    OIDC_ACR_VALUES: z
      .string()
      .regex(/^\S+( \S+)*$/, "space-separated values")
      .default("http://ftn.ficora.fi/2017/loa3 http://ftn.ficora.fi/2017/loa2"),
    OIDC_SCOPE: z.string().regex(/(^| )openid( |$)/, "must include openid").default("openid profile"),
    /** Claim names (requested with the claims parameter for the ID token). */
    OIDC_CLAIM_IDENTITY_CODE: z.string().min(1).default("urn:oid:1.2.246.21"),
    OIDC_CLAIM_GIVEN_NAME: z.string().min(1).default("given_name"),
    OIDC_CLAIM_FAMILY_NAME: z.string().min(1).default("family_name"),
    OIDC_CLAIM_MUNICIPALITY: z.string().min(1).default("urn:oid:1.2.246.517.2002.2.18"),
    /** End the identity provider's session too at sign-out, where it offers an end_session_endpoint. */
    OIDC_END_SESSION: bool.default(true),
    /** Rate limits: requests per window per client address. Defaults: see rateLimitSettings(). */
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(1).optional(),
    RATE_LIMIT_FORM_POSTS: z.coerce.number().int().min(1).optional(),
    RATE_LIMIT_API: z.coerce.number().int().min(1).optional(),
    // Ceilings for everyone not signed in behind one address together (decision 066).
    RATE_LIMIT_SIGN_IN_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
    RATE_LIMIT_FORM_POSTS_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
    // Public pages for visitors who are not signed in are kept in memory this long at most, and
    // only while the database is unchanged (docs/decisions/059); 0 turns this off.
    PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    PAGE_CACHE_MB: z.coerce.number().int().min(1).max(1024).default(32),
    // Notifications by email (docs/decisions/070): the SMTP server, smtp://user:pass@host:port or
    // smtps://…; without it, demo and test write messages to the demo outbox page, and production
    // keeps them in the outbox until it is set.
    SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, "smtp://… or smtps://…").optional(),
    /** The sender of notifications. */
    MAIL_FROM: z.string().min(3).default("Valinta <no-reply@valinta.invalid>"),
    // --- end of identification settings ---
  })
  .loose()
  .superRefine(identificationRequirements);

export type Config = z.infer<typeof schema>;

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export class ConfigError extends Error {}

let cached: Config | undefined;
export function config(): Config {
  return (cached ??= parseConfig(process.env));
}
/** For tests that change the environment. */
export function resetConfig() {
  cached = undefined;
}

// --- Identification, sessions and roles (issue 5) ---

/** The development defaults of the two secrets: refused in production, logged when used. */
export const devSecrets = {
  IDENTITY_HMAC_SECRET: "valinta-development-identity-hash-secret-not-for-production",
  SESSION_SECRET: "valinta-development-session-secret-not-for-production",
} as const;

/** Checks that a PKCS#8 PEM or a private JWK (JSON) is a private key that fits the signing algorithm. */
function privateKeyProblem(value: string, alg: string): string | null {
  let key: crypto.KeyObject;
  try {
    const text = value.trim();
    key = text.startsWith("{")
      ? crypto.createPrivateKey({ key: JSON.parse(text) as crypto.JsonWebKeyInput["key"], format: "jwk" })
      : crypto.createPrivateKey(text.replace(/\\n/g, "\n"));
  } catch {
    return "not a private key (PKCS#8 PEM or a private JWK as JSON)";
  }
  const curve = { ES256: "prime256v1", ES384: "secp384r1", ES512: "secp521r1" }[alg];
  if (curve ? key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== curve : key.asymmetricKeyType !== "rsa") {
    return `the key does not fit OIDC_CLIENT_ASSERTION_ALG ${alg}`;
  }
  if (key.asymmetricKeyType === "rsa" && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return "an RSA key must be at least 2048 bits";
  return null;
}

/**
 * Production runs only with real secrets and a real identity provider (unless the test identity
 * provider is turned on explicitly, for a demo deployment). Key material is checked here, at start.
 */
type IdentificationSettings = {
  APP_ENV: string;
  PUBLIC_ORIGIN?: string;
  IDENTITY_HMAC_SECRET?: string;
  SESSION_SECRET?: string;
  TEST_IDP?: boolean;
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_PRIVATE_KEY?: string;
  OIDC_CLIENT_ASSERTION_ALG: string;
};

function identificationRequirements(cfg: IdentificationSettings, ctx: z.RefinementCtx) {
  const production = cfg.APP_ENV === "production";
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (production) {
    for (const name of ["IDENTITY_HMAC_SECRET", "SESSION_SECRET"] as const) {
      if (!cfg[name]) issue(name, "required in production");
      else if (cfg[name] === devSecrets[name]) issue(name, "the development default is not allowed in production");
    }
    if (!cfg.PUBLIC_ORIGIN) issue("PUBLIC_ORIGIN", "required in production (the https address people use)");
    else if (!cfg.PUBLIC_ORIGIN.startsWith("https://")) issue("PUBLIC_ORIGIN", "must be https in production");
    if (cfg.TEST_IDP !== true) {
      if (!cfg.OIDC_ISSUER) issue("OIDC_ISSUER", "required in production (or TEST_IDP=true for a demo deployment)");
      else if (!cfg.OIDC_ISSUER.startsWith("https://")) issue("OIDC_ISSUER", "must be https in production");
    }
  }
  if (cfg.OIDC_ISSUER) {
    if (!cfg.OIDC_CLIENT_ID) issue("OIDC_CLIENT_ID", "required with OIDC_ISSUER");
    if (!cfg.OIDC_PRIVATE_KEY) issue("OIDC_PRIVATE_KEY", "required with OIDC_ISSUER");
  }
  if (typeof cfg.OIDC_PRIVATE_KEY === "string") {
    const problem = privateKeyProblem(cfg.OIDC_PRIVATE_KEY, cfg.OIDC_CLIENT_ASSERTION_ALG);
    if (problem) issue("OIDC_PRIVATE_KEY", problem);
  }
}

/** The built-in test identity provider: on by default in demo and test, off unless TEST_IDP=true in production. */
export function testIdpEnabled(cfg: Config = config()): boolean {
  return cfg.TEST_IDP ?? cfg.APP_ENV !== "production";
}

/**
 * Rate limits per window (docs/decisions/066-request-limits.md): per browser or account, and a
 * ceiling per address for everyone not signed in together. Generous defaults outside production,
 * where tests and benches send many requests from one address.
 */
export function rateLimitSettings(cfg: Config) {
  const production = cfg.APP_ENV === "production";
  return {
    windowMs: cfg.RATE_LIMIT_WINDOW_SECONDS * 1000,
    signIn: cfg.RATE_LIMIT_SIGN_IN ?? (production ? 10 : 300),
    signInPerAddress: cfg.RATE_LIMIT_SIGN_IN_PER_ADDRESS ?? (production ? 300 : 3000),
    formPosts: cfg.RATE_LIMIT_FORM_POSTS ?? (production ? 30 : 1000),
    formPostsPerAddress: cfg.RATE_LIMIT_FORM_POSTS_PER_ADDRESS ?? (production ? 1000 : 10000),
    api: cfg.RATE_LIMIT_API ?? (production ? 120 : 3000),
  };
}
export type RateLimitSettings = ReturnType<typeof rateLimitSettings>;

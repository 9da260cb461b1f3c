import crypto from "node:crypto";
import { config, devSecrets } from "./config";
import { logger } from "./log";

/**
 * The keyed hashes that stand in for a person's identity code (docs/decisions/030-…). The code
 * itself is never stored, logged or put in a URL: it lives only in memory during the sign-in
 * callback, long enough to be checked and hashed.
 */

const warned = new Set<string>();

/** A secret from the environment, or (demo and test only) its development default, logged once. */
export function secret(name: keyof typeof devSecrets): string {
  const value = config()[name];
  if (value) return value;
  if (config().APP_ENV === "production") throw new Error(`${name} is required in production`);
  if (!warned.has(name)) {
    warned.add(name);
    logger.warn({ setting: name }, `${name} is not set: using the development default (never in production)`);
  }
  return devSecrets[name];
}

function hmac(value: string): string {
  return crypto.createHmac("sha256", secret("IDENTITY_HMAC_SECRET")).update(value, "utf8").digest("hex");
}

/** The lookup key of a person identified with a Finnish identity code (checked and upper-cased). */
export function identityCodeHash(code: string): string {
  return hmac(`fi:${code}`);
}

/** The lookup key of a person identified without an identity code (foreign eID): issuer + subject. */
export function foreignIdentityHash(issuer: string, subject: string): string {
  return hmac(`sub:${issuer}|${subject}`);
}

/** SHA-256 (hex) of a random token: what is stored instead of a session or sign-in cookie. */
export function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** 32 random bytes, base64url: a session token, a CSRF cookie, a sign-in cookie. */
export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

import crypto from "node:crypto";
import { randomToken, secret } from "./identity";
import { logger } from "./log";
import { SESSION_COOKIE, readCookie, serializeCookie } from "../auth/session";

/**
 * CSRF tokens on every form, on top of the same-origin check of server.mjs
 * (docs/decisions/033-csrf-and-rate-limits.md).
 *
 * Signed double submit, bound to the session: the browser holds a random value in the
 * `__Host-valinta-csrf` cookie (set by the root loader when missing); a form carries
 * HMAC(SESSION_SECRET, cookie value + session token). A site that cannot read the cookie cannot make
 * the token, a token stolen from one browser does not fit another, and signing in or out changes it.
 *
 * In a route:
 *
 *   // the page:   <Form method="post"><CsrfField /> … </Form>     (app/components/CsrfField.tsx)
 *   // the action: const form = await readPostedForm(request);   (app/.server/platform/forms.ts checks the token)
 *
 * verifyCsrf throws a 403 Response (the translated "request stopped" page) when the token is
 * missing or wrong, and logs the refusal without personal data.
 */
export const CSRF_COOKIE = "__Host-valinta-csrf";
export const CSRF_FIELD = "csrf";

function sign(cookieValue: string, sessionToken: string | null): string {
  return crypto
    .createHmac("sha256", secret("SESSION_SECRET"))
    .update(`csrf|${cookieValue}|${sessionToken ?? ""}`)
    .digest("base64url");
}

/**
 * The token for the forms of this response, and the cookie to set when the browser has none yet
 * (the root loader does this for every page, so `<CsrfField />` works anywhere). `sessionToken` is
 * the token of the session that stays valid after this response (null when there is none, or
 * when this response removes the session cookie).
 */
export function csrfForRequest(request: Request, sessionToken: string | null): { token: string; setCookie: string | null } {
  const existing = readCookie(request, CSRF_COOKIE);
  const value = existing ?? randomToken();
  return {
    token: sign(value, sessionToken),
    setCookie: existing ? null : serializeCookie(CSRF_COOKIE, value),
  };
}

/** True when the form's token fits this browser's CSRF cookie and session. */
export function csrfIsValid(request: Request, formData: FormData): boolean {
  const sent = formData.get(CSRF_FIELD);
  const cookie = readCookie(request, CSRF_COOKIE);
  if (typeof sent !== "string" || !cookie) return false;
  const expected = Buffer.from(sign(cookie, readCookie(request, SESSION_COOKIE)));
  const given = Buffer.from(sent);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Refuses (403) a form whose CSRF token is missing or wrong. Call first in every action. */
export function verifyCsrf(request: Request, formData: FormData): void {
  if (csrfIsValid(request, formData)) return;
  const reason = formData.has(CSRF_FIELD) ? "csrf-mismatch" : "csrf-missing";
  logger.warn({ event: "access-refused", reason, method: request.method, path: new URL(request.url).pathname }, "form refused");
  throw new Response(null, { status: 403 });
}

/**
 * Who is signed in, and what they may do (docs/decisions/030–036).
 *
 * Every loader and action that touches personal data starts with one of these, and scopes its
 * query to what it returns (the person's id, the role's pilot or business ID):
 *
 *   requireUser(request): SignedInUser
 *     A jobseeker session (everyone signed in is a jobseeker). Without a valid session it throws a
 *     303 redirect to `/{lang}/sign-in?returnTo=<this path>`; after signing in the person comes back.
 *
 *   requireOfficial(request, pilotSlug?): SignedInUser
 *     An official of that pilot (of any pilot when no slug is given). Not signed in: the redirect
 *     above. Signed in without the role: a 403 Response (the translated "no access" page).
 *
 *   requireProviderStaff(request, businessId?): SignedInUser
 *     Staff of the provider with that business ID (of any provider when none is given); as above.
 *
 *   getUser(request): SignedInUser | null
 *     The signed-in person, or null. For pages that work either way.
 *
 * All four are synchronous (the database is). A SignedInUser is:
 *
 *   {
 *     id: number;                      // people.id: the key for the person's own rows
 *     actorId: string;                 // hashed identity: the `actor` of audit rows
 *     givenName: string; familyName: string;
 *     homeMunicipality: string | null; // municipality code; null for a foreign eID
 *     identifiedWith: "fi" | "foreign";
 *     roles: { jobseeker: true; officialPilots: string[]; providerBusinessIds: string[] };
 *   }
 *
 *   export function loader({ request, params }: LoaderFunctionArgs) {
 *     const user = requireOfficial(request, params.pilot);
 *     return pilotChoices(user, params.pilot);   // a store's query, scoped to what the role allows
 *   }
 *
 * Pages for signed-in people are sent with `Cache-Control: no-store` (server.mjs). Each refusal
 * is logged with its reason and the path, never with who it was.
 */
import { NO_ACCESS } from "~/access";
import { langFromAcceptLanguage, langFromPath, type Lang } from "~/i18n";
import { csrfForRequest } from "../platform/csrf";
import { tokenHash } from "../platform/identity";
import { logger } from "../platform/log";
import { rolesOf, type Person, type Roles } from "./people.store";
import { endSession } from "./sessions.store";
import { lookupSession, readCookie, SESSION_COOKIE, clearCookie, type SessionLookup } from "./session";

export type SignedInUser = {
  id: number;
  actorId: string;
  givenName: string;
  familyName: string;
  homeMunicipality: string | null;
  identifiedWith: "fi" | "foreign";
  roles: Roles;
};

/** The body of the 403 Response for a signed-in person without the role; the root error boundary shows the "no access" page for it. */
export { NO_ACCESS };

// Several loaders of one request (the root's and the page's) ask for the same session.
const lookups = new WeakMap<Request, SessionLookup>();
function lookup(request: Request): SessionLookup {
  let found = lookups.get(request);
  if (!found) {
    found = lookupSession(request);
    lookups.set(request, found);
  }
  return found;
}

export function toUser(person: Person): SignedInUser {
  return {
    id: person.id,
    actorId: person.identityHash,
    givenName: person.givenName,
    familyName: person.familyName,
    homeMunicipality: person.homeMunicipality,
    identifiedWith: person.identifiedWith,
    roles: rolesOf(person.identityHash),
  };
}

export function getUser(request: Request): SignedInUser | null {
  const found = lookup(request);
  return found.ok ? toUser(found.person) : null;
}

function langOf(request: Request): Lang {
  const url = new URL(request.url);
  return langFromPath(url.pathname) ?? langFromAcceptLanguage(request.headers.get("accept-language"));
}

/**
 * A path that is safe to send a person back to after sign-in: a page of this site under a
 * language prefix, relative, at most 512 characters. Anything else (another site, `//host`,
 * backslashes, control characters, the sign-in pages themselves) gives null.
 */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || value.length > 512) return null;
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\s]/.test(value)) return null;
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let url: URL;
  try {
    url = new URL(value, "http://valinta.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://valinta.invalid") return null;
  if (!langFromPath(url.pathname)) return null;
  if (/^\/(fi|sv|en)\/(sign-in|sign-out)(\/|$)/.test(url.pathname)) return null;
  return url.pathname + url.search;
}

export function signInPath(lang: Lang, returnTo?: string | null): string {
  const safe = safeReturnPath(returnTo);
  return `/${lang}/sign-in${safe ? `?returnTo=${encodeURIComponent(safe)}` : ""}`;
}

/** A refused access, logged with the reason and the path (never who): info for "not signed in", warn otherwise. */
function refuse(request: Request, reason: string, extra: Record<string, string> = {}, level: "info" | "warn" = "info") {
  logger[level]({ event: "access-refused", reason, method: request.method, path: new URL(request.url).pathname, ...extra }, "access refused");
}

export function requireUser(request: Request): SignedInUser {
  const found = lookup(request);
  if (found.ok) return toUser(found.person);
  refuse(request, `session-${found.problem}`, {}, found.problem === "unknown" ? "warn" : "info");
  const url = new URL(request.url);
  const headers = new Headers({ Location: signInPath(langOf(request), url.pathname + url.search), "Cache-Control": "no-store" });
  if (found.problem !== "none") headers.append("Set-Cookie", clearCookie(SESSION_COOKIE));
  throw new Response(null, { status: 303, headers });
}

function noAccess(request: Request, reason: string, extra: Record<string, string>): never {
  refuse(request, reason, extra, "warn");
  throw new Response(NO_ACCESS, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export function requireOfficial(request: Request, pilotSlug?: string): SignedInUser {
  const user = requireUser(request);
  const allowed = pilotSlug === undefined ? user.roles.officialPilots.length > 0 : user.roles.officialPilots.includes(pilotSlug);
  if (!allowed) noAccess(request, "not-official", pilotSlug ? { pilotSlug } : {});
  return user;
}

export function requireProviderStaff(request: Request, businessId?: string): SignedInUser {
  const user = requireUser(request);
  const allowed =
    businessId === undefined ? user.roles.providerBusinessIds.length > 0 : user.roles.providerBusinessIds.includes(businessId);
  if (!allowed) noAccess(request, "not-provider-staff", businessId ? { businessId } : {});
  return user;
}

/**
 * For the root loader: whether someone is signed in (the header shows "My page" or "Sign in"),
 * the CSRF token of this page's forms, and the cookies to set: a CSRF cookie when the browser
 * has none, and the removal of a session cookie that no longer opens a session.
 *
 * Every form that posts is behind sign-in (but the problem report, which gives its own token:
 * accountability/pages.ts), so a visitor who only reads gets no CSRF token and no cookie at all: their pages are the same for everyone and may be answered from memory
 * (docs/decisions/059-public-page-cache.md).
 */
export function accountForRoot(request: Request) {
  const found = lookup(request);
  const csrf = found.ok ? csrfForRequest(request, found.token) : null;
  const headers = new Headers();
  if (csrf?.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  if (!found.ok && found.problem !== "none") headers.append("Set-Cookie", clearCookie(SESSION_COOKIE));
  return { signedIn: found.ok, csrfToken: csrf?.token ?? "", headers };
}

/**
 * Ends this browser's session: deletes the row (audited as the person's sign-out) and returns the
 * cookie that removes it. Safe to call without a session.
 */
export function signOut(request: Request): { setCookie: string; wasSignedIn: boolean } {
  const token = readCookie(request, SESSION_COOKIE);
  const wasSignedIn = token ? endSession(tokenHash(token)) : false;
  lookups.delete(request);
  if (wasSignedIn) logger.info({ event: "sign-out" }, "signed out");
  return { setCookie: clearCookie(SESSION_COOKIE), wasSignedIn };
}

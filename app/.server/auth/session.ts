import type { ServerResponse } from "node:http";
import { config } from "../platform/config";
import { getDb, type Db } from "../platform/db";
import { randomToken, tokenHash } from "../platform/identity";
import { isWriteFailure } from "../platform/write-failures";
import type { Person } from "./people.store";
import { deleteEndedSessions, deleteSession, insertSession, sessionTimes, sessionWithPerson, touchSession, type NewSession } from "./sessions.store";

/**
 * Server-side sessions (docs/decisions/032-sessions.md). The browser holds a random token in the
 * `__Host-valinta` cookie (Secure, HttpOnly, SameSite=Lax, Path=/, no Domain: the `__Host-` prefix
 * makes the browser refuse it otherwise); the database holds only the token's SHA-256. A session
 * ends after SESSION_IDLE_MINUTES without a request and SESSION_ABSOLUTE_HOURS after sign-in.
 * The rows are read and written by ./sessions.store.ts; this file decides what is valid.
 */
export const SESSION_COOKIE = "__Host-valinta";

type Tx = Pick<Db, "insert" | "delete" | "update" | "select">;

/** Name=value pairs of the Cookie header. A malformed pair is skipped, never an error. */
export function readCookies(request: Request): Map<string, string> {
  return parseCookieHeader(request.headers.get("cookie"));
}

/** The same, from the raw header (Express's `req.headers.cookie`). */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!jar.has(name)) jar.set(name, value);
  }
  return jar;
}

export function readCookie(request: Request, name: string): string | null {
  return ourToken(readCookies(request).get(name));
}

/** A cookie's value when it has the shape of our tokens, otherwise null. */
export function ourToken(value: string | undefined): string | null {
  // Our tokens are base64url; anything else is not ours (and is never looked up).
  return value && /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
}

/**
 * The person a session cookie belongs to while the session is valid, without touching its idle
 * timer: the rate limits key signed-in people by account (docs/decisions/066). A made-up or expired
 * token gives null, so inventing cookies never earns a fresh budget.
 */
export function sessionPersonId(cookieHeader: string | undefined, now = Date.now(), db: Db = getDb()): number | null {
  const token = ourToken(parseCookieHeader(cookieHeader).get(SESSION_COOKIE));
  if (!token) return null;
  const row = sessionTimes(tokenHash(token), db);
  if (!row || now >= row.expiresAt || now - row.lastSeenAt >= sessionLimits().idleMs) return null;
  return row.personId;
}

/**
 * A `__Host-` cookie: Secure, HttpOnly, SameSite=Lax, Path=/. Without maxAge it lasts until the
 * browser closes (the server enforces the real expiry). Lax, not Strict: the identity provider's
 * redirect back to the callback is a cross-site top-level navigation that must carry the sign-in
 * cookie; CSRF is covered by the same-origin check and the form tokens.
 */
export function serializeCookie(name: string, value: string, opts: { maxAge?: number } = {}): string {
  const parts = [`${name}=${value}`, "Path=/", "Secure", "HttpOnly", "SameSite=Lax"];
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${opts.maxAge}`);
  return parts.join("; ");
}

export function clearCookie(name: string): string {
  return serializeCookie(name, "", { maxAge: 0 });
}

export function sessionLimits() {
  const cfg = config();
  return { idleMs: cfg.SESSION_IDLE_MINUTES * 60_000, absoluteMs: cfg.SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

/** A new session's cookie token, and the row kept of it (only the token's hash), for any person. */
export function newSession(now = Date.now()): { token: string; row: Omit<NewSession, "personId"> } {
  const token = randomToken();
  return { token, row: { tokenHash: tokenHash(token), createdAt: now, lastSeenAt: now, expiresAt: now + sessionLimits().absoluteMs } };
}

/** A new session for a person. Returns the cookie token. */
export function createSession(tx: Tx, personId: number, now = Date.now()): string {
  const { token, row } = newSession(now);
  insertSession(tx, { ...row, personId });
  return token;
}

export type { Person };
export type SessionLookup =
  | { ok: true; token: string; person: Person; createdAt: number; expiresAt: number }
  | { ok: false; problem: "none" | "unknown" | "idle" | "expired" };

/** Writes last_seen_at at most this often: reading a page should rarely cost a write. */
const touchEveryMs = 60_000;

/**
 * The session of a request, if it is valid now. An expired row is deleted when it is found;
 * a valid one has its idle timer restarted.
 */
export function lookupSession(request: Request, now = Date.now(), db: Db = getDb()): SessionLookup {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return { ok: false, problem: readCookies(request).has(SESSION_COOKIE) ? "unknown" : "none" };
  const hash = tokenHash(token);
  const row = sessionWithPerson(hash, db);
  if (!row) return { ok: false, problem: "unknown" };
  const { idleMs } = sessionLimits();
  const expired = now >= row.session.expiresAt;
  const idle = now - row.session.lastSeenAt >= idleMs;
  if (expired || idle) {
    deleteSession(hash, db);
    return { ok: false, problem: expired ? "expired" : "idle" };
  }
  if (now - row.session.lastSeenAt >= touchEveryMs) {
    try {
      touchSession(hash, now, db);
    } catch (error) {
      // On a full or read-only disk the idle timer is not restarted, but the page still reads
      // (decision 067): only writes that the person asked for answer "not saved".
      if (!isWriteFailure(error)) throw error;
    }
  }
  return { ok: true, token, person: row.person, createdAt: row.session.createdAt, expiresAt: row.session.expiresAt };
}

/** Removes sessions past their absolute expiry or idle for longer than the idle limit. */
export function sweepSessions(tx: Tx, now = Date.now()) {
  deleteEndedSessions(tx, now, now - sessionLimits().idleMs);
}

/**
 * Express middleware (server.mjs): responses to a browser that holds a session cookie, and the
 * sign-in, sign-out and personal pages themselves, are never stored by the browser or a proxy.
 * The header is set as the response head is written, replacing whatever a route set, so that it
 * is `no-store` exactly once.
 */
export function noStoreForSignedIn(req: { headers: { cookie?: string }; path: string }, res: ServerResponse, next: () => void) {
  const cookies = req.headers.cookie ?? "";
  if (
    cookies.split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`)) ||
    /^\/(auth\/|(fi|sv|en)\/(sign-in|sign-out|my|foreign-eid)(\/|$))/.test(req.path)
  ) {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = (...args: unknown[]) => {
      res.setHeader("Cache-Control", "no-store");
      return writeHead(...args);
    };
  }
  next();
}

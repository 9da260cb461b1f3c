import type { NextFunction, Request, RequestHandler, Response } from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { CSRF_COOKIE } from "./csrf";
import { config, rateLimitSettings, type RateLimitSettings } from "./config";
import { logger } from "./log";
import { routeMatcher, type RouteManifest } from "./route-match";
import { ourToken, parseCookieHeader, sessionPersonId } from "../auth/session";

/**
 * Rate limits (docs/decisions/066-request-limits.md; first in 033), with rate-limiter-flexible's
 * memory store, in three families:
 *
 * - sign-in: starting a sign-in and the identification service's callback;
 * - form posts: every POST (or other write) to a page, except sign-out, which is never limited;
 * - the open API: every route under /api.
 *
 * The family is that of the route the router itself will match (the build's route manifest through
 * React Router's `matchRoutes`, so `/API/v1/pilots.json`, `/%61pi/…`, `/auth/callback/` and every
 * other spelling the router accepts count with the route they reach), not of how the path is spelled.
 *
 * Keys, so that one abuser cannot lock out the others behind the same address (a library, a school,
 * a company proxy):
 * - signed in (a valid session): the account, for form posts; nothing per address;
 * - not signed in: the browser (its CSRF cookie) at that address, and a ceiling for the whole address
 *   that a busy library does not reach (a bot that drops or invents cookies meets the ceiling);
 * - the open API: the address (its callers are programs, anonymous by nature).
 *
 * Over a limit: 429 with Retry-After and the translated 429 page (`onLimited`). The counts live in
 * this process; several processes would share them through one of the library's stores.
 */
export type Family = "sign-in" | "form-posts" | "api";

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const signInRoutes = new Set(["routes/lang.sign-in.start", "routes/auth.callback"]);
const neverLimited = new Set(["routes/lang.sign-out"]);

/** The family of a request to a route (by the route's id), or null when it is not limited. */
export function familyOf(method: string, routeId: string | null): Family | null {
  if (routeId && neverLimited.has(routeId)) return null;
  if (routeId?.startsWith("routes/api.")) return "api";
  if (routeId && signInRoutes.has(routeId)) return "sign-in";
  if (!readMethods.has(method.toUpperCase())) return "form-posts";
  return null;
}

/**
 * A sliding-window limit over rate-limiter-flexible's store (the "sliding window counter"): the
 * requests of the current window, plus those of the previous window weighted by how much of it still
 * lies within the last `windowMs`. Unlike fixed windows, a key cannot spend its budget at the end of
 * one window and again at the start of the next. Windows count from when the limit was made. Every
 * attempt counts, refused ones too, so hammering on keeps a key refused.
 */
export class SlidingLimit {
  private readonly store: RateLimiterMemory;
  private readonly epoch: number;
  constructor(
    readonly name: string,
    readonly points: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // The store only counts: its own limit is never reached, and a count lives two windows.
    this.store = new RateLimiterMemory({ keyPrefix: name, points: Number.MAX_SAFE_INTEGER, duration: Math.ceil((2 * windowMs) / 1000) });
    this.epoch = now();
  }

  /** Counts a request of `key`: 0 when it may go, otherwise the milliseconds until it may. */
  async take(key: string): Promise<number> {
    const at = this.now() - this.epoch;
    const index = Math.floor(at / this.windowMs);
    const elapsed = (at - index * this.windowMs) / this.windowMs;
    const [previousRes, currentRes] = await Promise.all([this.store.get(`${key}#${index - 1}`), this.store.consume(`${key}#${index}`)]);
    const previous = previousRes?.consumedPoints ?? 0;
    const current = currentRes.consumedPoints;
    if (previous * (1 - elapsed) + current <= this.points) return 0;
    // When the estimate falls to the limit again: later in this window as the previous one fades,
    // or in the next one as this one does.
    const fraction = current < this.points && previous > 0 ? 1 - (this.points - current) / previous : 1 + Math.max(0, 1 - (this.points - 1) / current);
    return Math.max(1000, Math.ceil((fraction - elapsed) * this.windowMs));
  }
}

export function rateLimiter(
  manifest: RouteManifest,
  onLimited: (req: Request, res: Response) => void,
  settings: RateLimitSettings = rateLimitSettings(config()),
): RequestHandler {
  const match = routeMatcher(manifest);
  const make = (name: string, points: number) => new SlidingLimit(name, points, settings.windowMs);
  const limits = {
    signInBrowser: make("sign-in", settings.signIn),
    signInAddress: make("sign-in-address", settings.signInPerAddress),
    formsAccount: make("form-posts-account", settings.formPosts),
    formsBrowser: make("form-posts", settings.formPosts),
    formsAddress: make("form-posts-address", settings.formPostsPerAddress),
    api: make("api", settings.api),
  };

  /** Which counters a request draws on, with its keys, in order. */
  function countersFor(family: Family, req: Request): [SlidingLimit, string][] {
    const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
    if (family === "api") return [[limits.api, address]];
    const browser = `${address}|${ourToken(parseCookieHeader(req.headers.cookie).get(CSRF_COOKIE)) ?? "-"}`;
    if (family === "sign-in") return [[limits.signInBrowser, browser], [limits.signInAddress, address]];
    const person = sessionPersonId(req.headers.cookie);
    if (person !== null) return [[limits.formsAccount, `p${person}`]];
    return [[limits.formsBrowser, browser], [limits.formsAddress, address]];
  }

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.toLowerCase().startsWith("/test-idp/")) return next(); // the test provider's own endpoints
    const family = familyOf(req.method, match(req.path));
    if (!family) return next();
    let counters: [SlidingLimit, string][];
    try {
      counters = countersFor(family, req);
    } catch (error) {
      // A limit that cannot be read (the database is away) never stops a request on its own.
      logger.warn({ event: "rate-limit-unavailable", family, error: String(error) }, "rate limit skipped");
      return next();
    }
    void (async () => {
      for (const [limit, key] of counters) {
        const wait = await limit.take(key);
        if (wait === 0) continue;
        logger.warn({ event: "rate-limited", family, limit: limit.name, method: req.method, path: req.path }, "too many requests");
        res.setHeader("Retry-After", String(Math.ceil(wait / 1000)));
        res.status(429);
        onLimited(req, res);
        return next();
      }
      next();
    })().catch(next);
  };
}

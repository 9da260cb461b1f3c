import type { NextFunction, Request, RequestHandler, Response } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { CSRF_COOKIE } from "./csrf";
import { config, rateLimitSettings, type RateLimitSettings } from "./config";
import { logger } from "./log";
import { routeMatcher, type RouteManifest } from "./route-match";
import { ourToken, parseCookieHeader, sessionPersonId } from "./session";

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

type Limit = { limiter: RateLimiterMemory; name: string };

export function rateLimiter(
  manifest: RouteManifest,
  onLimited: (req: Request, res: Response) => void,
  settings: RateLimitSettings = rateLimitSettings(config()),
): RequestHandler {
  const match = routeMatcher(manifest);
  const duration = Math.max(1, Math.round(settings.windowMs / 1000));
  const make = (name: string, points: number): Limit => ({ name, limiter: new RateLimiterMemory({ keyPrefix: name, points, duration }) });
  const limits = {
    signInBrowser: make("sign-in", settings.signIn),
    signInAddress: make("sign-in-address", settings.signInPerAddress),
    formsAccount: make("form-posts-account", settings.formPosts),
    formsBrowser: make("form-posts", settings.formPosts),
    formsAddress: make("form-posts-address", settings.formPostsPerAddress),
    api: make("api", settings.api),
  };

  /** Which counters a request draws on, with its keys, in order. */
  function countersFor(family: Family, req: Request): [Limit, string][] {
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
    let counters: [Limit, string][];
    try {
      counters = countersFor(family, req);
    } catch (error) {
      // A limit that cannot be read (the database is away) never stops a request on its own.
      logger.warn({ event: "rate-limit-unavailable", family, error: String(error) }, "rate limit skipped");
      return next();
    }
    void (async () => {
      for (const [{ limiter, name }, key] of counters) {
        try {
          await limiter.consume(key);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          logger.warn({ event: "rate-limited", family, limit: name, method: req.method, path: req.path }, "too many requests");
          res.setHeader("Retry-After", String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
          res.status(429);
          onLimited(req, res);
          return next();
        }
      }
      next();
    })().catch(next);
  };
}

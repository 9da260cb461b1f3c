import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { config, rateLimitSettings } from "./config";
import { logger } from "./log";

/**
 * Rate limits (docs/decisions/033-csrf-and-rate-limits.md), per client address (Express `req.ip`,
 * which honours X-Forwarded-For only from TRUST_PROXY), in three families, each "N per window":
 *
 * - sign-in: starting a sign-in (`/{lang}/sign-in/start`) and the callback (`/auth/callback`);
 * - form posts: every POST (or other write) to the site, except the test identity provider's own;
 * - the open API: everything under `/api/`.
 *
 * Over the limit: 429 with `Retry-After` (and the draft-7 `RateLimit` headers), and `onLimited`
 * sends the request on to the translated 429 page. Counts are kept in memory, per process: with
 * several processes behind a load balancer each has its own (the limits are per process).
 */
export type Family = "sign-in" | "form-posts" | "api";

export function familyOf(method: string, path: string): Family | null {
  if (path === "/api" || path.startsWith("/api/")) return "api";
  if (path === "/auth/callback" || /^\/(fi|sv|en)\/sign-in\/start\/?$/.test(path)) return "sign-in";
  if (!["GET", "HEAD", "OPTIONS"].includes(method) && !path.startsWith("/test-idp/")) return "form-posts";
  return null;
}

export function rateLimiter(
  onLimited: (req: Request, res: Response) => void,
  settings = rateLimitSettings(config()),
): RequestHandler {
  const make = (family: Family, limit: number) =>
    rateLimit({
      windowMs: settings.windowMs,
      limit,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      identifier: family,
      handler(req: Request, res: Response, next: NextFunction) {
        logger.warn({ event: "rate-limited", family, method: req.method, path: req.path }, "too many requests");
        res.status(429);
        onLimited(req, res);
        next();
      },
    });
  const limiters: Record<Family, RequestHandler> = {
    "sign-in": make("sign-in", settings.signIn),
    "form-posts": make("form-posts", settings.formPosts),
    api: make("api", settings.api),
  };
  return (req, res, next) => {
    const family = familyOf(req.method, req.path);
    if (!family) return next();
    return limiters[family](req, res, next);
  };
}

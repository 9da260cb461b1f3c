// The site's HTTP stack: Express in front of Remix, so that security headers, the request limits,
// the cross-site check, static files and the test identity provider sit before any route. server.mjs
// runs it with the production build; the integration tests run it with a build made from the route
// modules (tests/support/app.ts), so that hostile requests meet exactly what production answers with.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/**
 * @param {{ build: any, runtime: any, cfg: any, buildDir: string }} options
 * @returns {import("express").Express}
 */
export function createApp({ build, runtime, cfg, buildDir }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", cfg.TRUST_PROXY);

  // Metrics by route family: the first path segment after the language, from the build's routes.
  const knownFamilies = new Set(
    Object.values(build.routes)
      .map((r) => r.path?.split("/")[0])
      .filter((p) => p && !p.startsWith(":") && p !== "*"),
  );

  // Public pages for visitors who are not signed in come from memory while the database is unchanged
  // (docs/decisions/059-public-page-cache.md; PAGE_CACHE_SECONDS=0 turns this off). A hit is answered
  // first, before Express itself (see the end of this function), with the headers, nonce, request
  // id, log line and metrics every answer gets, gzip from parts compressed once
  // (docs/decisions/072-cache-hits-first.md); the rest goes on below.
  const pageCache = runtime.createPageCache({
    onAnswer: ({ requestId, path: pathname, status, ms }) => {
      runtime.httpDuration.observe({ family: runtime.routeFamily(pathname, knownFamilies), method: "GET", status: `${String(status)[0]}xx` }, ms / 1000);
      runtime.logger.info({ req: { id: requestId, method: "GET", path: pathname }, res: { status }, responseTime: Math.round(ms) }, "request completed");
    },
  });

  app.use((req, res, next) => {
    res.locals.requestId = crypto.randomUUID();
    res.locals.cspNonce = pageCache.nonce();
    res.setHeader("X-Request-Id", res.locals.requestId);
    next();
  });

  app.use((req, res, next) => {
    const end = runtime.httpDuration.startTimer();
    res.on("finish", () => {
      const family = runtime.routeFamily(req.originalUrl.split("?")[0], knownFamilies);
      end({ family, method: req.method, status: `${String(res.statusCode)[0]}xx` });
      if (res.statusCode >= 500) runtime.errorsTotal.inc();
    });
    next();
  });

  // Metrics answer only with the token of METRICS_TOKEN, or from this machine when no token is set.
  app.get("/metrics", async (req, res) => {
    const token = cfg.METRICS_TOKEN;
    const allowed = token
      ? req.get("authorization") === `Bearer ${token}`
      : ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.socket.remoteAddress ?? "") && !req.get("x-forwarded-for");
    if (!allowed) return res.status(404).type("text/plain").send("Not found\n");
    res.set("Cache-Control", "no-store").type(runtime.metricsRegistry.contentType).send(await runtime.metricsRegistry.metrics());
  });

  // One log line per request: id, method, path without the query (queries may hold personal
  // answers), status and time. No headers, no cookies, no bodies.
  app.use(
    pinoHttp({
      logger: runtime.logger,
      genReqId: (_req, res) => res.locals.requestId,
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: String(req.url).split("?")[0] }),
        res: (res) => ({ status: res.statusCode }),
        // pino-http makes an error with a stack for every 5xx; the line keeps its name and message only.
        err: (e) => ({ type: e.name, message: e.message }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => req.url.startsWith("/assets/") || req.url === "/healthz" },
    }),
  );

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": [(_req, res) => `'nonce-${res.locals.cspNonce}'`, "'strict-dynamic'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          // Sign-out may continue at the identification service (issue 5): its origin, when it has another.
          "form-action": ["'self'", ...runtime.formActionOrigins()],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "frame-ancestors": ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );

  /**
   * Sends a request that is refused before any route to the translated status page, rendered by
   * Remix inside the layout, in the visitor's language.
   */
  function reroute(req, res, status, reason) {
    // The raw path is enough to read a language prefix, even when it cannot be decoded.
    const lang = runtime.langFromPath(req.path) ?? runtime.langFromAcceptLanguage(req.get("accept-language"));
    res.locals.refused = reason;
    req.method = "GET";
    req.url = req.originalUrl = `/${lang}/refused/${status}`;
  }

  // A malformed address (bad percent-encoding) is a 400 page, not a crash.
  app.use((req, res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      reroute(req, res, 400, "malformed-path");
    }
    next();
  });

  // A write whose declared body is over its route's limit (forms 128 KB, the results file 2 MB) is
  // answered 413 before a byte of it is read (docs/decisions/066-request-limits.md).
  app.use(runtime.bodySizeGuard(build.routes, (req, res) => reroute(req, res, 413, "body-too-large")));

  // --- Rate limits (docs/decisions/066-request-limits.md): sign-in, form posts (never sign-out) and
  // /api/*, by the route the router matches however the path is spelled; keyed by account once signed
  // in, by browser and with a per-address ceiling before. Over a limit: 429 with Retry-After, and the
  // translated 429 page. The limits are settings (RATE_LIMIT_* in app/.server/platform/config.ts).
  app.use(runtime.rateLimiter(build.routes, (req, res) => reroute(req, res, 429, "rate-limit")));

  // A POST (or any write) from another site never reaches a route: it is answered 403 by the
  // translated "request stopped" page. Sec-Fetch-Site first; browsers without it send Origin.
  function isCrossSite(req) {
    const site = req.get("sec-fetch-site");
    if (site !== undefined) return site !== "same-origin" && site !== "none";
    const origin = req.get("origin");
    if (origin === undefined) return false;
    try {
      return new URL(origin).host !== req.get("host");
    } catch {
      return true; // "null" and anything unparsable
    }
  }
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method) || !isCrossSite(req)) return next();
    reroute(req, res, 403, "cross-site");
    next();
  });

  app.get("/healthz", (_req, res) => {
    const health = runtime.checkHealth();
    res.status(health.ok ? 200 : 503).type("text/plain").send(health.ok ? "ok\n" : `unhealthy: ${health.detail}\n`);
  });

  // Rendered responses are compressed as they go out (a cached page carries copies compressed once,
  // decision 072; the build's files theirs, decision 077). Brotli at quality 3 with a 256 KB window
  // instead of 4 and 4 MB: a page is under 100 KB, and the defaults made a browser's rendered
  // comparison cost 16 ms of CPU instead of 5.4, for 6 % fewer bytes (decision 080).
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 3, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } } }));
  // The build's scripts and styles, sent as the brotli or gzip file made at build time when the
  // browser takes one (decision 077): compression above leaves an encoded response as it is.
  app.use(
    "/assets",
    expressStaticGzip(path.join(buildDir, "client/assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { immutable: true, maxAge: "1y", index: false },
    }),
  );
  // The few files at the top of the build (favicon, robots.txt), looked up by name: express.static
  // would ask the file system about every page's path before falling through (decision 072).
  const clientDir = path.join(buildDir, "client");
  const topFiles = new Set(
    (fs.existsSync(clientDir) ? fs.readdirSync(clientDir, { withFileTypes: true }) : []).filter((e) => e.isFile()).map((e) => `/${e.name}`),
  );
  const serveTopFiles = express.static(clientDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (topFiles.has(req.path) ? serveTopFiles(req, res, next) : next()));

  // --- Identification (issue 5; docs/decisions/031-test-identity-provider.md) ---
  // The built-in test identity provider under /test-idp: a real OpenID Connect provider in this
  // process, on by default in demo and test, off in production unless TEST_IDP=true.
  runtime.mountTestIdp(app);
  // Pages for signed-in people (and the sign-in pages) are never cached.
  app.use(runtime.noStoreForSignedIn);

  // What a cacheable request renders is kept for the next (see pageCache above).
  app.all(
    "*",
    pageCache.keep(
      createRequestHandler({
        build,
        mode: "production",
        getLoadContext: (req, res) => ({
          documentRequest: !req.path.endsWith(".data"),
          cspNonce: res.locals.cspNonce,
          requestId: res.locals.requestId,
          refused: res.locals.refused ?? null,
          publicOrigin: cfg.PUBLIC_ORIGIN ?? null,
        }),
      }),
    ),
  );
  // Hits are answered before Express's own work for every request (its query parsing, the request
  // and response prototypes, the router): the app calls app.handle for each request, so the hit
  // check goes in front of it. A request that is not a hit goes through Express as before.
  const handle = app.handle;
  app.handle = function answerHitsFirst(req, res, callback) {
    pageCache.answerHits(req, res, () => handle.call(app, req, res, callback));
  };
  return app;
}

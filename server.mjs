// The production server: Express in front of Remix, so that security headers, the cross-site
// check, static files and the test identity provider sit before any route.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import crypto from "node:crypto";
import path from "node:path";
import url from "node:url";

// React and Remix pick their production code from NODE_ENV when the build is imported below.
process.env.NODE_ENV ??= "production";
// The database, its WAL and the backups hold personal data: every file the server makes is 0600 and
// every folder 0700 (docs/decisions/067-write-failures-and-file-modes.md).
process.umask(0o077);

const here = path.dirname(url.fileURLToPath(import.meta.url));
const buildDir = path.resolve(here, process.env.VALINTA_BUILD_DIR ?? "build");
const build = await import(url.pathToFileURL(path.join(buildDir, "server/index.js")).href);
const runtime = build.entry.module.runtime;

let cfg;
try {
  cfg = runtime.startup();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error("Valinta did not start.");
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", cfg.TRUST_PROXY);

app.use((req, res, next) => {
  res.locals.requestId = crypto.randomUUID();
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", res.locals.requestId);
  next();
});

// Metrics by route family: the first path segment after the language, from the build's routes.
const knownFamilies = new Set(
  Object.values(build.routes)
    .map((r) => r.path?.split("/")[0])
    .filter((p) => p && !p.startsWith(":") && p !== "*"),
);
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

// --- Rate limits (issue 5; docs/decisions/033-csrf-and-rate-limits.md): sign-in, every form
// post and /api/*, per client address. Over the limit: 429 with Retry-After, and the translated
// 429 page. The limits are settings (RATE_LIMIT_* in app/.server/config.ts).
app.use(runtime.rateLimiter((req, res) => reroute(req, res, 429, "rate-limit")));

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

app.use(compression());
app.use(
  "/assets",
  express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y", index: false }),
);
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h", index: false }));

// --- Identification (issue 5; docs/decisions/031-test-identity-provider.md) ---
// The built-in test identity provider under /test-idp: a real OpenID Connect provider in this
// process, on by default in demo and test, off in production unless TEST_IDP=true.
runtime.mountTestIdp(app);
// Pages for signed-in people (and the sign-in pages) are never cached.
app.use(runtime.noStoreForSignedIn);

// Public pages for visitors who are not signed in come from memory while the database is unchanged
// (docs/decisions/059-public-page-cache.md; PAGE_CACHE_SECONDS=0 turns this off).
app.all(
  "*",
  runtime.publicPageCache(
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (_req, res) => ({
        cspNonce: res.locals.cspNonce,
        requestId: res.locals.requestId,
        refused: res.locals.refused ?? null,
        publicOrigin: cfg.PUBLIC_ORIGIN ?? null,
      }),
    }),
  ),
);

const server = app.listen(cfg.PORT, cfg.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : cfg.PORT;
  console.log(`Valinta is running on http://localhost:${port}`);
  runtime.logger.info({ port }, "listening");
});
const stopBackups = runtime.startBackupSchedule();
// WAL checkpoints run in a worker thread, not inside a request's commit (decision 060).
const stopCheckpoints = runtime.startCheckpoints();
// Expired sessions and data past its retention period go at start and every hour.
const stopRetention = runtime.startRetentionSchedule();

// On SIGTERM: stop taking connections, let requests in flight finish (up to SHUTDOWN_GRACE_MS),
// then checkpoint the WAL and close the database, so that a deploy or restart loses nothing.
let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  runtime.logger.info({ signal }, "shutting down");
  const grace = cfg.SHUTDOWN_GRACE_MS;
  const force = setTimeout(() => {
    runtime.logger.warn({ grace }, "requests still running after the grace period; closing anyway");
    server.closeAllConnections();
  }, grace);
  force.unref();
  stopBackups();
  stopRetention();
  server.close(async () => {
    clearTimeout(force);
    await stopCheckpoints();
    runtime.closeDb();
    runtime.logger.info("database closed; bye");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

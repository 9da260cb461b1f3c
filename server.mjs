// The production server: the production build behind the site's HTTP stack (server/app.mjs), its
// background schedules, and a graceful shutdown.
import path from "node:path";
import url from "node:url";
import { createApp } from "./server/app.mjs";

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

const app = createApp({ build, runtime, cfg, buildDir });

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
// Notifications: the outbox is delivered by SMTP (SMTP_URL) or, in the demo, to /{lang}/demo-outbox (decision 070).
const stopNotifications = runtime.startNotificationWorker();

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
    await stopNotifications();
    await stopCheckpoints();
    runtime.closeDb();
    runtime.logger.info("database closed; bye");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

/**
 * What the custom server (server.mjs) needs from the application, reached through the build's
 * entry module so that all server code is TypeScript compiled by Vite.
 */
import { config, parseConfig } from "./config";
import { takeBackup, tightenBackups } from "./backup";
import { checkHealth, closeDb, getDb, migrateDatabase } from "./db";
import { logger } from "./log";
import { seed } from "./seed";
import { checkIdentification } from "../auth/oidc";
import { startCheckpointer } from "./checkpointer";

export { config, parseConfig, checkHealth, closeDb };
export { logger };
export { startRetentionSchedule } from "./retention.store";
export { registry as metricsRegistry, httpDuration, errorsTotal, routeFamily } from "./metrics";
export { langFromAcceptLanguage, langFromPath } from "~/i18n";
// Identification, sessions and roles (issue 5): the test identity provider, rate limits, no-store.
export { mountTestIdp } from "../auth/test-idp";
export { rateLimiter } from "./rate-limit";
export { bodySizeGuard } from "./forms";
export { noStoreForSignedIn } from "../auth/session";
export { formActionOrigins } from "../auth/oidc";
export { createPageCache } from "./page-cache";
// Notifications (issue 16, item 3; decision 070): the outbox's worker and the first-contact check.
export { startNotificationWorker } from "../notifications/worker";

/** Validates the environment, migrates and seeds. Throws (and the server refuses to start) on failure. */
export function startup() {
  const cfg = config();
  // Backups an older version made readable to every local user become 0600 in a 0700 folder (decision 067).
  tightenBackups(cfg.BACKUP_DIR);
  const db = getDb();
  migrateDatabase(db);
  // With the demo's example data of accountability when APP_ENV=demo (decision 071); the tests make their own.
  seed(db);
  checkIdentification();
  return cfg;
}

/** WAL checkpoints in a worker thread instead of inside a request's commit (decision 060). Returns a stopper. */
export function startCheckpoints(): () => Promise<void> {
  return startCheckpointer(getDb().$client);
}

/** Online backups on an interval (BACKUP_INTERVAL_MINUTES; off by default). Returns a stopper. */
export function startBackupSchedule(): () => void {
  const cfg = config();
  if (cfg.BACKUP_INTERVAL_MINUTES === 0) return () => undefined;
  const timer = setInterval(() => {
    takeBackup({ source: getDb().$client, dir: cfg.BACKUP_DIR, keep: cfg.BACKUP_KEEP })
      .then(({ file, removed }) => logger.info({ file, removed: removed.length }, "backup taken"))
      .catch((error: Error) => logger.error({ err: error.message }, "backup failed"));
  }, cfg.BACKUP_INTERVAL_MINUTES * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * What the custom server (server.mjs) needs from the application, reached through the build's
 * entry module so that all server code is TypeScript compiled by Vite.
 */
import { seedDatabase } from "../../db/seed";
import { config, parseConfig } from "./config";
import { checkHealth, closeDb, getDb, migrateDatabase } from "./db";

export { config, parseConfig, checkHealth, closeDb };
export { logger } from "./log";
export { langFromAcceptLanguage, langFromPath } from "~/i18n";

/** Validates the environment, migrates and seeds. Throws (and the server refuses to start) on failure. */
export function startup() {
  const cfg = config();
  const db = getDb();
  migrateDatabase(db);
  seedDatabase(db);
  return cfg;
}

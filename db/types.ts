import type Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as schema from "./schema";

/**
 * The database as drizzle sees it, with better-sqlite3's connection as `$client`. It lives next to
 * the schema so that the seed (db/seed) and the server (app/.server/platform/db.ts, which opens it)
 * share it without db/ importing app/.server (eslint.boundaries.js).
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * A row of the append-only audit trail (docs/decisions/034-audit-trail.md), as the audit writer
 * (app/.server/platform/audit.store.ts) takes it; the seed is handed that writer.
 */
export type AuditEntry = {
  actor: string;
  action: string;
  subject?: string | null;
  pilotSlug?: string | null;
  details?: Record<string, unknown> | null;
};

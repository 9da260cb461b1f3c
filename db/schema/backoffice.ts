import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { providers } from "./providers";
import { pilots } from "./reference";

/**
 * The officials' back office (issue 7; docs/decisions/050–054).
 */

/**
 * A results file that passed validation and waits to be published. The validated rows stay here,
 * on the server, between the preview and the publication: nothing of the file travels through the
 * form. A staged upload belongs to one official's session (the hash of its token) and one pilot;
 * publishing or discarding deletes it, and uploads older than a day are swept away.
 */
export const resultUploads = sqliteTable(
  "result_uploads",
  {
    /** Random, unguessable (24 bytes, base64url): the address of the preview. */
    id: text("id").primaryKey(),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    /** Identity hash of the official who uploaded the file. */
    actor: text("actor").notNull(),
    /** SHA-256 of the session token the file was uploaded in: another session cannot publish it. */
    sessionHash: text("session_hash").notNull(),
    fileName: text("file_name").notNull(),
    /** The validated rows with their row numbers in the file (app/domain/csv-results.ts StagedRow). */
    rows: text("rows", { mode: "json" }).$type<Record<string, unknown>[]>().notNull(),
    /** Notes that do not stop publication (a name that differs from the registered one). */
    warnings: text("warnings", { mode: "json" }).$type<Record<string, unknown>[]>().notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("result_uploads_created_idx").on(t.createdAt)],
);

/**
 * A provider suspended from a pilot by an official. Suspending ends the provider's participation
 * (provider_pilots.ends_on becomes the day before), so that every part of the service treats it
 * as having left; the dates it had are kept here and come back when the suspension is lifted.
 */
export const providerSuspensions = sqliteTable(
  "provider_suspensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    /** The first day the provider does not serve the pilot. */
    suspendedOn: text("suspended_on").notNull(),
    /** The official's reason, for the officials of the pilot. */
    reason: text("reason").notNull(),
    /** provider_pilots.ends_on before the suspension (null: until further notice). */
    previousEndsOn: text("previous_ends_on"),
    suspendedBy: text("suspended_by").notNull(),
    liftedOn: text("lifted_on"),
    liftedBy: text("lifted_by"),
  },
  (t) => [
    uniqueIndex("provider_suspensions_one_open").on(t.providerId, t.pilotSlug).where(sql`lifted_on IS NULL`),
    index("provider_suspensions_pilot_idx").on(t.pilotSlug, t.providerId),
  ],
);

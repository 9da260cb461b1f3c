import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Assessed facts (docs/decisions/073-assessed-facts.md): what the public service decides about a
 * person ("confirmed entitled", "in a weaker labour-market position"), recorded by an official of
 * the pilot. Keyed by the person's identity hash (as roles are), so that a record can be made before
 * the person first signs in. Append-only: a change is a new row; the latest row for a person, pilot
 * and fact counts, up to its last day.
 */
export const assessedFacts = sqliteTable(
  "assessed_facts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    identityHash: text("identity_hash").notNull(),
    pilotSlug: text("pilot_slug").notNull(),
    /** One of `assessedFacts` of app/domain/pilot.ts. */
    fact: text("fact", { enum: ["referral", "weaker_position"] }).notNull(),
    value: integer("value", { mode: "boolean" }).notNull(),
    /** Identity hash of the official who recorded it, or "seed". */
    recordedBy: text("recorded_by").notNull(),
    recordedAt: text("recorded_at").notNull(),
    /** The last day the record counts (ISO date), or null: until a new record. */
    endsOn: text("ends_on"),
  },
  (t) => [index("assessed_facts_person_idx").on(t.identityHash, t.pilotSlug, t.fact), index("assessed_facts_pilot_idx").on(t.pilotSlug, t.recordedAt)],
);

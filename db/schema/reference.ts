import { sql } from "drizzle-orm";
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Statistics Finland's municipality classification, plus historical codes that pilots name. */
export const municipalities = sqliteTable("municipalities", {
  code: text("code").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  regionCode: text("region_code").notNull(),
  regionFi: text("region_fi").notNull(),
  regionSv: text("region_sv").notNull(),
  /** fi, sv, fi+sv (bilingual, Finnish majority) or sv+fi. */
  languages: text("languages").notNull(),
  /** Set for a code that no longer exists (Pertunmaa 588 → 507 on 2025-01-01). */
  mergedInto: text("merged_into"),
  mergedOn: text("merged_on"),
});

/** The employment areas that are the public employment service since 1.1.2025. */
export const employmentAreas = sqliteTable("employment_areas", {
  id: text("id").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv"),
  leadMunicipalityCode: text("lead_municipality_code"),
  web: text("web"),
  /** high, medium or low: how sure the membership is. Officials can correct it. */
  confidence: text("confidence").notNull(),
  notes: text("notes"),
});

export const employmentAreaMembers = sqliteTable(
  "employment_area_members",
  {
    areaId: text("area_id")
      .notNull()
      .references(() => employmentAreas.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.municipalityCode] })],
);

/**
 * A pilot is data: its whole definition (area, dates, target group, exclusions, switching rule)
 * is one JSON document validated by the domain's zod schema when loaded.
 */
export const pilots = sqliteTable("pilots", {
  slug: text("slug").primaryKey(),
  definition: text("definition", { mode: "json" }).notNull(),
  updatedAt: text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** Every saved version of a pilot's definition, newest last. */
export const pilotHistory = sqliteTable("pilot_history", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  pilotSlug: text("pilot_slug")
    .notNull()
    .references(() => pilots.slug),
  definition: text("definition", { mode: "json" }).notNull(),
  savedAt: text("saved_at").notNull(),
  /** HMAC of the official's identity code, or "seed". */
  savedBy: text("saved_by").notNull(),
});

/** Append-only: who (hashed), what, when. Written in the same transaction as the change. */
export const audit = sqliteTable("audit", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  at: text("at").notNull(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  subject: text("subject"),
  pilotSlug: text("pilot_slug"),
  details: text("details", { mode: "json" }),
});

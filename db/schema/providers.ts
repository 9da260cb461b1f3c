import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { municipalities, pilots } from "./reference";

/**
 * Providers, their offices and pilots, and their monthly results
 * (docs/decisions/020-provider-data.md, 022-results-data.md).
 */

type Localized = { fi: string; sv: string; en: string };

export const providers = sqliteTable(
  "providers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Y-tunnus with a valid check digit (app/domain/business-id.ts). It never changes. */
    businessId: text("business_id").notNull().unique(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    /** nameSortKey(name): the list sorts on an index instead of sorting every provider. */
    sortKey: text("sort_key").notNull(),
    shortDescription: text("short_description", { mode: "json" }).$type<Localized>().notNull(),
    longDescription: text("long_description", { mode: "json" }).$type<Localized>().notNull(),
    phone: text("phone"),
    email: text("email"),
    web: text("web"),
    // Service commitments, verified by officials.
    takesNewCustomers: integer("takes_new_customers", { mode: "boolean" }).notNull(),
    firstMeetingWithinDays: integer("first_meeting_within_days").notNull(),
    coachMeetingsPerMonth: integer("coach_meetings_per_month").notNull(),
    remoteMeetings: integer("remote_meetings", { mode: "boolean" }).notNull(),
    /** The date an official last verified the commitments; null: not verified yet. */
    commitmentsVerifiedOn: text("commitments_verified_on"),
    /** Identity hash of the official who verified them, or "seed". */
    commitmentsVerifiedBy: text("commitments_verified_by"),
    /**
     * The provider's home pilot: the pilot that added it. Its officials keep the details every pilot
     * shares (name, services, languages, commitments); another pilot that joins the provider keeps
     * only its own participation (docs/decisions/065-provider-ownership-across-pilots.md).
     * Migration 0009 filled it in for every provider and refuses a new row without it; null would
     * mean that no pilot's officials may change the shared details.
     */
    homePilotSlug: text("home_pilot_slug").references(() => pilots.slug),
    /** Example data: every page that shows it says so. */
    isExample: integer("is_example", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("providers_sort_idx").on(t.sortKey)],
);

/** The languages the service is given in (part of the commitments). */
export const providerLanguages = sqliteTable(
  "provider_languages",
  {
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.language] }), index("provider_languages_language_idx").on(t.language)],
);

export const providerServices = sqliteTable(
  "provider_services",
  {
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    service: text("service").notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.service] }), index("provider_services_service_idx").on(t.service)],
);

/** The pilots a provider serves, with dates (ends_on null: until further notice). */
export const providerPilots = sqliteTable(
  "provider_pilots",
  {
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on"),
  },
  (t) => [
    primaryKey({ columns: [t.providerId, t.pilotSlug] }),
    index("provider_pilots_pilot_idx").on(t.pilotSlug),
    // Covers the comparison's count of a pilot's providers serving today: read from the index alone.
    index("provider_pilots_listing_idx").on(t.pilotSlug, t.startsOn, t.endsOn, t.providerId),
  ],
);

export const providerOffices = sqliteTable(
  "provider_offices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    streetAddress: text("street_address").notNull(),
    postalCode: text("postal_code").notNull(),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    /** [{ days: [1..7], opens: "08:00", closes: "16:00" }] (app/domain/providers.ts) */
    openingHours: text("opening_hours", { mode: "json" }).$type<{ days: number[]; opens: string; closes: string }[]>().notNull(),
    openingHoursNote: text("opening_hours_note", { mode: "json" }).$type<Localized | null>(),
    /** Physical accessibility as facts (app/domain/providers.ts accessibilitySchema). */
    accessibility: text("accessibility", { mode: "json" })
      .$type<{
        stepFreeEntrance: boolean;
        lift: boolean | null;
        accessibleToilet: boolean;
        inductionLoop: boolean;
        accessibleParking: boolean;
        note: Localized | null;
      }>()
      .notNull(),
  },
  (t) => [index("provider_offices_provider_idx").on(t.providerId, t.position)],
);

/**
 * One row per pilot, month and provider; provider_id null is the public service of the pilot.
 * The customers who started in the month, and what happened to them; outcome counts are null
 * while their follow-up is not over. The column names match results.csv.
 */
export const results = sqliteTable(
  "results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    /** YYYY-MM: the month the customers started. */
    month: text("month").notNull(),
    providerId: integer("provider_id").references(() => providers.id),
    /**
     * The customer group the row counts (app/domain/customer-groups.ts), or "all" for every customer
     * of the month. A month's group rows add up to its "all" row, dimension by dimension
     * (docs/decisions/069-customer-groups-and-adjusted-figures.md).
     */
    customerGroup: text("customer_group").notNull().default("all"),
    started: integer("started").notNull(),
    employedOpen3m: integer("employed_open_3m"),
    employedOpen6m: integer("employed_open_6m"),
    inEducation: integer("in_education"),
    inSubsidisedWork: integer("in_subsidised_work"),
    contactedWithin5Days: integer("contacted_within_5_days"),
    satisfactionResponses: integer("satisfaction_responses").notNull(),
    satisfactionMean: real("satisfaction_mean"),
  },
  (t) => [
    uniqueIndex("results_provider_month_unique")
      .on(t.pilotSlug, t.providerId, t.customerGroup, t.month)
      .where(sql`${t.providerId} IS NOT NULL`),
    uniqueIndex("results_public_month_unique")
      .on(t.pilotSlug, t.customerGroup, t.month)
      .where(sql`${t.providerId} IS NULL`),
    index("results_pilot_month_idx").on(t.pilotSlug, t.month),
    // The comparison reads one group's rows (the whole, or the adjustment's groups) of a period.
    index("results_pilot_group_month_idx").on(t.pilotSlug, t.customerGroup, t.month),
  ],
);

/**
 * Publication of a pilot's month: rows are shown and exported only once published. A month
 * replaced later (outcomes filled in when the follow-up ends, or an error corrected) keeps its
 * first publication date and gets corrected_at.
 */
export const resultMonths = sqliteTable(
  "result_months",
  {
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    month: text("month").notNull(),
    publishedAt: text("published_at"),
    correctedAt: text("corrected_at"),
    /** Identity hash of the official who published or replaced the month, or "seed". */
    publishedBy: text("published_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pilotSlug, t.month] })],
);

import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { people } from "./auth";
import { pilots } from "./reference";

/**
 * The choice (docs/decisions/040–049). Every row here is personal data of one person and is read
 * only through app/.server/choice/choices.store*.ts, whose queries are scoped to the person's id (or, in the
 * back office, to an official's pilot).
 */

/** What a receipt shows, frozen when the choice is recorded: a later edit of a provider's profile
 * or a pilot's rule does not rewrite a receipt that was already given. */
export type ChoiceSnapshot = {
  pilotName: { fi: string; sv: string; en: string };
  provider: {
    name: string;
    phone: string | null;
    email: string | null;
    web: string | null;
  } | null;
  /** The pilot's lock period when the choice was made (0 for the public service: it never binds). */
  lockMonths: number;
  /** The date by which the provider contacts the person (5 working days), null for the public service. */
  contactBy: string | null;
};

/**
 * Recorded choices. One row per choice; a change ends the current row and adds a new one, so the
 * table is the person's history too. At most one current choice per person (partial unique index).
 */
export const choices = sqliteTable(
  "choices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The receipt's reference number ("7K3M-9QX4"), with its check character. */
    reference: text("reference").notNull().unique(),
    /** The key rendered into the confirmation form: the same key never records a second choice. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    kind: text("kind", { enum: ["provider", "public_service"] }).notNull(),
    /** providers.id; null for the public service. No foreign key: see decision 041. */
    providerId: integer("provider_id"),
    providerSlug: text("provider_slug"),
    snapshot: text("snapshot", { mode: "json" }).$type<ChoiceSnapshot>().notNull(),
    /** Shared with the chosen provider only; only with a provider choice (a CHECK keeps it so). */
    contactChannel: text("contact_channel", { enum: ["phone", "email"] }),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    serviceLanguage: text("service_language"),
    /** ISO timestamp of the commit, and the same instant as a date in Finland. */
    chosenAt: text("chosen_at").notNull(),
    chosenOn: text("chosen_on").notNull(),
    status: text("status", { enum: ["current", "ended"] })
      .notNull()
      .default("current"),
    endedAt: text("ended_at"),
    /** changed: the person chose again; provider_left: the provider had left or was suspended;
     * weighty_reason: changed early after an approved request; pilot_ended. */
    endedReason: text("ended_reason", { enum: ["changed", "provider_left", "weighty_reason", "pilot_ended"] }),
    /** When the provider's view stops showing the contact details (3 months after the choice ends). */
    contactVisibleUntil: text("contact_visible_until"),
  },
  (t) => [
    uniqueIndex("choices_one_current_per_person").on(t.personId).where(sql`status = 'current'`),
    index("choices_person_idx").on(t.personId, t.chosenAt),
    index("choices_provider_idx").on(t.providerId, t.status),
    index("choices_pilot_idx").on(t.pilotSlug, t.chosenOn),
    // Contact details exist only with a provider choice, and a provider choice always has them.
    check(
      "choices_contact_only_with_provider",
      sql`(kind = 'public_service' AND provider_id IS NULL AND contact_channel IS NULL AND contact_phone IS NULL AND contact_email IS NULL AND service_language IS NULL) OR (kind = 'provider' AND provider_id IS NOT NULL AND contact_channel IS NOT NULL AND service_language IS NOT NULL)`,
    ),
  ],
);

/** Append-only (triggers in the migration): what happened to a person's choices, in order. */
export const choiceHistory = sqliteTable(
  "choice_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    choiceId: integer("choice_id").references(() => choices.id),
    at: text("at").notNull(),
    event: text("event", {
      enum: ["chosen", "ended", "weighty_reason_requested", "weighty_reason_approved", "weighty_reason_rejected"],
    }).notNull(),
    /** Codes and references only (kind, reference, reason code), never contact details. */
    details: text("details", { mode: "json" }).$type<Record<string, string | number | null>>(),
  },
  (t) => [index("choice_history_person_idx").on(t.personId, t.id)],
);

/**
 * A request to change early for a weighty reason. An official of the pilot decides it (back
 * office, issue 7); an approved request lets the person choose again at once.
 */
export const changeRequests = sqliteTable(
  "change_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    /** The choice the person wants to leave. */
    choiceId: integer("choice_id")
      .notNull()
      .references(() => choices.id),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    /** The person's own words. */
    reason: text("reason").notNull(),
    requestedAt: text("requested_at").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    decidedAt: text("decided_at"),
    /** Identity hash of the official who decided. */
    decidedBy: text("decided_by"),
    /** The official's explanation, shown to the person. */
    decisionNote: text("decision_note"),
  },
  (t) => [
    uniqueIndex("change_requests_one_pending").on(t.choiceId).where(sql`status = 'pending'`),
    index("change_requests_person_idx").on(t.personId),
    index("change_requests_pilot_idx").on(t.pilotSlug, t.status),
  ],
);

/** The person's answers to the eligibility questions: answered once, correctable. */
export const eligibilityAnswers = sqliteTable("eligibility_answers", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  facts: text("facts", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  answeredAt: text("answered_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * A choice being made and not yet confirmed (at most one per person): what was picked, the contact
 * details typed, and the idempotency key of the confirmation form. Confirming deletes it in the
 * same transaction that records the choice; an unconfirmed one is removed after 24 hours.
 */
export const choiceDrafts = sqliteTable("choice_drafts", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  pilotSlug: text("pilot_slug").notNull(),
  kind: text("kind", { enum: ["provider", "public_service"] }).notNull(),
  providerId: integer("provider_id"),
  providerSlug: text("provider_slug"),
  contactChannel: text("contact_channel", { enum: ["phone", "email"] }),
  contactPhone: text("contact_phone"),
  contactEmail: text("contact_email"),
  serviceLanguage: text("service_language"),
  /** Renewed whenever the draft changes, so that a stale confirmation page cannot confirm it. */
  idempotencyKey: text("idempotency_key").notNull(),
  updatedAt: text("updated_at").notNull(),
});

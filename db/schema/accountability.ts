import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { people } from "./auth";
import { choices } from "./choices";
import { providers } from "./providers";
import { pilots } from "./reference";

/**
 * Accountability (issue 16; docs/decisions/071-disputes-and-problem-reports.md).
 *
 * Meetings the provider's staff record, customers' answers about recorded contacts and meetings
 * (confirmed or disputed), and problem reports about providers. Free text in these tables is
 * personal data: app/.server/platform/retention.store.ts removes it as decision 071 says; the counts stay.
 */

/** A meeting with a customer, as the provider's staff recorded it: at most one a day per customer. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    choiceId: integer("choice_id")
      .notNull()
      .references(() => choices.id),
    /** YYYY-MM-DD, not before the choice, not in the future (checked when recorded). */
    heldOn: text("held_on").notNull(),
    recordedAt: text("recorded_at").notNull(),
    /** Identity hash of the staff member who recorded it. */
    recordedBy: text("recorded_by").notNull(),
  },
  (t) => [uniqueIndex("meetings_choice_day").on(t.choiceId, t.heldOn), index("meetings_held_on").on(t.heldOn)],
);

/**
 * A customer's answer about one recorded item: the first contact (`item` "first-contact") or a
 * meeting (`item` "meeting:<id>"). A dispute (did not happen, another day) is a case the pilot's
 * officials handle: `state` is set for disputes and null for a confirmation.
 */
export const deliveryAnswers = sqliteTable(
  "delivery_answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    choiceId: integer("choice_id")
      .notNull()
      .references(() => choices.id),
    item: text("item").notNull(),
    meetingId: integer("meeting_id").references(() => meetings.id),
    answer: text("answer", { enum: ["confirmed", "did_not_happen", "other_day"] }).notNull(),
    /** The person's optional note: personal data, removed as decision 071 says. */
    note: text("note"),
    answeredAt: text("answered_at").notNull(),
    state: text("state", { enum: ["received", "in_progress", "answered", "not_upheld"] }),
    officialAnswer: text("official_answer"),
    handledAt: text("handled_at"),
    handledBy: text("handled_by"),
    /** When the free text was removed (retention). */
    textRemovedAt: text("text_removed_at"),
  },
  (t) => [uniqueIndex("delivery_answers_item").on(t.choiceId, t.item), index("delivery_answers_state").on(t.state)],
);

/**
 * A problem reported about a provider, by someone signed in (`person_id`) or not (null). The
 * description and the answer are personal data, removed as decision 071 says; the category, the
 * month and the state stay for the published counts.
 */
export const problemReports = sqliteTable(
  "problem_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id),
    pilotSlug: text("pilot_slug")
      .notNull()
      .references(() => pilots.slug),
    category: text("category", { enum: ["gift", "no_contact", "office_closed", "meeting_cancelled", "treated_badly", "other"] }).notNull(),
    description: text("description"),
    personId: integer("person_id").references(() => people.id),
    /** The language the report was made in: the answer is written in it. */
    lang: text("lang").notNull(),
    /** YYYY-MM of `created_at` in Finland: the month the counts publish it in. */
    month: text("month").notNull(),
    createdAt: text("created_at").notNull(),
    state: text("state", { enum: ["received", "in_progress", "answered", "not_upheld"] })
      .notNull()
      .default("received"),
    answer: text("answer"),
    handledAt: text("handled_at"),
    handledBy: text("handled_by"),
    textRemovedAt: text("text_removed_at"),
  },
  (t) => [
    index("problem_reports_pilot_state").on(t.pilotSlug, t.state),
    index("problem_reports_provider_month").on(t.providerId, t.month),
    index("problem_reports_person").on(t.personId),
  ],
);

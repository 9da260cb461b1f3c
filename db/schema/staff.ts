import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { choices } from "./choices";

/**
 * Provider staff's records (issue 7; docs/decisions/055–059).
 *
 * The day a provider first contacted a customer who chose it, as the provider's staff recorded it:
 * one row per choice. It feeds the published measure "contacted within 5 working days"
 * (app/domain/first-contact.ts). It holds no contact details: when the customer's details are
 * hidden from the provider (3 months after they moved on), the date stays for the counts.
 */
export const firstContacts = sqliteTable("first_contacts", {
  choiceId: integer("choice_id")
    .primaryKey()
    .references(() => choices.id),
  /** YYYY-MM-DD, not before the choice, not in the future (checked when recorded). */
  contactedOn: text("contacted_on").notNull(),
  /** ISO timestamp of the latest recording (a correction replaces the date; the audit keeps each). */
  recordedAt: text("recorded_at").notNull(),
  /** Identity hash of the staff member who recorded it. */
  recordedBy: text("recorded_by").notNull(),
});

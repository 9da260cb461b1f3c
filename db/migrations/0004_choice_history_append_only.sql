-- A person's choice history is append-only, like the audit trail: a row, once written, can be
-- neither changed nor removed. (docs/decisions/041-choice-records.md)
CREATE TRIGGER `choice_history_no_update` BEFORE UPDATE ON `choice_history` BEGIN SELECT RAISE(ABORT, 'choice_history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `choice_history_no_delete` BEFORE DELETE ON `choice_history` BEGIN SELECT RAISE(ABORT, 'choice_history is append-only'); END;
--> statement-breakpoint
-- A recorded choice keeps what it recorded: only its end (status, when, why) and the contact's
-- visibility may change afterwards.
CREATE TRIGGER `choices_recorded_fields_fixed` BEFORE UPDATE OF `reference`, `idempotency_key`, `person_id`, `pilot_slug`, `kind`, `provider_id`, `chosen_at`, `chosen_on`, `snapshot` ON `choices` BEGIN SELECT RAISE(ABORT, 'a recorded choice cannot be rewritten'); END;

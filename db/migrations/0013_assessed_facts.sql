CREATE TABLE `assessed_facts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identity_hash` text NOT NULL,
	`pilot_slug` text NOT NULL,
	`fact` text NOT NULL,
	`value` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	`ends_on` text
);
--> statement-breakpoint
CREATE INDEX `assessed_facts_person_idx` ON `assessed_facts` (`identity_hash`,`pilot_slug`,`fact`);--> statement-breakpoint
CREATE INDEX `assessed_facts_pilot_idx` ON `assessed_facts` (`pilot_slug`,`recorded_at`);--> statement-breakpoint
-- A record, once written, is never rewritten: a change is a new row (docs/decisions/073-assessed-facts.md).
CREATE TRIGGER `assessed_facts_no_update` BEFORE UPDATE ON `assessed_facts` BEGIN SELECT RAISE(ABORT, 'assessed_facts is append-only'); END;

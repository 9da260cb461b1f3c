CREATE TABLE `change_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`choice_id` integer NOT NULL,
	`pilot_slug` text NOT NULL,
	`reason` text NOT NULL,
	`requested_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`decision_note` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`choice_id`) REFERENCES `choices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_requests_one_pending` ON `change_requests` (`choice_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `change_requests_person_idx` ON `change_requests` (`person_id`);--> statement-breakpoint
CREATE INDEX `change_requests_pilot_idx` ON `change_requests` (`pilot_slug`,`status`);--> statement-breakpoint
CREATE TABLE `choice_drafts` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`pilot_slug` text NOT NULL,
	`kind` text NOT NULL,
	`provider_id` integer,
	`provider_slug` text,
	`contact_channel` text,
	`contact_phone` text,
	`contact_email` text,
	`service_language` text,
	`idempotency_key` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `choice_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`choice_id` integer,
	`at` text NOT NULL,
	`event` text NOT NULL,
	`details` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`choice_id`) REFERENCES `choices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `choice_history_person_idx` ON `choice_history` (`person_id`,`id`);--> statement-breakpoint
CREATE TABLE `choices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`person_id` integer NOT NULL,
	`pilot_slug` text NOT NULL,
	`kind` text NOT NULL,
	`provider_id` integer,
	`provider_slug` text,
	`snapshot` text NOT NULL,
	`contact_channel` text,
	`contact_phone` text,
	`contact_email` text,
	`service_language` text,
	`chosen_at` text NOT NULL,
	`chosen_on` text NOT NULL,
	`status` text DEFAULT 'current' NOT NULL,
	`ended_at` text,
	`ended_reason` text,
	`contact_visible_until` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "choices_contact_only_with_provider" CHECK((kind = 'public_service' AND provider_id IS NULL AND contact_channel IS NULL AND contact_phone IS NULL AND contact_email IS NULL AND service_language IS NULL) OR (kind = 'provider' AND provider_id IS NOT NULL AND contact_channel IS NOT NULL AND service_language IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `choices_reference_unique` ON `choices` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `choices_idempotency_key_unique` ON `choices` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `choices_one_current_per_person` ON `choices` (`person_id`) WHERE status = 'current';--> statement-breakpoint
CREATE INDEX `choices_person_idx` ON `choices` (`person_id`,`chosen_at`);--> statement-breakpoint
CREATE INDEX `choices_provider_idx` ON `choices` (`provider_id`,`status`);--> statement-breakpoint
CREATE INDEX `choices_pilot_idx` ON `choices` (`pilot_slug`,`chosen_on`);--> statement-breakpoint
CREATE TABLE `eligibility_answers` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`facts` text NOT NULL,
	`answered_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);

CREATE TABLE `provider_suspensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` integer NOT NULL,
	`pilot_slug` text NOT NULL,
	`suspended_on` text NOT NULL,
	`reason` text NOT NULL,
	`previous_ends_on` text,
	`suspended_by` text NOT NULL,
	`lifted_on` text,
	`lifted_by` text,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_suspensions_one_open` ON `provider_suspensions` (`provider_id`,`pilot_slug`) WHERE lifted_on IS NULL;--> statement-breakpoint
CREATE INDEX `provider_suspensions_pilot_idx` ON `provider_suspensions` (`pilot_slug`,`provider_id`);--> statement-breakpoint
CREATE TABLE `result_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`pilot_slug` text NOT NULL,
	`actor` text NOT NULL,
	`session_hash` text NOT NULL,
	`file_name` text NOT NULL,
	`rows` text NOT NULL,
	`warnings` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `result_uploads_created_idx` ON `result_uploads` (`created_at`);
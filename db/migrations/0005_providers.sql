CREATE TABLE `provider_languages` (
	`provider_id` integer NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`provider_id`, `language`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `provider_languages_language_idx` ON `provider_languages` (`language`);--> statement-breakpoint
CREATE TABLE `provider_offices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` integer NOT NULL,
	`position` integer NOT NULL,
	`street_address` text NOT NULL,
	`postal_code` text NOT NULL,
	`municipality_code` text NOT NULL,
	`opening_hours` text NOT NULL,
	`opening_hours_note` text,
	`accessibility` text NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipalities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `provider_offices_provider_idx` ON `provider_offices` (`provider_id`,`position`);--> statement-breakpoint
CREATE TABLE `provider_pilots` (
	`provider_id` integer NOT NULL,
	`pilot_slug` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	PRIMARY KEY(`provider_id`, `pilot_slug`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `provider_pilots_pilot_idx` ON `provider_pilots` (`pilot_slug`);--> statement-breakpoint
CREATE TABLE `provider_services` (
	`provider_id` integer NOT NULL,
	`service` text NOT NULL,
	PRIMARY KEY(`provider_id`, `service`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `provider_services_service_idx` ON `provider_services` (`service`);--> statement-breakpoint
CREATE TABLE `providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`sort_key` text NOT NULL,
	`short_description` text NOT NULL,
	`long_description` text NOT NULL,
	`phone` text,
	`email` text,
	`web` text,
	`takes_new_customers` integer NOT NULL,
	`first_meeting_within_days` integer NOT NULL,
	`coach_meetings_per_month` integer NOT NULL,
	`remote_meetings` integer NOT NULL,
	`commitments_verified_on` text,
	`commitments_verified_by` text,
	`is_example` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `providers_business_id_unique` ON `providers` (`business_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `providers_slug_unique` ON `providers` (`slug`);--> statement-breakpoint
CREATE INDEX `providers_sort_idx` ON `providers` (`sort_key`);--> statement-breakpoint
CREATE TABLE `result_months` (
	`pilot_slug` text NOT NULL,
	`month` text NOT NULL,
	`published_at` text,
	`corrected_at` text,
	`published_by` text NOT NULL,
	PRIMARY KEY(`pilot_slug`, `month`),
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pilot_slug` text NOT NULL,
	`month` text NOT NULL,
	`provider_id` integer,
	`started` integer NOT NULL,
	`employed_open_3m` integer,
	`employed_open_6m` integer,
	`in_education` integer,
	`in_subsidised_work` integer,
	`contacted_within_5_days` integer,
	`satisfaction_responses` integer NOT NULL,
	`satisfaction_mean` real,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `results_provider_month_unique` ON `results` (`pilot_slug`,`provider_id`,`month`) WHERE "results"."provider_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `results_public_month_unique` ON `results` (`pilot_slug`,`month`) WHERE "results"."provider_id" IS NULL;--> statement-breakpoint
CREATE INDEX `results_pilot_month_idx` ON `results` (`pilot_slug`,`month`);
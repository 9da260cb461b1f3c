CREATE TABLE `delivery_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`choice_id` integer NOT NULL,
	`item` text NOT NULL,
	`meeting_id` integer,
	`answer` text NOT NULL,
	`note` text,
	`answered_at` text NOT NULL,
	`state` text,
	`official_answer` text,
	`handled_at` text,
	`handled_by` text,
	`text_removed_at` text,
	FOREIGN KEY (`choice_id`) REFERENCES `choices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_answers_item` ON `delivery_answers` (`choice_id`,`item`);--> statement-breakpoint
CREATE INDEX `delivery_answers_state` ON `delivery_answers` (`state`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`choice_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`choice_id`) REFERENCES `choices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_choice_day` ON `meetings` (`choice_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `meetings_held_on` ON `meetings` (`held_on`);--> statement-breakpoint
CREATE TABLE `problem_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` integer NOT NULL,
	`pilot_slug` text NOT NULL,
	`category` text NOT NULL,
	`description` text,
	`person_id` integer,
	`lang` text NOT NULL,
	`month` text NOT NULL,
	`created_at` text NOT NULL,
	`state` text DEFAULT 'received' NOT NULL,
	`answer` text,
	`handled_at` text,
	`handled_by` text,
	`text_removed_at` text,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problem_reports_pilot_state` ON `problem_reports` (`pilot_slug`,`state`);--> statement-breakpoint
CREATE INDEX `problem_reports_provider_month` ON `problem_reports` (`provider_id`,`month`);--> statement-breakpoint
CREATE INDEX `problem_reports_person` ON `problem_reports` (`person_id`);
CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`pilot_slug` text,
	`details` text
);
--> statement-breakpoint
CREATE TABLE `employment_area_members` (
	`area_id` text NOT NULL,
	`municipality_code` text NOT NULL,
	PRIMARY KEY(`area_id`, `municipality_code`),
	FOREIGN KEY (`area_id`) REFERENCES `employment_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipalities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `employment_areas` (
	`id` text PRIMARY KEY NOT NULL,
	`name_fi` text NOT NULL,
	`name_sv` text,
	`lead_municipality_code` text,
	`web` text,
	`confidence` text NOT NULL,
	`notes` text
);
--> statement-breakpoint
CREATE TABLE `municipalities` (
	`code` text PRIMARY KEY NOT NULL,
	`name_fi` text NOT NULL,
	`name_sv` text NOT NULL,
	`region_code` text NOT NULL,
	`region_fi` text NOT NULL,
	`region_sv` text NOT NULL,
	`languages` text NOT NULL,
	`merged_into` text,
	`merged_on` text
);
--> statement-breakpoint
CREATE TABLE `pilot_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pilot_slug` text NOT NULL,
	`definition` text NOT NULL,
	`saved_at` text NOT NULL,
	`saved_by` text NOT NULL,
	FOREIGN KEY (`pilot_slug`) REFERENCES `pilots`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pilots` (
	`slug` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);

CREATE TABLE `first_contacts` (
	`choice_id` integer PRIMARY KEY NOT NULL,
	`contacted_on` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`choice_id`) REFERENCES `choices`(`id`) ON UPDATE no action ON DELETE no action
);

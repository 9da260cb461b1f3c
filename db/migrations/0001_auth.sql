CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identity_hash` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`home_municipality` text,
	`identified_with` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_identity_hash_unique` ON `people` (`identity_hash`);--> statement-breakpoint
CREATE TABLE `roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identity_hash` text NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`granted_at` text NOT NULL,
	`granted_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roles_unique` ON `roles` (`identity_hash`,`kind`,`scope`);--> statement-breakpoint
CREATE INDEX `roles_scope_idx` ON `roles` (`kind`,`scope`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_person_idx` ON `sessions` (`person_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`cookie_hash` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`lang` text NOT NULL,
	`return_to` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_expires_idx` ON `sign_in_attempts` (`expires_at`);
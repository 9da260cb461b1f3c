CREATE TABLE `demo_mailbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`lang` text NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demo_mailbox_message_id_unique` ON `demo_mailbox` (`message_id`);--> statement-breakpoint
CREATE TABLE `notification_addresses` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`lang` text NOT NULL,
	`confirmed_at` text,
	`confirm_nonce` text,
	`confirm_token_hash` text,
	`confirm_expires_at` integer,
	`opt_out_nonce` text NOT NULL,
	`opt_out_token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_addresses_confirm_token_hash_unique` ON `notification_addresses` (`confirm_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `notification_addresses_opt_out_token_hash_unique` ON `notification_addresses` (`opt_out_token_hash`);--> statement-breakpoint
CREATE TABLE `notification_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`dedupe_key` text,
	`message_id` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_outbox_message_id_unique` ON `notification_outbox` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notification_outbox_dedupe` ON `notification_outbox` (`dedupe_key`) WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `notification_outbox_due` ON `notification_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notification_outbox_person` ON `notification_outbox` (`person_id`);
DROP INDEX `results_provider_month_unique`;--> statement-breakpoint
DROP INDEX `results_public_month_unique`;--> statement-breakpoint
ALTER TABLE `results` ADD `customer_group` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
CREATE INDEX `results_pilot_group_month_idx` ON `results` (`pilot_slug`,`customer_group`,`month`);--> statement-breakpoint
CREATE UNIQUE INDEX `results_provider_month_unique` ON `results` (`pilot_slug`,`provider_id`,`customer_group`,`month`) WHERE "results"."provider_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `results_public_month_unique` ON `results` (`pilot_slug`,`customer_group`,`month`) WHERE "results"."provider_id" IS NULL;
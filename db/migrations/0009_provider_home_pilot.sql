ALTER TABLE `providers` ADD `home_pilot_slug` text REFERENCES pilots(slug);
--> statement-breakpoint
-- Hand-written below (docs/decisions/065-provider-ownership-across-pilots.md): a provider's home is
-- the pilot whose official added it (its provider.add audit row); a provider from the seed or
-- without that row gets the pilot it has served longest (earliest first day, then by slug).
UPDATE `providers` SET `home_pilot_slug` = coalesce(
  (SELECT `a`.`pilot_slug` FROM `audit` `a` JOIN `pilots` `pl` ON `pl`.`slug` = `a`.`pilot_slug`
    WHERE `a`.`action` = 'provider.add' AND `a`.`subject` = 'provider:' || `providers`.`id` ORDER BY `a`.`id` LIMIT 1),
  (SELECT `pp`.`pilot_slug` FROM `provider_pilots` `pp` WHERE `pp`.`provider_id` = `providers`.`id` ORDER BY `pp`.`starts_on`, `pp`.`pilot_slug` LIMIT 1)
);
--> statement-breakpoint
-- SQLite cannot add a NOT NULL column without a default: these keep every new provider's home set.
CREATE TRIGGER `providers_home_pilot_insert` BEFORE INSERT ON `providers` WHEN NEW.`home_pilot_slug` IS NULL BEGIN SELECT RAISE(ABORT, 'providers.home_pilot_slug is required'); END;
--> statement-breakpoint
CREATE TRIGGER `providers_home_pilot_update` BEFORE UPDATE OF `home_pilot_slug` ON `providers` WHEN NEW.`home_pilot_slug` IS NULL BEGIN SELECT RAISE(ABORT, 'providers.home_pilot_slug is required'); END;

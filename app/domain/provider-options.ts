import { shareMeasures, type ShareMeasure } from "./results";

/**
 * The fixed lists a provider and the comparison choose from (docs/decisions/020-provider-data.md).
 * No zod here: the comparison page's options are rendered in the browser too.
 */

/** Languages a provider can serve in (ISO 639-1); names come from Intl.DisplayNames. */
export const serviceLanguages = ["fi", "sv", "en", "se", "ru", "et", "uk", "ar", "so", "fa"] as const;
export type ServiceLanguage = (typeof serviceLanguages)[number];

/** The services a provider may offer in a pilot; names are in the "providers" namespace. */
export const serviceCatalogue = [
  "job_search_coaching",
  "job_matching",
  "career_guidance",
  "training_guidance",
  "work_trial",
  "work_ability",
  "entrepreneurship",
  "language_support",
  "digital_skills",
] as const;
export type Service = (typeof serviceCatalogue)[number];

export const sortOptions = ["name", ...shareMeasures] as const;
export type SortOption = "name" | ShareMeasure;

/** The result each provider in the list shows: a share, or satisfaction. Its profile shows them all. */
export const shownOptions = [...shareMeasures, "satisfaction"] as const;
export type ShownOption = ShareMeasure | "satisfaction";
export const defaultShown: ShownOption = "employed_open_6m";

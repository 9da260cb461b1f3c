import { z } from "zod";
import { isValidBusinessId } from "./business-id";
import { shareMeasures, type ShareMeasure } from "./results";

/**
 * Providers as data, and the comparison page's query (docs/decisions/020-provider-data.md).
 * Framework-free: no clock, no database.
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

const localized = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localized>;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Opening hours as data: days 1 (Monday) to 7 (Sunday), each range with its hours. */
export const openingHoursSchema = z
  .array(
    z
      .object({ days: z.array(z.number().int().min(1).max(7)).min(1), opens: time, closes: time })
      .refine((h) => h.opens < h.closes, { message: "office.closesBeforeOpens" }),
  )
  .max(14);
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** Physical accessibility of an office, as facts a person can rely on. */
export const accessibilitySchema = z.object({
  stepFreeEntrance: z.boolean(),
  /** null: the office is on the street level, so no lift is needed. */
  lift: z.boolean().nullable(),
  accessibleToilet: z.boolean(),
  inductionLoop: z.boolean(),
  accessibleParking: z.boolean(),
  note: localized.nullable(),
});
export type Accessibility = z.infer<typeof accessibilitySchema>;

export const officeSchema = z.object({
  streetAddress: z.string().min(1).max(120),
  postalCode: z.string().regex(/^\d{5}$/),
  municipalityCode: z.string().regex(/^\d{3}$/),
  openingHours: openingHoursSchema,
  openingHoursNote: localized.nullable(),
  accessibility: accessibilitySchema,
});
export type Office = z.infer<typeof officeSchema>;

/** Service commitments: structured, so that officials can verify them and people compare them. */
export const commitmentsSchema = z.object({
  takesNewCustomers: z.boolean(),
  /** The first meeting within this many working days of the choice. */
  firstMeetingWithinDays: z.number().int().min(1).max(60),
  /** A customer meets their own coach at least this many times a month. */
  coachMeetingsPerMonth: z.number().int().min(1).max(30),
  remoteMeetings: z.boolean(),
  /** The languages the service is given in. */
  languages: z.array(z.enum(serviceLanguages)).min(1),
});
export type Commitments = z.infer<typeof commitmentsSchema>;

export const providerSchema = z.object({
  businessId: z.string().refine(isValidBusinessId, { message: "provider.businessId" }),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(80),
  name: z.string().min(2).max(120),
  shortDescription: localized,
  longDescription: localized,
  services: z.array(z.enum(serviceCatalogue)).min(1),
  phone: z.string().regex(/^\+?[\d ]{6,20}$/).nullable(),
  email: z.email().nullable(),
  web: z.url({ protocol: /^https$/ }).nullable(),
  commitments: commitmentsSchema,
  offices: z.array(officeSchema).min(1),
  pilots: z
    .array(z.object({ pilot: z.string().regex(/^[a-z0-9-]+$/), startsOn: z.iso.date(), endsOn: z.iso.date().nullable() }))
    .min(1),
});
export type ProviderInput = z.infer<typeof providerSchema>;

// ---- names ----

const legalForms = /(^|\s)(oy|oyj|ab|abp|ky|ay|tmi|osk|ry|osuuskunta|andelslag|ltd)\.?(?=\s|$)/gi;

/**
 * The key a name sorts by: without the legal form ("Ab Jobbstigen Oy" sorts under J), case and
 * accents folded, and å, ä, ö after z as in the Finnish and Swedish alphabets.
 */
export function nameSortKey(name: string): string {
  const bare = name.replace(legalForms, " ").trim() || name;
  return bare
    .toLowerCase()
    .replaceAll("å", "{")
    .replaceAll("ä", "|")
    .replaceAll("ö", "}")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ");
}

/** "Ab Jobbstigen Oy" → "jobbstigen" */
export function slugify(name: string): string {
  const bare = name.replace(legalForms, " ").trim() || name;
  return bare
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---- the comparison page's query ----

export const sortOptions = ["name", ...shareMeasures] as const;
export type SortOption = "name" | ShareMeasure;

/** The result each provider in the list shows: a share, or satisfaction. Its profile shows them all. */
export const shownOptions = [...shareMeasures, "satisfaction"] as const;
export type ShownOption = ShareMeasure | "satisfaction";
export const defaultShown: ShownOption = "employed_open_6m";

export const pageSize = 25;

export type ComparisonQuery = {
  pilot: string | null;
  municipality: string | null;
  language: ServiceLanguage | null;
  service: Service | null;
  sort: SortOption;
  /** The result shown when sorted by name; sorted by a result, that result is shown. */
  show: ShownOption;
  page: number;
};

/** A value that was ignored, with the key of the notice that says so. */
export type QueryNotice = {
  key: "pilot" | "municipality" | "language" | "service" | "sort" | "show" | "page";
  /** The value as sent, shortened for display. */
  value: string;
};

const param = z.string().max(100);

/**
 * Reads the comparison page's GET parameters. Empty values mean "any". A value that is unknown or
 * malformed is ignored and reported as a notice, never an error: every URL shows a page.
 */
export function parseComparisonQuery(
  params: URLSearchParams,
  known: { pilots: ReadonlySet<string>; municipalities: ReadonlySet<string> },
): { query: ComparisonQuery; notices: QueryNotice[] } {
  const notices: QueryNotice[] = [];
  const read = <T>(key: QueryNotice["key"], schema: z.ZodType<T, string>): T | null => {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") return null;
    const parsed = param.pipe(schema).safeParse(raw.trim());
    if (parsed.success) return parsed.data;
    notices.push({ key, value: raw.length > 40 ? `${raw.slice(0, 40)}…` : raw });
    return null;
  };
  const pilot = read("pilot", z.string().refine((s) => known.pilots.has(s)));
  const municipality = read("municipality", z.string().regex(/^\d{3}$/).refine((s) => known.municipalities.has(s)));
  const language = read("language", z.enum(serviceLanguages));
  const service = read("service", z.enum(serviceCatalogue));
  const sort = read("sort", z.enum(sortOptions)) ?? "name";
  const show = read("show", z.enum(shownOptions)) ?? defaultShown;
  const page = read("page", z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().min(1))) ?? 1;
  return { query: { pilot, municipality, language, service, sort, show: sort === "name" ? show : sort, page }, notices };
}

export type PilotChoice = {
  slug: string;
  municipalities: readonly string[];
  running: boolean;
  hasProviders: boolean;
};

/**
 * Which pilot the page compares. A home municipality picks the pilot that covers it (a running
 * one first); otherwise the pilot asked for; otherwise the first running pilot with providers.
 * `outside` is true when the municipality is in no pilot with providers: the person's services
 * come from the public employment service.
 */
export function choosePilot(
  query: Pick<ComparisonQuery, "pilot" | "municipality">,
  pilots: readonly PilotChoice[],
): { pilot: string | null; outside: boolean; municipalityOverrode: boolean } {
  const withProviders = pilots.filter((p) => p.hasProviders);
  const byPreference = [...withProviders].sort((a, b) => Number(b.running) - Number(a.running));
  if (query.municipality) {
    const covering = byPreference.find((p) => p.municipalities.includes(query.municipality!));
    if (!covering) return { pilot: null, outside: true, municipalityOverrode: false };
    return {
      pilot: covering.slug,
      outside: false,
      municipalityOverrode: query.pilot !== null && query.pilot !== covering.slug,
    };
  }
  if (query.pilot && withProviders.some((p) => p.slug === query.pilot)) {
    return { pilot: query.pilot, outside: false, municipalityOverrode: false };
  }
  return { pilot: byPreference[0]?.slug ?? null, outside: false, municipalityOverrode: false };
}

/** The query string of a comparison view, without empty or default values. */
export function comparisonSearch(query: Partial<ComparisonQuery>): string {
  const params = new URLSearchParams();
  if (query.pilot) params.set("pilot", query.pilot);
  if (query.municipality) params.set("municipality", query.municipality);
  if (query.language) params.set("language", query.language);
  if (query.service) params.set("service", query.service);
  if (query.sort && query.sort !== "name") params.set("sort", query.sort);
  else if (query.show && query.show !== defaultShown) params.set("show", query.show);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Opening hours with neighbouring days of the same hours joined: Mon–Thu 8–16, Fri 8–14. */
export function compactOpeningHours(hours: OpeningHours): { from: number; to: number; opens: string; closes: string }[] {
  const byDay = new Map<number, { opens: string; closes: string }>();
  for (const h of hours) for (const d of h.days) byDay.set(d, { opens: h.opens, closes: h.closes });
  const out: { from: number; to: number; opens: string; closes: string }[] = [];
  for (let d = 1; d <= 7; d++) {
    const h = byDay.get(d);
    if (!h) continue;
    const last = out[out.length - 1];
    if (last && last.to === d - 1 && last.opens === h.opens && last.closes === h.closes) last.to = d;
    else out.push({ from: d, to: d, ...h });
  }
  return out;
}

/**
 * Where "choose this provider" leads: the choice journey (issue 6), with this provider preselected.
 * The journey checks eligibility first; a person who is not signed in signs in and comes back.
 */
export function chooseProviderPath(lang: string, slug: string): string {
  return `/${lang}/choose?provider=${encodeURIComponent(slug)}`;
}

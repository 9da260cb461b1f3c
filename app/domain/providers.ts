import { z } from "zod";
import { customerGroups, type CustomerGroup } from "./customer-groups";
import { isValidBusinessId } from "./business-id";
import {
  defaultShown,
  serviceCatalogue,
  serviceLanguages,
  shownOptions,
  sortOptions,
  type Service,
  type ServiceLanguage,
  type ShownOption,
  type SortOption,
} from "./provider-options";

// The lists of choices live in a module without zod, so that pages can use them in the browser.
export { defaultShown, serviceCatalogue, serviceLanguages, shownOptions, sortOptions };
export type { Service, ServiceLanguage, ShownOption, SortOption };

/**
 * Providers as data, and the comparison page's query (docs/decisions/020-provider-data.md).
 * Framework-free: no clock, no database.
 */


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
  /** Show the figures of this customer group only ("people like me"); null: all customers. */
  group: CustomerGroup | null;
};

/** A value that was ignored, with the key of the notice that says so. */
export type QueryNotice = {
  key: "pilot" | "municipality" | "language" | "service" | "sort" | "show" | "page" | "group";
  /** The value as sent, shortened for display. */
  value: string;
};

// The parameters' schemas, made once (making a zod schema costs more than using it).
const param = z.string().max(100);
const schemas = {
  pilot: param.pipe(z.string().regex(/^[a-z0-9-]+$/)),
  municipality: param.pipe(z.string().regex(/^\d{3}$/)),
  language: param.pipe(z.enum(serviceLanguages)),
  service: param.pipe(z.enum(serviceCatalogue)),
  sort: param.pipe(z.enum(sortOptions)),
  show: param.pipe(z.enum(shownOptions)),
  page: param.pipe(z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().min(1))),
  group: param.pipe(z.enum(customerGroups as [CustomerGroup, ...CustomerGroup[]])),
};

/**
 * Reads the comparison page's GET parameters. Empty values mean "any". A value that is unknown or
 * malformed is ignored and reported as a notice, never an error: every URL shows a page.
 */
export function parseComparisonQuery(
  params: URLSearchParams,
  known: { pilots: ReadonlySet<string>; municipalities: ReadonlySet<string> },
): { query: ComparisonQuery; notices: QueryNotice[] } {
  const notices: QueryNotice[] = [];
  const read = <K extends keyof typeof schemas>(key: K, valid: (v: z.infer<(typeof schemas)[K]>) => boolean = () => true) => {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") return null;
    const parsed = schemas[key].safeParse(raw.trim());
    if (parsed.success && valid(parsed.data as z.infer<(typeof schemas)[K]>)) return parsed.data as z.infer<(typeof schemas)[K]>;
    notices.push({ key, value: raw.length > 40 ? `${raw.slice(0, 40)}…` : raw });
    return null;
  };
  const pilot = read("pilot", (v) => known.pilots.has(v));
  const municipality = read("municipality", (v) => known.municipalities.has(v));
  const language = read("language");
  const service = read("service");
  const sort = read("sort") ?? "name";
  const show = read("show") ?? defaultShown;
  const page = read("page") ?? 1;
  // `all` is the same as no group.
  const group = params.get("group")?.trim() === "all" ? null : read("group");
  return { query: { pilot, municipality, language, service, sort, show: sort === "name" ? show : sort, page, group }, notices };
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
  if (query.group) params.set("group", query.group);
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

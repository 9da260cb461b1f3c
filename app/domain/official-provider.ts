import { z } from "zod";
import { parseBusinessId } from "./business-id";
import { parseDate } from "./official-pilot";
import { serviceCatalogue, serviceLanguages } from "./providers";

/**
 * The officials' provider forms (docs/decisions/053-providers-in-the-back-office.md): one zod schema
 * per form, over the posted values. Error messages are translation keys of the "official" namespace.
 * Framework-free.
 */

const text = (max: number) => z.string().trim().max(max, "providers.errors.tooLong");
const required = (max: number, key: string) => text(max).min(1, key);

const date = (requiredKey: string | null) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") {
        if (requiredKey) ctx.addIssue({ code: "custom", message: requiredKey });
        return null;
      }
      const d = parseDate(v);
      if (!d) ctx.addIssue({ code: "custom", message: "providers.errors.dateInvalid" });
      return d;
    });

const yesNo = (key: string) => z.enum(["yes", "no"], { message: key }).transform((v) => v === "yes");

const whole = (min: number, max: number, key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, key)
    .transform(Number)
    .refine((n) => n >= min && n <= max, key);

export const businessIdField = z
  .string()
  .trim()
  .min(1, "providers.errors.businessIdRequired")
  .transform((v, ctx) => {
    const parsed = parseBusinessId(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `providers.errors.businessId.${parsed.problem}` });
      return z.NEVER;
    }
    return parsed.businessId;
  });

/** An optional text field: empty is null, anything else must pass `schema`. */
const optional = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const parsed = schema.safeParse(v);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "providers.errors.invalid" });
        return z.NEVER;
      }
      return parsed.data;
    });

const commitments = {
  name: required(120, "providers.errors.nameRequired").refine((v) => v.length >= 2, "providers.errors.nameRequired"),
  services: z.array(z.enum(serviceCatalogue)).min(1, "providers.errors.servicesRequired"),
  languages: z.array(z.enum(serviceLanguages)).min(1, "providers.errors.languagesRequired"),
  takesNewCustomers: yesNo("providers.errors.takesNewCustomers"),
  firstMeetingWithinDays: whole(1, 60, "providers.errors.firstMeeting"),
  coachMeetingsPerMonth: whole(1, 30, "providers.errors.coachMeetings"),
  remoteMeetings: yesNo("providers.errors.remoteMeetings"),
};

const datesShape = {
  startsOn: date("providers.errors.startsOnRequired"),
  endsOn: date(null),
};
const datesInOrder = (v: { startsOn: string | null; endsOn: string | null }) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn;
const datesOrderIssue = { message: "providers.errors.endsBeforeStart", path: ["endsOn"] };

/** Adding a provider: who it is, what it promises, its texts, its contact, and when it joins this pilot. */
export const addProviderSchema = z
  .object({
    businessId: businessIdField,
    ...commitments,
    shortFi: required(300, "providers.errors.shortRequired"),
    shortSv: required(300, "providers.errors.shortRequired"),
    shortEn: required(300, "providers.errors.shortRequired"),
    longFi: required(4000, "providers.errors.longRequired"),
    longSv: required(4000, "providers.errors.longRequired"),
    longEn: required(4000, "providers.errors.longRequired"),
    phone: optional(z.string().regex(/^\+?[\d ]{6,20}$/, "providers.errors.phone")),
    email: optional(z.email("providers.errors.email")),
    web: optional(z.url({ protocol: /^https$/, message: "providers.errors.web" })),
    ...datesShape,
  })
  .refine(datesInOrder, datesOrderIssue);
export type AddProviderInput = z.infer<typeof addProviderSchema>;

/** Editing what officials keep and verify: name, services, languages and the service commitments. */
export const editProviderSchema = z.object({
  ...commitments,
  verified: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});
export type EditProviderInput = z.infer<typeof editProviderSchema>;

/** Joining, or changing the dates in, a pilot. The last day given makes the provider leave then. */
export const datesSchema = z.object(datesShape).refine(datesInOrder, datesOrderIssue);

/** Joining a provider that is already registered (for another pilot) to this pilot. */
export const joinSchema = z.object({ businessId: businessIdField, ...datesShape }).refine(datesInOrder, datesOrderIssue);

export const suspendSchema = z.object({
  reason: required(500, "providers.errors.reasonRequired"),
});

/** An official's decision on a weighty-reason request; the note is shown to the person. */
export const decisionSchema = z.object({
  decision: z.enum(["approved", "rejected"], { message: "requests.errors.decision" }),
  note: required(1000, "requests.errors.noteRequired"),
});

export const addProviderFields = [
  "businessId",
  "name",
  "shortFi",
  "shortSv",
  "shortEn",
  "longFi",
  "longSv",
  "longEn",
  "phone",
  "email",
  "web",
  "takesNewCustomers",
  "firstMeetingWithinDays",
  "coachMeetingsPerMonth",
  "remoteMeetings",
  "startsOn",
  "endsOn",
] as const;
export const editProviderFields = ["name", "takesNewCustomers", "firstMeetingWithinDays", "coachMeetingsPerMonth", "remoteMeetings", "verified"] as const;
export const providerListFields = ["services", "languages"] as const;

/**
 * Who keeps what of a provider that serves several pilots (docs/decisions/065-provider-ownership-across-pilots.md).
 * The details every pilot shares (name, services, languages, commitments and their verification)
 * are kept by the officials of the provider's home pilot, the pilot that added it; each pilot keeps
 * its own participation (dates, suspension). A provider without a home pilot is changed by none.
 */
export function keepsSharedDetails(provider: { homePilotSlug: string | null }, pilotSlug: string): boolean {
  return provider.homePilotSlug !== null && provider.homePilotSlug === pilotSlug;
}

/**
 * What an edit of the shared details changes, as the audit row names it: the fields that differ, and
 * "verified" when the official marks the commitments verified. Nothing: the edit writes nothing.
 */
export function sharedDetailChanges(
  before: { name: string; takesNewCustomers: boolean; firstMeetingWithinDays: number; coachMeetingsPerMonth: number; remoteMeetings: boolean; languages: readonly string[]; services: readonly string[] },
  input: EditProviderInput,
): string[] {
  const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  const changed: string[] = [];
  if (before.name !== input.name) changed.push("name");
  if (before.takesNewCustomers !== input.takesNewCustomers) changed.push("takesNewCustomers");
  if (before.firstMeetingWithinDays !== input.firstMeetingWithinDays) changed.push("firstMeetingWithinDays");
  if (before.coachMeetingsPerMonth !== input.coachMeetingsPerMonth) changed.push("coachMeetingsPerMonth");
  if (before.remoteMeetings !== input.remoteMeetings) changed.push("remoteMeetings");
  if (!sameSet(before.languages, input.languages)) changed.push("languages");
  if (!sameSet(before.services, input.services)) changed.push("services");
  if (input.verified) changed.push("verified");
  return changed;
}

/** What state a provider is in within a pilot on a day: the one rule for the officials' and public pages and the choice (app/.server/choice/providers.store.ts). */
export type ParticipationState = "active" | "upcoming" | "left" | "suspended";
export function participationState(p: { startsOn: string; endsOn: string | null }, suspended: boolean, today: string): ParticipationState {
  if (suspended) return "suspended";
  if (today < p.startsOn) return "upcoming";
  if (p.endsOn !== null && today > p.endsOn) return "left";
  return "active";
}

/** The day before a date (the last day a suspended provider served). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

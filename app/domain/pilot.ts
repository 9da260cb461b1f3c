import { z } from "zod";

/**
 * A pilot as data. Officials edit it; the eligibility check evaluates it. Framework-free.
 * The eligibility part (target group, exclusions) is refined by the eligibility module.
 */
export const isoDate = z.iso.date();

const localized = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

export const pilotModels = [
  "freedom_of_choice",
  "municipal_pilot",
  "purchased_services",
  "alliance",
  "growth_services",
] as const;

export const pilotDefinitionSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    name: localized,
    model: z.enum(pilotModels),
    /** Example data that did not run as shown: pages say so plainly. */
    isExample: z.boolean(),
    /** Municipality codes, historical ones included (Pertunmaa 588). */
    municipalities: z.array(z.string().regex(/^\d{3}$/)).min(1),
    startsOn: isoDate,
    endsOn: isoDate.nullable(),
    /** What the pilot's customers get, in plain words. */
    offers: localized,
    /** Who runs the service for the customers of this pilot (private providers, the municipality…). */
    servedBy: localized,
    /** Months a choice binds before it can be changed without a weighty reason. */
    lockMonths: z.number().int().min(0).max(60),
    /** Below this many customers a result is not shown as a figure. */
    smallNumberThreshold: z.number().int().min(1).max(1000),
    /** The eligibility rules: see app/domain/eligibility.ts. */
    eligibility: z.unknown(),
    /** Where the rules come from. */
    source: z.string().min(1),
  })
  .refine((p) => p.endsOn === null || p.endsOn >= p.startsOn, {
    message: "pilot.endsBeforeStart",
    path: ["endsOn"],
  });

export type PilotDefinition = z.infer<typeof pilotDefinitionSchema>;

export type PilotStatus = "upcoming" | "running" | "ended";
export function pilotStatus(p: Pick<PilotDefinition, "startsOn" | "endsOn">, today: string): PilotStatus {
  if (today < p.startsOn) return "upcoming";
  if (p.endsOn !== null && today > p.endsOn) return "ended";
  return "running";
}

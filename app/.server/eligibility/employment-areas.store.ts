import { eq } from "drizzle-orm";
import { employmentAreaMembers, employmentAreas, municipalities } from "../../../db/schema";
import type { Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";

/**
 * Who the public employment service is for a municipality: since 1.1.2025 the employment area
 * (työllisyysalue) that the municipality belongs to, read from the employment_areas tables that
 * officials can correct. Åland is outside the employment areas: its public employment service is
 * AMS. Where the table is unsure of a row (confidence not "high"), has no row, or has no web address,
 * the page also points to the national Job Market Finland service to confirm the office.
 * See docs/decisions/013-public-service-from-employment-areas.md.
 */

/** The national service where anyone can find their own office and register as a jobseeker. */
export const jobMarketFinland = {
  name: { fi: "Työmarkkinatori", sv: "Jobbmarknad", en: "Job Market Finland" },
  web: "https://tyomarkkinatori.fi",
} as const;

/** Åland's public employment service (Ålands arbetsmarknads- och studieservicemyndighet). */
const aland = {
  name: {
    fi: "Ahvenanmaan työmarkkina- ja opintopalveluviranomainen (AMS)",
    sv: "Ålands arbetsmarknads- och studieservicemyndighet (AMS)",
    en: "Åland Employment and Study Services Authority (AMS)",
  },
  web: "https://www.ams.ax",
};
const alandRegion = "21";

export type PublicService = {
  kind: "employment_area" | "aland" | "unknown";
  /** The area's id in the table, when it is an employment area. */
  areaId: string | null;
  name: Record<Lang, string> | null;
  web: string | null;
  /** True only when the table's row is confirmed ("high"). Otherwise the page says the office may differ. */
  sure: boolean;
};

/**
 * The note "(järjestää yksin)" ("organises alone") in the table's names says how the area is
 * organised; it is not part of the name a person looks for.
 */
function displayName(name: string) {
  return name.replace(/\s*\(järjestää yksin\)\s*$/, "");
}

/** The public employment service of a municipality today (a merged code counts as its successor). */
export function publicServiceFor(code: string, db: Db = getDb()): PublicService {
  const m = db.select().from(municipalities).where(eq(municipalities.code, code)).get();
  if (!m) return { kind: "unknown", areaId: null, name: null, web: null, sure: false };
  if (m.regionCode === alandRegion) return { kind: "aland", areaId: null, name: aland.name, web: aland.web, sure: true };
  const current = m.mergedInto ?? m.code;
  const area = db
    .select({
      id: employmentAreas.id,
      nameFi: employmentAreas.nameFi,
      nameSv: employmentAreas.nameSv,
      web: employmentAreas.web,
      confidence: employmentAreas.confidence,
    })
    .from(employmentAreaMembers)
    .innerJoin(employmentAreas, eq(employmentAreas.id, employmentAreaMembers.areaId))
    .where(eq(employmentAreaMembers.municipalityCode, current))
    .get();
  if (!area) return { kind: "unknown", areaId: null, name: null, web: null, sure: false };
  const fi = displayName(area.nameFi);
  // Where no Swedish name is known (36 of 45 areas), the Finnish name is the name in every language.
  const sv = area.nameSv ? displayName(area.nameSv) : fi;
  return {
    kind: "employment_area",
    areaId: area.id,
    name: { fi, sv, en: fi },
    web: area.web,
    sure: area.confidence === "high",
  };
}

/** What a page says of a public service: its name in the page's language, and its address only when the row is confirmed. */
export function publicServiceView(service: PublicService | null, lang: Lang): { name: string | null; web: string | null } {
  return { name: service?.name?.[lang] ?? null, web: service?.sure ? service.web : null };
}

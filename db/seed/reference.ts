import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../types";
import { employmentAreaMembers, employmentAreas, municipalities } from "../schema";

const dataDir = path.resolve(process.env.SEED_DATA_DIR ?? "db/data");

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(dataDir, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
}

/** Codes that no longer exist but that pilots name, so that history stays readable. */
export const historicalMunicipalities = [
  {
    code: "588",
    nameFi: "Pertunmaa",
    nameSv: "Pertunmaa",
    regionCode: "10",
    regionFi: "Etelä-Savo",
    regionSv: "Södra Savolax",
    languages: "fi",
    mergedInto: "507",
    mergedOn: "2025-01-01",
  },
];

/** Idempotent: reference rows are upserted, so a second start changes nothing. */
export function seedReference(db: Db) {
  const rows = readCsv("municipalities.csv").map((r) => ({
    code: r.code,
    nameFi: r.name_fi,
    nameSv: r.name_sv,
    regionCode: r.region_code,
    regionFi: r.region_fi,
    regionSv: r.region_sv,
    languages: r.languages,
    mergedInto: null,
    mergedOn: null,
  }));
  const all = [...rows, ...historicalMunicipalities];
  const areas = readCsv("employment-areas.csv");
  db.transaction((tx) => {
    for (const m of all) {
      tx.insert(municipalities)
        .values(m)
        .onConflictDoUpdate({
          target: municipalities.code,
          set: {
            nameFi: sql`excluded.name_fi`,
            nameSv: sql`excluded.name_sv`,
            regionCode: sql`excluded.region_code`,
            regionFi: sql`excluded.region_fi`,
            regionSv: sql`excluded.region_sv`,
            languages: sql`excluded.languages`,
            mergedInto: sql`excluded.merged_into`,
            mergedOn: sql`excluded.merged_on`,
          },
        })
        .run();
    }
    // No page edits the employment areas: the shipped file (db/data/employment-areas.csv, copied
    // from the reference data with its CHANGES) is their only source, so every start brings an
    // existing database up to the file, names, web addresses, confidence and members alike.
    for (const a of areas) {
      const row = {
        nameFi: a.name_fi,
        nameSv: a.name_sv || null,
        leadMunicipalityCode: a.lead_municipality_code || null,
        web: a.web || null,
        confidence: a.confidence,
        notes: a.notes || null,
      };
      tx.insert(employmentAreas).values({ id: a.area_id, ...row }).onConflictDoUpdate({ target: employmentAreas.id, set: row }).run();
      tx.delete(employmentAreaMembers).where(eq(employmentAreaMembers.areaId, a.area_id)).run();
      for (const code of a.member_codes.split(/\s+/).filter(Boolean)) {
        tx.insert(employmentAreaMembers).values({ areaId: a.area_id, municipalityCode: code }).onConflictDoNothing().run();
      }
    }
  });
  return { municipalities: all.length, employmentAreas: areas.length };
}

export function mainlandCodes(): string[] {
  return readCsv("municipalities.csv")
    .filter((r) => r.region_code !== "21")
    .map((r) => r.code);
}

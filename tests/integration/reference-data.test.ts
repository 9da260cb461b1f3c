import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/.server/platform/db";
import { publicServiceFor } from "~/.server/eligibility/employment-areas.store";
import { employmentAreaMembers, employmentAreas } from "../../db/schema";
import { seedReference } from "../../db/seed/reference";

// The employment areas come only from db/data/employment-areas.csv (update of 2026-12-04): a
// database seeded from an older copy is brought up to the file at the next start.
describe("employment areas from the shipped reference file", () => {
  it("has the update of 2026-12-04: Swedish names, and Keski-Savo confirmed", () => {
    expect(publicServiceFor("245")).toMatchObject({ areaId: "TA05", name: { sv: "Kervo och Sibbo sysselsättningsområde" }, sure: true });
    // Varkaus (915) is the lead of Keski-Savo, now "high"; Kuopio's area stays "low".
    expect(publicServiceFor("915")).toMatchObject({ areaId: "TA26", sure: true });
    expect(publicServiceFor("749")).toMatchObject({ areaId: "TA27", sure: false });
  });

  it("an older database is updated at the next start: names, confidence and members follow the file", () => {
    const db = getDb();
    db.update(employmentAreas).set({ nameSv: null, confidence: "low", web: null }).where(eq(employmentAreas.id, "TA26")).run();
    db.delete(employmentAreaMembers).where(eq(employmentAreaMembers.municipalityCode, "593")).run();
    db.insert(employmentAreaMembers).values({ areaId: "TA23", municipalityCode: "593" }).run();
    expect(publicServiceFor("593")).toMatchObject({ areaId: "TA23" });

    seedReference(db);

    expect(publicServiceFor("593")).toMatchObject({ areaId: "TA26", sure: true });
    const members = db.select().from(employmentAreaMembers).where(eq(employmentAreaMembers.municipalityCode, "593")).all();
    expect(members).toEqual([{ areaId: "TA26", municipalityCode: "593" }]);
  });
});

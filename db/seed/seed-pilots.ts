import { pilotHistory, pilots } from "../schema";
import type { Db } from "../../app/.server/db";
import { pilotDefinitionSchema } from "../../app/domain/pilot";
import { examplePilots } from "./pilots";
import { mainlandCodes } from "./reference";

export function seedPilots(db: Db) {
  const now = new Date().toISOString();
  db.transaction((tx) => {
    for (const p of examplePilots(mainlandCodes())) {
      const definition = pilotDefinitionSchema.parse({ ...p, eligibility: null });
      const inserted = tx.insert(pilots).values({ slug: p.slug, definition, updatedAt: now }).onConflictDoNothing().run();
      if (inserted.changes > 0) {
        tx.insert(pilotHistory).values({ pilotSlug: p.slug, definition, savedAt: now, savedBy: "seed" }).run();
      }
    }
  });
}

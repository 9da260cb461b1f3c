import { eq } from "drizzle-orm";
import { checkPilotSet, InvalidPilotSetError, type PilotDefinition } from "../../app/domain/pilot";
import { municipalities, pilotHistory, pilots } from "../schema";
import type { Db } from "../types";
import type { SeedServices } from "./index";
import { examplePilots } from "./pilots";
import { mainlandCodes } from "./reference";

/**
 * Seeds the example pilots. Idempotent, and all or nothing:
 * - The whole set is checked first (schema, unique slugs, known municipality codes). A set with one
 *   bad rule is refused with a message that names every problem, and nothing is written.
 * - A pilot that is missing is inserted, with its first history row.
 * - A stored pilot is never overwritten. The one exception is a definition saved before the rules
 *   existed (`eligibility` empty, from the first version of the seed): its rules are filled in, with
 *   a history row and an audit row, and the rest of what is stored is kept as it is.
 */
export function seedPilots(db: Db, { audit }: Pick<SeedServices, "audit">, definitions?: readonly unknown[]) {
  const known = new Set(db.select({ code: municipalities.code }).from(municipalities).all().map((m) => m.code));
  const checked = checkPilotSet(definitions ?? examplePilots(mainlandCodes()), known);
  if (!checked.ok) throw new InvalidPilotSetError(checked.problems);

  // Work out every change before writing any, so that a stored definition that would not parse
  // with its rules filled in stops the seed before anything is written.
  const inserts: PilotDefinition[] = [];
  const fills: { slug: string; definition: unknown }[] = [];
  for (const p of checked.pilots) {
    const row = db.select().from(pilots).where(eq(pilots.slug, p.slug)).get();
    if (!row) {
      inserts.push(p);
      continue;
    }
    const stored = row.definition as Record<string, unknown> | null;
    if (stored && typeof stored === "object" && (stored.eligibility === null || stored.eligibility === undefined)) {
      fills.push({ slug: p.slug, definition: { ...stored, eligibility: p.eligibility } });
    }
  }
  if (fills.length > 0) {
    const filled = checkPilotSet(
      fills.map((f) => f.definition),
      known,
    );
    if (!filled.ok) throw new InvalidPilotSetError(filled.problems);
  }

  const now = new Date().toISOString();
  db.transaction((tx) => {
    for (const p of inserts) {
      tx.insert(pilots).values({ slug: p.slug, definition: p, updatedAt: now }).run();
      tx.insert(pilotHistory).values({ pilotSlug: p.slug, definition: p, savedAt: now, savedBy: "seed" }).run();
    }
    for (const f of fills) {
      tx.update(pilots).set({ definition: f.definition, updatedAt: now }).where(eq(pilots.slug, f.slug)).run();
      tx.insert(pilotHistory).values({ pilotSlug: f.slug, definition: f.definition, savedAt: now, savedBy: "seed" }).run();
      audit(tx, { actor: "seed", action: "pilot.rules-filled", subject: f.slug, pilotSlug: f.slug });
    }
  });
  return { inserted: inserts.length, filled: fills.length };
}

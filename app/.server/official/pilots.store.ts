import { asc, eq } from "drizzle-orm";
import { pilotHistory, pilots } from "../../../db/schema";
import { canonical, pilotChanges } from "~/domain/official-pilot";
import { checkPilotSet, pilotDefinitionSchema, type PilotDefinition } from "~/domain/pilot";
import { allMunicipalities } from "../eligibility/pilots.store";
import { audit } from "../platform/audit.store";
import { getDb } from "../platform/db";
import { logger } from "../platform/log";
import type { OfficialScope } from "./scope";

/**
 * A pilot's rules as stored (docs/decisions/051-pilot-rules-editing.md): the save, with its history
 * row and audit row in one transaction and only when the whole set of pilots still loads, and the
 * saved versions. The definitions are read for every page by app/.server/eligibility/pilots.store.ts.
 */

export type SaveResult = { ok: true } | { ok: false; reason: "unchanged" | "changed-meanwhile" | "set-invalid" };

/**
 * Saves a previewed proposal: the pilot's definition, its history row and the audit row in one
 * BEGIN IMMEDIATE transaction. `seen` says whether the stored definition is the one the official
 * saw (./pilots.ts compares fingerprints): if someone saved in between, nothing is written and the
 * official previews again. The whole set of pilots is checked with the new definition in it first,
 * so that a save can never leave the service with rules that do not load.
 */
export function saveDefinition(scope: OfficialScope, proposed: PilotDefinition, seen: (stored: PilotDefinition) => boolean, now = scope.now): SaveResult {
  const db = getDb();
  const slug = scope.pilot.slug;
  return db.transaction(
    (tx): SaveResult => {
      const rows = tx.select().from(pilots).all();
      const row = rows.find((r) => r.slug === slug);
      const stored = pilotDefinitionSchema.safeParse(row?.definition);
      if (!row || !stored.success || !seen(stored.data)) return { ok: false, reason: "changed-meanwhile" };
      if (canonical(stored.data) === canonical(proposed)) return { ok: false, reason: "unchanged" };
      const known = new Set(allMunicipalities().map((m) => m.code));
      const set = checkPilotSet(
        rows.map((r) => (r.slug === slug ? proposed : r.definition)),
        known,
      );
      if (!set.ok) {
        logger.warn({ event: "pilot-save-refused", pilot: slug, problems: set.problems.length }, "pilot rules refused");
        return { ok: false, reason: "set-invalid" };
      }
      const at = now.toISOString();
      tx.update(pilots).set({ definition: proposed, updatedAt: at }).where(eq(pilots.slug, slug)).run();
      tx.insert(pilotHistory).values({ pilotSlug: slug, definition: proposed, savedAt: at, savedBy: scope.user.actorId }).run();
      const changes = pilotChanges(stored.data, proposed).map((c) => c.kind);
      audit(tx, { actor: scope.user.actorId, action: "pilot.update", subject: slug, pilotSlug: slug, details: { changes: [...new Set(changes)].join(",") } }, now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** The saved versions of the pilot's definition, oldest first. */
export function historyRows(pilotSlug: string) {
  return getDb().select().from(pilotHistory).where(eq(pilotHistory.pilotSlug, pilotSlug)).orderBy(asc(pilotHistory.id)).all();
}

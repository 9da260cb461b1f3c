import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { assessedFacts as assessedTable, choices, providers } from "../../../db/schema";
import { assessedByPilot, type AssessedByPilot } from "~/domain/eligibility";
import type { AssessedFact } from "~/domain/pilot";
import { audit } from "../platform/audit.store";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";

/**
 * Assessed facts (docs/decisions/073-assessed-facts.md): what the public service decides about a
 * person, recorded by an official of the pilot and never taken from the person's own answer. The
 * only code that reads or writes the `assessed_facts` table; ./assessed-facts.ts makes the pages.
 */

export type AssessedFactRow = typeof assessedTable.$inferSelect;

/** A person's records, newest first. */
export function assessedRowsOf(identityHash: string, db: Db = getDb()): AssessedFactRow[] {
  return once(db, "assessed:of-person", () =>
    db.select().from(assessedTable).where(eq(assessedTable.identityHash, sql.placeholder("identityHash"))).orderBy(desc(assessedTable.id)).prepare(),
  ).all({ identityHash });
}

/** A pilot's records, newest first. */
export function assessedRowsOfPilot(pilotSlug: string, db: Db = getDb()): AssessedFactRow[] {
  return db.select().from(assessedTable).where(eq(assessedTable.pilotSlug, pilotSlug)).orderBy(desc(assessedTable.id)).all();
}

/** A person's assessed facts that count on `today`, by pilot: what the eligibility rules read. */
export function assessedFor(identityHash: string, today: string, db: Db = getDb()): AssessedByPilot {
  return assessedByPilot(assessedRowsOf(identityHash, db), today);
}

/** Records one assessed fact, with its audit row, in one transaction. Returns the row's id. */
export function insertAssessedFact(
  row: { identityHash: string; pilotSlug: string; fact: AssessedFact; value: boolean; recordedBy: string; endsOn: string | null },
  now = new Date(),
  db: Db = getDb(),
): number {
  return db.transaction(
    (tx) => {
      const inserted = tx
        .insert(assessedTable)
        .values({ ...row, recordedAt: now.toISOString() })
        .returning({ id: assessedTable.id })
        .get();
      // Never the identity code or a name: the row's id names the record.
      audit(
        tx,
        {
          actor: row.recordedBy,
          action: "assessed-fact.record",
          subject: `assessed-fact:${inserted.id}`,
          pilotSlug: row.pilotSlug,
          details: { fact: row.fact, value: row.value, endsOn: row.endsOn },
        },
        now,
      );
      return inserted.id;
    },
    { behavior: "immediate" },
  );
}

/** Seeds one record (db/seed/people.ts): the same row and audit as an official's, recorded by `recordedBy`. */
export function seedAssessedFact(db: Db, row: { identityHash: string; pilotSlug: string; fact: AssessedFact; value: boolean; recordedBy: string }, now = new Date()) {
  const exists = db
    .select({ id: assessedTable.id })
    .from(assessedTable)
    .where(and(eq(assessedTable.identityHash, row.identityHash), eq(assessedTable.pilotSlug, row.pilotSlug), eq(assessedTable.fact, row.fact)))
    .get();
  if (exists) return;
  db.transaction((tx) => {
    const inserted = tx
      .insert(assessedTable)
      .values({ ...row, recordedAt: now.toISOString(), endsOn: null })
      .returning({ id: assessedTable.id })
      .get();
    audit(tx, { actor: "seed", action: "assessed-fact.record", subject: `assessed-fact:${inserted.id}`, pilotSlug: row.pilotSlug, details: { fact: row.fact, value: row.value } }, now);
  });
}

/** The current choice in the pilot of each of these people (for the officials' list of records). */
export function currentChoicesInPilot(pilotSlug: string, personIds: number[], db: Db = getDb()) {
  if (personIds.length === 0) return [];
  return db
    .select({ personId: choices.personId, kind: choices.kind, provider: providers.name, chosenOn: choices.chosenOn })
    .from(choices)
    .leftJoin(providers, eq(providers.id, choices.providerId))
    .where(and(eq(choices.pilotSlug, pilotSlug), eq(choices.status, "current"), inArray(choices.personId, personIds)))
    .all();
}

import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { assessedFacts as assessedTable, choices, people, providers } from "../../../db/schema";
import { rulesFacts, type AssessedByPilot } from "~/domain/eligibility";
import { parseIdentityCode } from "~/domain/identity-code";
import { isAssessedFact, isoDate, type AssessedFact, type PilotDefinition } from "~/domain/pilot";
import { formatDate, formatDateTime, todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import type { MyAssessedFact } from "~/view-models/choice";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { getDb, type Db } from "../platform/db";
import { identityCodeHash } from "../platform/identity";
import type { OfficialScope } from "../official/scope";
import { loadPilots } from "./pilots.store";

/**
 * Assessed facts (docs/decisions/073-assessed-facts.md): what the public service decides about a
 * person, recorded by an official of the pilot and never taken from the person's own answer. The
 * only code that reads or writes the `assessed_facts` table.
 */

type Row = typeof assessedTable.$inferSelect;

/** The assessed facts a pilot's own rules read: the only ones its officials may record. */
export function pilotAssessedFacts(pilot: PilotDefinition): AssessedFact[] {
  return rulesFacts(pilot.eligibility).filter(isAssessedFact);
}

/** The latest row for each pilot and fact, newest first in `rows`. */
function latestOf(rows: Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.pilotSlug}|${r.fact}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function counts(row: Row, today: string): boolean {
  return row.endsOn === null || row.endsOn >= today;
}

/** A person's assessed facts that count on `today`, by pilot: what the eligibility rules read. */
export function assessedFor(identityHash: string, today: string, db: Db = getDb()): AssessedByPilot {
  const rows = db.select().from(assessedTable).where(eq(assessedTable.identityHash, identityHash)).orderBy(desc(assessedTable.id)).all();
  const byPilot: AssessedByPilot = {};
  for (const r of latestOf(rows)) {
    if (counts(r, today)) (byPilot[r.pilotSlug] ??= {})[r.fact] = r.value;
  }
  return byPilot;
}

/* ---------------------------------------------------------------------------------------------
 * The official's form
 * ------------------------------------------------------------------------------------------- */

/** The form of /{lang}/official/{pilot}/assessed-facts; messages are keys of the "assessed" namespace (with its prefix: the official form parts translate in their own). */
export function recordSchema(facts: readonly AssessedFact[], today: string) {
  return z.object({
    identityCode: z
      .string()
      .trim()
      .min(1, "assessed:errors.identityCode.required")
      .max(20, "assessed:errors.identityCode.invalid")
      .transform((v, ctx) => {
        const parsed = parseIdentityCode(v);
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: "assessed:errors.identityCode.invalid" });
          return z.NEVER;
        }
        return parsed.code;
      }),
    fact: z
      .string()
      .min(1, "assessed:errors.fact.required")
      .refine((v) => (facts as readonly string[]).includes(v), "assessed:errors.fact.required")
      .transform((v) => v as AssessedFact),
    value: z.enum(["yes", "no"], { error: "assessed:errors.value.required" }).transform((v) => v === "yes"),
    endsOn: z
      .string()
      .trim()
      .max(10, "assessed:errors.endsOn.invalid")
      .refine((v) => v === "" || isoDate.safeParse(v).success, "assessed:errors.endsOn.invalid")
      .refine((v) => v === "" || v >= today, "assessed:errors.endsOn.past")
      .transform((v) => (v === "" ? null : v)),
  });
}

/** Records one assessed fact, with its audit row, in one transaction. Returns the row's id. */
export function recordAssessedFact(
  scope: Pick<OfficialScope, "user" | "pilot">,
  input: { identityCode: string; fact: AssessedFact; value: boolean; endsOn: string | null },
  now = new Date(),
  db: Db = getDb(),
): number {
  if (!pilotAssessedFacts(scope.pilot).includes(input.fact)) throw new Error(`the rules of ${scope.pilot.slug} do not read ${input.fact}`);
  const identityHash = identityCodeHash(input.identityCode);
  return db.transaction(
    (tx) => {
      const row = tx
        .insert(assessedTable)
        .values({
          identityHash,
          pilotSlug: scope.pilot.slug,
          fact: input.fact,
          value: input.value,
          recordedBy: scope.user.actorId,
          recordedAt: now.toISOString(),
          endsOn: input.endsOn,
        })
        .returning({ id: assessedTable.id })
        .get();
      // Never the identity code or a name: the row's id names the record.
      audit(
        tx,
        {
          actor: scope.user.actorId,
          action: "assessed-fact.record",
          subject: `assessed-fact:${row.id}`,
          pilotSlug: scope.pilot.slug,
          details: { fact: input.fact, value: input.value, endsOn: input.endsOn },
        },
        now,
      );
      return row.id;
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

/**
 * The pilot's current records for its officials: whom they confirmed (the person's name once they
 * have signed in), the value, when and by whom, and what each person has chosen in the pilot.
 */
export function pilotRecords(scope: Pick<OfficialScope, "pilot" | "lang" | "today">, db: Db = getDb()) {
  const { pilot, lang, today } = scope;
  const rows = latestOfPerson(db.select().from(assessedTable).where(eq(assessedTable.pilotSlug, pilot.slug)).orderBy(desc(assessedTable.id)).all());
  const hashes = [...new Set(rows.flatMap((r) => [r.identityHash, r.recordedBy]))];
  const persons = hashes.length
    ? db.select({ id: people.id, identityHash: people.identityHash, givenName: people.givenName, familyName: people.familyName }).from(people).where(inArray(people.identityHash, hashes)).all()
    : [];
  const byHash = new Map(persons.map((p) => [p.identityHash, p]));
  const ids = persons.map((p) => p.id);
  const current = ids.length
    ? db
        .select({ personId: choices.personId, kind: choices.kind, provider: providers.name, chosenOn: choices.chosenOn })
        .from(choices)
        .leftJoin(providers, eq(providers.id, choices.providerId))
        .where(and(eq(choices.pilotSlug, pilot.slug), eq(choices.status, "current"), inArray(choices.personId, ids)))
        .all()
    : [];
  const choiceOf = new Map(current.map((c) => [c.personId, c]));
  return rows.map((r) => {
    const person = byHash.get(r.identityHash);
    const official = byHash.get(r.recordedBy);
    const choice = person ? choiceOf.get(person.id) : undefined;
    return {
      id: r.id,
      name: person ? `${person.givenName} ${person.familyName}` : null,
      fact: r.fact,
      value: r.value,
      counts: counts(r, today),
      recordedAt: formatDateTime(r.recordedAt, lang),
      recordedBy: official ? `${official.givenName} ${official.familyName}` : null,
      endsOn: r.endsOn ? formatDate(r.endsOn, lang) : null,
      choice: choice ? { kind: choice.kind, provider: choice.provider ?? null, chosenOn: formatDate(choice.chosenOn, lang) } : null,
    };
  });
}

function latestOfPerson(rows: Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.identityHash}|${r.fact}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/* ---------------------------------------------------------------------------------------------
 * My page
 * ------------------------------------------------------------------------------------------- */


/** Every record about the signed-in person, newest first; `current` marks the one that counts now. */
export function myAssessedFacts(user: SignedInUser, lang: Lang, now = new Date(), db: Db = getDb()): MyAssessedFact[] {
  const today = todayInFinland(now);
  const rows = db.select().from(assessedTable).where(eq(assessedTable.identityHash, user.actorId)).orderBy(desc(assessedTable.id)).all();
  if (rows.length === 0) return [];
  const latest = new Set(latestOf(rows).map((r) => r.id));
  const officials = db
    .select({ identityHash: people.identityHash, givenName: people.givenName, familyName: people.familyName })
    .from(people)
    .where(inArray(people.identityHash, [...new Set(rows.map((r) => r.recordedBy))]))
    .all();
  const names = new Map(officials.map((o) => [o.identityHash, `${o.givenName} ${o.familyName}`]));
  const pilots = new Map(loadPilots(db).map((p) => [p.slug, p.name[lang]]));
  return rows.map((r) => ({
    id: r.id,
    pilot: pilots.get(r.pilotSlug) ?? r.pilotSlug,
    pilotSlug: r.pilotSlug,
    fact: r.fact,
    value: r.value,
    current: latest.has(r.id) && counts(r, today),
    recordedAt: formatDateTime(r.recordedAt, lang),
    recordedBy: names.get(r.recordedBy) ?? null,
    endsOn: r.endsOn ? formatDate(r.endsOn, lang) : null,
  }));
}

import { z } from "zod";
import { assessedRecordCounts, newestRecords, rulesFacts } from "~/domain/eligibility";
import { parseIdentityCode } from "~/domain/identity-code";
import { isAssessedFact, isoDate, type AssessedFact, type PilotDefinition } from "~/domain/pilot";
import { formatDate, formatDateTime, todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import type { MyAssessedFact } from "~/view-models/choice";
import type { SignedInUser } from "../auth/auth";
import { namesByIdentityHash } from "../auth/people.store";
import { getDb, type Db } from "../platform/db";
import { identityCodeHash } from "../platform/identity";
import type { OfficialScope } from "../official/scope";
import { assessedRowsOf, assessedRowsOfPilot, currentChoicesInPilot, insertAssessedFact, type AssessedFactRow } from "./assessed-facts.store";
import { loadPilots } from "./pilots.store";

/**
 * Assessed facts (docs/decisions/073-assessed-facts.md): what the public service decides about a
 * person, recorded by an official of the pilot and never taken from the person's own answer. The
 * official's form and list, and the person's own records on My page; the table is read and written
 * by ./assessed-facts.store.ts (which also gives the choice what its rules read: assessedFor).
 */

type Row = AssessedFactRow;

/** The assessed facts a pilot's own rules read: the only ones its officials may record. */
export function pilotAssessedFacts(pilot: PilotDefinition): AssessedFact[] {
  return rulesFacts(pilot.eligibility).filter(isAssessedFact);
}

/** The latest row for each pilot and fact, newest first in `rows`. */
const latestOf = (rows: Row[]) => newestRecords(rows, (r) => `${r.pilotSlug}|${r.fact}`);
/** The latest row for each person and fact (within a pilot), newest first in `rows`. */
const latestOfPerson = (rows: Row[]) => newestRecords(rows, (r) => `${r.identityHash}|${r.fact}`);

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
  return insertAssessedFact(
    {
      identityHash: identityCodeHash(input.identityCode),
      pilotSlug: scope.pilot.slug,
      fact: input.fact,
      value: input.value,
      recordedBy: scope.user.actorId,
      endsOn: input.endsOn,
    },
    now,
    db,
  );
}

/**
 * The pilot's current records for its officials: whom they confirmed (the person's name once they
 * have signed in), the value, when and by whom, and what each person has chosen in the pilot.
 */
export function pilotRecords(scope: Pick<OfficialScope, "pilot" | "lang" | "today">, db: Db = getDb()) {
  const { pilot, lang, today } = scope;
  const rows = latestOfPerson(assessedRowsOfPilot(pilot.slug, db));
  const persons = namesByIdentityHash([...new Set(rows.flatMap((r) => [r.identityHash, r.recordedBy]))], db);
  const byHash = new Map(persons.map((p) => [p.identityHash, p]));
  const current = currentChoicesInPilot(pilot.slug, persons.map((p) => p.id), db);
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
      counts: assessedRecordCounts(r, today),
      recordedAt: formatDateTime(r.recordedAt, lang),
      recordedBy: official ? `${official.givenName} ${official.familyName}` : null,
      endsOn: r.endsOn ? formatDate(r.endsOn, lang) : null,
      choice: choice ? { kind: choice.kind, provider: choice.provider ?? null, chosenOn: formatDate(choice.chosenOn, lang) } : null,
    };
  });
}

/* ---------------------------------------------------------------------------------------------
 * My page
 * ------------------------------------------------------------------------------------------- */


/** Every record about the signed-in person, newest first; `current` marks the one that counts now. */
export function myAssessedFacts(user: SignedInUser, lang: Lang, now = new Date(), db: Db = getDb()): MyAssessedFact[] {
  const today = todayInFinland(now);
  const rows = assessedRowsOf(user.actorId, db);
  if (rows.length === 0) return [];
  const latest = new Set(latestOf(rows).map((r) => r.id));
  const officials = namesByIdentityHash([...new Set(rows.map((r) => r.recordedBy))], db);
  const names = new Map(officials.map((o) => [o.identityHash, `${o.givenName} ${o.familyName}`]));
  const pilots = new Map(loadPilots(db).map((p) => [p.slug, p.name[lang]]));
  return rows.map((r) => ({
    id: r.id,
    pilot: pilots.get(r.pilotSlug) ?? r.pilotSlug,
    pilotSlug: r.pilotSlug,
    fact: r.fact,
    value: r.value,
    current: latest.has(r.id) && assessedRecordCounts(r, today),
    recordedAt: formatDateTime(r.recordedAt, lang),
    recordedBy: names.get(r.recordedBy) ?? null,
    endsOn: r.endsOn ? formatDate(r.endsOn, lang) : null,
  }));
}

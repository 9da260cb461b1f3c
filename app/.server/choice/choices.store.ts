import crypto from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { changeRequests, choiceDrafts, choiceHistory, choices, eligibilityAnswers, type ChoiceSnapshot } from "../../../db/schema";
import {
  confirmRefusal,
  contactBy,
  contactVisibleUntil,
  draftExpired,
  situation,
  type ContactInput,
  type Refusal,
  type Situation,
} from "~/domain/choice";
import { evaluate, type Evaluation, type Facts } from "~/domain/eligibility";
import { pilotStatus, type PilotDefinition } from "~/domain/pilot";
import { createReference } from "~/domain/reference-number";
import { changeRule, type ChangeRule } from "~/domain/switching";
import { todayInFinland } from "~/format";
import { assessedFor } from "../eligibility/assessed-facts.store";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { parseFacts } from "~/domain/choice-facts";
import { findProvider, providerForChoice, providerStatuses, type ProviderState } from "./providers.store";
import { getDb, type Db } from "../platform/db";
import { logger } from "../platform/log";
import { choicesRecorded } from "../platform/metrics";
import { enqueueNotification } from "../notifications/outbox.store";
import { loadPilots, municipalitiesByCode } from "../eligibility/pilots.store";
import { json, once } from "../platform/prepared";
import { classifyFailure, type Failure } from "../platform/write-failures";

export type { Failure };

/**
 * The choice repository (docs/decisions/040–049). Every function takes the signed-in person and
 * scopes every query to `user.id`: a person reads and writes only their own rows.
 *
 * Writes run in ONE `BEGIN IMMEDIATE` transaction with their history and audit rows, and every
 * rule that allows the write is checked again inside that transaction, on the state it commits on.
 */

export type ChoiceRow = typeof choices.$inferSelect;
type RequestRow = typeof changeRequests.$inferSelect;
export type DraftRow = typeof choiceDrafts.$inferSelect;

export function newIdempotencyKey(): string {
  return crypto.randomBytes(18).toString("base64url");
}

/* ---------------------------------------------------------------------------------------------
 * Eligibility answers
 * ------------------------------------------------------------------------------------------- */

/*
 * The statements of a confirmation and of the pages around it, prepared once per database (see
 * ./prepared): a confirmation runs them inside its write transaction, where building and compiling
 * each query again cost more than running it. Each is scoped to the person by its `personId`.
 */
const answersOf = (db: Db) =>
  once(db, "choices:answers-of", () => db.select().from(eligibilityAnswers).where(eq(eligibilityAnswers.personId, sql.placeholder("personId"))).prepare());
const draftOf = (db: Db) =>
  once(db, "choices:draft-of", () => db.select().from(choiceDrafts).where(eq(choiceDrafts.personId, sql.placeholder("personId"))).prepare());
const choiceByKey = (db: Db) =>
  once(db, "choices:by-key", () =>
    db
      .select({ reference: choices.reference, kind: choices.kind })
      .from(choices)
      .where(and(eq(choices.idempotencyKey, sql.placeholder("key")), eq(choices.personId, sql.placeholder("personId"))))
      .prepare(),
  );
const currentChoiceOf = (db: Db) =>
  once(db, "choices:current-of", () =>
    db
      .select()
      .from(choices)
      .where(and(eq(choices.personId, sql.placeholder("personId")), eq(choices.status, "current")))
      .prepare(),
  );
const requestsOfChoice = (db: Db) =>
  once(db, "choices:requests-of-choice", () =>
    db
      .select()
      .from(changeRequests)
      .where(and(eq(changeRequests.personId, sql.placeholder("personId")), eq(changeRequests.choiceId, sql.placeholder("choiceId"))))
      .orderBy(desc(changeRequests.id))
      .prepare(),
  );

export function getAnswers(user: SignedInUser, db: Db = getDb()): { facts: Facts; answeredAt: string; updatedAt: string } | null {
  const row = answersOf(db).get({ personId: user.id });
  if (!row) return null;
  return { facts: parseFacts(row.facts), answeredAt: row.answeredAt, updatedAt: row.updatedAt };
}

/** Saves the answers (merged over earlier ones: a correction changes only what was asked). */
export function saveAnswers(user: SignedInUser, answers: Facts, now = new Date()): Facts {
  const db = getDb();
  const at = now.toISOString();
  return db.transaction(
    (tx) => {
      const before = tx.select().from(eligibilityAnswers).where(eq(eligibilityAnswers.personId, user.id)).get();
      const facts: Facts = { ...(before ? parseFacts(before.facts) : {}), ...answers };
      if (before) {
        tx.update(eligibilityAnswers).set({ facts, updatedAt: at }).where(eq(eligibilityAnswers.personId, user.id)).run();
      } else {
        tx.insert(eligibilityAnswers).values({ personId: user.id, facts, answeredAt: at, updatedAt: at }).run();
      }
      audit(tx, { actor: user.actorId, action: before ? "eligibility.answers.correct" : "eligibility.answers.save", subject: `person:${user.id}`, details: { facts: Object.keys(answers).sort().join(",") } }, now);
      return facts;
    },
    { behavior: "immediate" },
  );
}

/* ---------------------------------------------------------------------------------------------
 * The person's situation: eligibility, current choice, what a change needs
 * ------------------------------------------------------------------------------------------- */

export type CurrentChoice = {
  row: ChoiceRow;
  pilot: PilotDefinition | null;
  providerState: ProviderState | null;
  pilotEnded: boolean;
  /** An approved weighty-reason request for this choice. */
  approvedRequest: RequestRow | null;
  pendingRequest: RequestRow | null;
};

export type ChoiceContext = {
  today: string;
  /** Every pilot, read once for the request (the rules the answer used). */
  pilots: PilotDefinition[];
  facts: Facts | null;
  evaluation: Evaluation;
  /** The pilot where the person may choose, when the outcome is may_choose. */
  pilot: PilotDefinition | null;
  current: CurrentChoice | null;
  situation: Situation;
  rule: ChangeRule;
};

function evaluateFor(user: SignedInUser, facts: Facts | null, pilots: PilotDefinition[], today: string, db: Db): Evaluation {
  const code = user.homeMunicipality;
  const m = code ? municipalitiesByCode([code], db).get(code) : undefined;
  // An assessed fact is the officials' record, never the person's answer (decision 073).
  return evaluate(facts ?? {}, pilots, m ? { code: m.code, mergedInto: m.mergedInto, mergedOn: m.mergedOn } : null, today, assessedFor(user.actorId, today, db));
}

function currentChoice(user: SignedInUser, pilots: PilotDefinition[], today: string, db: Db): CurrentChoice | null {
  const row = currentChoiceOf(db).get({ personId: user.id });
  if (!row) return null;
  const pilot = pilots.find((p) => p.slug === row.pilotSlug) ?? null;
  const providerState = row.providerId !== null ? (providerStatuses(row.pilotSlug, [row.providerId], today, db).get(row.providerId) ?? "gone") : null;
  const requests = requestsOfChoice(db).all({ personId: user.id, choiceId: row.id });
  return {
    row,
    pilot,
    providerState,
    pilotEnded: !pilot || pilotStatus(pilot, today) === "ended",
    approvedRequest: requests.find((r) => r.status === "approved") ?? null,
    pendingRequest: requests.find((r) => r.status === "pending") ?? null,
  };
}

function ruleFor(current: CurrentChoice | null, today: string): ChangeRule {
  if (!current) return changeRule(null, 0, today);
  return changeRule(
    {
      kind: current.row.kind,
      chosenOn: current.row.chosenOn,
      providerActive: current.providerState === null || current.providerState === "active",
      weightyReasonApproved: current.approvedRequest !== null,
      pilotEnded: current.pilotEnded,
    },
    // The rule the person was shown when they chose is the rule that binds them.
    current.row.snapshot.lockMonths,
    today,
  );
}

export function choiceContext(user: SignedInUser, now = new Date(), db: Db = getDb()): ChoiceContext {
  const today = todayInFinland(now);
  // Parsed once per version of the pilots' definitions (app/.server/eligibility/pilots.store.ts): a change is seen at once.
  const pilots = loadPilots(db);
  const facts = getAnswers(user, db)?.facts ?? null;
  const evaluation = evaluateFor(user, facts, pilots, today, db);
  const pilot = evaluation.outcome === "may_choose" ? (pilots.find((p) => p.slug === evaluation.pilot) ?? null) : null;
  const current = currentChoice(user, pilots, today, db);
  return {
    today,
    pilots,
    facts,
    evaluation,
    pilot,
    current,
    situation: situation(
      current ? { kind: current.row.kind, providerActive: current.providerState === null || current.providerState === "active", pilotEnded: current.pilotEnded } : null,
    ),
    rule: ruleFor(current, today),
  };
}

/** Why a drafted choice could not be recorded now, or null (the same check the confirmation makes). */
export function refusalFor(ctx: ChoiceContext, draft: Pick<DraftRow, "pilotSlug" | "kind" | "providerId">, db: Db = getDb()): Refusal | null {
  const pilot = ctx.pilots.find((p) => p.slug === draft.pilotSlug);
  // A provider that has stopped taking new customers keeps the ones it has, but takes no new choice.
  const provider = draft.kind === "provider" && draft.providerId !== null ? findProvider(draft.pilotSlug, { id: draft.providerId }, ctx.today, db) : null;
  const providerActive = draft.kind === "provider" ? !!provider && provider.state === "active" && provider.takesNewCustomers : null;
  const current = ctx.current;
  return confirmRefusal({
    pilotRunning: !!pilot && pilotStatus(pilot, ctx.today) === "running",
    eligibility: { outcome: ctx.evaluation.outcome, pilot: ctx.evaluation.pilot },
    draft: { pilotSlug: draft.pilotSlug, kind: draft.kind, providerId: draft.providerId },
    providerActive,
    rule: ctx.rule,
    current: current
      ? {
          kind: current.row.kind,
          providerId: current.row.providerId,
          effective: !current.pilotEnded && (current.providerState === null || current.providerState === "active"),
        }
      : null,
  });
}

/* ---------------------------------------------------------------------------------------------
 * Drafts: what was picked and typed, before the confirmation
 * ------------------------------------------------------------------------------------------- */

/**
 * The person's choice in progress, or null. A draft whose key has already recorded a choice is
 * "confirmed": it stays (without its contact details) only so that going back to the confirmation
 * page leads to the same receipt; it is not a choice in progress.
 */
export function getDraft(user: SignedInUser, now = new Date(), db: Db = getDb()): DraftRow | null {
  const row = draftOf(db).get({ personId: user.id });
  if (!row) return null;
  if (draftExpired(row.updatedAt, now)) return null;
  if (confirmedReference(user, row, db)) return null;
  return row;
}

/** The reference of the choice a draft's key recorded, if it did. */
export function confirmedReference(user: SignedInUser, draft: Pick<DraftRow, "idempotencyKey">, db: Db = getDb()): string | null {
  return choiceByKey(db).get({ key: draft.idempotencyKey, personId: user.id })?.reference ?? null;
}

/** The receipt to show when the person comes back to the confirmation page of a recorded choice. */
export function justConfirmed(user: SignedInUser, db: Db = getDb()): string | null {
  const row = draftOf(db).get({ personId: user.id });
  return row ? confirmedReference(user, row, db) : null;
}

type DraftInput = Pick<DraftRow, "pilotSlug" | "kind" | "providerId" | "providerSlug">;

/** Starts (or restarts) a draft with a pick. Contact details typed earlier for the same provider are kept. */
export function savePick(user: SignedInUser, pick: DraftInput, now = new Date()): DraftRow {
  const db = getDb();
  return db.transaction(
    (tx) => {
      const before = tx.select().from(choiceDrafts).where(eq(choiceDrafts.personId, user.id)).get();
      const open = before && !confirmedReference(user, before, db);
      // Another provider picked (from the check page, say): the person's phone and email are still
      // theirs, so they are kept; the service language is asked again, as providers serve in different ones.
      const keepContact = open && before.kind === "provider" && pick.kind === "provider";
      const sameProvider = keepContact && before.providerId === pick.providerId;
      const row: DraftRow = {
        personId: user.id,
        ...pick,
        contactChannel: keepContact ? before.contactChannel : null,
        contactPhone: keepContact ? before.contactPhone : null,
        contactEmail: keepContact ? before.contactEmail : null,
        serviceLanguage: sameProvider ? before.serviceLanguage : null,
        idempotencyKey: newIdempotencyKey(),
        updatedAt: now.toISOString(),
      };
      tx.insert(choiceDrafts).values(row).onConflictDoUpdate({ target: choiceDrafts.personId, set: row }).run();
      return row;
    },
    { behavior: "immediate" },
  );
}

export function saveContact(user: SignedInUser, contact: ContactInput, now = new Date()): void {
  const db = getDb();
  db.transaction(
    (tx) => {
      tx.update(choiceDrafts)
        .set({
          contactChannel: contact.channel,
          contactPhone: contact.phone,
          contactEmail: contact.email,
          serviceLanguage: contact.language,
          idempotencyKey: newIdempotencyKey(),
          updatedAt: now.toISOString(),
        })
        .where(and(eq(choiceDrafts.personId, user.id), eq(choiceDrafts.kind, "provider")))
        .run();
    },
    { behavior: "immediate" },
  );
}

/* ---------------------------------------------------------------------------------------------
 * Recording a choice
 * ------------------------------------------------------------------------------------------- */

export type ConfirmResult =
  | { ok: true; reference: string; replayed: boolean; kind: "provider" | "public_service" }
  | { ok: false; refusal: Refusal | "stale" }
  | { ok: false; failure: Failure };

class Refused extends Error {
  constructor(readonly refusal: Refusal | "stale") {
    super(refusal);
  }
}

function uniqueReference(db: Db): string {
  const taken = once(db, "choices:reference-taken", () =>
    db.select({ id: choices.id }).from(choices).where(eq(choices.reference, sql.placeholder("reference"))).prepare(),
  );
  for (;;) {
    const reference = createReference((n) => crypto.randomBytes(n));
    if (!taken.get({ reference })) return reference;
  }
}

/** The writes of a confirmation, prepared once per database; run inside its transaction (same connection). */
const endChoice = (db: Db) =>
  once(db, "choices:end", () =>
    db
      .update(choices)
      .set({
        status: "ended",
        endedAt: sql`${sql.placeholder("at")}`,
        endedReason: sql`${sql.placeholder("endedReason")}`,
        contactVisibleUntil: sql`${sql.placeholder("contactVisibleUntil")}`,
      })
      .where(and(eq(choices.id, sql.placeholder("choiceId")), eq(choices.personId, sql.placeholder("personId")), eq(choices.status, "current")))
      .prepare(),
  );
const addHistory = (db: Db) =>
  once(db, "choices:history-insert", () =>
    db
      .insert(choiceHistory)
      .values({
        personId: sql.placeholder("personId"),
        choiceId: sql.placeholder("choiceId"),
        at: sql.placeholder("at"),
        event: sql.placeholder("event"),
        details: sql`${sql.placeholder("details")}`,
      })
      .prepare(),
  );
const addChoice = (db: Db) =>
  once(db, "choices:insert", () =>
    db
      .insert(choices)
      .values({
        reference: sql.placeholder("reference"),
        idempotencyKey: sql.placeholder("idempotencyKey"),
        personId: sql.placeholder("personId"),
        pilotSlug: sql.placeholder("pilotSlug"),
        kind: sql.placeholder("kind"),
        providerId: sql.placeholder("providerId"),
        providerSlug: sql.placeholder("providerSlug"),
        snapshot: sql`${sql.placeholder("snapshot")}`,
        contactChannel: sql.placeholder("contactChannel"),
        contactPhone: sql.placeholder("contactPhone"),
        contactEmail: sql.placeholder("contactEmail"),
        serviceLanguage: sql.placeholder("serviceLanguage"),
        chosenAt: sql.placeholder("chosenAt"),
        chosenOn: sql.placeholder("chosenOn"),
      })
      .returning({ id: choices.id })
      .prepare(),
  );
const clearDraftContact = (db: Db) =>
  once(db, "choices:draft-confirmed", () =>
    db
      .update(choiceDrafts)
      .set({ contactChannel: null, contactPhone: null, contactEmail: null, serviceLanguage: null, updatedAt: sql`${sql.placeholder("at")}` })
      .where(eq(choiceDrafts.personId, sql.placeholder("personId")))
      .prepare(),
  );

/**
 * Records the person's drafted choice, once. The key is the one rendered into the confirmation
 * form: the same key again (a double click, a resubmit, back + submit) finds the choice it already
 * recorded and returns the same reference. Nothing is written unless everything is: the choice,
 * the end of the previous one, the history rows, the audit row and the removal of the draft.
 */
export function confirmChoice(user: SignedInUser, key: string, now = new Date()): ConfirmResult {
  const db = getDb();
  let result: ConfirmResult;
  try {
    result = db.transaction(
      // Every statement below is prepared on `db`: with better-sqlite3 it runs on the connection
      // that holds this transaction, so it reads and writes inside it.
      (): ConfirmResult => {
        const existing = choiceByKey(db).get({ key, personId: user.id });
        if (existing) return { ok: true, reference: existing.reference, replayed: true, kind: existing.kind };
        const draft = draftOf(db).get({ personId: user.id });
        if (!draft || draft.idempotencyKey !== key) throw new Refused("stale");
        if (draft.kind === "provider" && (!draft.contactChannel || !draft.serviceLanguage)) throw new Refused("stale");

        const ctx = choiceContext(user, now, db);
        const refusal = refusalFor(ctx, draft, db);
        if (refusal) throw new Refused(refusal);
        const pilot = ctx.pilot!;
        const provider = draft.kind === "provider" ? providerForChoice(draft.providerId!, pilot.slug, ctx.today, db) : null;
        if (draft.kind === "provider" && (!provider || !provider.takesNewCustomers)) throw new Refused("provider_unavailable");

        const at = now.toISOString();
        const today = ctx.today;
        const previous = ctx.current;
        if (previous) {
          const endedReason = previous.pilotEnded
            ? "pilot_ended"
            : previous.providerState !== null && previous.providerState !== "active"
              ? "provider_left"
              : ctx.rule.allowed && ctx.rule.reason === "weighty_reason_approved"
                ? "weighty_reason"
                : "changed";
          endChoice(db).run({
            at,
            endedReason,
            contactVisibleUntil: previous.row.kind === "provider" ? contactVisibleUntil(today) : null,
            choiceId: previous.row.id,
            personId: user.id,
          });
          addHistory(db).run({
            personId: user.id,
            choiceId: previous.row.id,
            at,
            event: "ended",
            details: json({ reference: previous.row.reference, reason: endedReason }),
          });
        }

        const reference = uniqueReference(db);
        const snapshot: ChoiceSnapshot = {
          pilotName: pilot.name,
          provider: provider ? { name: provider.name, phone: provider.phone, email: provider.email, web: provider.web } : null,
          lockMonths: draft.kind === "provider" ? pilot.lockMonths : 0,
          contactBy: draft.kind === "provider" ? contactBy(today) : null,
        };
        const inserted = addChoice(db).get({
          reference,
          idempotencyKey: key,
          personId: user.id,
          pilotSlug: pilot.slug,
          kind: draft.kind,
          providerId: draft.kind === "provider" ? draft.providerId : null,
          providerSlug: draft.kind === "provider" ? (provider?.slug ?? draft.providerSlug) : null,
          snapshot: json(snapshot),
          contactChannel: draft.kind === "provider" ? draft.contactChannel : null,
          contactPhone: draft.kind === "provider" ? draft.contactPhone : null,
          contactEmail: draft.kind === "provider" ? draft.contactEmail : null,
          serviceLanguage: draft.kind === "provider" ? draft.serviceLanguage : null,
          chosenAt: at,
          chosenOn: today,
        });
        addHistory(db).run({
          personId: user.id,
          choiceId: inserted.id,
          at,
          event: "chosen",
          details: json({ reference, kind: draft.kind, provider: draft.kind === "provider" ? (provider?.slug ?? null) : null, pilot: pilot.slug }),
        });
        audit(
          db,
          {
            actor: user.actorId,
            action: previous ? "choice.change" : "choice.record",
            subject: reference,
            pilotSlug: pilot.slug,
            details: { kind: draft.kind, provider: provider?.slug ?? null, replaces: previous?.row.reference ?? null },
          },
          now,
        );
        // The receipt by email, when the person has a confirmed address (decision 070).
        enqueueNotification(
          db,
          {
            personId: user.id,
            kind: "choice_receipt",
            data: { reference, kind: draft.kind, provider: snapshot.provider?.name ?? null, pilot: pilot.name, contactBy: snapshot.contactBy, lockMonths: snapshot.lockMonths },
            dedupeKey: `receipt:${reference}`,
          },
          now,
        );
        // The draft keeps only its key (the way back to this receipt); its contact details go.
        clearDraftContact(db).run({ at, personId: user.id });
        return { ok: true, reference, replayed: false, kind: draft.kind };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    const failure = classifyFailure(error);
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
    logger.error({ event: "choice-not-recorded", failure, code, personId: user.id }, "a choice could not be recorded");
    return { ok: false, failure };
  }
  // Counted only once the commit has happened, and never for a replay of the same key.
  if (result.ok && !result.replayed) choicesRecorded.inc({ kind: result.kind });
  return result;
}

/* ---------------------------------------------------------------------------------------------
 * Weighty-reason requests
 * ------------------------------------------------------------------------------------------- */

export type RequestResult = { ok: true; id: number } | { ok: false; refusal: "not_locked" | "already_pending" } | { ok: false; failure: Failure };

/** A request to change early for a weighty reason: only while the current choice binds. */
export function requestWeightyReason(user: SignedInUser, reason: string, now = new Date()): RequestResult {
  const db = getDb();
  try {
    return db.transaction(
      (tx): RequestResult => {
        const ctx = choiceContext(user, now, db);
        if (!ctx.current || ctx.rule.allowed) return { ok: false, refusal: "not_locked" };
        if (ctx.current.pendingRequest) return { ok: false, refusal: "already_pending" };
        const at = now.toISOString();
        const row = tx
          .insert(changeRequests)
          .values({ personId: user.id, choiceId: ctx.current.row.id, pilotSlug: ctx.current.row.pilotSlug, reason, requestedAt: at })
          .returning({ id: changeRequests.id })
          .get();
        tx.insert(choiceHistory)
          .values({ personId: user.id, choiceId: ctx.current.row.id, at, event: "weighty_reason_requested", details: { request: row.id } })
          .run();
        audit(tx, { actor: user.actorId, action: "choice.weighty-reason.request", subject: `change-request:${row.id}`, pilotSlug: ctx.current.row.pilotSlug }, now);
        return { ok: true, id: row.id };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    const failure = classifyFailure(error);
    logger.error({ event: "weighty-reason-not-recorded", failure, personId: user.id }, "a weighty-reason request could not be recorded");
    return { ok: false, failure };
  }
}

/**
 * The decision on a weighty-reason request, for the back office (issue 7): the official must be
 * an official of the request's pilot (the caller checks the role with requireOfficial(request,
 * pilotSlug); the update is scoped to that pilot again here). Approving lets the person choose
 * again at once; the decision and its note show on the person's page.
 */
export function decideWeightyReason(
  official: SignedInUser,
  input: { requestId: number; pilotSlug: string; decision: "approved" | "rejected"; note: string },
  now = new Date(),
): boolean {
  if (!official.roles.officialPilots.includes(input.pilotSlug)) return false;
  const db = getDb();
  return db.transaction(
    (tx) => {
      const row = tx
        .select()
        .from(changeRequests)
        .where(and(eq(changeRequests.id, input.requestId), eq(changeRequests.pilotSlug, input.pilotSlug), eq(changeRequests.status, "pending")))
        .get();
      if (!row) return false;
      const at = now.toISOString();
      tx.update(changeRequests)
        .set({ status: input.decision, decidedAt: at, decidedBy: official.actorId, decisionNote: input.note })
        .where(eq(changeRequests.id, row.id))
        .run();
      tx.insert(choiceHistory)
        .values({
          personId: row.personId,
          choiceId: row.choiceId,
          at,
          event: input.decision === "approved" ? "weighty_reason_approved" : "weighty_reason_rejected",
          details: { request: row.id },
        })
        .run();
      audit(tx, { actor: official.actorId, action: `choice.weighty-reason.${input.decision}`, subject: `change-request:${row.id}`, pilotSlug: row.pilotSlug }, now);
      enqueueNotification(tx, { personId: row.personId, kind: "request_decided", data: { decision: input.decision }, dedupeKey: `request-decided:${row.id}` }, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/* ---------------------------------------------------------------------------------------------
 * Reading: receipts, history, everything held about the person
 * ------------------------------------------------------------------------------------------- */

/** The person's own choice with this reference, or null (another person's reference is null too). */
export function getReceipt(user: SignedInUser, reference: string, db: Db = getDb()): ChoiceRow | null {
  return db
    .select()
    .from(choices)
    .where(and(eq(choices.reference, reference), eq(choices.personId, user.id)))
    .get() ?? null;
}

export function listChoices(user: SignedInUser, db: Db = getDb()): ChoiceRow[] {
  return once(db, "choices:of-person", () =>
    db.select().from(choices).where(eq(choices.personId, sql.placeholder("personId"))).orderBy(desc(choices.chosenAt), desc(choices.id)).prepare(),
  ).all({ personId: user.id });
}

export function listHistory(user: SignedInUser, db: Db = getDb()) {
  return db.select().from(choiceHistory).where(eq(choiceHistory.personId, user.id)).orderBy(asc(choiceHistory.id)).all();
}

export function listRequests(user: SignedInUser, db: Db = getDb()): RequestRow[] {
  return once(db, "requests:of-person", () =>
    db.select().from(changeRequests).where(eq(changeRequests.personId, sql.placeholder("personId"))).orderBy(desc(changeRequests.id)).prepare(),
  ).all({ personId: user.id });
}

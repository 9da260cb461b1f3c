import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { choices, deliveryAnswers, firstContacts, meetings, people, problemReports, providerPilots, providers } from "../../../db/schema";
import { parseCaseKey, reportCategories, type CaseState, type DeliveryAnswer, type ReportCategory } from "~/domain/accountability";
import { todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";
import { logger } from "../platform/log";
import { enqueueNotification } from "../notifications/outbox.store";
import type { ProviderRow } from "../provider-staff/staff.store";

/**
 * The store of cases (issue 16; docs/decisions/071-disputes-and-problem-reports.md): problem
 * reports, the officials' queue of reports and disputes, the published counts of reports, and the
 * retention of their free text. Every read is scoped: a person to their own reports, officials to
 * their pilot. Every write is one transaction with its audit row; audit rows name ids and codes,
 * never a person or their words. Meetings and customers' answers: delivery.store.ts.
 */

/* ---------------------------------------------------------------------------------------------
 * Problem reports
 * ------------------------------------------------------------------------------------------- */

/** The pilots a report about the provider can be about: those it serves or has served. */
export function reportPilotsOf(providerId: number, db: Db = getDb()): string[] {
  return db
    .select({ slug: providerPilots.pilotSlug })
    .from(providerPilots)
    .where(eq(providerPilots.providerId, providerId))
    .orderBy(asc(providerPilots.startsOn))
    .all()
    .map((r) => r.slug);
}

export function createReport(
  user: SignedInUser | null,
  provider: Pick<ProviderRow, "id" | "businessId">,
  r: { pilotSlug: string; category: ReportCategory; description: string; lang: Lang },
  now = new Date(),
): number {
  const db = getDb();
  const at = now.toISOString();
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(problemReports)
        .values({
          providerId: provider.id,
          pilotSlug: r.pilotSlug,
          category: r.category,
          description: r.description || null,
          personId: user?.id ?? null,
          lang: r.lang,
          month: todayInFinland(now).slice(0, 7),
          createdAt: at,
        })
        .returning({ id: problemReports.id })
        .get();
      audit(
        tx,
        {
          actor: user?.actorId ?? "anonymous",
          action: "problem-report.create",
          subject: `problem-report:${row.id}`,
          pilotSlug: r.pilotSlug,
          details: { businessId: provider.businessId, category: r.category, description: r.description ? true : false },
        },
        now,
      );
      return row.id;
    },
    { behavior: "immediate" },
  );
  logger.info({ event: "problem-report", businessId: provider.businessId, category: r.category, signedIn: user !== null }, "problem report received");
  return id;
}

/** The person's own reports, newest first. */
export function myReports(user: SignedInUser, db: Db = getDb()) {
  return once(db, "reports:of-person", () =>
    db
      .select({
        id: problemReports.id,
        provider: providers.name,
        category: problemReports.category,
        description: problemReports.description,
        createdAt: problemReports.createdAt,
        state: problemReports.state,
        answer: problemReports.answer,
        handledAt: problemReports.handledAt,
      })
      .from(problemReports)
      .innerJoin(providers, eq(providers.id, problemReports.providerId))
      .where(eq(problemReports.personId, sql.placeholder("personId")))
      .orderBy(desc(problemReports.id))
      .prepare(),
  ).all({ personId: user.id });
}

/* ---------------------------------------------------------------------------------------------
 * The officials' queue: reports and disputes of one pilot
 * ------------------------------------------------------------------------------------------- */

/** "dispute" stands for both kinds of dispute in the category filter. */
export type CaseFilter = { providerId: number | null; category: ReportCategory | "dispute" | null; state: CaseState | null };

export type CaseRow = {
  key: string;
  kind: "report" | "dispute";
  providerId: number;
  provider: string;
  /** The report's category, or the dispute's answer. */
  category: ReportCategory | DeliveryAnswer;
  /** For a dispute: what it is about. */
  about: { kind: "first-contact" | "meeting"; on: string } | null;
  at: string;
  state: CaseState;
};

/** The queue shows this many cases a page. */
export const QUEUE_PAGE_SIZE = 50;

function reportWhere(pilotSlug: string, f: CaseFilter): SQL {
  return and(
    eq(problemReports.pilotSlug, pilotSlug),
    f.providerId !== null ? eq(problemReports.providerId, f.providerId) : undefined,
    f.category !== null ? eq(problemReports.category, f.category as ReportCategory) : undefined,
    f.state !== null ? eq(problemReports.state, f.state) : undefined,
  )!;
}

function disputeWhere(pilotSlug: string, f: CaseFilter): SQL {
  return and(
    eq(choices.pilotSlug, pilotSlug),
    isNotNull(deliveryAnswers.state),
    f.providerId !== null ? eq(choices.providerId, f.providerId) : undefined,
    f.state !== null ? eq(deliveryAnswers.state, f.state) : undefined,
  )!;
}

/** How many of the pilot's cases match the filter. */
export function caseCount(pilotSlug: string, f: CaseFilter, db: Db = getDb()): number {
  let total = 0;
  if (f.category !== "dispute") total += db.select({ n: count() }).from(problemReports).where(reportWhere(pilotSlug, f)).get()?.n ?? 0;
  if (f.category === null || f.category === "dispute") {
    total += db.select({ n: count() }).from(deliveryAnswers).innerJoin(choices, eq(choices.id, deliveryAnswers.choiceId)).where(disputeWhere(pilotSlug, f)).get()?.n ?? 0;
  }
  return total;
}

/** The queue's order: newest first; at the same moment reports before disputes, then the higher id first. */
function newestFirst(a: CaseRow, b: CaseRow): number {
  return b.at.localeCompare(a.at) || (a.kind === b.kind ? Number(b.key.slice(1)) - Number(a.key.slice(1)) : a.kind === "report" ? -1 : 1);
}

/**
 * One page of the pilot's cases, newest first: `limit` cases after the first `offset`. Reports and
 * disputes are two tables; each gives its first offset + limit in the same order, and the page is
 * cut from the two merged.
 */
export function caseQueue(pilotSlug: string, f: CaseFilter, page: { offset: number; limit: number } = { offset: 0, limit: QUEUE_PAGE_SIZE }, db: Db = getDb()): CaseRow[] {
  const upTo = page.offset + page.limit;
  const rows: CaseRow[] = [];
  if (f.category !== "dispute") {
    for (const r of db
      .select({ id: problemReports.id, providerId: problemReports.providerId, provider: providers.name, category: problemReports.category, at: problemReports.createdAt, state: problemReports.state })
      .from(problemReports)
      .innerJoin(providers, eq(providers.id, problemReports.providerId))
      .where(reportWhere(pilotSlug, f))
      .orderBy(desc(problemReports.createdAt), desc(problemReports.id))
      .limit(upTo)
      .all()) {
      rows.push({ key: `r${r.id}`, kind: "report", providerId: r.providerId, provider: r.provider, category: r.category, about: null, at: r.at, state: r.state });
    }
  }
  if (f.category === null || f.category === "dispute") {
    for (const r of disputeRows(db, disputeWhere(pilotSlug, f)).orderBy(desc(deliveryAnswers.answeredAt), desc(deliveryAnswers.id)).limit(upTo).all()) {
      rows.push(disputeCase(r));
    }
  }
  return rows.sort(newestFirst).slice(page.offset, upTo);
}

function disputeRows(db: Db, where: SQL) {
  return db
    .select({
      id: deliveryAnswers.id,
      providerId: choices.providerId,
      provider: providers.name,
      answer: deliveryAnswers.answer,
      item: deliveryAnswers.item,
      at: deliveryAnswers.answeredAt,
      state: deliveryAnswers.state,
      contactedOn: firstContacts.contactedOn,
      heldOn: meetings.heldOn,
    })
    .from(deliveryAnswers)
    .innerJoin(choices, eq(choices.id, deliveryAnswers.choiceId))
    .innerJoin(providers, eq(providers.id, choices.providerId))
    .leftJoin(firstContacts, and(eq(firstContacts.choiceId, deliveryAnswers.choiceId), eq(deliveryAnswers.item, "first-contact")))
    .leftJoin(meetings, eq(meetings.id, deliveryAnswers.meetingId))
    .where(where);
}

type DisputeQueryRow = ReturnType<ReturnType<typeof disputeRows>["all"]>[number];

function disputeCase(r: DisputeQueryRow): CaseRow {
  const isMeeting = r.item !== "first-contact";
  return {
    key: `d${r.id}`,
    kind: "dispute",
    providerId: r.providerId ?? 0,
    provider: r.provider,
    category: r.answer,
    about: { kind: isMeeting ? "meeting" : "first-contact", on: (isMeeting ? r.heldOn : r.contactedOn) ?? "" },
    at: r.at,
    state: r.state ?? "received",
  };
}

/** Open cases (received or in progress) per provider of the pilot: the queue's summary. */
export function openCasesPerProvider(pilotSlug: string, db: Db = getDb()): Map<number, { reports: number; disputes: number }> {
  const out = new Map<number, { reports: number; disputes: number }>();
  const get = (id: number) => out.get(id) ?? out.set(id, { reports: 0, disputes: 0 }).get(id)!;
  for (const r of db
    .select({ providerId: problemReports.providerId, n: count() })
    .from(problemReports)
    .where(and(eq(problemReports.pilotSlug, pilotSlug), inArray(problemReports.state, ["received", "in_progress"])))
    .groupBy(problemReports.providerId)
    .all())
    get(r.providerId).reports = r.n;
  for (const r of db
    .select({ providerId: choices.providerId, n: count() })
    .from(deliveryAnswers)
    .innerJoin(choices, eq(choices.id, deliveryAnswers.choiceId))
    .where(and(eq(choices.pilotSlug, pilotSlug), inArray(deliveryAnswers.state, ["received", "in_progress"])))
    .groupBy(choices.providerId)
    .all())
    if (r.providerId !== null) get(r.providerId).disputes = r.n;
  return out;
}

export type CaseDetail = CaseRow & {
  description: string | null;
  answer: string | null;
  handledAt: string | null;
  /** Who reported: the name of a signed-in person, or null (not signed in, or the link was removed). */
  person: string | null;
  /** For a dispute: the choice it is about. */
  choice: { reference: string; chosenOn: string } | null;
  textRemoved: boolean;
};

/** One case of the pilot, or null (another pilot's, or none). */
export function caseDetail(pilotSlug: string, key: string, db: Db = getDb()): CaseDetail | null {
  const parsed = parseCaseKey(key);
  if (!parsed) return null;
  if (parsed.kind === "report") {
    const r = db
      .select({ report: problemReports, provider: providers.name, given: people.givenName, family: people.familyName })
      .from(problemReports)
      .innerJoin(providers, eq(providers.id, problemReports.providerId))
      .leftJoin(people, eq(people.id, problemReports.personId))
      .where(and(eq(problemReports.id, parsed.id), eq(problemReports.pilotSlug, pilotSlug)))
      .get();
    if (!r) return null;
    return {
      key: `r${r.report.id}`,
      kind: "report",
      providerId: r.report.providerId,
      provider: r.provider,
      category: r.report.category,
      about: null,
      at: r.report.createdAt,
      state: r.report.state,
      description: r.report.description,
      answer: r.report.answer,
      handledAt: r.report.handledAt,
      person: r.given ? `${r.given} ${r.family}` : null,
      choice: null,
      textRemoved: r.report.textRemovedAt !== null,
    };
  }
  const row = disputeRows(db, and(eq(deliveryAnswers.id, parsed.id), eq(choices.pilotSlug, pilotSlug), isNotNull(deliveryAnswers.state))!).get();
  if (!row) return null;
  const extra = db
    .select({ note: deliveryAnswers.note, answer: deliveryAnswers.officialAnswer, handledAt: deliveryAnswers.handledAt, removed: deliveryAnswers.textRemovedAt, reference: choices.reference, chosenOn: choices.chosenOn, given: people.givenName, family: people.familyName })
    .from(deliveryAnswers)
    .innerJoin(choices, eq(choices.id, deliveryAnswers.choiceId))
    .innerJoin(people, eq(people.id, choices.personId))
    .where(eq(deliveryAnswers.id, parsed.id))
    .get()!;
  return {
    ...disputeCase(row),
    description: extra.note,
    answer: extra.answer,
    handledAt: extra.handledAt,
    person: `${extra.given} ${extra.family}`,
    choice: { reference: extra.reference, chosenOn: extra.chosenOn },
    textRemoved: extra.removed !== null,
  };
}

/**
 * A problem report answered becomes a message to the person who made it, signed in (issue 16,
 * part 3; decision 070): written to the outbox in the transaction that records the answer, for a
 * person with a confirmed address only. The message carries no words of the report or the answer;
 * it points to My page.
 */
function notifyReportAnswered(tx: Db, report: { id: number; personId: number | null }, now: Date): void {
  if (report.personId === null) return;
  enqueueNotification(tx, { personId: report.personId, kind: "problem_report_answered", data: { reportId: report.id }, dedupeKey: `report-answered:${report.id}` }, now);
}

export type HandleResult = { ok: true; state: CaseState } | { ok: false; reason: "not_found" | "closed" };

/**
 * An official moves a case on: in progress, answered (with an answer the person sees on My page)
 * or not upheld. A closed case is not reopened. Scoped to the pilot; audited with the states only.
 */
export function handleCase(user: SignedInUser, pilotSlug: string, key: string, state: CaseState, answer: string, now = new Date()): HandleResult {
  if (!user.roles.officialPilots.includes(pilotSlug)) return { ok: false, reason: "not_found" };
  const parsed = parseCaseKey(key);
  if (!parsed) return { ok: false, reason: "not_found" };
  const db = getDb();
  const at = now.toISOString();
  return db.transaction(
    (tx): HandleResult => {
      const current = caseDetail(pilotSlug, key, db);
      if (!current) return { ok: false, reason: "not_found" };
      if (current.state === "answered" || current.state === "not_upheld") return { ok: false, reason: "closed" };
      const text = answer || null;
      if (parsed.kind === "report") {
        const updated = tx
          .update(problemReports)
          .set({ state, answer: text ?? current.answer, handledAt: at, handledBy: user.actorId })
          .where(and(eq(problemReports.id, parsed.id), eq(problemReports.pilotSlug, pilotSlug), inArray(problemReports.state, ["received", "in_progress"])))
          .returning({ id: problemReports.id, personId: problemReports.personId, lang: problemReports.lang })
          .get();
        if (!updated) return { ok: false, reason: "closed" };
        if (state === "answered") notifyReportAnswered(db, updated, now);
      } else {
        const updated = tx
          .update(deliveryAnswers)
          .set({ state, officialAnswer: text ?? current.answer, handledAt: at, handledBy: user.actorId })
          .where(and(eq(deliveryAnswers.id, parsed.id), inArray(deliveryAnswers.state, ["received", "in_progress"])))
          .run();
        if (updated.changes === 0) return { ok: false, reason: "closed" };
      }
      audit(
        tx,
        {
          actor: user.actorId,
          action: parsed.kind === "report" ? "problem-report.handle" : "dispute.handle",
          subject: `${parsed.kind === "report" ? "problem-report" : "dispute"}:${parsed.id}`,
          pilotSlug,
          details: { from: current.state, to: state, answer: text ? true : false },
        },
        now,
      );
      return { ok: true, state };
    },
    { behavior: "immediate" },
  );
}

/* ---------------------------------------------------------------------------------------------
 * Published counts: the profile and the open data
 * ------------------------------------------------------------------------------------------- */

export type ReportCounts = Record<ReportCategory, number> & { total: number };

function emptyCounts(): ReportCounts {
  return Object.fromEntries([...reportCategories.map((c) => [c, 0]), ["total", 0]]) as ReportCounts;
}

/** Problem reports per month and category of one provider (in one pilot, or all), months in [from, to]. */
export function reportCountsByMonth(providerIds: number[], pilotSlug: string | null, from: string, to: string, db: Db = getDb()): Map<string, ReportCounts> {
  const out = new Map<string, ReportCounts>();
  if (providerIds.length === 0) return out;
  const rows = db
    .select({ providerId: problemReports.providerId, month: problemReports.month, category: problemReports.category, n: count() })
    .from(problemReports)
    .where(
      and(
        inArray(problemReports.providerId, providerIds),
        pilotSlug ? eq(problemReports.pilotSlug, pilotSlug) : undefined,
        gte(problemReports.month, from),
        lte(problemReports.month, to),
      ),
    )
    .groupBy(problemReports.providerId, problemReports.month, problemReports.category)
    .all();
  for (const r of rows) {
    const key = `${r.providerId}/${r.month}`;
    const c = out.get(key) ?? out.set(key, emptyCounts()).get(key)!;
    c[r.category] += r.n;
    c.total += r.n;
  }
  return out;
}

/** A version of what the accountability columns depend on, for the open data's ETag. */
export function accountabilityVersion(db: Db = getDb()): string {
  const r = db.select({ n: count(), max: sql<number | null>`max(${problemReports.id})` }).from(problemReports).get();
  const m = db.select({ n: count(), max: sql<number | null>`max(${meetings.id})` }).from(meetings).get();
  const a = db.select({ n: count(), latest: sql<string | null>`max(${deliveryAnswers.answeredAt})` }).from(deliveryAnswers).get();
  return `${r?.n}.${r?.max}.${m?.n}.${m?.max}.${a?.n}.${a?.latest}`;
}

/* ---------------------------------------------------------------------------------------------
 * Retention of free text (decision 071)
 * ------------------------------------------------------------------------------------------- */

/**
 * Removes the free text of closed cases `closedBefore` and of every case made `madeBefore`
 * (ISO timestamps): a report's description, answer and link to the person; a dispute's note and
 * answer. The rows stay for the counts. Returns how many cases lost their text.
 */
export function removeCaseText(closedBefore: string, madeBefore: string, now: Date, db: Db = getDb()): number {
  const at = now.toISOString();
  const closed = ["answered", "not_upheld"] as const;
  const reports = db
    .update(problemReports)
    .set({ description: null, answer: null, personId: null, textRemovedAt: at })
    .where(
      and(
        isNull(problemReports.textRemovedAt),
        or(and(inArray(problemReports.state, closed), sql`${problemReports.handledAt} < ${closedBefore}`), sql`${problemReports.createdAt} < ${madeBefore}`),
      ),
    )
    .run().changes;
  const disputes = db
    .update(deliveryAnswers)
    .set({ note: null, officialAnswer: null, textRemovedAt: at })
    .where(
      and(
        isNull(deliveryAnswers.textRemovedAt),
        or(isNotNull(deliveryAnswers.note), isNotNull(deliveryAnswers.officialAnswer)),
        or(
          and(inArray(deliveryAnswers.state, closed), sql`${deliveryAnswers.handledAt} < ${closedBefore}`),
          and(ne(deliveryAnswers.answer, "confirmed"), sql`${deliveryAnswers.answeredAt} < ${madeBefore}`),
          and(eq(deliveryAnswers.answer, "confirmed"), sql`${deliveryAnswers.answeredAt} < ${closedBefore}`),
        ),
      ),
    )
    .run().changes;
  return reports + disputes;
}

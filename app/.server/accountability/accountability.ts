import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { choices, deliveryAnswers, firstContacts, meetings, people, problemReports, providerPilots, providers } from "../../../db/schema";
import {
  disputeAnswers,
  meetingDate,
  publishedDelivery,
  type CaseState,
  type DeliveryAnswer,
  type DeliveryMonth,
  type ReportCategory,
  reportCategories,
} from "~/domain/accountability";
import { contactedInTime } from "~/domain/first-contact";
import { todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { getDb, type Db } from "../platform/db";
import { logger } from "../platform/log";
import { enqueueNotification } from "../notifications/outbox.store";
import { customerOf, type ProviderRow } from "../provider-staff/staff.store";

/**
 * The store of accountability (issue 16; docs/decisions/071-disputes-and-problem-reports.md):
 * meetings recorded by provider staff, customers' answers about recorded contacts and meetings,
 * and problem reports. Every read is scoped: a person to their own choices and reports, staff to
 * their provider's customers (through customerOf), officials to their pilot. Every write is one
 * transaction with its audit row; audit rows name ids and codes, never a person or their words.
 */

/* ---------------------------------------------------------------------------------------------
 * Meetings (provider staff)
 * ------------------------------------------------------------------------------------------- */

export type MeetingResult =
  | { ok: true; heldOn: string; created: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; error: string };

/** Records a meeting with one of the provider's customers (the same day twice is one meeting). */
export function recordMeeting(
  user: SignedInUser,
  provider: Pick<ProviderRow, "id" | "businessId">,
  choiceId: number,
  typed: string,
  now = new Date(),
): MeetingResult {
  if (!user.roles.providerBusinessIds.includes(provider.businessId)) return { ok: false, reason: "not_found" };
  const db = getDb();
  const today = todayInFinland(now);
  return db.transaction(
    (tx): MeetingResult => {
      const customer = customerOf(provider.id, choiceId, today, db);
      if (!customer) return { ok: false, reason: "not_found" };
      const checked = meetingDate(typed, { chosenOn: customer.chosenOn, today, movedOn: customer.visibility.movedOn });
      if (!checked.ok) return { ok: false, reason: "invalid", error: `errors.meetingOn.${checked.problem}` };
      const inserted = tx
        .insert(meetings)
        .values({ choiceId, heldOn: checked.date, recordedAt: now.toISOString(), recordedBy: user.actorId })
        .onConflictDoNothing({ target: [meetings.choiceId, meetings.heldOn] })
        .returning({ id: meetings.id })
        .get();
      if (inserted) {
        audit(
          tx,
          {
            actor: user.actorId,
            action: "provider.meeting.record",
            subject: `choice:${choiceId}`,
            pilotSlug: customer.pilotSlug,
            details: { businessId: provider.businessId, meeting: inserted.id },
          },
          now,
        );
      }
      return { ok: true, heldOn: checked.date, created: Boolean(inserted) };
    },
    { behavior: "immediate" },
  );
}

export type StaffItem = { item: string; heldOn: string; answer: DeliveryAnswer | null };

/**
 * The meetings of the provider's customers, and each customer's answer about them and about the
 * first contact. `choiceIds` must be the provider's visible customers (listCustomers gave them).
 * Staff see what the customer answered, not the customer's note (decision 071).
 */
export function staffDeliveryOf(choiceIds: number[], db: Db = getDb()): Map<number, { firstContact: DeliveryAnswer | null; meetings: StaffItem[] }> {
  const out = new Map<number, { firstContact: DeliveryAnswer | null; meetings: StaffItem[] }>();
  if (choiceIds.length === 0) return out;
  for (const id of choiceIds) out.set(id, { firstContact: null, meetings: [] });
  const answers = db
    .select({ choiceId: deliveryAnswers.choiceId, item: deliveryAnswers.item, answer: deliveryAnswers.answer })
    .from(deliveryAnswers)
    .where(inArray(deliveryAnswers.choiceId, choiceIds))
    .all();
  const answerOf = new Map(answers.map((a) => [`${a.choiceId}/${a.item}`, a.answer]));
  for (const id of choiceIds) out.get(id)!.firstContact = answerOf.get(`${id}/first-contact`) ?? null;
  const rows = db
    .select({ id: meetings.id, choiceId: meetings.choiceId, heldOn: meetings.heldOn })
    .from(meetings)
    .where(inArray(meetings.choiceId, choiceIds))
    .orderBy(desc(meetings.heldOn))
    .all();
  for (const m of rows) {
    const item = `meeting:${m.id}`;
    out.get(m.choiceId)!.meetings.push({ item, heldOn: m.heldOn, answer: answerOf.get(`${m.choiceId}/${item}`) ?? null });
  }
  return out;
}

/* ---------------------------------------------------------------------------------------------
 * Confirm or dispute (the person)
 * ------------------------------------------------------------------------------------------- */

export type MyItem = {
  /** The address key: "c<choiceId>" for the first contact, "m<meetingId>" for a meeting. */
  key: string;
  choiceId: number;
  item: string;
  kind: "first-contact" | "meeting";
  on: string;
  provider: string;
  pilotSlug: string;
  answer: DeliveryAnswer | null;
  note: string | null;
  state: CaseState | null;
  officialAnswer: string | null;
};

/** Every contact and meeting recorded about the person's own provider choices, newest first. */
export function myDeliveryItems(user: SignedInUser, db: Db = getDb()): MyItem[] {
  const own = db
    .select({ id: choices.id, pilotSlug: choices.pilotSlug, snapshot: choices.snapshot })
    .from(choices)
    .where(and(eq(choices.personId, user.id), eq(choices.kind, "provider")))
    .all();
  if (own.length === 0) return [];
  const ids = own.map((c) => c.id);
  const byId = new Map(own.map((c) => [c.id, c]));
  const answers = db.select().from(deliveryAnswers).where(inArray(deliveryAnswers.choiceId, ids)).all();
  const answerOf = new Map(answers.map((a) => [`${a.choiceId}/${a.item}`, a]));
  const items: MyItem[] = [];
  const base = (choiceId: number, item: string) => {
    const c = byId.get(choiceId)!;
    const a = answerOf.get(`${choiceId}/${item}`);
    return {
      choiceId,
      item,
      provider: c.snapshot.provider?.name ?? "",
      pilotSlug: c.pilotSlug,
      answer: a?.answer ?? null,
      note: a?.note ?? null,
      state: a?.state ?? null,
      officialAnswer: a?.officialAnswer ?? null,
    };
  };
  for (const f of db.select().from(firstContacts).where(inArray(firstContacts.choiceId, ids)).all()) {
    items.push({ key: `c${f.choiceId}`, kind: "first-contact", on: f.contactedOn, ...base(f.choiceId, "first-contact") });
  }
  for (const m of db.select().from(meetings).where(inArray(meetings.choiceId, ids)).all()) {
    items.push({ key: `m${m.id}`, kind: "meeting", on: m.heldOn, ...base(m.choiceId, `meeting:${m.id}`) });
  }
  return items.sort((a, b) => (a.on === b.on ? b.key.localeCompare(a.key) : b.on.localeCompare(a.on)));
}

/** One of the person's items by its address key; null for anyone else's or a key that names nothing. */
export function myDeliveryItem(user: SignedInUser, key: string, db: Db = getDb()): MyItem | null {
  if (!/^[cm]\d{1,12}$/.test(key)) return null;
  return myDeliveryItems(user, db).find((i) => i.key === key) ?? null;
}

export type AnswerResult = { ok: true; item: MyItem } | { ok: false; reason: "not_found" | "handled" };

/**
 * Saves the person's answer. It may be changed until an official has taken a dispute up; a
 * dispute is a case (state "received"), a confirmation is not.
 */
export function answerDelivery(user: SignedInUser, key: string, answer: DeliveryAnswer, note: string, now = new Date()): AnswerResult {
  const db = getDb();
  return db.transaction(
    (tx): AnswerResult => {
      const item = myDeliveryItem(user, key, db);
      if (!item) return { ok: false, reason: "not_found" };
      if (item.state !== null && item.state !== "received") return { ok: false, reason: "handled" };
      const disputed = disputeAnswers.includes(answer);
      const at = now.toISOString();
      const values = { answer, note: note || null, answeredAt: at, state: disputed ? ("received" as const) : null };
      tx.insert(deliveryAnswers)
        .values({ choiceId: item.choiceId, item: item.item, meetingId: item.kind === "meeting" ? Number(key.slice(1)) : null, ...values })
        .onConflictDoUpdate({ target: [deliveryAnswers.choiceId, deliveryAnswers.item], set: values })
        .run();
      audit(
        tx,
        {
          actor: user.actorId,
          action: disputed ? "delivery.dispute" : "delivery.confirm",
          subject: `choice:${item.choiceId}`,
          pilotSlug: item.pilotSlug,
          details: { item: item.item, answer, note: note ? true : false },
        },
        now,
      );
      return { ok: true, item: { ...item, answer, note: note || null, state: values.state } };
    },
    { behavior: "immediate" },
  );
}

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
  return db
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
    .where(eq(problemReports.personId, user.id))
    .orderBy(desc(problemReports.id))
    .all();
}

/* ---------------------------------------------------------------------------------------------
 * The officials' queue: reports and disputes of one pilot
 * ------------------------------------------------------------------------------------------- */

/** A case's address key: "r<id>" a problem report, "d<id>" a dispute. */
export type CaseKey = `r${number}` | `d${number}`;
export function parseCaseKey(key: string | undefined): { kind: "report" | "dispute"; id: number } | null {
  const m = /^([rd])(\d{1,9})$/.exec(key ?? "");
  if (!m || Number(m[2]) < 1) return null;
  return { kind: m[1] === "r" ? "report" : "dispute", id: Number(m[2]) };
}

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

export const QUEUE_LIMIT = 200;

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

/** The pilot's cases, newest first, at most QUEUE_LIMIT, with the number that match. */
export function caseQueue(pilotSlug: string, f: CaseFilter, db: Db = getDb()): { total: number; rows: CaseRow[] } {
  const wantReports = f.category !== "dispute";
  const wantDisputes = f.category === null || f.category === "dispute";
  const rows: CaseRow[] = [];
  let total = 0;
  if (wantReports) {
    total += db.select({ n: count() }).from(problemReports).where(reportWhere(pilotSlug, f)).get()?.n ?? 0;
    for (const r of db
      .select({ id: problemReports.id, providerId: problemReports.providerId, provider: providers.name, category: problemReports.category, at: problemReports.createdAt, state: problemReports.state })
      .from(problemReports)
      .innerJoin(providers, eq(providers.id, problemReports.providerId))
      .where(reportWhere(pilotSlug, f))
      .orderBy(desc(problemReports.id))
      .limit(QUEUE_LIMIT)
      .all()) {
      rows.push({ key: `r${r.id}`, kind: "report", providerId: r.providerId, provider: r.provider, category: r.category, about: null, at: r.at, state: r.state });
    }
  }
  if (wantDisputes) {
    total +=
      db.select({ n: count() }).from(deliveryAnswers).innerJoin(choices, eq(choices.id, deliveryAnswers.choiceId)).where(disputeWhere(pilotSlug, f)).get()?.n ?? 0;
    for (const r of disputeRows(db, disputeWhere(pilotSlug, f)).orderBy(desc(deliveryAnswers.answeredAt)).limit(QUEUE_LIMIT).all()) {
      rows.push(disputeCase(r));
    }
  }
  rows.sort((a, b) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key));
  return { total, rows: rows.slice(0, QUEUE_LIMIT) };
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

/**
 * Delivery as customers answered it, per provider and month, in [from, to]: meetings by the month
 * they were held, first contacts by the month the customer chose the provider.
 */
export function deliveryByMonth(providerIds: number[], pilotSlug: string | null, from: string, to: string, db: Db = getDb()): Map<string, DeliveryMonth> {
  const out = new Map<string, DeliveryMonth>();
  if (providerIds.length === 0) return out;
  const get = (providerId: number, month: string) => {
    const key = `${providerId}/${month}`;
    return (
      out.get(key) ??
      out.set(key, { month, recorded: 0, customers: 0, confirmed: 0, disputed: 0, contactsInTime: 0, contactsInTimeConfirmed: 0 }).get(key)!
    );
  };
  const scope = and(
    eq(choices.kind, "provider"),
    inArray(choices.providerId, providerIds),
    pilotSlug ? eq(choices.pilotSlug, pilotSlug) : undefined,
  );
  const monthOfHeld = sql<string>`substr(${meetings.heldOn}, 1, 7)`;
  const meetingRows = db
    .select({
      providerId: choices.providerId,
      month: monthOfHeld,
      recorded: count(),
      customers: sql<number>`count(distinct ${meetings.choiceId})`,
      confirmed: sql<number>`sum(case when ${deliveryAnswers.answer} = 'confirmed' then 1 else 0 end)`,
      disputed: sql<number>`sum(case when ${deliveryAnswers.answer} in ('did_not_happen', 'other_day') then 1 else 0 end)`,
    })
    .from(meetings)
    .innerJoin(choices, eq(choices.id, meetings.choiceId))
    .leftJoin(deliveryAnswers, and(eq(deliveryAnswers.choiceId, meetings.choiceId), eq(deliveryAnswers.meetingId, meetings.id)))
    .where(and(scope, gte(meetings.heldOn, `${from}-01`), lte(meetings.heldOn, `${to}-31`)))
    .groupBy(choices.providerId, monthOfHeld)
    .all();
  for (const r of meetingRows) {
    const m = get(r.providerId!, r.month);
    m.recorded = r.recorded;
    m.customers = r.customers;
    m.confirmed = r.confirmed ?? 0;
    m.disputed = r.disputed ?? 0;
  }
  const contactRows = db
    .select({ providerId: choices.providerId, chosenOn: choices.chosenOn, contactedOn: firstContacts.contactedOn, answer: deliveryAnswers.answer })
    .from(firstContacts)
    .innerJoin(choices, eq(choices.id, firstContacts.choiceId))
    .leftJoin(deliveryAnswers, and(eq(deliveryAnswers.choiceId, firstContacts.choiceId), eq(deliveryAnswers.item, "first-contact")))
    .where(and(scope, gte(choices.chosenOn, `${from}-01`), lte(choices.chosenOn, `${to}-31`)))
    .all();
  for (const r of contactRows) {
    if (!contactedInTime(r.chosenOn, r.contactedOn)) continue;
    const m = get(r.providerId!, r.chosenOn.slice(0, 7));
    m.contactsInTime += 1;
    if (r.answer === "confirmed") m.contactsInTimeConfirmed += 1;
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

/** Before choices are removed: their meetings and answers go with them. */
export function removeDeliveryOf(choiceIds: number[], db: Db = getDb()): void {
  if (choiceIds.length === 0) return;
  db.delete(deliveryAnswers).where(inArray(deliveryAnswers.choiceId, choiceIds)).run();
  db.delete(meetings).where(inArray(meetings.choiceId, choiceIds)).run();
}

/**
 * The open data's accountability cells of one published month of a pilot, by provider business ID
 * (decision 071): meetings recorded, confirmed and disputed (the last two empty when fewer than
 * `threshold` customers' meetings are counted), and problem reports in all and per category.
 */
export function accountabilityCells(pilotSlug: string, month: string, threshold: number, db: Db = getDb()): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  const ids = db
    .select({ id: providers.id, businessId: providers.businessId })
    .from(providerPilots)
    .innerJoin(providers, eq(providers.id, providerPilots.providerId))
    .where(eq(providerPilots.pilotSlug, pilotSlug))
    .all();
  if (ids.length === 0) return out;
  const delivery = deliveryByMonth(ids.map((p) => p.id), pilotSlug, month, month, db);
  const reports = reportCountsByMonth(ids.map((p) => p.id), pilotSlug, month, month, db);
  for (const p of ids) {
    const d = delivery.get(`${p.id}/${month}`);
    const shown = d ? publishedDelivery(d, threshold) : { recorded: 0, confirmed: 0, disputed: 0 };
    const r = reports.get(`${p.id}/${month}`);
    out.set(p.businessId, {
      meetings_recorded: shown.recorded,
      meetings_confirmed: shown.confirmed,
      meetings_disputed: shown.disputed,
      problem_reports: r?.total ?? 0,
      ...Object.fromEntries(reportCategories.map((c) => [`problem_reports_${c}`, r?.[c] ?? 0])),
    });
  }
  return out;
}

/**
 * The records the provider's customers disputed, newest first (at most 50), of customers the
 * provider may still see (customerOf decides, as everywhere on the staff pages). Without the note.
 */
export function staffDisputes(providerId: number, today: string, db: Db = getDb()) {
  const rows = db
    .select({
      choiceId: deliveryAnswers.choiceId,
      item: deliveryAnswers.item,
      answer: deliveryAnswers.answer,
      state: deliveryAnswers.state,
      heldOn: meetings.heldOn,
      contactedOn: firstContacts.contactedOn,
    })
    .from(deliveryAnswers)
    .innerJoin(choices, eq(choices.id, deliveryAnswers.choiceId))
    .leftJoin(meetings, eq(meetings.id, deliveryAnswers.meetingId))
    .leftJoin(firstContacts, and(eq(firstContacts.choiceId, deliveryAnswers.choiceId), eq(deliveryAnswers.item, "first-contact")))
    .where(and(eq(choices.providerId, providerId), inArray(deliveryAnswers.answer, ["did_not_happen", "other_day"])))
    .orderBy(desc(deliveryAnswers.answeredAt), desc(deliveryAnswers.id))
    .limit(50)
    .all();
  return rows.flatMap((r) => {
    const customer = customerOf(providerId, r.choiceId, today, db);
    if (!customer) return [];
    return [
      {
        choiceId: r.choiceId,
        name: `${customer.givenName} ${customer.familyName}`,
        kind: r.item === "first-contact" ? ("first-contact" as const) : ("meeting" as const),
        on: (r.item === "first-contact" ? r.contactedOn : r.heldOn) ?? "",
        answer: r.answer,
        state: r.state ?? "received",
      },
    ];
  });
}

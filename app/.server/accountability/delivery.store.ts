import { and, count, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { choices, deliveryAnswers, firstContacts, meetings } from "../../../db/schema";
import { disputeAnswers, meetingDate, type CaseState, type DeliveryAnswer, type DeliveryMonth } from "~/domain/accountability";
import { contactedInTime } from "~/domain/first-contact";
import { todayInFinland } from "~/format";
import { audit } from "../platform/audit.store";
import type { SignedInUser } from "../auth/auth";
import { getDb, type Db } from "../platform/db";
import { once } from "../platform/prepared";
import { customerOf, type ProviderRow } from "../provider-staff/staff.store";

/**
 * The store of delivery as customers see it (issue 16; docs/decisions/071-disputes-and-problem-reports.md):
 * meetings recorded by provider staff, and customers' answers (confirm or dispute) about recorded
 * contacts and meetings. Every read is scoped: a person to their own choices, staff to their
 * provider's customers (through customerOf). Every write is one transaction with its audit row;
 * audit rows name ids and codes, never a person or their words. Problem reports and the officials'
 * queue: cases.store.ts.
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
  const own = once(db, "delivery:choices-of-person", () =>
    db
      .select({ id: choices.id, pilotSlug: choices.pilotSlug, snapshot: choices.snapshot })
      .from(choices)
      .where(and(eq(choices.personId, sql.placeholder("personId")), eq(choices.kind, "provider")))
      .prepare(),
  ).all({ personId: user.id });
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
 * Published counts (the profile and the open data: published.ts, pages.ts)
 * ------------------------------------------------------------------------------------------- */

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

/** Before choices are removed: their meetings and answers go with them. */
export function removeDeliveryOf(choiceIds: number[], db: Db = getDb()): void {
  if (choiceIds.length === 0) return;
  db.delete(deliveryAnswers).where(inArray(deliveryAnswers.choiceId, choiceIds)).run();
  db.delete(meetings).where(inArray(meetings.choiceId, choiceIds)).run();
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
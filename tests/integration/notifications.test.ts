import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoMailbox, notificationAddresses, notificationOutbox, providers } from "../../db/schema";
import { findTestPerson } from "../../db/seed/people";
import { decideWeightyReason, requestWeightyReason } from "~/.server/choice/choices.store";
import { csrfForRequest, CSRF_COOKIE } from "~/.server/platform/csrf";
import { getDb } from "~/.server/platform/db";
import { metricsRegistry } from "~/.server/platform/runtime";
import { enqueueNotification } from "~/.server/notifications/outbox.store";
import { demoMailboxTransport, smtpTransport, type Transport } from "~/.server/notifications/transport";
import { sweepNotifications } from "~/.server/notifications/delivery.store";
import { checkFirstContactsOverdue, deliverDue, RETRY, startNotificationWorker } from "~/.server/notifications/worker";
import { officialScope } from "~/.server/official/scope";
import { setDates, suspendProvider, updateProvider } from "~/.server/official/providers.store";
import { recordFirstContact } from "~/.server/provider-staff/staff.store";
import { addWorkingDays } from "~/domain/working-days";
import { signedIn } from "../support/auth";
import { startApp } from "../support/app";
import { startSmtp } from "../support/smtp";
import { as, choose, quietLogs, userOf, type Who } from "./official-support";
import { NOW, TODAY } from "../support/clock";

/**
 * Notifications (issue 16, item 3; decision 070): the address given on My page and confirmed through
 * a single-use link, the outbox written with the event, the worker against a real SMTP server on
 * localhost (what arrived: language, text and HTML, the opt-out link, never an identity code), a
 * server that refuses or disappears (retried with backoff, nothing lost, the backlog on /metrics),
 * at most one message per outbox row, and the opt-out link without signing in.
 */

quietLogs();

const origin = "http://valinta.test";
let app: Awaited<ReturnType<typeof startApp>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let transport: Transport;
beforeEach(async () => {
  app = await startApp();
  smtp = await startSmtp();
  transport = smtpTransport(smtp.url, "Valinta <no-reply@valinta.test>");
});
afterEach(async () => {
  transport.close?.();
  await smtp.close();
  await app.close();
});

function tyopolku() {
  return getDb().select({ id: providers.id, slug: providers.slug, name: providers.name, businessId: providers.businessId }).from(providers).where(eq(providers.businessId, "2345671-3")).get()!;
}

async function postForm(who: { cookie: string; csrf: string } | null, path: string, fields: Record<string, string>, csrfCookie?: string) {
  const cookie = who?.cookie ?? `__Host-valinta-csrf=${csrfCookie}`;
  return fetch(`${app.base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: app.base },
    body: new URLSearchParams({ ...fields, ...(who ? { csrf: who.csrf } : {}) }),
  });
}

/** A page opened by a visitor (not signed in), with the CSRF cookie and token its form would carry. */
async function visitorForm(path: string): Promise<{ cookie: string; csrf: string; html: string; status: number }> {
  const cookie = `${CSRF_COOKIE}=visitor-0123456789abcdef`;
  const res = await fetch(`${app.base}${path}`, { headers: { cookie } });
  const csrf = csrfForRequest(new Request("http://localhost/", { headers: { cookie } }), null).token;
  return { cookie, csrf, html: await res.text(), status: res.status };
}

/** Gives the address on /{lang}/my/notifications, delivers the confirmation, follows its link. */
async function giveAndConfirm(who: Who, email: string, lang: "fi" | "sv" | "en") {
  const res = await postForm(who, `/${lang}/my/notifications`, { intent: "give", email });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe(`/${lang}/my/notifications?done=sent`);
  expect(await deliverDue({ transport, origin })).toMatchObject({ sent: 1 });
  const mail = smtp.arrived.at(-1)!;
  const link = new RegExp(`${origin}/${lang}/notifications/confirm\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  expect(link).not.toBeNull();
  const page = await visitorForm(`/${lang}/notifications/confirm?token=${link![1]}`);
  expect(page.status).toBe(200);
  const confirmed = await fetch(`${app.base}/${lang}/notifications/confirm`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: page.cookie, "content-type": "application/x-www-form-urlencoded", origin: app.base },
    body: new URLSearchParams({ csrf: page.csrf, token: link![1] }),
  });
  expect(confirmed.status).toBe(303);
  return { token: link![1], mail };
}

describe("the address: given, confirmed once, in the person's language", () => {
  it("sends a confirmation in Swedish; nothing else is sent until the link is followed; the link works once", async () => {
    const aino = as("aino");
    const res = await postForm(aino, "/sv/my/notifications", { intent: "give", email: "aino@example.test" });
    expect(res.status).toBe(303);
    // Unconfirmed: an event writes nothing.
    expect(enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" })).toBeNull();
    await deliverDue({ transport, origin });
    expect(smtp.arrived).toHaveLength(1);
    const mail = smtp.arrived[0];
    expect(mail.to).toEqual(["aino@example.test"]);
    expect(mail.headers).toMatch(/^Content-Language: sv/m);
    expect(mail.text).toContain("Bekräfta adressen");
    expect(mail.html).toContain('<html lang="sv">');
    const token = /confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    // Only the token's hash is stored.
    const row = getDb().select().from(notificationAddresses).where(eq(notificationAddresses.personId, aino.personId)).get()!;
    expect(JSON.stringify(row)).not.toContain(token);

    const page = await visitorForm(`/sv/notifications/confirm?token=${token}`);
    expect(page.html).toContain("Bekräfta adressen");
    const post = (csrf: string, cookie: string) =>
      fetch(`${app.base}/sv/notifications/confirm`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: app.base }, body: new URLSearchParams({ csrf, token }) });
    expect((await post(page.csrf, page.cookie)).status).toBe(303);
    expect(getDb().select().from(notificationAddresses).where(eq(notificationAddresses.personId, aino.personId)).get()!.confirmedAt).not.toBeNull();
    // Single use.
    const again = await post(page.csrf, page.cookie);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Länken fungerar inte");
    // A wrong or hostile token finds nothing.
    expect((await visitorForm(`/sv/notifications/confirm?token=${"x".repeat(40)}`)).html).toContain("Länken fungerar inte");
  });

  it("a wrong address is a translated message next to the field, keeping what was typed", async () => {
    const aino = as("aino");
    const res = await postForm(aino, "/en/my/notifications", { intent: "give", email: "aino@" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter the email address in the form name@example.com.");
    expect(html).toContain('value="aino@"');
    expect(getDb().select().from(notificationAddresses).all()).toHaveLength(0);
  });

  it("My page says where notifications go", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "fi");
    const html = await (await fetch(`${app.base}/fi/my`, { headers: { cookie: aino.cookie } })).text();
    expect(html).toContain("Ilmoitukset lähetetään osoitteeseen aino@example.test.");
    expect(html).toContain('href="/fi/my/notifications"');
  });
});

describe("what arrives", () => {
  it("the choice's receipt: the person's language, text and HTML, the opt-out link, no identity code, the row's Message-ID", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "en");
    const p = tyopolku();
    const { reference } = choose(aino, p);
    const row = getDb().select().from(notificationOutbox).where(eq(notificationOutbox.kind, "choice_receipt")).get()!;
    expect(row.data).toMatchObject({ reference, provider: p.name, kind: "provider" });
    expect(await deliverDue({ transport, origin })).toMatchObject({ sent: 1, retried: 0 });
    const mail = smtp.arrived.at(-1)!;
    expect(mail.headers).toMatch(/^Content-Language: en/m);
    expect(mail.headers).toMatch(/^List-Unsubscribe: <http:\/\/valinta\.test\/en\/notifications\/opt-out\?token=/m);
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.text).toContain(`You chose the provider ${p.name}`);
    expect(mail.text).toContain(`The reference number of your receipt is ${reference}.`);
    expect(mail.text).toContain(`${origin}/en/my/receipts/${reference}`);
    expect(mail.text).toMatch(/Stop notifications: http:\/\/valinta\.test\/en\/notifications\/opt-out\?token=[A-Za-z0-9_-]+/);
    expect(mail.html).toContain("<html lang=\"en\">");
    expect(mail.html).toContain(">Stop notifications</a>");
    const person = findTestPerson("aino")!;
    expect(mail.raw).not.toContain(person.identityCode!);
    expect(mail.raw).not.toContain(person.familyName);
    expect(mail.raw).not.toContain("+358 40 123 4567");
    expect(getDb().select().from(notificationOutbox).where(eq(notificationOutbox.id, row.id)).get()!.state).toBe("sent");
  });

  it("a weighty-reason request decided, the provider suspended, first contact overdue: each in the outbox with its event", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "fi");
    const p = tyopolku();
    const chosenAt = NOW;
    choose(aino, p, chosenAt);
    const user = userOf(aino);
    // The choice binds: a request, then a decision.
    expect(requestWeightyReason(user, "Muutan toiselle paikkakunnalle.", chosenAt)).toMatchObject({ ok: true });
    const sari = as("sari");
    const requestId = getDb().$client.prepare("SELECT id FROM change_requests WHERE person_id = ?").pluck().get(aino.personId) as number;
    expect(decideWeightyReason(userOf(sari), { requestId, pilotSlug: "north-savo-choice", decision: "rejected", note: "" })).toBe(true);
    // First contact: 5 working days after the choice, none recorded.
    const late = new Date(`${addWorkingDays(TODAY, 7)}T09:00:00Z`);
    expect(checkFirstContactsOverdue(late)).toBe(1);
    expect(checkFirstContactsOverdue(late)).toBe(0); // once per choice
    // Suspended.
    const scope = officialScope({ request: new Request("http://localhost/fi/official/north-savo-choice", { headers: { cookie: sari.cookie } }), params: { lang: "fi", pilot: "north-savo-choice" } });
    expect(suspendProvider(scope, p.id, "Tarkastus kesken.")).toMatchObject({ ok: true });

    const kinds = getDb().select({ kind: notificationOutbox.kind }).from(notificationOutbox).where(eq(notificationOutbox.personId, aino.personId)).all().map((r) => r.kind);
    expect(kinds).toEqual(["address_confirm", "choice_receipt", "request_decided", "first_contact_overdue", "provider_unavailable"]);
    const delivered = await deliverDue({ transport, origin, now: () => late.getTime() });
    expect(delivered, JSON.stringify(getDb().select().from(notificationOutbox).all())).toMatchObject({ sent: 4 });
    const texts = smtp.arrived.slice(-4).map((m) => m.text);
    expect(texts[1]).toContain("Pyyntöäsi ei hyväksytty.");
    expect(texts[2]).toContain(`${p.name} lupasi ottaa sinuun yhteyttä viimeistään`);
    expect(texts[3]).toContain(`${p.name} on keskeytetty kokeilussa`);
    expect(texts[3]).toContain(`Valitse uudelleen: ${origin}/fi/choose`);
  });

  it("the provider leaving, or no longer taking customers: its customers are told, with the re-choice link", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "en");
    const p = tyopolku();
    choose(aino, p);
    const sari = as("sari");
    const scope = officialScope({ request: new Request("http://localhost/en/official/north-savo-choice", { headers: { cookie: sari.cookie } }), params: { lang: "en", pilot: "north-savo-choice" } });
    const input = { name: p.name, services: ["career_guidance" as const], languages: ["fi" as const], takesNewCustomers: false, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 2, remoteMeetings: true, verified: false };
    expect(updateProvider(scope, p.id, input)).toEqual({ ok: true });
    const startsOn = getDb().$client.prepare("SELECT starts_on FROM provider_pilots WHERE provider_id = ? AND pilot_slug = 'north-savo-choice'").pluck().get(p.id) as string;
    expect(setDates(scope, p.id, { startsOn, endsOn: "2027-06-30" })).toEqual({ ok: true });
    expect(await deliverDue({ transport, origin })).toMatchObject({ sent: 3 });
    const [notTaking, leaving] = smtp.arrived.slice(-2).map((m) => m.text);
    expect(notTaking).toContain(`${p.name} no longer takes new customers in the pilot North Savo`);
    expect(leaving).toContain(`${p.name} is leaving the pilot North Savo freedom-of-choice pilot (example). Its last day is 30 June 2027.`);
    expect(leaving).toContain(`Choose again: ${origin}/en/choose`);
  });

  it("a first contact recorded in time means no overdue message", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "fi");
    const p = tyopolku();
    const chosenAt = NOW;
    const { user } = choose(aino, p, chosenAt);
    const choiceId = getDb().$client.prepare("SELECT id FROM choices WHERE person_id = ? AND status = 'current'").pluck().get(user.id) as number;
    expect(recordFirstContact(userOf(as("kaisa")), p, choiceId, TODAY, chosenAt)).toMatchObject({ ok: true });
    expect(checkFirstContactsOverdue(new Date(`${addWorkingDays(TODAY, 7)}T09:00:00Z`))).toBe(0);
  });
});

describe("a server that refuses or disappears loses nothing", () => {
  async function backlog() {
    const text = await metricsRegistry.metrics();
    const value = (state: string) => Number(new RegExp(`^valinta_notifications_backlog\\{state="${state}"\\} (\\d+)`, "m").exec(text)?.[1] ?? NaN);
    return { pending: value("pending"), failed: value("failed") };
  }

  it("retries with exponential backoff, shows the backlog, and sends once the server takes it", async () => {
    const aino = signedIn("aino");
    getDb().insert(notificationAddresses).values({ personId: aino.personId, email: "aino@example.test", lang: "fi", confirmedAt: "2026-12-01T00:00:00Z", optOutNonce: "n", optOutTokenHash: "h", createdAt: "x", updatedAt: "x" }).run();
    const id = enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" })!;
    let now = Date.now();
    const clock = () => now;

    smtp.state.refuse = true; // 451 to every recipient
    expect(await deliverDue({ transport, origin, now: clock })).toMatchObject({ retried: 1, sent: 0 });
    let row = getDb().select().from(notificationOutbox).where(eq(notificationOutbox.id, id)).get()!;
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastError: "smtp-451", nextAttemptAt: now + RETRY.baseDelayMs });
    expect(await backlog()).toEqual({ pending: 1, failed: 0 });
    // Not due yet: nothing is tried.
    expect(await deliverDue({ transport, origin, now: clock })).toMatchObject({ claimed: 0 });

    // The server disappears.
    await smtp.close();
    now += RETRY.baseDelayMs;
    expect(await deliverDue({ transport, origin, now: clock })).toMatchObject({ retried: 1 });
    row = getDb().select().from(notificationOutbox).where(eq(notificationOutbox.id, id)).get()!;
    expect(row).toMatchObject({ state: "pending", attempts: 2, nextAttemptAt: now + 2 * RETRY.baseDelayMs });
    expect(row.lastError).toMatch(/^E[A-Z]+$/); // the connection refused or lost

    // It comes back (a new one on another port; the row is the same).
    smtp = await startSmtp();
    transport.close?.();
    transport = smtpTransport(smtp.url, "Valinta <no-reply@valinta.test>");
    now += 2 * RETRY.baseDelayMs;
    expect(await deliverDue({ transport, origin, now: clock })).toMatchObject({ sent: 1 });
    expect(smtp.arrived).toHaveLength(1);
    expect(smtp.arrived[0].messageId).toBe(row.messageId);
    expect(await backlog()).toEqual({ pending: 0, failed: 0 });
  });

  it("after the last attempt the row is 'failed', kept and counted", async () => {
    const aino = signedIn("aino");
    getDb().insert(notificationAddresses).values({ personId: aino.personId, email: "aino@example.test", lang: "fi", confirmedAt: "2026-12-01T00:00:00Z", optOutNonce: "n", optOutTokenHash: "h", createdAt: "x", updatedAt: "x" }).run();
    const id = enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" })!;
    smtp.state.refuse = true;
    let now = Date.now();
    for (let i = 0; i < 3; i++) {
      await deliverDue({ transport, origin, now: () => now, maxAttempts: 3 });
      now += 3_600_000;
    }
    expect(getDb().select().from(notificationOutbox).where(eq(notificationOutbox.id, id)).get()).toMatchObject({ state: "failed", attempts: 3 });
    expect(await backlog()).toEqual({ pending: 0, failed: 1 });
  });
});

describe("at most once per outbox row", () => {
  function confirmedAino() {
    const aino = signedIn("aino");
    getDb().insert(notificationAddresses).values({ personId: aino.personId, email: "aino@example.test", lang: "fi", confirmedAt: "2026-12-01T00:00:00Z", optOutNonce: "n", optOutTokenHash: "h", createdAt: "x", updatedAt: "x" }).run();
    return aino;
  }

  it("two rounds at once send each row once; the same event twice is one row", async () => {
    const aino = confirmedAino();
    for (let i = 0; i < 5; i++) enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered", dedupeKey: `report:${i}` });
    expect(enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered", dedupeKey: "report:0" })).toBeNull();
    const [a, b] = await Promise.all([deliverDue({ transport, origin }), deliverDue({ transport, origin })]);
    expect(a.sent + b.sent).toBe(5);
    expect(smtp.arrived).toHaveLength(5);
    expect(new Set(smtp.arrived.map((m) => m.messageId)).size).toBe(5);
    expect(await deliverDue({ transport, origin })).toMatchObject({ claimed: 0 });
  });

  it("a row a stopped worker left 'sending' waits for its lease, then goes again with the same Message-ID", async () => {
    const aino = confirmedAino();
    const id = enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" })!;
    const now = Date.now();
    // A worker claimed it, sent it, and stopped before marking it.
    getDb().update(notificationOutbox).set({ state: "sending", attempts: 1, leaseUntil: now + RETRY.leaseMs }).where(eq(notificationOutbox.id, id)).run();
    expect(await deliverDue({ transport, origin, now: () => now })).toMatchObject({ claimed: 0 });
    expect(await deliverDue({ transport, origin, now: () => now + RETRY.leaseMs })).toMatchObject({ sent: 1 });
    const row = getDb().select().from(notificationOutbox).where(eq(notificationOutbox.id, id)).get()!;
    expect(row).toMatchObject({ state: "sent", attempts: 2 });
    expect(smtp.arrived[0].messageId).toBe(row.messageId);
  });

  it("the demo mailbox keeps one message per Message-ID, and /{lang}/demo-outbox shows it", async () => {
    const aino = confirmedAino();
    const id = enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" })!;
    const demo = demoMailboxTransport(getDb());
    await deliverDue({ transport: demo, origin });
    getDb().update(notificationOutbox).set({ state: "sending", leaseUntil: 0 }).where(eq(notificationOutbox.id, id)).run();
    await deliverDue({ transport: demo, origin });
    expect(getDb().select().from(demoMailbox).all()).toHaveLength(1);
    const html = await (await fetch(`${app.base}/sv/demo-outbox`)).text();
    expect(html).toContain("Ilmoitukseesi ongelmasta on vastattu");
    expect(html).toContain("aino@example.test");
    const mailId = getDb().select().from(demoMailbox).get()!.id;
    const part = await fetch(`${app.base}/sv/demo-outbox/${mailId}`);
    expect(part.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await part.text()).toContain('<html lang="fi">');
  });
});

describe("opting out, without signing in", () => {
  it("the link on a message removes the address and drops what still waits; the link then finds nothing", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "fi");
    enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" });
    await deliverDue({ transport, origin });
    const token = /opt-out\?token=([A-Za-z0-9_-]+)/.exec(smtp.arrived.at(-1)!.text)![1];
    const waiting = enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered", dedupeKey: "later" })!;

    const page = await visitorForm(`/fi/notifications/opt-out?token=${token}`);
    expect(page.html).toContain("Lopeta ilmoitukset");
    const res = await fetch(`${app.base}/fi/notifications/opt-out`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: page.cookie, "content-type": "application/x-www-form-urlencoded", origin: app.base },
      body: new URLSearchParams({ csrf: page.csrf, token }),
    });
    expect(res.status).toBe(303);
    expect(getDb().select().from(notificationAddresses).all()).toHaveLength(0);
    expect(getDb().select().from(notificationOutbox).where(eq(notificationOutbox.id, waiting)).get()!.state).toBe("skipped");
    expect((await visitorForm(`/fi/notifications/opt-out?token=${token}`)).html).toContain("Linkki ei toimi");
    expect(enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" })).toBeNull();
  });

  it("a signed-in person can remove the address on the page", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "fi");
    const res = await postForm(aino, "/fi/my/notifications", { intent: "remove" });
    expect(res.status).toBe(303);
    expect(getDb().select().from(notificationAddresses).all()).toHaveLength(0);
  });
});

describe("keeping", () => {
  it("the data download names the address and the messages; done rows and never-confirmed addresses go after their time", async () => {
    const aino = as("aino");
    await giveAndConfirm(aino, "aino@example.test", "fi");
    enqueueNotification(getDb(), { personId: aino.personId, kind: "problem_report_answered" });
    await deliverDue({ transport, origin });
    const exported = (await (await fetch(`${app.base}/fi/my/data.json`, { headers: { cookie: aino.cookie } })).json()) as { notifications: unknown };
    expect(exported.notifications).toMatchObject({ address: { email: "aino@example.test", language: "fi" }, messages: [{ kind: "problem_report_answered", state: "sent" }] });

    const pekka = as("pekka");
    expect((await postForm(pekka, "/fi/my/notifications", { intent: "give", email: "pekka@example.test" })).status).toBe(303);
    const now = Date.now();
    expect(sweepNotifications(new Date(now))).toEqual({ outbox: 0, addresses: 0, demo: 0 });
    // 91 days on: aino's two sent rows go, pekka's never-confirmed address goes; aino's address stays.
    const later = new Date(now + 91 * 86_400_000);
    expect(sweepNotifications(later)).toMatchObject({ outbox: 2, addresses: 1 });
    expect(getDb().select().from(notificationAddresses).all().map((a) => a.personId)).toEqual([aino.personId]);
  });
});

describe("the worker in the server", () => {
  it("takes a row written in this process at once, not at its next look", async () => {
    const aino = signedIn("aino");
    getDb().insert(notificationAddresses).values({ personId: aino.personId, email: "aino@example.test", lang: "fi", confirmedAt: "2026-12-01T00:00:00Z", optOutNonce: "n", optOutTokenHash: "h", createdAt: "x", updatedAt: "x" }).run();
    let arrived: (subject: string) => void = () => undefined;
    const sent = new Promise<string>((resolve) => (arrived = resolve));
    const stop = startNotificationWorker({
      intervalMs: 3_600_000, // the next look is an hour away: only the wake-up can deliver
      transport: {
        name: "test",
        send: (m) => {
          arrived(m.subject);
          return Promise.resolve();
        },
      },
    });
    getDb().transaction((tx) => enqueueNotification(tx, { personId: aino.personId, kind: "problem_report_answered" }));
    expect(await sent).toBe("Ilmoitukseesi ongelmasta on vastattu");
    await stop();
  });
});

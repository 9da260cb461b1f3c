import type { NotificationKind } from "../../../db/schema";
import { contactDeadline } from "~/domain/first-contact";
import { addDays } from "~/domain/working-days";
import { formatDate, todayInFinland } from "~/format";
import { isLang, type Lang } from "~/i18n";
import { config } from "../platform/config";
import { getDb, type Db } from "../platform/db";
import { tFor } from "../platform/i18n";
import { logger } from "../platform/log";
import { notificationsSent } from "../platform/metrics";
import { linkToken } from "./address.store";
import { choicesWithoutFirstContact, claimDue, deliveryAddress, markRound, sweepNotifications, type Claimed, type Mark } from "./delivery.store";
import { enqueueNotifications, setNotificationWaker, type NotificationInput } from "./outbox.store";
import { demoMailboxTransport, smtpTransport, TransportError, type OutgoingMessage, type Transport } from "./transport";

/**
 * The notification worker (docs/decisions/070-notifications.md): takes due rows of the outbox,
 * writes each message in the person's language, hands it to the transport, and marks it.
 *
 * - A row is claimed by setting it "sending" with a lease, in one UPDATE: two rounds (or two
 *   processes) never take the same row, and each row is handed over at most once while its lease runs.
 * - A row left "sending" past its lease (the process stopped between sending and marking) is sent
 *   again with the same Message-ID, so the mailbox sees the same message, not a new one.
 * - A failure (refused, connection lost, timeout) puts the row back with exponential backoff; after
 *   `maxAttempts` it is "failed" and stays in the backlog on /metrics. Nothing is deleted.
 */
export type WorkerOptions = {
  transport: Transport;
  db?: Db;
  /** The site's address for links in messages. */
  origin?: string;
  now?: () => number;
  batch?: number;
  leaseMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
};

export const RETRY = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 10, leaseMs: 120_000 } as const;

/** The wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min … at most an hour. */
export function backoffMs(attempts: number, base: number = RETRY.baseDelayMs, max: number = RETRY.maxDelayMs): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function siteOrigin(): string {
  const cfg = config();
  return (cfg.PUBLIC_ORIGIN ?? `http://localhost:${cfg.PORT}`).replace(/\/$/, "");
}

export type RoundResult = { sent: number; retried: number; failed: number; skipped: number; claimed: number };

/** One round: claims up to `batch` due rows and delivers them (in parallel). */
export async function deliverDue(options: WorkerOptions): Promise<RoundResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? Date.now;
  const o = { batch: 20, leaseMs: RETRY.leaseMs, baseDelayMs: RETRY.baseDelayMs, maxDelayMs: RETRY.maxDelayMs, maxAttempts: RETRY.maxAttempts, ...options };
  const origin = (options.origin ?? siteOrigin()).replace(/\/$/, "");
  const start = now();
  const rows = claimDue(db, { now: start, lease: start + o.leaseMs, batch: o.batch });
  const result: RoundResult = { sent: 0, retried: 0, failed: 0, skipped: 0, claimed: rows.length };
  // What happened to each row, written together in one transaction after the round (one commit,
  // not one per message); a stop before that leaves the rows "sending" until their lease ends.
  const marks: Mark[] = [];
  await Promise.all(
    rows.map(async (row) => {
      const message = compose(db, row, origin, now());
      if ("skip" in message) {
        marks.push({ id: row.id, result: "skip", code: message.skip });
        result.skipped++;
        notificationsSent.inc({ result: "skipped" });
        return;
      }
      try {
        await o.transport.send(message);
        const at = new Date(now()).toISOString();
        marks.push({ id: row.id, result: "sent", at });
        result.sent++;
        notificationsSent.inc({ result: "sent" });
      } catch (error) {
        const code = error instanceof TransportError ? error.code : "unknown";
        const giveUp = row.attempts >= o.maxAttempts;
        const next = now() + backoffMs(row.attempts, o.baseDelayMs, o.maxDelayMs);
        marks.push({ id: row.id, result: "retry", maxAttempts: o.maxAttempts, next, code });
        if (giveUp) result.failed++;
        else result.retried++;
        notificationsSent.inc({ result: giveUp ? "failed" : "retry" });
        logger.warn({ event: "notification-not-sent", outboxId: row.id, kind: row.kind, attempts: row.attempts, code, giveUp }, "a notification was not sent");
      }
    }),
  );
  markRound(db, marks);
  return result;
}

/* ---------------------------------------------------------------------------------------------
 * Writing a message
 * ------------------------------------------------------------------------------------------- */

type Names = { fi: string; sv: string; en: string };
const str = (v: unknown): string => (typeof v === "string" ? v : "");
function named(v: unknown, lang: Lang): string {
  if (v && typeof v === "object" && lang in v) return str((v as Names)[lang]);
  return str(v);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The message of one row, or why it is not sent (no address, the address changed, the link expired). */
function compose(db: Db, row: Claimed, origin: string, nowMs: number): OutgoingMessage | { skip: string } {
  const address = deliveryAddress(db, row.person_id);
  if (!address) return { skip: "no-address" };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    return { skip: "bad-data" };
  }
  const lang: Lang = isLang(address.lang) ? address.lang : "fi";
  const optOutUrl = `${origin}/${lang}/notifications/opt-out?token=${linkToken("opt-out", address.optOutNonce)}`;
  if (row.kind === "address_confirm") {
    if (address.confirmedAt !== null || address.confirmNonce === null || address.confirmNonce !== data.nonce) return { skip: "superseded" };
    if ((address.confirmExpiresAt ?? 0) <= nowMs) return { skip: "expired" };
  } else if (address.confirmedAt === null) {
    return { skip: "unconfirmed" };
  }
  const content = writeMessage(row.kind, data, lang, origin, address.confirmNonce);
  const t = tFor(lang);
  const footer = [t("notifications:email.why"), t("notifications:email.noReply")];
  if (config().APP_ENV !== "production") footer.push(t("notifications:email.demo"));
  const text = [
    t("notifications:email.greeting"),
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    `${content.action.label}: ${content.action.url}`,
    "",
    ...(content.after ? [content.after, ""] : []),
    "-- ",
    t("notifications:email.signature"),
    ...footer,
    t("notifications:email.optOutText", { url: optOutUrl }),
    "",
  ].join("\n");
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">`,
    p(t("notifications:email.greeting")),
    ...content.paragraphs.map(p),
    `<p><a href="${escapeHtml(content.action.url)}" style="color:#0b4f9c">${escapeHtml(content.action.label)}</a></p>`,
    ...(content.after ? [p(content.after)] : []),
    `<hr><p style="font-size:14px">${escapeHtml(t("notifications:email.signature"))}<br>${footer.map(escapeHtml).join("<br>")}</p>`,
    `<p style="font-size:14px"><a href="${escapeHtml(optOutUrl)}" style="color:#0b4f9c">${escapeHtml(t("notifications:email.optOut"))}</a></p>`,
    `</body></html>`,
  ].join("\n");
  return { messageId: row.message_id, to: address.email, subject: content.subject, text, html, lang, optOutUrl };
}

type Content = { subject: string; paragraphs: string[]; action: { label: string; url: string }; after?: string };

/** The words of each kind. Only what the data holds: a reference, a provider's and a pilot's name, a date. */
export function writeMessage(kind: NotificationKind, data: Record<string, unknown>, lang: Lang, origin: string, confirmNonce: string | null = null): Content {
  const t = tFor(lang);
  const k = (key: string, values?: Record<string, unknown>) => t(`notifications:email.${kind}.${key}`, values);
  const my = `${origin}/${lang}/my`;
  const provider = str(data.provider);
  const pilot = named(data.pilot, lang);
  switch (kind) {
    case "address_confirm":
      return {
        subject: k("subject"),
        paragraphs: [k("body")],
        action: { label: k("action"), url: `${origin}/${lang}/notifications/confirm?token=${linkToken("confirm", confirmNonce ?? "")}` },
        after: k("ignore"),
      };
    case "choice_receipt": {
      const reference = str(data.reference);
      const date = str(data.contactBy);
      return {
        subject: k("subject", { reference }),
        paragraphs: [data.kind === "provider" ? k("provider", { provider, pilot, date: date ? formatDate(date, lang) : "" }) : k("public_service", { pilot }), k("reference", { reference })],
        action: { label: k("action"), url: `${origin}/${lang}/my/receipts/${encodeURIComponent(reference)}` },
      };
    }
    case "request_decided":
      return { subject: k("subject"), paragraphs: [k(data.decision === "approved" ? "approved" : "rejected")], action: { label: k("action"), url: `${my}#choice` } };
    case "provider_unavailable": {
      const reason = data.reason === "suspended" ? "suspended" : data.reason === "not_taking" ? "not_taking" : "left";
      const lastDay = str(data.lastDay);
      return { subject: k("subject"), paragraphs: [k(reason, { provider, pilot, date: lastDay ? formatDate(lastDay, lang) : "" })], action: { label: k("action"), url: `${origin}/${lang}/choose` } };
    }
    case "first_contact_overdue": {
      const date = str(data.contactBy);
      return { subject: k("subject"), paragraphs: [k("body", { provider, date: date ? formatDate(date, lang) : "" })], action: { label: k("action"), url: my } };
    }
    case "problem_report_answered":
      return { subject: k("subject"), paragraphs: [k("body")], action: { label: k("action"), url: my } };
  }
}

/* ---------------------------------------------------------------------------------------------
 * First contact overdue: a periodic check
 * ------------------------------------------------------------------------------------------- */

/** Choices older than this many days are not looked at: a check turned on late does not send about old choices. */
export const OVERDUE_LOOKBACK_DAYS = 30;

/**
 * Enqueues "first contact overdue" for each current provider choice whose 5 working days have passed
 * with no first contact recorded, once per choice (the dedupe key). Returns how many were enqueued.
 */
export function checkFirstContactsOverdue(now = new Date(), db: Db = getDb()): number {
  const today = todayInFinland(now);
  const since = addDays(today, -OVERDUE_LOOKBACK_DAYS);
  const due: NotificationInput[] = [];
  for (const r of choicesWithoutFirstContact(since, today, db)) {
    const deadline = contactDeadline(r.chosenOn);
    if (deadline >= today) continue;
    due.push({ personId: r.personId, kind: "first_contact_overdue", data: { provider: r.provider ?? "", contactBy: deadline }, dedupeKey: `first-contact-overdue:${r.id}` });
  }
  return enqueueNotifications(db, due, now);
}

/* ---------------------------------------------------------------------------------------------
 * The schedule in the server
 * ------------------------------------------------------------------------------------------- */

/** The transport the configuration asks for: SMTP with SMTP_URL; else the demo mailbox outside production; else none. */
export function configuredTransport(db: Db = getDb()): Transport | null {
  const cfg = config();
  if (cfg.SMTP_URL) return smtpTransport(cfg.SMTP_URL, cfg.MAIL_FROM);
  if (cfg.APP_ENV !== "production") return demoMailboxTransport(db);
  return null;
}

/**
 * Starts the worker (a round every `intervalMs`, at once again while rounds come back full) and the
 * hourly "first contact overdue" check. Returns a stopper that waits for the round in flight.
 */
export function startNotificationWorker({ intervalMs = 1000, checkEveryMs = 3_600_000, transport }: { intervalMs?: number; checkEveryMs?: number; transport?: Transport | null } = {}): () => Promise<void> {
  const chosen = transport === undefined ? configuredTransport() : transport;
  if (!chosen) {
    logger.warn({ event: "notifications-off" }, "SMTP_URL is not set: notifications stay in the outbox until it is");
    return () => Promise.resolve();
  }
  logger.info({ transport: chosen.name }, "notification worker started");
  let stopped = false;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(round, ms);
  };
  const round = () => {
    running = true;
    again = false;
    inFlight = deliverDue({ transport: chosen })
      .then((r) => {
        running = false;
        schedule(r.claimed >= 20 || again ? 0 : intervalMs);
      })
      .catch((error: Error) => {
        running = false;
        logger.error({ event: "notification-round-failed", err: error.message }, "a notification round failed");
        schedule(intervalMs * 5);
      });
  };
  // A row written in this process is taken at once (after its commit), not at the next look.
  setNotificationWaker(() => {
    if (running) again = true;
    else schedule(0);
  });
  const check = () => {
    try {
      checkFirstContactsOverdue();
      sweepNotifications();
    } catch (error) {
      logger.error({ event: "first-contact-check-failed", err: (error as Error).message }, "the first-contact check failed");
    }
  };
  schedule(0);
  check();
  const checker = setInterval(check, checkEveryMs);
  checker.unref();
  return async () => {
    stopped = true;
    setNotificationWaker(null);
    clearTimeout(timer);
    clearInterval(checker);
    await inFlight;
    chosen.close?.();
  };
}

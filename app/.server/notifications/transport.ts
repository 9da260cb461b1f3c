import nodemailer from "nodemailer";
import type { Db } from "../platform/db";
import { recordDemoMessage } from "./demo-mailbox.store";

/**
 * How a message leaves (docs/decisions/070-notifications.md). The worker knows only this interface;
 * SMTP (nodemailer) and the demo's mailbox implement it, and Suomi.fi Messages would be a third.
 */
export type OutgoingMessage = {
  /** The same for every attempt of one outbox row: a resend after a crash is the same message. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  lang: string;
  /** The opt-out link, also sent as List-Unsubscribe. */
  optOutUrl: string;
};

export type Transport = {
  readonly name: string;
  /** Resolves when the receiving side has taken the message; throws a TransportError otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
};

/** A failure with a short code for the outbox row (an SMTP response code, ECONNREFUSED): never message text. */
export class TransportError extends Error {
  constructor(readonly code: string) {
    super(`not sent: ${code}`);
  }
}

function failureCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const e = error as { responseCode?: unknown; code?: unknown };
    if (typeof e.responseCode === "number") return `smtp-${e.responseCode}`;
    if (typeof e.code === "string") return e.code.slice(0, 40);
  }
  return "unknown";
}

/** Email over SMTP: `SMTP_URL` (smtp://user:pass@host:port, smtps:// for TLS from the start). */
export function smtpTransport(url: string, from: string): Transport {
  // A pool of connections (unless the URL says otherwise): the worker sends a round's messages in
  // parallel, and a connection per message would cost a TCP and SMTP handshake each.
  const pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes("?") ? "&" : "?"}pool=true&maxConnections=5`;
  const transporter = nodemailer.createTransport(pooled, { from });
  return {
    name: "smtp",
    async send(m) {
      try {
        await transporter.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          headers: { "Content-Language": m.lang, "Auto-Submitted": "auto-generated" },
          list: { unsubscribe: { url: m.optOutUrl, comment: "opt-out" } },
        });
      } catch (error) {
        throw new TransportError(failureCode(error));
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The demo's and the tests' mailbox: the message is written into `demo_mailbox`, shown at
 * /{lang}/demo-outbox. Only outside production. The Message-ID is unique there, so a resend of the
 * same outbox row is not a second message.
 */
export function demoMailboxTransport(db: Db): Transport {
  return {
    name: "demo-mailbox",
    send(m) {
      recordDemoMessage(db, m);
      return Promise.resolve();
    },
  };
}

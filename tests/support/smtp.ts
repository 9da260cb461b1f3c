import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 for the notification tests and bench (the `smtp-server` package):
 * what arrived, raw and with its text and HTML parts decoded. `refuse` answers every RCPT with a
 * temporary failure (451) while set.
 */
export type Arrived = { raw: string; headers: string; text: string; html: string; messageId: string; to: string[] };

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The body of the first part of a multipart MIME message with this content type, decoded. */
function part(raw: string, type: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return "";
  for (const chunk of raw.split(`--${boundary}`)) {
    const headerEnd = chunk.search(/\r?\n\r?\n/);
    if (headerEnd < 0) continue;
    const head = chunk.slice(0, headerEnd);
    if (!new RegExp(`Content-Type: ${type.replace("/", "\\/")}`, "i").test(head)) continue;
    const body = chunk.slice(headerEnd).replace(/^\r?\n\r?\n/, "").replace(/\r?\n$/, "");
    if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) return decodeQuotedPrintable(body);
    if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    return body;
  }
  return "";
}

export async function startSmtp(options: Partial<SMTPServerOptions> = {}) {
  const arrived: Arrived[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse) {
        const error = new Error("try again later") as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
        arrived.push({
          raw,
          headers,
          text: part(raw, "text/plain"),
          html: part(raw, "text/html"),
          messageId: /^Message-ID:\s*(\S+)/im.exec(headers)?.[1] ?? "",
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    arrived,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

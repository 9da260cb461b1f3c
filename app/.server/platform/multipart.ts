/**
 * Reads a multipart/form-data body (RFC 7578) into its parts, holding at most `maxBytes` of it:
 * the body is counted as it streams in, and reading stops at the first byte over the limit (or at
 * once, when Content-Length already says so). Used for the results upload (decision 052).
 *
 * Why not Remix's unstable_parseMultipartFormData: its header parser (@web3-storage/multipart-parser)
 * splits Content-Disposition on every ";" and "=", so a file name with either character (a;b.csv,
 * a=b.csv) — or with bytes that are not UTF-8 — throws, and the upload was refused as "the file did
 * not arrive". Here a quoted value ends only at a quote followed by ";" or the end of the header,
 * backslash escapes (curl) and %22 (browsers, per the HTML standard) stand for a quote, and any
 * file name is accepted: only the file's content is checked.
 */

import { readBodyWithin } from "./forms";

export type MultipartPart = {
  name: string;
  /** The file name as sent (only its last path segment), or null for a plain field. */
  fileName: string | null;
  contentType: string | null;
  data: Buffer;
};

export type MultipartRead = { ok: true; parts: MultipartPart[] } | { ok: false; problem: "too-large" | "not-a-form" };

/** A form has a handful of parts; more than this is not one of our forms. */
const MAX_PARTS = 20;
/** The headers of one part (a file name of a few hundred characters fits many times). */
const MAX_PART_HEADER_BYTES = 16 * 1024;

const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(";");
  if (type.trim().toLowerCase() !== "multipart/form-data") return null;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "boundary") continue;
    let value = param.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // RFC 2046: 1 to 70 characters.
    return value.length >= 1 && value.length <= 70 ? value : null;
  }
  return null;
}

/** A quoted or plain parameter value starting at `i`, and where it ends. */
function paramValue(header: string, i: number): { value: string; end: number } {
  if (header[i] !== '"') {
    const end = header.indexOf(";", i);
    return { value: header.slice(i, end < 0 ? header.length : end).trim(), end: end < 0 ? header.length : end };
  }
  let value = "";
  for (let j = i + 1; j < header.length; j++) {
    const c = header[j];
    if (c === "\\" && (header[j + 1] === '"' || header[j + 1] === "\\")) {
      value += header[++j];
    } else if (c === '"' && /^\s*(;|$)/.test(header.slice(j + 1, j + 64))) {
      return { value, end: j + 1 };
    } else {
      value += c;
    }
  }
  return { value, end: header.length }; // no closing quote: the rest is the value
}

/** The parameters of a Content-Disposition header (first occurrence of each wins). */
export function dispositionParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = header.indexOf(";");
  while (i >= 0 && i < header.length) {
    i++; // past the ";"
    const eq = header.indexOf("=", i);
    const semi = header.indexOf(";", i);
    if (eq < 0) break;
    if (semi >= 0 && semi < eq) {
      i = semi; // a parameter without a value
      continue;
    }
    const key = header.slice(i, eq).trim().toLowerCase();
    let start = eq + 1;
    while (header[start] === " " || header[start] === "\t") start++;
    const { value, end } = paramValue(header, start);
    if (!params.has(key)) params.set(key, value);
    i = header.indexOf(";", end);
  }
  return params;
}

/** The file name of a part's parameters: filename* (RFC 5987) first, then filename; its last path segment. */
function fileNameOf(params: Map<string, string>): string | null {
  let name: string | null = null;
  const extended = params.get("filename*");
  if (extended !== undefined) {
    const m = /^utf-8'[^']*'(.*)$/i.exec(extended);
    if (m) {
      try {
        name = decodeURIComponent(m[1]);
      } catch {
        name = null;
      }
    }
  }
  if (name === null) {
    const plain = params.get("filename");
    if (plain === undefined) return null;
    name = plain.replace(/%22/g, '"'); // the HTML standard's encoding of a quote in a file name
  }
  // Old browsers sent the whole path (C:\Users\…\results.csv): only the file's own name is kept.
  return name.split(/[/\\]/).pop() ?? "";
}

function parseHeaders(block: Buffer): { name: string; fileName: string | null; contentType: string | null } | null {
  // File names come in UTF-8 from browsers; other bytes become U+FFFD rather than an error.
  const lines = block.toString("utf8").split("\r\n");
  let disposition: string | null = null;
  let contentType: string | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-disposition" && disposition === null) disposition = value;
    else if (key === "content-type" && contentType === null) contentType = value;
  }
  if (disposition === null || !/^form-data\s*(;|$)/i.test(disposition)) return null;
  const params = dispositionParams(disposition);
  const name = params.get("name");
  if (name === undefined) return null;
  return { name, fileName: fileNameOf(params), contentType };
}

/** The parts of a whole multipart body, or null when it is not a well-formed one. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | null {
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary opens the body, or follows a preamble and a line break.
  let pos = body.subarray(0, dashBoundary.length).equals(dashBoundary) ? 0 : body.indexOf(delimiter);
  if (pos < 0) return null;
  if (pos > 0) pos += CRLF.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    let at = pos + dashBoundary.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": the closing boundary
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return null;
    // Headers: up to the empty line (at once, when a part has none).
    const headersEnd = body[at + 2] === 0x0d && body[at + 3] === 0x0a ? at : body.indexOf(HEADERS_END, at);
    if (headersEnd < 0 || headersEnd - at > MAX_PART_HEADER_BYTES) return null;
    const headers = parseHeaders(body.subarray(at + 2, headersEnd));
    const start = headersEnd + HEADERS_END.length;
    const next = body.indexOf(delimiter, start);
    if (next < 0 || headers === null || parts.length >= MAX_PARTS) return null;
    parts.push({ ...headers, data: body.subarray(start, next) });
    pos = next + CRLF.length;
  }
}

/** Reads and parses a multipart/form-data request of at most maxBytes. */
export async function readMultipart(request: Request, maxBytes: number): Promise<MultipartRead> {
  const boundary = boundaryOf(request.headers.get("content-type"));
  if (!boundary) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, problem: "not-a-form" };
  }
  const body = await readBodyWithin(request, maxBytes);
  if (body === "too-large") return { ok: false, problem: "too-large" };
  if (body === "unreadable") return { ok: false, problem: "not-a-form" };
  const parts = parseMultipart(body, boundary);
  return parts ? { ok: true, parts } : { ok: false, problem: "not-a-form" };
}

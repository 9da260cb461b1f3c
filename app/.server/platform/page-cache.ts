import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { LRUCache } from "lru-cache";
import type Database from "better-sqlite3";
import { config } from "./config";
import { getDb } from "./db";
import { pageCacheAnswers } from "./metrics";
import { SESSION_COOKIE } from "../auth/session";

/**
 * The public pages that read the same for every visitor who is not signed in, kept in memory
 * (docs/decisions/059-public-page-cache.md): the comparison (with its filters), the providers'
 * profiles, the home page, about the figures, open data, accessibility and privacy.
 *
 * A page is served from memory only while all of these hold:
 * - the database has not changed since the page was rendered: no write on this server's connection
 *   (`total_changes()`) and no commit by any other connection (`PRAGMA data_version`);
 * - it is younger than PAGE_CACHE_SECONDS (60 by default), so that what depends on the date (a pilot
 *   that starts or ends today) turns over within a minute;
 * - the request is a GET of a document by someone who is not signed in (no session cookie);
 * - the rendered answer was a 200 HTML page that set no cookie and did not forbid storing.
 *
 * What differs per answer is put back on every hit: the CSP nonce of the inline scripts (a new one
 * each time, the one in this answer's Content-Security-Policy) and the request id. The eligibility
 * check is never kept: its answers come in the query.
 */
const CACHEABLE = /^\/(?:fi|sv|en)(?:\/(?:providers(?:\/[^/]+)?|about-the-figures|open-data|accessibility|privacy))?\/?$/;

type Entry = {
  status: number;
  /** The headers the Remix handler set (put back on a hit answered inside the chain). */
  headers: [string, string | number | string[]][];
  /** Every header of the answer but those made per answer (for a hit answered first in the chain). */
  allHeaders: [string, string | number | string[]][];
  /** The Content-Security-Policy split around its nonce. */
  csp: string[];
  /** The body's static parts as bytes, and each compressed once (deflate, ending byte-aligned). */
  rawParts: Buffer[];
  gzParts: Buffer[];
  /** The body split around the nonce and request id of the answer it was rendered for. */
  parts: string[];
  /** What each odd-numbered part was: "n" the nonce, "r" the request id. */
  kinds: ("n" | "r")[];
  generation: string;
  size: number;
};

type Locals = { cspNonce: string; requestId: string; refused?: string };
type Req = IncomingMessage & { method: string; path: string; originalUrl: string; protocol: string; get(name: string): string | undefined };
type Res = ServerResponse & { locals: Locals };
type Handler = (req: Req, res: Res, next: (err?: unknown) => void) => unknown;

const versionStatements = new WeakMap<Database.Database, { changes: Database.Statement; version: Database.Statement }>();

/** Changes whenever the database changes, from this process or any other. */
export function databaseGeneration(client: Database.Database = getDb().$client): string {
  let s = versionStatements.get(client);
  if (!s) {
    s = { changes: client.prepare("SELECT total_changes()").pluck(), version: client.prepare("PRAGMA data_version").pluck() };
    versionStatements.set(client, s);
  }
  return `${String(s.changes.get())}:${String(s.version.get())}`;
}

/** True for a request whose page is the same for every visitor who is not signed in. */
export function isCacheable(req: Pick<Req, "method" | "path" | "originalUrl" | "headers">, res: Pick<Res, "locals">): boolean {
  if (req.method !== "GET" || res.locals.refused) return false;
  if (!CACHEABLE.test(req.path)) return false;
  return !hasSession(req.headers.cookie);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

type Options = { seconds?: number; maxMb?: number; generation?: () => string; perf?: { now(): number } };

/** The pieces of a kept page's gzip body: each static part compressed once, ending byte-aligned. */
const SYNC = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 6 };
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** A final, empty deflate block: ends the stream. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * A kept page as gzip, from its parts compressed once and the few bytes that differ per answer
 * (nonce, request id) compressed now: deflate blocks that end byte-aligned (a sync flush) can be
 * joined into one stream, which a final empty block ends; the CRC runs over the whole.
 */
function gzipOf(entry: Entry, fresh: Record<"n" | "r", string>): Buffer {
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  entry.parts.forEach((part, i) => {
    if (i % 2 === 0) {
      pieces.push(entry.gzParts[i / 2]);
      crc = zlib.crc32(entry.rawParts[i / 2], crc);
      size += entry.rawParts[i / 2].length;
    } else {
      const value = Buffer.from(fresh[entry.kinds[(i - 1) / 2]], "utf8");
      pieces.push(storedBlock(value));
      crc = zlib.crc32(value, crc);
      size += value.length;
    }
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  pieces.push(FINAL_BLOCK, trailer);
  return Buffer.concat(pieces);
}

/**
 * A few bytes as a deflate "stored" block (no compression, no zlib call): after a sync flush the
 * stream is byte-aligned, so the block is a zero header byte, the length and its complement, and the
 * bytes as they are. The nonce and the request id are a few dozen bytes each.
 */
function storedBlock(bytes: Buffer): Buffer {
  const block = Buffer.allocUnsafe(5 + bytes.length);
  block[0] = 0x00; // BFINAL 0, BTYPE 00 (stored), padded to the byte
  block.writeUInt16LE(bytes.length, 1);
  block.writeUInt16LE(~bytes.length & 0xffff, 3);
  bytes.copy(block, 5);
  return block;
}

function acceptsGzip(req: Pick<IncomingMessage, "headers">): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b(?!;\s*q=0(?:\.0*)?\b)/i.test(accept);
}

/** The body of a hit, with this answer's nonce and request id put back. */
function bodyOf(entry: Entry, fresh: Record<"n" | "r", string>): string {
  return entry.parts.map((part, i) => (i % 2 === 1 ? fresh[entry.kinds[(i - 1) / 2]] : part)).join("");
}

/** The same as bytes, from the static parts' bytes kept with the page (no encoding per answer). */
function bytesOf(entry: Entry, fresh: Record<"n" | "r", string>): Buffer {
  const pieces: Buffer[] = [];
  entry.parts.forEach((_, i) => pieces.push(i % 2 === 0 ? entry.rawParts[i / 2] : Buffer.from(fresh[entry.kinds[(i - 1) / 2]], "utf8")));
  return Buffer.concat(pieces);
}

export type PageCache = {
  /**
   * First in the server's chain (server/app.mjs): a hit is answered here, before the middlewares it
   * does not need, with every header of the answer it was rendered for (security headers included),
   * this answer's nonce in the body and in the Content-Security-Policy, its own request id, gzip from
   * the parts compressed once, one log line and the request metrics. Anything else goes on.
   */
  answerHits: (req: IncomingMessage & { method?: string; url?: string }, res: ServerResponse, next: () => void) => void;
  /** Around the Remix handler: keeps what it renders for cacheable requests (and answers hits). */
  keep: (handler: Handler) => Handler;
};

export type Answered = { requestId: string; path: string; status: number; ms: number };

export function createPageCache(options: Options & { onAnswer?: (a: Answered) => void } = {}): PageCache {
  const seconds = options.seconds ?? config().PAGE_CACHE_SECONDS;
  const generation = options.generation ?? (() => databaseGeneration());
  const cache = new LRUCache<string, Entry>({
    maxSize: (options.maxMb ?? config().PAGE_CACHE_MB) * 1024 * 1024,
    sizeCalculation: (e) => e.size,
    ttl: Math.max(1, seconds) * 1000,
    ...(options.perf ? { perf: options.perf } : {}),
  });

  const keyOf = (req: IncomingMessage & { url?: string }) => `${req.headers.host ?? ""}${req.url ?? ""}`;

  function lookup(req: IncomingMessage & { url?: string }): Entry | null {
    const hit = cache.get(keyOf(req));
    return hit && hit.generation === generation() ? hit : null;
  }

  const answerHits: PageCache["answerHits"] = (req, res, next) => {
    if (seconds === 0 || req.method !== "GET") return next();
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (!CACHEABLE.test(path) || hasSession(req.headers.cookie)) return next();
    const hit = lookup(req);
    if (!hit) return next();
    const started = process.hrtime.bigint();
    const fresh = { n: crypto.randomBytes(16).toString("base64"), r: crypto.randomUUID() };
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of hit.allHeaders) headers[name] = value;
    headers["content-security-policy"] = hit.csp.join(fresh.n);
    headers["x-request-id"] = fresh.r;
    headers["x-page-cache"] = "hit";
    headers["vary"] = "Accept-Encoding";
    let body: Buffer;
    if (acceptsGzip(req)) {
      body = gzipOf(hit, fresh);
      headers["content-encoding"] = "gzip";
    } else body = bytesOf(hit, fresh);
    headers["content-length"] = body.length;
    res.writeHead(hit.status, headers);
    res.end(body);
    pageCacheAnswers.inc({ result: "hit" });
    options.onAnswer?.({ requestId: fresh.r, path, status: hit.status, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  };

  const keep = (handler: Handler): Handler => {
    if (seconds === 0) return handler;
    return (req, res, next) => {
      if (!isCacheable(req, res)) return handler(req, res, next);
      const key = keyOf(req);
      const now = generation();
      const hit = lookup(req);
      if (hit) {
        pageCacheAnswers.inc({ result: "hit" });
        const fresh = { n: res.locals.cspNonce, r: res.locals.requestId };
        res.statusCode = hit.status;
        for (const [name, value] of hit.headers) res.setHeader(name, value);
        res.setHeader("X-Page-Cache", "hit");
        res.end(bodyOf(hit, fresh));
        return;
      }
      pageCacheAnswers.inc({ result: "miss" });
      res.setHeader("X-Page-Cache", "miss");
      const before = new Set(res.getHeaderNames());
      const chunks: Buffer[] = [];
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      const keepChunk = (chunk: unknown, encoding: unknown) => {
        if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
        else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      };
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        keepChunk(chunk, rest[0]);
        return write(chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (typeof chunk !== "function") keepChunk(chunk, rest[0]);
        store();
        return end(chunk, ...rest);
      }) as typeof res.end;

      function store() {
        const type = String(res.getHeader("content-type") ?? "");
        const control = String(res.getHeader("cache-control") ?? "");
        if (res.statusCode !== 200 || res.hasHeader("set-cookie") || !type.startsWith("text/html") || /no-store|private/.test(control)) return;
        const html = Buffer.concat(chunks).toString("utf8");
        const { cspNonce, requestId } = res.locals;
        const split = html.split(new RegExp(`(${[cspNonce, requestId].filter(Boolean).map(escapeRegExp).join("|")})`));
        const parts: string[] = [];
        const kinds: ("n" | "r")[] = [];
        split.forEach((part, i) => {
          if (i % 2 === 0) parts.push(part);
          else {
            parts.push("");
            kinds.push(part === cspNonce ? "n" : "r");
          }
        });
        const headers: Entry["headers"] = [];
        const allHeaders: Entry["headers"] = [];
        for (const name of res.getHeaderNames()) {
          const value = res.getHeader(name);
          if (value === undefined || ["content-length", "content-encoding", "vary", "x-page-cache", "date", "x-request-id", "content-security-policy"].includes(name)) continue;
          allHeaders.push([name, value]);
          // Set per answer by the middlewares around this one (compression, security headers).
          if (!before.has(name)) headers.push([name, value]);
        }
        const rawParts = parts.filter((_, i) => i % 2 === 0).map((p) => Buffer.from(p, "utf8"));
        const gzParts = rawParts.map((b) => zlib.deflateRawSync(b, SYNC));
        const csp = String(res.getHeader("content-security-policy") ?? "").split(cspNonce);
        const size = html.length * 2 + gzParts.reduce((n, b) => n + b.length, 0) + rawParts.reduce((n, b) => n + b.length, 0) + 1024;
        cache.set(key, { status: 200, headers, allHeaders, csp, parts, kinds, rawParts, gzParts, generation: now, size });
      }
      return handler(req, res, next);
    };
  };

  return { answerHits, keep };
}

/**
 * Express middleware around the Remix request handler: answers cacheable requests from memory when
 * it can, and keeps what the handler renders for them. (The server puts `answerHits` of the same
 * cache first in its chain; see createPageCache.)
 */
export function publicPageCache(handler: Handler, options: Options = {}): Handler {
  return createPageCache(options).keep(handler);
}

function hasSession(cookies: string | undefined): boolean {
  return !!cookies && cookies.split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

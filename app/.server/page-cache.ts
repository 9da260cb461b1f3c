import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import type Database from "better-sqlite3";
import { config } from "./config";
import { getDb } from "./db";
import { pageCacheAnswers } from "./metrics";
import { SESSION_COOKIE } from "./session";

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
  headers: [string, string | number | string[]][];
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
  const cookies = req.headers.cookie;
  if (cookies && cookies.split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`))) return false;
  return true;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

type Options = { seconds?: number; maxMb?: number; generation?: () => string; perf?: { now(): number } };

/**
 * Express middleware around the Remix request handler: answers cacheable requests from memory when
 * it can, and keeps what the handler renders for them.
 */
export function publicPageCache(handler: Handler, options: Options = {}): Handler {
  const seconds = options.seconds ?? config().PAGE_CACHE_SECONDS;
  if (seconds === 0) return handler;
  const generation = options.generation ?? (() => databaseGeneration());
  const cache = new LRUCache<string, Entry>({
    maxSize: (options.maxMb ?? config().PAGE_CACHE_MB) * 1024 * 1024,
    sizeCalculation: (e) => e.size,
    ttl: seconds * 1000,
    ...(options.perf ? { perf: options.perf } : {}),
  });

  return (req, res, next) => {
    if (!isCacheable(req, res)) return handler(req, res, next);
    const key = `${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;
    const now = generation();
    const hit = cache.get(key);
    if (hit && hit.generation === now) {
      pageCacheAnswers.inc({ result: "hit" });
      const fresh = { n: res.locals.cspNonce, r: res.locals.requestId };
      const body = hit.parts.map((part, i) => (i % 2 === 1 ? fresh[hit.kinds[(i - 1) / 2]] : part)).join("");
      res.statusCode = hit.status;
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Page-Cache", "hit");
      res.end(body);
      return;
    }
    pageCacheAnswers.inc({ result: "miss" });
    res.setHeader("X-Page-Cache", "miss");
    const before = new Set(res.getHeaderNames());
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== "function") keep(chunk, rest[0]);
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
      for (const name of res.getHeaderNames()) {
        // Set per answer by the middlewares around this one (compression, security headers).
        if (before.has(name) || ["content-length", "content-encoding", "vary", "x-page-cache"].includes(name)) continue;
        const value = res.getHeader(name);
        if (value !== undefined) headers.push([name, value]);
      }
      cache.set(key, { status: 200, headers, parts, kinds, generation: now, size: html.length * 2 + 512 });
    }
    return handler(req, res, next);
  };
}

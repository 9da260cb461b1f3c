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
  /**
   * Every header of the answer but those made per answer (for a hit answered first in the chain),
   * as a flat list of names and values for writeHead.
   */
  allHeaders: string[];
  /** The Content-Security-Policy split around its nonce. */
  csp: string[];
  /** The body as it is sent without compression, as gzip, and as brotli once it is made (see Template). */
  raw: Template;
  gzip: Template;
  br?: Template | null;
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
 * CRC-32 of joined pieces without reading the pieces again (zlib's crc32_combine): the CRC of A then
 * B is the CRC of A multiplied by x^(8·|B|) modulo the CRC polynomial, plus the CRC of B. The
 * multiplier of each static part is worked out once when the page is kept, so a hit's CRC costs a
 * few dozen shifts per part instead of a pass over the whole page.
 */
const POLY = 0xedb88320;
/** a·b modulo the polynomial (bit-reflected, as the CRC keeps them). */
function multModP(a: number, b: number): number {
  let m = 1 << 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}
/** x^(2^k) for k = 0…31. */
const X2N: number[] = [];
for (let k = 0, p = 1 << 30; k < 32; k++, p = multModP(p, p)) X2N.push(p >>> 0);
/** x^(8·bytes) modulo the polynomial: what a CRC is multiplied by when `bytes` bytes follow it. */
export function crcShift(bytes: number): number {
  let p = 1 << 31;
  for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n & 1) p = multModP(X2N[k & 31], p);
  return p >>> 0;
}
/** The CRC-32 of A then B, from A's CRC, B's CRC and the shift of B's length (crcShift). */
export function crcCombine(crcA: number, crcB: number, shiftB: number): number {
  return (multModP(shiftB, crcA) ^ crcB) >>> 0;
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

type Kind = "n" | "r";
type Value = { kind: Kind; bytes: Buffer };
/** Where a value made per answer goes in a kept body: its offset, its length, and which value. */
type Slot = { at: number; length: number; kind: Kind };
/** A stretch of a kept body around one or more slots, copied and filled in per answer. */
type Window = { start: number; end: number; slots: Slot[] };
/** What a gzip trailer is made of: each static part's CRC-32 and the shift of its length. */
type Crcs = { crcs: number[]; shifts: number[]; rawLength: number };
/**
 * A kept body as one block of bytes with the first visitor's nonce and request id in place, and
 * how an answer is made of it: the stretches without a slot are sent as they are (views of the
 * block, no copy), the few short stretches around the slots are copied with this answer's values
 * written over the kept ones (they are always as long: 16 random bytes as base64, a UUID). For
 * gzip, the parts' CRCs (crcCombine) make the trailer's CRC without reading the page again; the
 * trailer is made per answer.
 */
type Template = { bytes: Buffer; slots: Slot[]; pieces: (Buffer | Window)[]; trailer: Crcs | null };

/** Slots closer than this share one copied stretch: copying a few KB costs less than another write. */
const WINDOW_GAP = 4096;

function templateOf(bytes: Buffer, slots: Slot[], trailer: Crcs | null): Template {
  const windows: Window[] = [];
  for (const slot of slots) {
    const last = windows.at(-1);
    if (last && slot.at - last.end < WINDOW_GAP) {
      last.end = slot.at + slot.length;
      last.slots.push(slot);
    } else windows.push({ start: slot.at, end: slot.at + slot.length, slots: [slot] });
  }
  const pieces: Template["pieces"] = [];
  let at = 0;
  for (const w of windows) {
    if (w.start > at) pieces.push(bytes.subarray(at, w.start));
    pieces.push(w);
    at = w.end;
  }
  if (at < bytes.length) pieces.push(bytes.subarray(at));
  return { bytes, slots, pieces, trailer };
}

/** The page without compression: its static parts and the values between them. */
function rawTemplateOf(statics: Buffer[], values: Value[]): Template {
  const slots: Slot[] = [];
  const bytes: Buffer[] = [];
  let at = 0;
  statics.forEach((part, i) => {
    bytes.push(part);
    at += part.length;
    const value = values[i];
    if (!value) return;
    bytes.push(value.bytes);
    slots.push({ at, length: value.bytes.length, kind: value.kind });
    at += value.bytes.length;
  });
  return templateOf(Buffer.concat(bytes), slots, null);
}

/**
 * What the compressors are shown in place of the nonces and request ids: bytes that never occur in
 * UTF-8 text, so that no part of the page can match them and every reference the compressor makes is
 * to the page's own text; each value can then be written over in the compressed bytes, whatever it
 * is. In an order where no three bytes in a row repeat (a de Bruijn sequence B(13, 3)), so that they
 * do not match each other either. Enough for 2,197 bytes of values (a page has about 156).
 */
const NEVER_IN_UTF8 = [0xc0, 0xc1, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff];
const STAND_INS = (() => {
  const k = NEVER_IN_UTF8.length;
  const n = 3;
  const a = new Array<number>(k * n).fill(0);
  const sequence: number[] = [];
  const db = (t: number, p: number) => {
    if (t > n) {
      if (n % p === 0) for (let j = 1; j <= p; j++) sequence.push(a[j]);
      return;
    }
    a[t] = a[t - p];
    db(t + 1, p);
    for (let j = a[t - p] + 1; j < k; j++) {
      a[t] = j;
      db(t + 1, t);
    }
  };
  db(1, 1);
  return Buffer.from(sequence.map((i) => NEVER_IN_UTF8[i]));
})();

/** The stand-ins of the values (see STAND_INS), or null when the page has too many. */
function standInsOf(values: Value[]): Buffer[] | null {
  let at = 0;
  const out = values.map((v) => STAND_INS.subarray(at, (at += v.bytes.length)));
  return at <= STAND_INS.length ? out : null;
}

/**
 * The kept page's gzip: each static part deflated once, ending byte-aligned (a sync flush), with the
 * page before it as the dictionary (the values shown as their stand-ins), so that it compresses as
 * one stream would; each value in a deflate "stored" block of its own, so that it can be overwritten.
 * The blocks join into one stream, which a final empty block ends, with a gzip header before and a
 * trailer after (CRC and length, per answer).
 */
function gzipTemplateOf(statics: Buffer[], values: Value[]): Template {
  const standIns = standInsOf(values);
  const crcs = { crcs: statics.map((b) => zlib.crc32(b)), shifts: statics.map((b) => crcShift(b.length)), rawLength: statics.reduce((n, b) => n + b.length, 0) };
  const seen: Buffer[] = [];
  const gz: Buffer[] = [GZIP_HEADER];
  const slots: Slot[] = [];
  let at = GZIP_HEADER.length;
  statics.forEach((part, i) => {
    const before = standIns && seen.length ? Buffer.concat(seen).subarray(-32768) : null;
    const deflated = zlib.deflateRawSync(part, before ? { ...SYNC, dictionary: before } : SYNC);
    gz.push(deflated);
    at += deflated.length;
    seen.push(part);
    const value = values[i];
    if (!value) return;
    const block = storedBlock(value.bytes);
    gz.push(block);
    slots.push({ at: at + 5, length: value.bytes.length, kind: value.kind });
    at += block.length;
    if (standIns) seen.push(standIns[i]);
  });
  gz.push(FINAL_BLOCK);
  return templateOf(Buffer.concat(gz), slots, crcs);
}

/**
 * The kept page's brotli, made once in the background (zlib's thread pool): one brotli stream over
 * the page, flushed (byte-aligned) around each value; the encoder is shown the value's stand-in and
 * what it makes of it is left out, and an uncompressed meta-block with the value takes its place, to
 * be overwritten per answer. Literal context modelling is off (and the quality below 10, where brotli
 * would ignore that), so that how the bytes after a value decode does not depend on the value.
 * Checked before use: decoded with two sets of marker values, it must give the page with the markers.
 */
async function brotliTemplateOf(statics: Buffer[], values: Value[]): Promise<Template | null> {
  const standIns = standInsOf(values);
  // The check below marks each place in a nonce (up to 28 bytes) and a request id (up to 36).
  if (!standIns || values.some((v) => v.bytes.length > (v.kind === "n" ? 28 : 36))) return null;
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT, BROTLI_PARAM_SIZE_HINT, BROTLI_OPERATION_FLUSH } =
    zlib.constants;
  const encoder = zlib.createBrotliCompress({
    params: {
      [BROTLI_PARAM_QUALITY]: 6,
      [BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING]: 1,
      [BROTLI_PARAM_MODE]: BROTLI_MODE_TEXT,
      [BROTLI_PARAM_SIZE_HINT]: statics.reduce((n, b) => n + b.length, 0),
    },
  });
  const out: Buffer[] = [];
  encoder.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    encoder.on("end", () => resolve(Buffer.concat(out.splice(0))));
    encoder.on("error", reject);
  });
  const flushed = (bytes: Buffer) =>
    new Promise<Buffer>((resolve) => {
      encoder.write(bytes);
      encoder.flush(BROTLI_OPERATION_FLUSH, () => resolve(Buffer.concat(out.splice(0))));
    });
  const br: Buffer[] = [];
  const slots: Slot[] = [];
  let at = 0;
  for (const [i, part] of statics.entries()) {
    const compressed = await flushed(part);
    br.push(compressed);
    at += compressed.length;
    const value = values[i];
    if (!value) continue;
    await flushed(standIns[i]); // left out
    // ISLAST 0, MNIBBLES 4 (0b00), MLEN - 1 in 16 bits, ISUNCOMPRESSED 1, padded to the byte.
    const header = (value.bytes.length - 1) * 8 + 2 ** 19;
    br.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]), value.bytes);
    slots.push({ at: at + 3, length: value.bytes.length, kind: value.kind });
    at += 3 + value.bytes.length;
  }
  encoder.end();
  br.push(await ended);
  const template = templateOf(Buffer.concat(br), slots, null);
  const decode = (bytes: Buffer) => new Promise<Buffer>((resolve, reject) => zlib.brotliDecompress(bytes, (err, result) => (err ? reject(err) : resolve(result))));
  for (const base of [0x80, 0xc0]) {
    // A marker byte for each kind and place in a value, from two sets with no byte in common.
    const mark = (kind: Kind, i: number) => base + (kind === "n" ? i : 28 + i);
    const marked = Buffer.from(template.bytes);
    for (const slot of slots) for (let i = 0; i < slot.length; i++) marked[slot.at + i] = mark(slot.kind, i);
    const expected = Buffer.concat(statics.flatMap((part, i) => (values[i] ? [part, Buffer.from(values[i].bytes.map((_, k) => mark(values[i].kind, k)))] : [part])));
    if (!(await decode(marked)).equals(expected)) return null;
  }
  return template;
}

/** A kept body with this answer's values: false when one is not as long as the kept one. */
function fits(template: Template, fresh: Record<Kind, string>): boolean {
  return template.slots.every((s) => fresh[s.kind].length === s.length);
}

/** The pieces of an answer's body, with this answer's values (ASCII) written in. */
function piecesOf(template: Template, fresh: Record<Kind, string>): Buffer[] {
  const out: Buffer[] = [];
  for (const piece of template.pieces) {
    if (Buffer.isBuffer(piece)) {
      out.push(piece);
      continue;
    }
    const copy = Buffer.allocUnsafe(piece.end - piece.start);
    template.bytes.copy(copy, 0, piece.start, piece.end);
    for (const slot of piece.slots) copy.write(fresh[slot.kind], slot.at - piece.start, slot.length, "latin1");
    out.push(copy);
  }
  if (template.trailer) {
    const { crcs, shifts, rawLength } = template.trailer;
    let crc = 0;
    let size = rawLength;
    crcs.forEach((partCrc, i) => {
      crc = crcCombine(crc, partCrc, shifts[i]);
      const slot = template.slots[i];
      if (slot) {
        crc = zlib.crc32(fresh[slot.kind], crc);
        size += slot.length;
      }
    });
    const trailer = Buffer.allocUnsafe(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(size >>> 0, 4);
    out.push(trailer);
  }
  return out;
}

/** The pieces written as one (the socket corked while they go in), without joining them first. */
function send(res: ServerResponse, pieces: Buffer[]): void {
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.end();
  res.uncork();
}

const ACCEPTS = { gzip: /\bgzip\b(?!;\s*q=0(?:\.0*)?\b)/i, br: /\bbr\b(?!;\s*q=0(?:\.0*)?\b)/i };
/** True when the request's Accept-Encoding takes the encoding (and does not give it q=0). */
function accepts(req: Pick<IncomingMessage, "headers">, encoding: keyof typeof ACCEPTS): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && ACCEPTS[encoding].test(accept);
}

/**
 * CSP nonces: 16 random bytes each, as base64, taken from a block of random bytes read 4 KB at a
 * time (as crypto.randomUUID does), instead of asking the random source for every answer.
 */
const NONCE_BYTES = 16;
let noncePool = Buffer.alloc(0);
let nonceAt = 0;
function freshNonce(): string {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    noncePool = crypto.randomBytes(NONCE_BYTES * 256);
    nonceAt = 0;
  }
  const nonce = noncePool.toString("base64", nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return nonce;
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
  /** A new CSP nonce, as long as every other (a hit's values are written over the kept ones). */
  nonce: () => string;
  /** Settles once the brotli of every page kept so far is made (or given up). */
  settled: () => Promise<void>;
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

  /** Brotli being made in the background. */
  const background = new Set<Promise<void>>();

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
    const fresh = { n: freshNonce(), r: crypto.randomUUID() };
    if (!fits(hit.raw, fresh)) return next();
    const encoding = hit.br && accepts(req, "br") ? "br" : accepts(req, "gzip") ? "gzip" : null;
    const pieces = piecesOf(encoding === "br" ? hit.br! : encoding === "gzip" ? hit.gzip : hit.raw, fresh);
    let length = 0;
    for (const piece of pieces) length += piece.length;
    const headers = hit.allHeaders.slice();
    headers.push("content-security-policy", hit.csp.join(fresh.n), "x-request-id", fresh.r, "x-page-cache", "hit", "vary", "Accept-Encoding", "content-length", String(length));
    if (encoding) headers.push("content-encoding", encoding);
    res.writeHead(hit.status, headers);
    send(res, pieces);
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
      const fresh = { n: res.locals.cspNonce, r: res.locals.requestId };
      if (hit && fits(hit.raw, fresh)) {
        pageCacheAnswers.inc({ result: "hit" });
        res.statusCode = hit.status;
        for (const [name, value] of hit.headers) res.setHeader(name, value);
        res.setHeader("X-Page-Cache", "hit");
        send(res, piecesOf(hit.raw, fresh));
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
        // Even pieces are the page's static parts, odd ones the nonce or the request id.
        const statics = split.filter((_, i) => i % 2 === 0).map((part) => Buffer.from(part, "utf8"));
        const values = split.filter((_, i) => i % 2 === 1).map((value) => ({ kind: value === cspNonce ? ("n" as const) : ("r" as const), bytes: Buffer.from(value, "latin1") }));
        const headers: Entry["headers"] = [];
        const allHeaders: string[] = [];
        for (const name of res.getHeaderNames()) {
          const value = res.getHeader(name);
          if (value === undefined || ["content-length", "content-encoding", "vary", "x-page-cache", "date", "x-request-id", "content-security-policy"].includes(name)) continue;
          for (const one of Array.isArray(value) ? value : [value]) allHeaders.push(name, String(one));
          // Set per answer by the middlewares around this one (compression, security headers).
          if (!before.has(name)) headers.push([name, value]);
        }
        const raw = rawTemplateOf(statics, values);
        const gzip = gzipTemplateOf(statics, values);
        const csp = String(res.getHeader("content-security-policy") ?? "").split(cspNonce);
        // Brotli's share of the size is counted now (about gzip's), as it comes a moment later.
        const entry: Entry = { status: 200, headers, allHeaders, csp, raw, gzip, generation: now, size: raw.bytes.length + 2 * gzip.bytes.length + 1024 };
        cache.set(key, entry);
        const making = brotliTemplateOf(statics, values).then(
          (br) => void (entry.br = br),
          () => void (entry.br = null),
        );
        background.add(making);
        void making.finally(() => background.delete(making));
      }
      return handler(req, res, next);
    };
  };

  return { answerHits, keep, nonce: freshNonce, settled: async () => void (await Promise.all(background)) };
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

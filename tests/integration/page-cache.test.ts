import Database from "better-sqlite3";
import compression from "compression";
import express from "express";
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/.server/platform/db";
import { createPageCache, crcCombine, crcShift, publicPageCache } from "~/.server/platform/page-cache";
import { SESSION_COOKIE } from "~/.server/auth/session";
import { createTestDb } from "../support/db";

/**
 * The public page cache (docs/decisions/059-public-page-cache.md) in front of a stand-in for the
 * Remix handler, behind the same middlewares as in server.mjs: a fresh nonce and request id per
 * answer, and compression.
 */
let db: Db;
let file: string;
let server: Server;
let base: string;
let renders: number;
const clock = { t: 0, now: () => clock.t };

beforeEach(async () => {
  ({ db, file } = createTestDb());
  renders = 0;
  clock.t = 1_000;
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = crypto.randomUUID();
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}' 'strict-dynamic'`);
    res.setHeader("X-Request-Id", String(res.locals.requestId));
    next();
  });
  app.use(compression({ threshold: 0 }));
  app.all(
    "*",
    publicPageCache(
      (req, res) => {
        renders++;
        const name = db.$client.prepare("SELECT name FROM providers ORDER BY id LIMIT 1").pluck().get() as string;
        const query = new URL(req.originalUrl, "http://x").searchParams;
        res.statusCode = Number(query.get("status") ?? 200);
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("Link", "</assets/app.css>; rel=preload; as=style");
        if (query.has("cookie")) res.setHeader("Set-Cookie", "x=1");
        if (query.has("private")) res.setHeader("Cache-Control", "private, no-store");
        res.write(`<!DOCTYPE html><html><body><script nonce="${res.locals.cspNonce}">go()</script>`);
        res.end(`<p>${name} ${req.path}</p><p id="r">${res.locals.requestId}</p></body></html>`);
      },
      { seconds: 60, maxMb: 1, perf: clock },
    ),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((r) => server.close(r));
  db.$client.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  return { res, body, nonce, cache: res.headers.get("x-page-cache") };
}

describe("public pages from memory", () => {
  it("answers a repeated page from memory, with this answer's own nonce and request id", async () => {
    const first = await get("/fi/providers?language=sv");
    const second = await get("/fi/providers?language=sv");
    expect(renders).toBe(1);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.res.status).toBe(200);
    expect(second.res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.res.headers.get("link")).toBe("</assets/app.css>; rel=preload; as=style");
    // The inline script carries the nonce of the answer's own CSP, never the first visitor's.
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.body).toContain(`<script nonce="${second.nonce}">`);
    expect(second.body).not.toContain(first.nonce!);
    expect(second.body).toContain(`<p id="r">${second.res.headers.get("x-request-id")}</p>`);
    // Everything else is the same page.
    const strip = (b: string, n: string, r: string) => b.replace(n, "N").replace(r, "R");
    expect(strip(second.body, second.nonce!, second.res.headers.get("x-request-id")!)).toBe(strip(first.body, first.nonce!, first.res.headers.get("x-request-id")!));
    // Another filter, another language or another page is a page of its own.
    await get("/fi/providers?language=en");
    await get("/sv/providers?language=sv");
    await get("/fi/providers/tyopolku");
    expect(renders).toBe(4);
  });

  it("renders again as soon as the database changes, from this server or from another process", async () => {
    const before = await get("/fi/providers");
    db.$client.prepare("UPDATE providers SET name = 'Uusi nimi Oy' WHERE id = (SELECT min(id) FROM providers)").run();
    const after = await get("/fi/providers");
    expect(after.cache).toBe("miss");
    expect(after.body).toContain("Uusi nimi Oy");
    expect(before.body).not.toContain("Uusi nimi Oy");
    expect((await get("/fi/providers")).cache).toBe("hit");

    const other = new Database(file);
    other.prepare("UPDATE providers SET name = 'Toinen prosessi Oy' WHERE id = (SELECT min(id) FROM providers)").run();
    other.close();
    const third = await get("/fi/providers");
    expect(third.cache).toBe("miss");
    expect(third.body).toContain("Toinen prosessi Oy");
  });

  it("keeps a page for PAGE_CACHE_SECONDS at most", async () => {
    await get("/en/about-the-figures");
    clock.t += 59_000;
    expect((await get("/en/about-the-figures")).cache).toBe("hit");
    clock.t += 2_000;
    expect((await get("/en/about-the-figures")).cache).toBe("miss");
    expect(renders).toBe(2);
  });

  it("never keeps what is personal or not a plain page", async () => {
    const twice = async (path: string, init: RequestInit = {}) => {
      const start = renders;
      for (let i = 0; i < 2; i++) await (await fetch(base + path, init)).text();
      return renders - start;
    };
    // Signed in: the header and the page are the person's own.
    expect(await twice("/fi/providers", { headers: { cookie: `${SESSION_COOKIE}=abc` } })).toBe(2);
    // The eligibility check's answers are in its query; the person's own pages; the back office.
    expect(await twice("/fi/eligibility?municipality=749")).toBe(2);
    expect(await twice("/fi/my")).toBe(2);
    expect(await twice("/fi/official/north-savo")).toBe(2);
    expect(await twice("/api/v1/results.json")).toBe(2);
    // Not a 200, an answer that sets a cookie or forbids storing, a form post.
    expect(await twice("/fi/providers/no-such?status=404")).toBe(2);
    expect(await twice("/fi/providers?cookie=1")).toBe(2);
    expect(await twice("/fi/providers?private=1")).toBe(2);
    expect(await twice("/fi/providers", { method: "POST" })).toBe(2);
  });

  it("compresses a page from memory for a browser that asks, and not for one that does not", async () => {
    await get("/fi/open-data");
    const gzip = await fetch(`${base}/fi/open-data`, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers.get("x-page-cache")).toBe("hit");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(await gzip.text()).toContain("/fi/open-data");
    const plain = await get("/fi/open-data", { "accept-encoding": "identity" });
    expect(plain.cache).toBe("hit");
    expect(plain.res.headers.get("content-encoding")).toBeNull();
    expect(plain.body).toContain("/fi/open-data");
  });
});

describe("a hit answered first in the server's chain (decision 072)", () => {
  it("has every header of a rendered answer, its own nonce and request id, and gzip that reads as the page", { timeout: 30_000 }, async () => {
    const { startApp } = await import("../support/app");
    const { gunzipSync } = await import("node:zlib");
    const site = await startApp();
    try {
      const first = await fetch(`${site.base}/fi/providers`);
      expect(first.headers.get("x-page-cache")).toBe("miss");
      const rendered = await first.text();
      const plain = await fetch(`${site.base}/fi/providers`);
      const zipped = await fetch(`${site.base}/fi/providers`, { headers: { "accept-encoding": "gzip" } });
      for (const hit of [plain, zipped]) {
        expect(hit.status).toBe(200);
        expect(hit.headers.get("x-page-cache")).toBe("hit");
        for (const name of ["content-type", "strict-transport-security", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "x-frame-options"]) {
          expect(hit.headers.get(name), name).toBe(first.headers.get(name));
        }
        expect(hit.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
      }
      // fetch decodes gzip itself: read the raw bytes to see that they are gzip.
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
      const bodies = [await plain.text(), await zipped.text()];
      for (const [i, res] of [plain, zipped].entries()) {
        const nonce = nonceOf(res)!;
        expect(nonce).not.toBe(nonceOf(first));
        expect(bodies[i]).toContain(`nonce="${nonce}"`);
        expect(bodies[i].replaceAll(nonce, "N").replaceAll(res.headers.get("x-request-id")!, "R")).toBe(
          rendered.replaceAll(nonceOf(first)!, "N").replaceAll(first.headers.get("x-request-id")!, "R"),
        );
      }
      // The bytes themselves, as a browser receives them: gzip, or brotli once it is made.
      const raw = (accept: string) =>
        new Promise<{ body: Buffer; encoding?: string }>((resolve, reject) => {
          void import("node:http").then(({ get }) =>
            get(`${site.base}/fi/providers`, { headers: { "accept-encoding": accept } }, (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (c: Buffer) => chunks.push(c));
              res.on("end", () => resolve({ body: Buffer.concat(chunks), encoding: res.headers["content-encoding"] }));
            }).on("error", reject),
          );
        });
      const gz = await raw("gzip");
      expect(gz.encoding).toBe("gzip");
      expect(gunzipSync(gz.body).toString("utf8")).toContain("<h1");
      const browser = await raw("gzip, deflate, br");
      const { brotliDecompressSync } = await import("node:zlib");
      expect((browser.encoding === "br" ? brotliDecompressSync : gunzipSync)(browser.body).toString("utf8")).toContain("<h1");
      // A signed-in visitor is never answered from memory.
      const signedIn = await fetch(`${site.base}/fi/providers`, { headers: { cookie: `${SESSION_COOKIE}=${"x".repeat(43)}` } });
      expect(signedIn.headers.get("x-page-cache")).toBeNull();
    } finally {
      await site.close();
    }
  });
});

describe("a hit's body made from the kept page (decision 072)", () => {
  it("joins CRC-32s as zlib computes them over the whole", () => {
    const { crc32 } = zlib;
    const bytes = crypto.randomBytes(70_000);
    for (const cut of [0, 1, 7, 8, 4096, 65_535, 69_999, 70_000]) {
      const [a, b] = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(crcCombine(crc32(a), crc32(b), crcShift(b.length)), String(cut)).toBe(crc32(bytes));
    }
  });

  it("puts each answer's nonce and request id wherever the page has them, in plain bytes, gzip and brotli", async () => {
    // Values at the very start and end, side by side, close together and far apart (the parts
    // between are sent as kept, the stretches around the values are copied and filled in).
    const filler = (n: number) => "lorem ipsum ääkköset ".repeat(n);
    const page = (nonce: string, id: string) =>
      `${nonce}<!DOCTYPE html><p>${filler(300)}</p><script nonce="${nonce}">${id}</script>${nonce}${id}<p>${filler(10)}</p>` +
      `<script nonce="${nonce}"></script><p>${filler(1000)}</p><i>${id}</i>${nonce}`;
    const cache = createPageCache({ seconds: 60, maxMb: 4, generation: () => "1" });
    const app = express();
    app.use(cache.answerHits);
    app.use((_req, res, next) => {
      res.locals.requestId = crypto.randomUUID();
      res.locals.cspNonce = cache.nonce();
      res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
      next();
    });
    app.all(
      "*",
      cache.keep((_req, res) => {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(page(res.locals.cspNonce, res.locals.requestId));
      }),
    );
    const site = app.listen(0, "127.0.0.1");
    await new Promise((r) => site.once("listening", r));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/fi/privacy`;
    const { request } = await import("node:http");
    const raw = (headers: Record<string, string>) =>
      new Promise<{ body: Buffer; headers: Record<string, unknown> }>((resolve, reject) => {
        request(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ body: Buffer.concat(chunks), headers: res.headers }));
        })
          .on("error", reject)
          .end();
      });
    try {
      expect((await raw({})).headers["x-page-cache"]).toBe("miss");
      // Brotli is made once in the background: until it is ready, a browser that takes both gets gzip.
      await cache.settled();
      const nonces = new Set<string>();
      const decode = { identity: (b: Buffer) => b, gzip: zlib.gunzipSync, br: zlib.brotliDecompressSync };
      for (let i = 0; i < 6; i++) {
        for (const [accept, encoding] of [
          ["identity", "identity"],
          ["gzip", "gzip"],
          ["gzip, deflate, br", "br"],
          ["br;q=0, gzip", "gzip"],
        ] as const) {
          const { body, headers } = await raw({ "accept-encoding": accept });
          expect(headers["x-page-cache"]).toBe("hit");
          const nonce = /'nonce-([^']+)'/.exec(String(headers["content-security-policy"]))![1];
          nonces.add(nonce);
          expect(headers["content-encoding"]).toBe(encoding === "identity" ? undefined : encoding);
          expect(Number(headers["content-length"])).toBe(body.length);
          expect(decode[encoding](body).toString("utf8")).toBe(page(nonce, String(headers["x-request-id"])));
        }
      }
      expect(nonces.size).toBe(24);
      expect([...nonces].every((n) => Buffer.from(n, "base64").length === 16)).toBe(true);
    } finally {
      await new Promise((r) => site.close(r));
    }
  });
});

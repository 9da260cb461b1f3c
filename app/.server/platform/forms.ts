import { data, type AppLoadContext } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import type { z } from "zod";
import { isLang, type Lang } from "~/i18n";
import type { PageState } from "~/view-models/page-state";
import { maxUploadBytes } from "~/domain/csv-results";
import { verifyCsrf } from "./csrf";
import { logger } from "./log";
import { routeMatcher, type RouteManifest } from "./route-match";

/**
 * The one place that reads posted bodies (docs/decisions/066-request-limits.md). Every action calls
 * `readPostedForm` first: it answers, without ever reaching the action's code,
 *
 * - 405 to any method but POST (PUT, PATCH, DELETE reach an action in Remix);
 * - 400 to a body that is not a form: no or another content type (JSON, text), multipart without a
 *   boundary, a broken multipart or urlencoded body;
 * - 413 to a body over its limit: by Content-Length before reading anything (server.mjs refuses those
 *   even earlier), and while reading, for a body sent without a length;
 * - 403 when the CSRF token is missing or wrong (csrf.ts).
 *
 * Each refusal is a thrown Response, rendered as the translated status page, and logged as one JSON
 * line without the body.
 */

/** Forms: the largest (a provider's profile, every field full, in three languages) is well under this. */
export const FORM_BODY_LIMIT = 128 * 1024;

/** Room for a multipart form's boundaries, part headers and small fields (the CSRF token) around an uploaded file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

type Refusal = "method" | "content-type" | "too-large" | "unreadable";
const statusOf: Record<Refusal, number> = { method: 405, "content-type": 400, "too-large": 413, unreadable: 400 };

function refuse(request: Request, reason: Refusal): never {
  logger.warn({ event: "body-refused", reason, method: request.method, path: new URL(request.url).pathname }, "posted body refused");
  const headers: HeadersInit = reason === "method" ? { Allow: "GET, HEAD, POST" } : reason === "too-large" ? { Connection: "close" } : {};
  throw new Response(null, { status: statusOf[reason], headers });
}

function isFormType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return true;
  return type === "multipart/form-data" && /;\s*boundary=("[^"]+"|[^\s;]+)/i.test(contentType);
}

/**
 * The body's bytes, at most `limit`, without throwing: a declared length over the limit is refused
 * before reading, and reading stops as soon as a body without a length passes it. The one loop that
 * reads bodies (the results upload's multipart reader uses it too).
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Buffer | "too-large" | "unreadable"> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared)) return "unreadable";
    if (Number(declared) > limit) {
      await request.body?.cancel().catch(() => undefined);
      return "too-large";
    }
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return "unreadable"; // the client went away, or the body broke off
  }
  return Buffer.concat(chunks, size);
}

/** The same, refusing (413 or 400, see above) instead of answering a problem. */
export async function readPostedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = await readBodyWithin(request, limit);
  if (body === "too-large" || body === "unreadable") refuse(request, body);
  return new Uint8Array(body);
}

/**
 * Reads a posted form (urlencoded or multipart) of at most `limit` bytes and checks its CSRF token.
 * Throws the 405, 400, 413 or 403 Response described above.
 */
export async function readPostedForm(request: Request, { limit = FORM_BODY_LIMIT }: { limit?: number } = {}): Promise<FormData> {
  if (request.method.toUpperCase() !== "POST") refuse(request, "method");
  const contentType = request.headers.get("content-type");
  if (!isFormType(contentType)) refuse(request, "content-type");
  const body = await readPostedBody(request, limit);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType ?? "" } }).formData();
  } catch {
    refuse(request, "unreadable");
  }
  verifyCsrf(request, form);
  return form;
}

/** A text field of a form ("" when missing or a file), cut to `max` characters. */
export function formText(form: FormData, name: string, max = 100): string {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
}

/** The posted values of a form, as its schema reads them: text fields cut to 5,000 characters, lists (multi-valued fields) to 50 values. */
export function formValues(form: Pick<FormData, "get" | "getAll">, fields: readonly string[], lists: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of fields) {
    const v = form.get(f);
    out[f] = typeof v === "string" ? v.slice(0, 5000) : "";
  }
  for (const f of lists) out[f] = form.getAll(f).filter((v): v is string => typeof v === "string").slice(0, 50);
  return out;
}

/** The text fields of a form (no lists), as formValues reads them. */
export function textValues(form: Pick<FormData, "get" | "getAll">, fields: readonly string[]): Record<string, string> {
  return formValues(form, fields) as Record<string, string>;
}

/** The first problem of each field, as field → translation key ("form" for a problem of the whole form). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

/** The language of the address (`/{lang}/…`): under any other first segment the page does not exist (404). */
export function langParam(params: { lang?: string }): Lang {
  if (!isLang(params.lang)) throw new Response(null, { status: 404 });
  return params.lang;
}

/**
 * What an action tells the loaders of the same document request (a form posted without JavaScript
 * is one request, whose load context the action and the loaders share), for `meta`'s title.
 */
const pageStates = new WeakMap<AppLoadContext, PageState>();
export function markPageState(context: AppLoadContext, state: PageState = "error") {
  pageStates.set(context, state);
}
export function pageStateOf(context: AppLoadContext): PageState | null {
  return pageStates.get(context) ?? null;
}

/** Whether the request's action refused its form (the title then starts with "Error:"). */
export function hasFormError(context: AppLoadContext): boolean {
  return pageStates.get(context) === "error";
}

/** A 400 answer with what the person typed and what is wrong, and the title's "Error:" mark. */
export function invalid<T>(context: AppLoadContext, body: T) {
  markPageState(context, "error");
  return data(body, { status: 400 });
}

/** Routes whose form carries a file, with their own limit; every other form has FORM_BODY_LIMIT. */
const fileRoutes: Record<string, number> = {
  "routes/lang.official.$pilot.results": maxUploadBytes + MULTIPART_OVERHEAD,
};

/** The body limit of a request to a route (by the route's id). */
export function bodyLimitOf(routeId: string | null): number {
  return (routeId && fileRoutes[routeId]) || FORM_BODY_LIMIT;
}

/**
 * Before any route (server.mjs): a write whose declared length is over its route's limit is answered
 * 413 without reading a byte of it, and the connection is closed after the answer.
 */
export function bodySizeGuard(manifest: RouteManifest, onTooLarge: (req: ExpressRequest, res: ExpressResponse) => void): RequestHandler {
  const match = routeMatcher(manifest);
  return (req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const declared = req.headers["content-length"];
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > bodyLimitOf(match(req.path))) {
      logger.warn({ event: "body-refused", reason: "too-large", method: req.method, path: req.path, bytes: Number(declared) }, "posted body refused");
      res.status(413);
      res.setHeader("Connection", "close");
      onTooLarge(req, res);
    }
    next();
  };
}

import type { AppLoadContext } from "@remix-run/node";
import { logger } from "./log";

/**
 * Writes that fail for reasons outside the request: a full disk, an I/O error, a database that
 * cannot be written or opened, or another writer holding the lock past the busy timeout
 * (docs/decisions/042 and 067). SQLite rolls the transaction back, so nothing is half-written;
 * the person is told that nothing was saved and to try again (503 with Retry-After).
 */
export type Failure = "busy" | "storage" | "error";

/** Why a write failed, in words a page can act on; never the error text (it may hold data). */
export function classifyFailure(error: unknown): Failure {
  const code = sqliteCode(error);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (
    code === "SQLITE_FULL" ||
    code.startsWith("SQLITE_IOERR") ||
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_CANTOPEN")
  )
    return "storage";
  return "error";
}

/** True for a failure that trying again later may get past (the 503 "not saved" page). */
export function isWriteFailure(error: unknown): boolean {
  return classifyFailure(error) !== "error";
}

function sqliteCode(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : "";
  return typeof code === "string" ? code : "";
}

/** How long the 503 page asks clients to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;

/** The body of the 503 response that the error boundary renders as "not saved, try again". */
export const WRITE_FAILED = "write-failed";

const failed = new WeakMap<AppLoadContext, "noted" | "shown">();

/**
 * Called from `handleError` (app/entry.server.tsx) for every error a loader or action threw: a
 * write failure is logged as one JSON line (the SQLite code, the method and the path without its
 * query; no stack, no personal data) and remembered for the request, so that the page is answered
 * 503. Returns false for any other error.
 */
export function noteWriteFailure(error: unknown, request: Request, context: AppLoadContext): boolean {
  if (!isWriteFailure(error)) return false;
  if (!failed.has(context)) {
    logger.error(
      {
        event: "write-failed",
        code: sqliteCode(error),
        failure: classifyFailure(error),
        method: request.method,
        path: new URL(request.url).pathname,
        requestId: context.requestId,
      },
      "a write failed; nothing was saved",
    );
    failed.set(context, "noted");
  }
  return true;
}

/**
 * True once per request whose write failed and whose 503 page is still to be rendered; the second
 * call (the re-render of the error page) gives false.
 */
export function takeWriteFailure(context: AppLoadContext): boolean {
  if (failed.get(context) !== "noted") return false;
  failed.set(context, "shown");
  return true;
}

/** True when a write of this request failed (for data requests, which are not rendered here). */
export function writeFailed(context: AppLoadContext): boolean {
  return failed.has(context);
}

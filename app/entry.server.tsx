import { redirectDocument, type AppLoadContext, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { resolveLang } from "~/i18n";
import { getI18n } from "~/.server/platform/i18n";
import { logger } from "~/.server/platform/log";
import { keptBytes, readHandoff, renderToBuffer } from "~/.server/platform/render-html";
import { KeptBytesProvider } from "~/kept-bytes";
import { NonceProvider } from "~/nonce";
import { noteWriteFailure, RETRY_AFTER_SECONDS, takeWriteFailure, WRITE_FAILED, writeFailed } from "~/.server/platform/write-failures";

export const streamTimeout = 5_000;

// The custom server (server.mjs) reaches the server-side runtime through the build's entry module.
export * as runtime from "~/.server/platform/runtime";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A write that failed anywhere in a loader or an action (noted by handleError below) is answered
  // by the "not saved, try again" page: thrown here, Remix renders it at the error boundary as a
  // 503, the same on the server and in the browser (docs/decisions/067).
  if (takeWriteFailure(loadContext)) throw new Response(WRITE_FAILED, { status: 503, statusText: "Service Unavailable" });
  if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
  const url = new URL(request.url);
  const lang = resolveLang(url.pathname, request.headers.get("accept-language"));
  const nonce = loadContext.cspNonce ?? "";

  // The page's data is read whole, then the page is rendered to a string and sent as one buffer
  // (docs/decisions/061-one-buffer-per-page.md, 081-pages-rendered-to-a-string.md). A render that
  // throws is answered by Remix's error boundary, as before.
  // Kept markup is written as bytes encoded once (decision 083).
  const kept = keptBytes();
  return readHandoff(remixContext).then(() => {
    const html = renderToBuffer(
      <NonceProvider value={nonce}>
        <KeptBytesProvider value={kept}>
          <I18nextProvider i18n={getI18n(lang)}>
            <RemixServer context={remixContext} url={request.url} nonce={nonce} />
          </I18nextProvider>
        </KeptBytesProvider>
      </NonceProvider>,
      kept,
    );
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(html, { headers: responseHeaders, status: responseStatusCode });
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted || error instanceof Response) return;
  // Remix's own refusals (405 for a method a route does not take, 404 for no route): one line, no stack.
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.warn({ event: "request-refused", status: error.status, method: request.method, path: new URL(request.url).pathname }, "request refused");
    return;
  }
  if (noteWriteFailure(error, request, context)) return;
  // Remix passes its own warnings here too (a `?_data` request from an old client): not a fault.
  if (error instanceof Error && error.message.startsWith("Warning: ")) {
    logger.warn({ event: "remix-warning", message: error.message.slice(0, 200), path: new URL(request.url).pathname }, "framework warning");
    return;
  }
  // Anything else is a fault: one JSON line with the error (pino escapes its stack into the line).
  logger.error({ event: "unhandled-error", err: error, method: request.method, path: new URL(request.url).pathname }, "unhandled error");
};

/**
 * A loader of a page reached with JavaScript (a `.data` request) whose write failed: the browser
 * loads the page itself, which the server answers with the 503 page.
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request, context }) => {
  if (!writeFailed(context)) return response;
  const url = new URL(request.url);
  url.pathname = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  url.searchParams.delete("_routes");
  return redirectDocument(url.pathname + url.search, { status: 303, headers: { "Cache-Control": "no-store" } });
};

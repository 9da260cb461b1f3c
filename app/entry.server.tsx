import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { resolveLang } from "~/i18n";
import { getI18n } from "~/.server/i18n";
import { renderToBuffer } from "~/.server/render-html";
import { NonceProvider } from "~/nonce";

export const streamTimeout = 5_000;

// The custom server (server.mjs) reaches the server-side runtime through the build's entry module.
export * as runtime from "~/.server/runtime";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const url = new URL(request.url);
  const lang = resolveLang(url.pathname, request.headers.get("accept-language"));
  const nonce = loadContext.cspNonce ?? "";

  // The whole page is rendered, then sent as one buffer (docs/decisions/061-one-buffer-per-page.md).
  return renderToBuffer(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={getI18n(lang)}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
    {
      nonce,
      timeoutMs: streamTimeout + 1000,
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    },
  ).then((html) => {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(html, { headers: responseHeaders, status: responseStatusCode });
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

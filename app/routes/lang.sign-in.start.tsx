import { redirect, redirectDocument, type LoaderFunctionArgs } from "@remix-run/node";
import { safeReturnPath } from "~/.server/auth/auth";
import { logger } from "~/.server/platform/log";
import { publicOrigin, startSignIn } from "~/.server/auth/oidc";
import { isWriteFailure } from "~/.server/platform/write-failures";
import { isLang } from "~/i18n";

/**
 * `/{lang}/sign-in/start?returnTo=…`: stores a one-time sign-in (state, nonce, PKCE) bound to this
 * browser by a cookie and sends the browser to the identification service (303).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isLang(params.lang)) throw new Response(null, { status: 404 });
  const lang = params.lang;
  const url = new URL(request.url);
  // The callback comes back to the public origin: start there, so that the cookie is sent back.
  const origin = publicOrigin();
  if (url.origin !== origin && new URL(origin).hostname === "localhost" && ["127.0.0.1", "[::1]"].includes(url.hostname)) {
    throw redirect(`${origin}${url.pathname}${url.search}`, { status: 303 });
  }
  const returnTo = safeReturnPath(url.searchParams.get("returnTo")) ?? `/${lang}/my`;
  try {
    const started = await startSignIn(lang, returnTo);
    return redirectDocument(started.url, { status: 303, headers: { "Set-Cookie": started.setCookie, "Cache-Control": "no-store" } });
  } catch (error) {
    // A full disk is not an unreachable identification service: the 503 "not saved" page (decision 067).
    if (isWriteFailure(error)) throw error;
    logger.error({ event: "identification-unavailable", errorName: error instanceof Error ? error.name : "unknown" }, "identification service not reachable");
    return redirect(`/${lang}/sign-in?error=unavailable`, { status: 303 });
  }
}

/** A page module (it renders nothing), so that a failure is answered by the translated page inside the layout. */
export default function SignInStart() {
  return null;
}

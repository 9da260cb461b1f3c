import { redirectDocument, type LoaderFunctionArgs } from "@remix-run/node";
import { safeReturnPath } from "~/.server/auth/auth";
import { finishSignIn, signInCookies } from "~/.server/auth/oidc";

/**
 * `/auth/callback`: where the identification service sends the browser back. On success the
 * person gets a new session and goes where they were going (a foreign eID user first to the page
 * that explains what they can do); on any failure no session is made and the sign-in page says so.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const result = await finishSignIn(request);
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of signInCookies(result.ok ? result.sessionToken : null)) headers.append("Set-Cookie", cookie);
  if (!result.ok) {
    headers.set("Location", `/${result.lang}/sign-in?error=${result.userError}`);
    return new Response(null, { status: 303, headers });
  }
  const next =
    result.identifiedWith === "foreign" ? `/${result.lang}/foreign-eid` : (safeReturnPath(result.returnTo) ?? `/${result.lang}/my`);
  return redirectDocument(next, { status: 303, headers });
}

/**
 * A page module (it renders nothing): a write that fails while the session is made (a full disk)
 * is answered by the translated 503 page inside the layout, not a bare 500 (decision 067).
 */
export default function AuthCallback() {
  return null;
}

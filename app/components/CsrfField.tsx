import { useRouteLoaderData } from "@remix-run/react";

/**
 * The CSRF token of this page, as a hidden field: put `<CsrfField />` inside every form that
 * posts, and call `verifyCsrf(request, formData)` (app/.server/platform/csrf.ts) first in its action.
 * The token comes from the root loader, which also sets the cookie it is bound to.
 */
export function CsrfField() {
  const root = useRouteLoaderData<{ csrfToken?: string }>("root");
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;
}

/**
 * The body of the 403 Response a `require…` helper (app/.server/auth/auth.ts) throws for a signed-in
 * person without the role; the root error boundary shows `NoAccess` for it. Shared by the server and
 * the page, so it lives in neither.
 */
export const NO_ACCESS = "no-access";

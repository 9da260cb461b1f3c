import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * Where the server sends a request it refused before any route (cross-site write, missing CSRF
 * token, malformed address, a body over its limit, too many requests): the translated status page inside the layout.
 */
const allowed = new Set([400, 403, 413, 429]);
export function loader({ params }: LoaderFunctionArgs) {
  const status = Number(params.status);
  throw new Response(null, { status: allowed.has(status) ? status : 404 });
}
export default function Refused() {
  return null;
}

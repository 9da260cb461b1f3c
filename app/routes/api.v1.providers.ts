import type { LoaderFunctionArgs } from "@remix-run/node";
import { providersJsonResponse } from "~/.server/providers/open-data";

/** GET /api/v1/providers.json: every provider with its business ID and pilots (open data, CC BY 4.0). */
export function loader({ request, context }: LoaderFunctionArgs) {
  return providersJsonResponse(request, context.publicOrigin ?? new URL(request.url).origin);
}

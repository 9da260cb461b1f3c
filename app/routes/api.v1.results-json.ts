import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsJsonResponse } from "~/.server/providers/open-data";

/** GET /api/v1/results.json: the same rows as results.csv, as JSON. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return resultsJsonResponse(request, context.publicOrigin ?? new URL(request.url).origin);
}

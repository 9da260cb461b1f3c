import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsCsvResponse } from "~/.server/providers/open-data";

/** GET /api/v1/results.csv: every published month, one row per pilot, provider and month, with counts. */
export function loader({ request }: LoaderFunctionArgs) {
  return resultsCsvResponse(request);
}

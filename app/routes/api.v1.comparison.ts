import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonApi } from "~/.server/providers/comparison-api";
import { todayInFinland } from "~/format";

/**
 * GET /api/v1/comparison.json?pilot=SLUG&measure=MEASURE[&group=GROUP]: every provider's figure and
 * verdict against the public service (docs/decisions/068-verdicts-and-figure-sentences.md).
 * Open to any site (CORS); an unknown value answers 400 with a message.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { status, body } = comparisonApi(url.searchParams, todayInFinland(), context.publicOrigin ?? url.origin);
  return Response.json(body, {
    status,
    headers: { "Cache-Control": status === 200 ? "public, max-age=300" : "no-store", "Access-Control-Allow-Origin": "*" },
  });
}

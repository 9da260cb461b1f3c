import type { LoaderFunctionArgs } from "@remix-run/node";
import { eligibilityApi } from "~/.server/eligibility/api";
import { todayInFinland } from "~/format";

/**
 * GET /api/v1/eligibility?municipality=749&registered=yes&… (docs/decisions/012-eligibility-api.md).
 * Open to any site (CORS), never cached: the query holds a person's answers.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const { status, body } = eligibilityApi(new URL(request.url).searchParams, todayInFinland());
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  });
}

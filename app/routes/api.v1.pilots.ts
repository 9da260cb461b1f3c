import { pilotsJson } from "~/.server/eligibility/api";
import { todayInFinland } from "~/format";

/** GET /api/v1/pilots.json: every pilot with its area and rules, as the eligibility check uses them. */
export function loader() {
  const { status, body } = pilotsJson(todayInFinland());
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}

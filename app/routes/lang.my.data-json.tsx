import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/.server/auth/auth";
import { personalDataExport } from "~/.server/choice/my-page";
import { todayInFinland } from "~/format";
import { isLang } from "~/i18n";

/**
 * `/{lang}/my/data.json`: everything the service holds about the signed-in person, as a JSON
 * download. Only their own data; never cached.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  if (!isLang(params.lang)) throw new Response(null, { status: 404 });
  const user = requireUser(request);
  const body = JSON.stringify(personalDataExport(user, params.lang), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="valinta-${todayInFinland()}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

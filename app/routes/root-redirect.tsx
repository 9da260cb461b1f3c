import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { langFromAcceptLanguage } from "~/i18n";

/** `/` sends the visitor to the language their browser prefers among ours (303, See Other). */
export function loader({ request }: LoaderFunctionArgs) {
  const lang = langFromAcceptLanguage(request.headers.get("accept-language"));
  return redirect(`/${lang}`, { status: 303, headers: { Vary: "Accept-Language" } });
}

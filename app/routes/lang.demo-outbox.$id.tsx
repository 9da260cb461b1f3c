import type { LoaderFunctionArgs } from "@remix-run/node";
import { demoOutboxHtmlLoader } from "~/.server/notifications/pages";

/** `/{lang}/demo-outbox/{id}`: one demo message's HTML part, as it would arrive (decision 070). */
export function loader(args: LoaderFunctionArgs) {
  return demoOutboxHtmlLoader(args);
}

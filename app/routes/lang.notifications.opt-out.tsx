import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { optOutAction, optOutLoader } from "~/.server/notifications/pages";
import { LinkPage } from "~/components/notifications/LinkPage";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction = ({ params }) => {
  const lang: Lang = langOfParams(params);
  return [{ title: pageTitle(lang, tFor(lang)("notifications:optOut.title")) }, { name: "robots", content: "noindex" }];
};

export function loader(args: LoaderFunctionArgs) {
  return optOutLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return optOutAction(args);
}

/** `/{lang}/notifications/opt-out?token=…`: the link on every message; works without signing in (decision 070). */
export default function OptOut() {
  const d = useActionData<typeof action>() ?? useLoaderData<typeof loader>();
  return <LinkPage area="optOut" {...d} />;
}

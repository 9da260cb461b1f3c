import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { confirmAction, confirmLoader } from "~/.server/notifications/pages";
import { LinkPage } from "~/components/notifications/LinkPage";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction = ({ params }) => {
  const lang: Lang = langOfParams(params);
  return [{ title: pageTitle(lang, tFor(lang)("notifications:confirm.title")) }, { name: "robots", content: "noindex" }];
};

export function loader(args: LoaderFunctionArgs) {
  return confirmLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return confirmAction(args);
}

/** `/{lang}/notifications/confirm?token=…`: the link of the confirmation message (decision 070). */
export default function ConfirmAddress() {
  const d = useActionData<typeof action>() ?? useLoaderData<typeof loader>();
  return <LinkPage area="confirm" {...d} />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { myNotificationsAction, myNotificationsLoader } from "~/.server/notifications/pages";
import { CsrfField } from "~/components/CsrfField";
import * as F from "~/components/form/fields";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction = ({ params }) => {
  const lang: Lang = langOfParams(params);
  return [{ title: pageTitle(lang, tFor(lang)("notifications:page.title")) }];
};

export function loader(args: LoaderFunctionArgs) {
  return myNotificationsLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return myNotificationsAction(args);
}

/** `/{lang}/my/notifications`: the address for notifications, given, changed or removed (decision 070). */
export default function MyNotifications() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = posted ?? loaded;
  const { t } = useTranslation("notifications");
  const { lang, address } = d;
  const error = d.errors.email;
  return (
    <div className="page page--narrow">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.lead")}</p>
      <p>{t("page.privacy")}</p>
      {error && <F.ErrorSummary title={t("page.errors.summary")} items={[{ href: "#field-email", text: t(error), key: error }]} />}
      {d.done === "sent" && address && (
        <p className="notice" role="status">
          {t("page.sent", { email: address.email })}
        </p>
      )}
      {d.done === "removed" && !address && (
        <p className="notice" role="status">
          {t("page.removed")}
        </p>
      )}
      {address && d.done !== "sent" && <p>{address.confirmed ? t("page.confirmed", { email: address.email }) : t("page.pending", { email: address.email })}</p>}
      {address && <p className="hint">{t("page.language", { language: t(`langName.${address.lang}`) })}</p>}
      <form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="give" />
        <F.TextField ns="notifications" id="field-email" name="email" type="email" autoComplete="email" inputMode="email" label={t("page.email")} hint={t("page.emailHint")} value={d.values.email} error={error} />
        <div className="button-row">
          <button type="submit" className="button">
            {address ? t("page.change") : t("page.send")}
          </button>
        </div>
      </form>
      {address && (
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button button--secondary">
            {t("page.remove")}
          </button>
        </form>
      )}
      {d.demoOutbox && (
        <p className="notice notice--example">
          {t("page.demoHint")} <Link to={`/${lang}/demo-outbox`}>{t("page.demoLink")}</Link>
        </p>
      )}
      <p>
        <Link to={`/${lang}/my`}>{t("page.back")}</Link>
      </p>
    </div>
  );
}

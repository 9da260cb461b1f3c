import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { demoOutboxLoader } from "~/.server/notifications/pages";
import { formatDateTime } from "~/format";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction = ({ params }) => {
  const lang: Lang = langOfParams(params);
  return [{ title: pageTitle(lang, tFor(lang)("notifications:demo.title")) }, { name: "robots", content: "noindex" }];
};

export function loader(args: LoaderFunctionArgs) {
  return demoOutboxLoader(args);
}

/** `/{lang}/demo-outbox`: what the demo would have sent by email (only in demo and test; decision 070). */
export default function DemoOutbox() {
  const { lang, messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <div className="page page--narrow">
      <h1>{t("demo.title")}</h1>
      <p className="lead">{t("demo.lead")}</p>
      {messages.length === 0 ? (
        <p>{t("demo.empty")}</p>
      ) : (
        messages.map((m) => (
          <article key={m.id} className="demo-message" aria-labelledby={`message-${m.id}`} lang={m.lang}>
            <h2 id={`message-${m.id}`}>{m.subject}</h2>
            <dl className="summary" lang={lang}>
              <dt>{t("demo.to")}</dt>
              <dd>{m.to}</dd>
              <dt>{t("demo.sent")}</dt>
              <dd>{formatDateTime(m.sentAt, lang)}</dd>
            </dl>
            <pre className="demo-message__text">{m.text}</pre>
            <p lang={lang}>
              <a href={`/${lang}/demo-outbox/${m.id}`}>{t("demo.openHtml")}</a>
            </p>
          </article>
        ))
      )}
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deliveryAction, deliveryLoader } from "~/.server/accountability/pages";
import { CsrfField } from "~/components/CsrfField";
import { Choices, ErrorSummary, TextArea } from "~/components/accountability/Form";
import { NOTE_MAX } from "~/domain/accountability-words";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  return [{ title: (data?.formError ? `${t("common:errorPrefix")} ` : "") + pageTitle(lang, t("accountability:delivery.title")) }, { name: "robots", content: "noindex" }];
};

export function loader(args: LoaderFunctionArgs) {
  return deliveryLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return deliveryAction(args);
}

/** `/{lang}/my/delivery/{item}`: confirm or dispute one contact or meeting the provider recorded. */
export default function Delivery() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("accountability");
  const errors: Record<string, string> = posted?.errors ?? {};
  const values = posted?.values ?? { answer: d.item.answer ?? "", note: d.item.note ?? "" };
  const what = t(d.item.kind === "meeting" ? "item.meeting" : "item.firstContact", { provider: d.item.provider, date: d.item.on });
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <a href={`/${d.lang}/my#my-delivery`}>{t("delivery.back")}</a>
      </p>
      <h1>{t("delivery.heading")}</h1>
      <ErrorSummary errors={errors} order={["answer", "note"]} />
      <p className="lead">{what}</p>
      {d.item.changeable ? (
        <form method="post" noValidate>
          <CsrfField />
          <Choices
            name="answer"
            legend={t("delivery.legend")}
            options={[
              { value: "confirmed", label: t("answer.confirmed") },
              { value: "did_not_happen", label: t("answer.did_not_happen") },
              { value: "other_day", label: t("answer.other_day") },
            ]}
            value={values.answer}
            error={errors.answer}
          />
          <TextArea name="note" label={t("delivery.note")} hint={t("delivery.noteHint", { count: NOTE_MAX })} value={values.note} error={errors.note} />
          <p className="hint">{t("delivery.who")}</p>
          <div className="button-row">
            <button type="submit" className="button">
              {t("delivery.submit")}
            </button>
            <a href={`/${d.lang}/my#my-delivery`}>{t("delivery.cancel")}</a>
          </div>
        </form>
      ) : (
        <p>{t("delivery.handled")}</p>
      )}
    </div>
  );
}

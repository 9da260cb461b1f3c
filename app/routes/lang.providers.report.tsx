import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportAction, reportLoader } from "~/.server/accountability/pages";
import { CsrfField } from "~/components/CsrfField";
import { Choices, ErrorSummary, TextArea } from "~/components/accountability/Form";
import { DESCRIPTION_MAX, reportCategories } from "~/domain/accountability-words";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  const title = t("accountability:report.title", { provider: data?.provider.name ?? "" });
  return [
    { title: (data?.formError ? `${t("common:errorPrefix")} ` : "") + pageTitle(lang, title) },
    { name: "description", content: t("accountability:report.lead") },
    { name: "robots", content: "noindex" },
  ];
};

export function loader(args: LoaderFunctionArgs) {
  return reportLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return reportAction(args);
}

/** `/{lang}/providers/{slug}/report`: report a problem with a provider, signed in or not. */
export default function ReportProblem() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("accountability");
  const errors: Record<string, string> = posted?.errors ?? {};
  const values = posted?.values ?? { category: "", description: "", pilot: "" };
  const back = `/${d.lang}/providers/${d.provider.slug}`;
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <a href={back}>{t("report.back", { provider: d.provider.name })}</a>
      </p>
      <h1>{t("report.heading", { provider: d.provider.name })}</h1>
      {d.sent ? (
        <div className="notice notice--success" role="status">
          <h2>{t("report.sentHeading")}</h2>
          <p>{t("report.sent")}</p>
          <p>{d.signedIn ? t("report.sentSignedIn") : t("report.sentAnonymous")}</p>
          <p>
            <a href={d.signedIn ? `/${d.lang}/my#my-reports` : back}>{d.signedIn ? t("report.toMy") : t("report.back", { provider: d.provider.name })}</a>
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} order={["category", "pilot", "description"]} />
          <p className="lead">{t("report.lead")}</p>
          <p>{d.signedIn ? t("report.signedIn") : t("report.anonymous")}</p>
          <form method="post" noValidate>
            {d.csrf ? <input type="hidden" name="csrf" value={d.csrf} /> : <CsrfField />}
            <Choices
              name="category"
              legend={t("report.category")}
              options={reportCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              value={values.category}
              error={errors.category}
            />
            {d.pilots.length > 1 && (
              <Choices name="pilot" legend={t("report.pilot")} options={d.pilots} value={values.pilot} error={errors.pilot} />
            )}
            <TextArea
              name="description"
              label={t("report.description")}
              hint={t("report.descriptionHint", { count: DESCRIPTION_MAX })}
              value={values.description}
              error={errors.description}
            />
            <p className="hint">{t("report.privacy")}</p>
            <div className="button-row">
              <button type="submit" className="button">
                {t("report.submit")}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}

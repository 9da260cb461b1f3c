import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { eligibilityPage } from "~/.server/eligibility/page";
import { jobMarketFinland } from "~/.server/eligibility/employment-areas.store";
import { EligibilityForm } from "~/components/eligibility/EligibilityForm";
import { EligibilityResult } from "~/components/eligibility/EligibilityResult";
import { ErrorSummary } from "~/components/eligibility/ErrorSummary";
import { todayInFinland } from "~/format";
import { tFor, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const page = eligibilityPage(new URL(request.url).searchParams, lang, todayInFinland());
  // The address holds a person's answers: no shared cache may keep the page.
  return data({ ...page, jobMarket: jobMarketFinland.web }, { status: page.status, headers: { "Cache-Control": "private, no-store" } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page, params }) => {
  const lang = langOfParams(params);
  const t = tFor(lang);
  const description = { name: "description", content: t("eligibility:meta.description") };
  if (!page) return [{ title: pageTitle(lang, t("eligibility:meta.title")) }, description];
  if (page.mode === "unavailable") return [{ title: pageTitle(lang, t("eligibility:meta.unavailableTitle")) }, description];
  if (page.mode === "result") {
    const outcome = t(`eligibility:result.outcome.${page.result.outcome}.title`);
    return [{ title: pageTitle(lang, t("eligibility:meta.resultTitle", { outcome })) }, description];
  }
  const prefix = page.form.errors.length > 0 ? `${t("common:errorPrefix")} ` : "";
  return [{ title: prefix + pageTitle(lang, t("eligibility:meta.title")) }, description];
};

export default function Eligibility() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("eligibility");
  if (page.mode === "result") return <EligibilityResult {...page.result} />;
  if (page.mode === "unavailable") {
    return (
      <div className="page page--narrow">
        <h1>{t("unavailable.heading")}</h1>
        <p className="lead">{t("unavailable.body")}</p>
        <p>
          <a href={page.jobMarket}>{t("links.jobMarket")}</a>
        </p>
      </div>
    );
  }
  const { form } = page;
  return (
    <div className="page page--narrow">
      <h1>{t("heading")}</h1>
      <ErrorSummary errors={form.errors} />
      <p className="lead">{t("lead")}</p>
      <p>{t("guidance")}</p>
      <EligibilityForm
        // A new answer from the server starts the form afresh from what it sent.
        key={JSON.stringify([page.mode, form.values, form.errors.length])}
        lang={page.lang}
        mode={page.mode}
        values={form.values}
        errors={form.errors}
        options={form.options}
        relevance={form.relevance}
        relevant={form.relevant}
        municipality={form.municipality}
        showDate={form.showDate}
        changeMunicipalityHref={form.changeMunicipalityHref}
      />
      <p className="hint">{t("privacy")}</p>
    </div>
  );
}

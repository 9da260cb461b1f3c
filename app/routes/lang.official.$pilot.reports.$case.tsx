import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { caseAction, caseLoader } from "~/.server/accountability/pages";
import { CsrfField } from "~/components/CsrfField";
import { Choices, ErrorSummary, TextArea } from "~/components/accountability/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";
import { caseStates, OFFICIAL_ANSWER_MAX } from "~/domain/accountability-words";
import { tFor, langOfParams } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ params, data }) =>
  officialMeta(
    params,
    "reports",
    data ? { pilot: data.pilot, formError: data.formError, title: tFor(langOfParams(params))("accountability:case.title") } : undefined,
  );

/** /{lang}/official/{pilot}/reports/{case}: read a report or a dispute, and move it on. */
export function loader(args: LoaderFunctionArgs) {
  return caseLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return caseAction(args);
}

export default function ReportCase() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("accountability");
  const c = d.detail;
  const errors: Record<string, string> = posted?.errors ?? {};
  const values = posted?.values ?? { state: "", answer: c.answer ?? "" };
  const base = `/${d.lang}/official/${d.pilot.slug}/reports`;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="reports" narrow>
      <p className="breadcrumb">
        <a href={base}>{t("case.back")}</a>
      </p>
      <h1>{c.kind === "report" ? t("case.reportHeading", { provider: c.provider }) : t("case.disputeHeading", { provider: c.provider })}</h1>
      <ErrorSummary errors={errors} order={["state", "answer"]} />
      <dl className="summary">
        <dt>{t("queue.received")}</dt>
        <dd>{c.on}</dd>
        <dt>{t("queue.what")}</dt>
        <dd>
          {c.kind === "report"
            ? t(`category.${c.category}`)
            : t("queue.dispute", { answer: t(`answer.${c.category}`), what: t(c.about?.kind === "meeting" ? "queue.aboutMeeting" : "queue.aboutContact", { date: c.aboutOn ?? "" }) })}
        </dd>
        <dt>{t("case.who")}</dt>
        <dd>{c.person ?? t("case.anonymous")}</dd>
        {c.choice && (
          <>
            <dt>{t("case.choice")}</dt>
            <dd>{c.choice.reference}</dd>
          </>
        )}
        <dt>{t("queue.state")}</dt>
        <dd>
          {t(`state.${c.state}`)}
          {c.handledOn && ` (${c.handledOn})`}
        </dd>
      </dl>
      <h2>{t("case.description")}</h2>
      {c.description ? <blockquote className="person-words">{c.description}</blockquote> : <p>{c.textRemoved ? t("case.textRemoved") : t("case.noDescription")}</p>}
      {d.closed ? (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">{t("case.answerHeading")}</h2>
          {c.answer ? <blockquote className="person-words">{c.answer}</blockquote> : <p>{t("case.noAnswer")}</p>}
        </section>
      ) : (
        <section aria-labelledby="handle-heading">
          <h2 id="handle-heading">{t("case.handle")}</h2>
          <form method="post" noValidate>
            <CsrfField />
            <Choices
              name="state"
              legend={t("case.newState")}
              options={caseStates.filter((s) => s !== "received").map((s) => ({ value: s, label: t(`state.${s}`), hint: t(`case.stateHint.${s}`) }))}
              value={values.state}
              error={errors.state}
            />
            <TextArea name="answer" label={t("case.answer")} hint={t("case.answerHint", { count: OFFICIAL_ANSWER_MAX })} value={values.answer} error={errors.answer} />
            <div className="button-row">
              <button type="submit" className="button">
                {t("case.submit")}
              </button>
              <a href={base}>{t("delivery.cancel")}</a>
            </div>
          </form>
        </section>
      )}
    </OfficialFrame>
  );
}

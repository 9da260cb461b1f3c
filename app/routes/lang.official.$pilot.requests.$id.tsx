import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestAction, requestLoader } from "~/.server/official/choices";
import { CsrfField } from "~/components/CsrfField";
import { ChoiceGroup, ErrorSummary, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "request", data);

/** /{lang}/official/{pilot}/requests/{id}: read a weighty reason and decide it. */
export function loader(args: LoaderFunctionArgs) {
  return requestLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return requestAction(args);
}

export default function OfficialRequest() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("official");
  const r = d.request;
  const errors: Record<string, string> = posted?.errors ?? {};
  const values = posted?.values ?? { decision: "", note: "" };
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="requests" narrow>
      <h1>{t("request.heading", { name: r.name })}</h1>
      <ErrorSummary errors={errors} order={["decision", "note"]} />
      <dl className="summary">
        <dt>{t("request.received")}</dt>
        <dd>{r.requestedOn}</dd>
        <dt>{t("request.choice")}</dt>
        <dd>
          {t("request.choiceText", { provider: r.choice.provider, date: r.choice.chosenOn, reference: r.choice.reference })}
          {!r.choice.current && ` ${t("request.choiceEnded")}`}
        </dd>
        <dt>{t("request.lock")}</dt>
        <dd>{r.choice.lockEnds ? t("request.lockEnds", { date: r.choice.lockEnds }) : t("overview.noLock")}</dd>
        <dt>{t("requests.columns.status")}</dt>
        <dd>{t(`requests.status.${r.status}`)}</dd>
      </dl>
      <h2>{t("request.reason")}</h2>
      <blockquote className="person-words">{r.reason}</blockquote>
      {r.status === "pending" ? (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("request.decide")}</h2>
          <p>{t("request.decideLead")}</p>
          <form method="post" noValidate>
            <CsrfField />
            <ChoiceGroup
              name="decision"
              legend={t("request.decision")}
              options={[
                { value: "approved", label: t("request.approve"), hint: t("request.approveHint") },
                { value: "rejected", label: t("request.reject"), hint: t("request.rejectHint") },
              ]}
              value={values.decision}
              error={errors.decision}
            />
            <TextField name="note" multiline label={t("request.note")} hint={t("request.noteHint")} value={values.note} error={errors.note} />
            <div className="button-row">
              <button type="submit" className="button">
                {t("request.submit")}
              </button>
              <a href={`/${d.lang}/official/${d.pilot.slug}/requests`}>{t("common.cancel")}</a>
            </div>
          </form>
        </section>
      ) : (
        <section aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t("request.decisionHeading")}</h2>
          <p>{t(`request.decided.${r.status}`, { date: r.decidedOn ?? "", who: r.decidedBy ?? "" })}</p>
          {r.note && <blockquote className="person-words">{r.note}</blockquote>}
        </section>
      )}
    </OfficialFrame>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageStateOf, weightyAction, weightyLoader } from "~/.server/choices-journey";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TextField } from "~/components/choice/Form";
import { choiceMeta } from "~/components/choice/meta";
import { WEIGHTY_REASON_MAX } from "~/domain/choice-words";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => choiceMeta(params, "weighty", data?.pageState);

export function loader(args: LoaderFunctionArgs) {
  return { ...weightyLoader(args), pageState: pageStateOf(args.context) };
}

export function action(args: ActionFunctionArgs) {
  return weightyAction(args);
}

export default function WeightyReason() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = posted ?? loaded;
  const { t } = useTranslation("choice");
  const { lang, current } = d;
  return (
    <div className="page page--narrow choice-page">
      <h1>{t("weighty.heading")}</h1>
      <p className="lead">{t("weighty.lead", { provider: current.providerName, date: current.lockedUntil })}</p>
      <ErrorSummary errors={d.errors} order={["reason"]} />
      {d.problem && (
        <div className="error-summary" role="alert">
          <h2>{t(`weighty.problems.${d.problem}.title`)}</h2>
          <p>{t(`weighty.problems.${d.problem}.body`)}</p>
        </div>
      )}
      {current.pendingRequestOn ? (
        <p className="notice">{t("situation.requestPending", { date: current.pendingRequestOn })}</p>
      ) : (
        <>
          <p>{t("weighty.examples")}</p>
          <p>{t("weighty.decision")}</p>
          <form method="post" noValidate>
            <CsrfField />
            <TextField
              name="reason"
              multiline
              label={t("weighty.reason.label")}
              hint={t("weighty.reason.hint", { max: WEIGHTY_REASON_MAX })}
              value={d.values.reason}
              error={d.errors.reason}
            />
            <div className="button-row">
              <button type="submit" className="button">
                {t("weighty.send")}
              </button>
              <Link to={`/${lang}/my`}>{t("common.backToMy")}</Link>
            </div>
          </form>
        </>
      )}
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { weightyAction, weightyLoader } from "~/.server/choice/journey";
import { pageStateOf } from "~/.server/platform/forms";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TextField } from "~/components/choice/Form";
import { choiceMeta } from "~/components/choice/meta";
import { useHydrated } from "~/components/eligibility/useHydrated";
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
  // With JavaScript, a count of the characters left (the hint says the limit without it). The
  // server counts the text without its surrounding spaces; so does the counter.
  const hydrated = useHydrated();
  const [length, setLength] = useState((d.values.reason ?? "").trim().length);
  const left = WEIGHTY_REASON_MAX - length;
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
          <form method="post" noValidate onInput={(e) => (e.target as HTMLElement).id === "field-reason" && setLength((e.target as HTMLTextAreaElement).value.trim().length)}>
            <CsrfField />
            <TextField
              name="reason"
              multiline
              label={t("weighty.reason.label")}
              hint={t("weighty.reason.hint", { max: WEIGHTY_REASON_MAX })}
              value={d.values.reason}
              error={d.errors.reason}
            />
            {hydrated && (
              <p className={left < 0 ? "error-message character-count" : "hint character-count"} aria-live="polite">
                {left >= 0 ? t("weighty.counter.left", { count: left }) : t("weighty.counter.over", { count: -left })}
              </p>
            )}
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

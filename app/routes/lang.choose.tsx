import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { startAction, startLoader } from "~/.server/choice/journey";
import { pageStateOf } from "~/.server/platform/forms";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, RadioGroup, TextField } from "~/components/choice/Form";
import { Situation } from "~/components/choice/Situation";
import { StepLabel } from "~/components/choice/StepLabel";
import { choiceMeta } from "~/components/choice/meta";
import { isYesNoFact } from "~/domain/choice-words";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => choiceMeta(params, "start", data?.pageState);

export function loader(args: LoaderFunctionArgs) {
  return { ...startLoader(args), pageState: pageStateOf(args.context) };
}

export function action(args: ActionFunctionArgs) {
  return startAction(args);
}

const options = {
  status: ["unemployed", "in_services", "employed"],
  benefit: ["earnings_related", "labour_market_subsidy", "basic_allowance", "none"],
} as const;

export default function ChooseStart() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = posted ?? loaded;
  const { t } = useTranslation("choice");
  const { lang } = d;
  const ex = d.explanation;
  const editingNow = d.editing && d.asked.length > 0;
  // The section below says until when a choice binds and how to ask; the situation box need not repeat it.
  const lockShownBelow = d.mayChoose && !!d.current.lockedUntil && !editingNow;
  const continueHref = `/${lang}/choose/provider${d.providerParam ? `?provider=${d.providerParam}` : ""}`;
  return (
    <div className="page page--narrow choice-page">
      <StepLabel step={1} name="eligibility" />
      <h1>{t("start.heading")}</h1>
      <p className="lead">{t("start.lead")}</p>
      <ErrorSummary errors={d.errors} order={d.asked} />

      <section aria-labelledby="situation-heading" className="callout">
        <Situation current={d.current} lang={lang} lockNotice={!lockShownBelow} />
      </section>

      <section aria-labelledby="eligibility-heading">
        <h2 id="eligibility-heading">{t("start.eligibilityHeading")}</h2>
        <p>
          {d.municipality
            ? t("start.municipality", { municipality: d.municipality })
            : t("start.noMunicipality")}
        </p>
        {d.identifiedWith === "foreign" && (
          <p>
            <Link to={`/${lang}/foreign-eid`}>{t("start.foreignLink")}</Link>
          </p>
        )}

        {editingNow ? (
          <form method="post" noValidate>
            <CsrfField />
            {d.providerParam && <input type="hidden" name="provider" value={d.providerParam} />}
            <h3>{t("start.questionsHeading")}</h3>
            <p className="hint">{t("start.questionsIntro")}</p>
            {d.asked.map((fact) => {
              const label = t(`eligibility:form.questions.${fact}.label`);
              const hint = t(`eligibility:form.questions.${fact}.hint`);
              if (fact === "age") {
                return <TextField key={fact} name={fact} label={label} hint={hint} value={d.values[fact]} error={d.errors[fact]} inputMode="numeric" />;
              }
              const values: readonly string[] = isYesNoFact(fact) ? ["yes", "no"] : options[fact as "status" | "benefit"];
              return (
                <RadioGroup
                  key={fact}
                  name={fact}
                  legend={label}
                  hint={hint}
                  value={d.values[fact]}
                  error={d.errors[fact]}
                  options={values.map((v) => ({
                    value: v,
                    label: isYesNoFact(fact) ? t(`eligibility:form.${v}`) : t(`eligibility:form.questions.${fact}.options.${v}`),
                  }))}
                />
              );
            })}
            <button type="submit" className="button">
              {t("start.saveAnswers")}
            </button>
          </form>
        ) : (
          <>
            <h3>{t(`eligibility:result.outcome.${ex.outcome}.title`)}</h3>
            {ex.reasons.length > 0 && (
              <ul>
                {ex.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            {d.asked.length > 0 && (
              <p>
                <Link to={`/${lang}/choose?edit=1${d.providerParam ? `&provider=${d.providerParam}` : ""}`}>{t("start.changeAnswers")}</Link>
              </p>
            )}
            {d.mayChoose && d.current.lockedUntil ? (
              // A choice of a provider binds: no "you can choose" here, but until when and how to ask.
              <div className="notice">
                <h3>{t("start.lockedHeading")}</h3>
                <p>{t("start.lockedBody", { date: d.current.lockedUntil })}</p>
                {d.current.pendingRequestOn ? (
                  <p>{t("situation.requestPending", { date: d.current.pendingRequestOn })}</p>
                ) : (
                  <p>
                    <Link className="button" to={`/${lang}/choose/weighty-reason`}>
                      {t("situation.weightyLink")}
                    </Link>
                  </p>
                )}
              </div>
            ) : d.mayChoose ? (
              <>
                <p>{t("start.mayChoose", { pilot: d.pilotName })}</p>
                <p>{t("start.publicEqual")}</p>
                {d.voluntary && <p>{t("start.voluntary")}</p>}
                {d.lockMonths > 0 && <p>{t("common:commitment", { count: d.lockMonths })}</p>}
                <p>
                  <Link className="button" to={continueHref}>
                    {t("start.continue")}
                  </Link>
                </p>
              </>
            ) : ex.pilotService ? (
              // A municipal pilot or an alliance serves the person itself: no provider to choose (issue 15).
              <div className="notice">
                <p>{t("start.servedByPilot", { servedBy: ex.pilotService.servedBy })}</p>
                {ex.pilotService.web && (
                  <p>
                    <a href={ex.pilotService.web}>{t("start.pilotServiceLink", { servedBy: ex.pilotService.servedBy })}</a>
                  </p>
                )}
              </div>
            ) : (
              <>
                <p>{t("start.servedByPublic")}</p>
                {ex.next.length > 0 && (
                  <>
                    <h3>{t("start.nextHeading")}</h3>
                    <ul>
                      {ex.next.map((s) => (
                        <li key={s.key}>
                          {s.text}
                          {s.link && (
                            <>
                              {" "}
                              {s.link.external ? <a href={s.link.href}>{s.link.text}</a> : <Link to={s.link.href}>{s.link.text}</Link>}
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
            <p className="hint">{t("eligibility:guidance")}</p>
          </>
        )}
      </section>
      <p>
        <Link to={`/${lang}/my`}>{t("common.backToMy")}</Link>
      </p>
    </div>
  );
}

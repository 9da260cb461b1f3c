import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { formatPhone } from "~/format";
import { checkAction, checkLoader } from "~/.server/choice/journey";
import { pageStateOf } from "~/.server/platform/forms";
import { CsrfField } from "~/components/CsrfField";
import { StepLabel } from "~/components/choice/StepLabel";
import { languageLabel } from "~/format";
import { choiceMeta } from "~/components/choice/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => choiceMeta(params, "check", data?.pageState);

export function loader(args: LoaderFunctionArgs) {
  return { ...checkLoader(args), pageState: pageStateOf(args.context) };
}

export function action(args: ActionFunctionArgs) {
  return checkAction(args);
}

/** Where each refusal sends the person to go on: nothing dead-ends. */
const refusalStep: Record<string, string> = {
  pilot_not_running: "/choose",
  not_eligible: "/choose",
  provider_unavailable: "/choose/provider",
  locked: "/choose",
  already_chosen: "/my",
};

export default function ChooseCheck() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = posted ?? loaded;
  const notRecorded = !!posted && "notRecorded" in posted && posted.notRecorded;
  const { t } = useTranslation("choice");
  const { lang } = d;
  const refusal = d.problem && d.problem in refusalStep ? d.problem : null;
  const canConfirm = !refusal && d.key !== "";
  const provider = d.kind === "provider";
  return (
    <div className="page page--narrow choice-page">
      {/* Four steps on both paths, so the count never changes on the way: the public service skips the contact step. */}
      <StepLabel step={4} name="check" />
      <h1>{notRecorded ? t("notRecorded.heading") : t("check.heading")}</h1>

      {notRecorded && (
        <div className="error-summary not-recorded" role="alert">
          <h2>{t("notRecorded.title")}</h2>
          <p>{t("notRecorded.body")}</p>
          <p>{t(`notRecorded.why.${d.problem}`)}</p>
          <h3>{t("notRecorded.whatToDo")}</h3>
          <ul>
            <li>{t("notRecorded.tryAgain")}</li>
            <li>{t("notRecorded.checkMy")}</li>
            <li>{t("notRecorded.meanwhile")}</li>
          </ul>
        </div>
      )}
      {refusal && (
        <div className="error-summary" role="alert">
          <h2>{t(`refusals.${refusal}.title`)}</h2>
          <p>{t(`refusals.${refusal}.body`)}</p>
          <p>
            <Link to={`/${lang}${refusalStep[refusal]}`}>{t(`refusals.${refusal}.link`)}</Link>
          </p>
        </div>
      )}
      {d.problem === "stale" && (
        <div className="notice" role="status">
          <p>{t("refusals.stale.body")}</p>
        </div>
      )}

      {d.key !== "" && (
        <>
          {!notRecorded && <p className="lead">{t("check.lead")}</p>}
          <h2>{t("check.recordedHeading")}</h2>
          <dl className="summary">
            <dt>{t("check.pilot")}</dt>
            <dd>{d.pilotName}</dd>
            <dt>{t("check.choice")}</dt>
            <dd>
              {provider ? d.providerName : t("check.publicService")}{" "}
              <Link to={`/${lang}/choose/provider`} className="summary__change">
                {t("check.change")}
                <span className="visually-hidden"> {t("check.choice")}</span>
              </Link>
            </dd>
            {d.contact && (
              <>
                <dt>{t("check.contact")}</dt>
                <dd>
                  {d.contact.channel === "phone" ? t("check.byPhone", { phone: d.contact.phone ? formatPhone(d.contact.phone) : "" }) : t("check.byEmail", { email: d.contact.email })}{" "}
                  <Link to={`/${lang}/choose/contact`} className="summary__change">
                    {t("check.change")}
                    <span className="visually-hidden"> {t("check.contact")}</span>
                  </Link>
                </dd>
                <dt>{t("check.language")}</dt>
                <dd>
                  {d.contact.language ? languageLabel(d.contact.language, lang) : ""}{" "}
                  <Link to={`/${lang}/choose/contact`} className="summary__change">
                    {t("check.change")}
                    <span className="visually-hidden"> {t("check.language")}</span>
                  </Link>
                </dd>
              </>
            )}
          </dl>
          {d.contact && <p className="hint">{t("check.sharedWith", { provider: d.providerName })}</p>}
          {d.replaces?.reference && <p>{t("check.replaces", { reference: d.replaces.reference, what: d.replaces.providerName ?? t("check.publicService") })}</p>}

          <h2>{t("check.ruleHeading")}</h2>
          <p>{d.lockMonths > 0 ? t("check.ruleLocked", { count: d.lockMonths, date: d.changeFrom }) : t("check.ruleFree")}</p>

          <h2>{t("check.nextHeading")}</h2>
          <p>{provider ? t("check.nextProvider", { provider: d.providerName, date: d.contactBy }) : t("check.nextPublic")}</p>
          <p>{t("check.receiptNote")}</p>

          {canConfirm && (
            <form method="post">
              <CsrfField />
              <input type="hidden" name="key" value={d.key} />
              <div className="button-row">
                <button type="submit" className="button">
                  {notRecorded ? t("notRecorded.retry") : t("check.confirm")}
                </button>
                <Link to={`/${lang}/my`}>{t("check.cancel")}</Link>
              </div>
            </form>
          )}
        </>
      )}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { formatPhone } from "~/format";
import { receiptLoader } from "~/.server/choice/journey";
import { PrintButton } from "~/components/choice/PrintButton";
import { languageLabel } from "~/format";
import { choiceMeta } from "~/components/choice/meta";

export const meta: MetaFunction<typeof loader> = ({ params }) => choiceMeta(params, "receipt", null);

export function loader(args: LoaderFunctionArgs) {
  return receiptLoader(args);
}

export default function Receipt() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("choice");
  const { lang } = d;
  const provider = d.kind === "provider";
  return (
    <div className="page page--narrow receipt">
      <h1>{t("receipt.heading")}</h1>
      <p className="receipt__reference">
        {t("receipt.reference")} <strong className="reference">{d.reference}</strong>
      </p>
      <p className="hint">{t("receipt.referenceHint")}</p>
      {d.status === "ended" && <p className="notice">{t("receipt.ended", { date: d.endedAt })}</p>}
      <dl className="summary">
        <dt>{t("receipt.recordedAt")}</dt>
        <dd>{d.recordedAt}</dd>
        <dt>{t("receipt.name")}</dt>
        <dd>{d.name}</dd>
        <dt>{t("check.pilot")}</dt>
        <dd>{d.pilotName}</dd>
        <dt>{t("check.choice")}</dt>
        <dd>{provider ? d.provider?.name : t("check.publicService")}</dd>
        {provider && d.provider && (
          <>
            <dt>{t("receipt.providerContact")}</dt>
            <dd>
              <ul className="plain-list">
                {d.provider.phone && (
                  <li>
                    {t("receipt.phoneLabel")} <a href={`tel:${d.provider.phone.replaceAll(" ", "")}`}>{d.provider.phone}</a>
                  </li>
                )}
                {d.provider.email && (
                  <li>
                    {t("receipt.emailLabel")} <a href={`mailto:${d.provider.email}`}>{d.provider.email}</a>
                  </li>
                )}
                {d.provider.web && (
                  <li>
                    <a href={d.provider.web}>{d.provider.web}</a>
                  </li>
                )}
              </ul>
            </dd>
          </>
        )}
        {d.publicService && (
          <>
            <dt>{t("receipt.publicServiceContact")}</dt>
            <dd>
              <ul className="plain-list">
                {d.publicService.name && (
                  <li>{d.publicService.web ? <a href={d.publicService.web}>{d.publicService.name}</a> : d.publicService.name}</li>
                )}
                <li>
                  <a href={d.publicService.jobMarket}>{t("receipt.findOffice")}</a>
                </li>
              </ul>
            </dd>
          </>
        )}
        {d.contact && (
          <>
            <dt>{t("check.contact")}</dt>
            <dd>{d.contact.channel === "phone" ? t("check.byPhone", { phone: d.contact.phone ? formatPhone(d.contact.phone) : "" }) : t("check.byEmail", { email: d.contact.email })}</dd>
            <dt>{t("check.language")}</dt>
            <dd>{d.contact.language ? languageLabel(d.contact.language, lang) : ""}</dd>
          </>
        )}
        <dt>{t("check.ruleHeading")}</dt>
        <dd>{d.lockMonths > 0 ? t("check.ruleLocked", { count: d.lockMonths, date: d.changeFrom }) : t("check.ruleFree")}</dd>
        <dt>{t("check.nextHeading")}</dt>
        <dd>{provider ? t("check.nextProvider", { provider: d.provider?.name, date: d.contactBy }) : t("check.nextPublic")}</dd>
      </dl>
      <p className="hint">{t("receipt.keep")}</p>
      <div className="button-row no-print">
        <PrintButton />
        <Link to={`/${lang}/my`}>{t("common.backToMy")}</Link>
      </div>
    </div>
  );
}

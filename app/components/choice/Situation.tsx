import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";
import type { CurrentView } from "~/view-models/choice";

/**
 * The person's situation in one place: no choice yet (the public service serves them), their
 * choice, or their provider having left (the public service serves them until they choose again).
 */
export function Situation({
  current,
  lang,
  headingLevel = 2,
  lockNotice = true,
}: {
  current: CurrentView;
  lang: Lang;
  headingLevel?: 2 | 3;
  /** False where the page itself says until when the choice binds and how to ask (/choose). */
  lockNotice?: boolean;
}) {
  const { t } = useTranslation("choice");
  const H = headingLevel === 2 ? "h2" : "h3";
  const s = current.situation;
  return (
    <div className={`situation situation--${s}`}>
      <H id="situation-heading">{t(`situation.${s}.title`, { provider: current.providerName, pilot: current.pilotName })}</H>
      <p>{t(`situation.${s}.body`, { provider: current.providerName, pilot: current.pilotName, date: current.chosenOn })}</p>
      {current.reference && (
        <p>
          {t("situation.receipt")}{" "}
          <Link to={`/${lang}/my/receipts/${current.reference}`}>
            {t("situation.receiptLink", { reference: current.reference })}
          </Link>
        </p>
      )}
      {current.lockedUntil && lockNotice && (
        <div className="notice">
          <p>{t("situation.locked", { date: current.lockedUntil })}</p>
          {current.pendingRequestOn ? (
            <p>{t("situation.requestPending", { date: current.pendingRequestOn })}</p>
          ) : (
            <p>
              <Link to={`/${lang}/choose/weighty-reason`}>{t("situation.weightyLink")}</Link>
            </p>
          )}
        </div>
      )}
      {current.approvedRequest && s === "provider" && !current.lockedUntil && <p className="notice">{t("situation.requestApproved")}</p>}
    </div>
  );
}

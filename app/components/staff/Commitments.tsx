import { useTranslation } from "react-i18next";
import type { CommitmentsView } from "../../view-models/staff";

/**
 * The service commitments, read-only: the pilot's officials verify them, so staff see them here
 * as the public page shows them, and change them only through the officials.
 */
export function Commitments({ commitments: c, languages, level }: { commitments: CommitmentsView; languages?: string; level: 2 | 3 }) {
  const { t } = useTranslation("staff");
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`commitments-${level}`} className="staff-commitments">
      <Heading id={`commitments-${level}`}>{t("providers:profile.commitments.heading")}</Heading>
      <dl className="summary">
        <dt>{t("providers:profile.commitments.newCustomers")}</dt>
        <dd>{c.takesNewCustomers ? t("providers:profile.commitments.yes") : t("providers:profile.commitments.no")}</dd>
        <dt>{t("providers:profile.commitments.firstMeeting")}</dt>
        <dd>{t("providers:profile.commitments.firstMeetingValue", { count: c.firstMeetingWithinDays })}</dd>
        <dt>{t("providers:profile.commitments.coach")}</dt>
        <dd>{t("providers:profile.commitments.coachValue", { count: c.coachMeetingsPerMonth })}</dd>
        <dt>{t("providers:profile.commitments.remote")}</dt>
        <dd>{c.remoteMeetings ? t("providers:profile.commitments.remoteYes") : t("providers:profile.commitments.remoteNo")}</dd>
        {languages && (
          <>
            <dt>{t("providers:profile.commitments.languages")}</dt>
            <dd>{languages}</dd>
          </>
        )}
      </dl>
      <p className="hint">
        {c.verifiedOn ? t("commitments.verified", { date: c.verifiedOn }) : t("commitments.notVerified")} {t("commitments.howToChange")}
      </p>
    </section>
  );
}

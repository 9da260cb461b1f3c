import { useTranslation } from "react-i18next";
import type { MyAssessedFact } from "~/view-models/choice";

/**
 * My page: what the public service has decided about the person (docs/decisions/073-assessed-facts.md),
 * each record with who recorded it, when, until when, and how to ask for a correction. Shown only
 * when there is a record.
 */
export function MyAssessedFacts({ records }: { records: MyAssessedFact[] }) {
  const { t } = useTranslation("assessed");
  if (records.length === 0) return null;
  return (
    <section aria-labelledby="my-assessed">
      <h2 id="my-assessed">{t("my.heading")}</h2>
      <p>{t("my.lead")}</p>
      <ul className="plain-list">
        {records.map((r) => (
          <li key={r.id} data-record={r.id}>
            <h3>{t(`fact.${r.fact}.${r.value ? "true" : "false"}`)}</h3>
            <dl className="summary">
              <dt>{t("my.pilot")}</dt>
              <dd>{r.pilot}</dd>
              <dt>{t("my.recordedAt")}</dt>
              <dd>{r.recordedAt}</dd>
              <dt>{t("my.recordedBy")}</dt>
              <dd>{r.recordedBy ?? t("my.officialOfPilot")}</dd>
              <dt>{t("my.until")}</dt>
              <dd>{r.current ? (r.endsOn ? t("my.untilDate", { date: r.endsOn }) : t("my.untilFurther")) : t("my.replaced")}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <h3>{t("my.correctionHeading")}</h3>
      <p>{t("my.correction")}</p>
    </section>
  );
}

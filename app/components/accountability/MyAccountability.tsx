import { useTranslation } from "react-i18next";
import type { MyAccountabilityView } from "~/view-models/accountability";
import type { Lang } from "~/i18n";

/**
 * My page's accountability sections (issue 16): each contact and meeting the provider recorded,
 * with the person's answer and a link to confirm or dispute it; and the person's problem reports
 * with their state and the officials' answer.
 */
export function MyAccountability({ lang, view, answered }: { lang: Lang; view: MyAccountabilityView; answered: string | null }) {
  const { t } = useTranslation("accountability");
  return (
    <>
      <section aria-labelledby="my-delivery" id="my-delivery-section">
        <h2 id="my-delivery">{t("my.deliveryHeading")}</h2>
        {answered && (
          <div className="notice notice--success" role="status">
            <p>{t("my.answered")}</p>
          </div>
        )}
        {view.items.length === 0 ? (
          <p>{t("my.noItems")}</p>
        ) : (
          <>
            <p>{t("my.deliveryLead")}</p>
            <ul className="card-list">
              {view.items.map((i) => (
                <li className="card" key={i.key}>
                  <h3>{t(i.kind === "meeting" ? "item.meeting" : "item.firstContact", { provider: i.provider, date: i.on })}</h3>
                  <p>{i.answer ? t(`answer.yours.${i.answer}`) : t("answer.none")}</p>
                  {i.note && <blockquote className="person-words">{i.note}</blockquote>}
                  {i.state && (
                    <p>
                      {t("state.label")}: {t(`state.${i.state}`)}
                    </p>
                  )}
                  {i.officialAnswer && (
                    <>
                      <p>{t("my.officialAnswer")}</p>
                      <blockquote className="person-words">{i.officialAnswer}</blockquote>
                    </>
                  )}
                  {i.changeable && (
                    <p>
                      <a href={`/${lang}/my/delivery/${i.key}`}>
                        {i.answer ? t("my.change") : t("my.confirmOrDispute")}
                        <span className="visually-hidden">
                          {": "}
                          {t(i.kind === "meeting" ? "item.meeting" : "item.firstContact", { provider: i.provider, date: i.on })}
                        </span>
                      </a>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="my-reports">
        <h2 id="my-reports">{t("my.reportsHeading")}</h2>
        {view.reports.length === 0 ? (
          <p>{t("my.noReports")}</p>
        ) : (
          <ul className="card-list">
            {view.reports.map((r) => (
              <li className="card" key={r.id}>
                <h3>{t("my.reportTitle", { provider: r.provider, date: r.on })}</h3>
                <p>
                  {t("category.label")}: {t(`category.${r.category}`)}
                </p>
                {r.description && <blockquote className="person-words">{r.description}</blockquote>}
                <p>
                  {t("state.label")}: {t(`state.${r.state}`)}
                  {r.handledOn && ` (${r.handledOn})`}
                </p>
                {r.answer && (
                  <>
                    <p>{t("my.officialAnswer")}</p>
                    <blockquote className="person-words">{r.answer}</blockquote>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="hint">{t("my.reportsHint")}</p>
      </section>
    </>
  );
}

import { useTranslation } from "react-i18next";
import type { ProfileAccountabilityView } from "~/view-models/accountability";
import type { Lang } from "~/i18n";

/**
 * A provider profile's accountability section (issue 16): problem reports per month and category,
 * meetings recorded and how customers answered about them, and first contacts within 5 working
 * days as customers confirmed them; the shares held back under the small-number rule. With the way
 * to report a problem.
 */
export function ProfileAccountability({ lang, slug, view }: { lang: Lang; slug: string; view: ProfileAccountabilityView }) {
  const { t } = useTranslation("accountability");
  const share = (x: number | null, n: number) => (x === null ? t("profile.tooFew") : t("profile.share", { x, n }));
  return (
    <section aria-labelledby="accountability">
      <h2 id="accountability">{t("profile.heading")}</h2>
      <p>{t("profile.lead", { count: view.threshold })}</p>
      <div className="table-wrap" role="region" aria-labelledby="accountability-caption" tabIndex={0}>
        <table className="official-table">
          <caption id="accountability-caption">{t("profile.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("profile.month")}</th>
              <th scope="col">{t("profile.reports")}</th>
              <th scope="col">{t("profile.meetings")}</th>
              <th scope="col">{t("profile.confirmed")}</th>
              <th scope="col">{t("profile.disputed")}</th>
              <th scope="col">{t("profile.contacts")}</th>
            </tr>
          </thead>
          <tbody>
            {view.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.label}</th>
                <td>
                  {m.reports}
                  {m.byCategory.length > 0 && (
                    <ul className="plain-list">
                      {m.byCategory.map((c) => (
                        <li key={c.category}>{t("profile.categoryCount", { category: t(`category.${c.category}`), count: c.count })}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{m.meetings}</td>
                <td>{m.meetings === 0 ? "–" : share(m.confirmed, m.meetings)}</td>
                <td>{m.meetings === 0 ? "–" : share(m.disputed, m.meetings)}</td>
                <td>{m.contactsInTime === 0 ? "–" : share(m.contactsConfirmed, m.contactsInTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t("profile.notes")}</p>
      {view.canReport && (
        <p>
          <a href={`/${lang}/providers/${slug}/report`}>{t("profile.reportLink")}</a>
        </p>
      )}
    </section>
  );
}

import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";

/** Shown by the root error boundary for that 403: in the page's language, with a way on. */
export function NoAccess({ lang }: { lang: Lang }) {
  const { t } = useTranslation("auth");
  return (
    <div className="page page--narrow">
      <h1>{t("noAccess.title")}</h1>
      <p className="lead">{t("noAccess.body")}</p>
      <ul className="link-list">
        <li>
          <a href={`/${lang}/my`}>{t("noAccess.toMyPage")}</a>
        </li>
        <li>
          <a href={`/${lang}`}>{t("noAccess.home")}</a>
        </li>
      </ul>
    </div>
  );
}

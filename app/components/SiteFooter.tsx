import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";

export function SiteFooter({ lang }: { lang: Lang }) {
  const { t } = useTranslation("common");
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t("footer.about")}</p>
        <ul>
          <li>
            <Link to={`/${lang}/accessibility`}>{t("footer.accessibility")}</Link>
          </li>
          <li>
            <Link to={`/${lang}/privacy`}>{t("footer.privacy")}</Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}

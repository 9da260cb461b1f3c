import { NavLink, useLocation } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";
import { AccountLinks } from "./AccountLinks";
import { LanguageSwitch } from "./LanguageSwitch";

/** The main navigation: each area of the service adds its entry here. */
export const navItems: { path: string; key: string }[] = [
  { path: "/eligibility", key: "nav.eligibility" },
  { path: "/providers", key: "nav.providers" },
];

export function SiteHeader({ lang }: { lang: Lang }) {
  const { t } = useTranslation("common");
  const { pathname } = useLocation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={`/${lang}`} className="site-header__name" reloadDocument={false}>
          <span className="site-header__logo" aria-hidden="true">
            V
          </span>
          <span>
            {t("siteName")}
            <span className="site-header__tagline">{t("tagline")}</span>
          </span>
        </Link>
        <LanguageSwitch lang={lang} />
        <AccountLinks lang={lang} />
      </div>
      {navItems.length > 0 && (
        <nav className="site-nav" aria-label={t("mainNavigation")}>
          <ul>
            {navItems.map((item) => (
              <li key={item.path}>
                {/* NavLink marks the current area, visibly too (styles.css): aria-current="page" on the
                    area's own page, "true" on a page inside it (a provider's profile). */}
                <NavLink to={`/${lang}${item.path}`} aria-current={pathname === `/${lang}${item.path}` ? "page" : "true"}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

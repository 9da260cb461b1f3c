import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";

/**
 * The header's sign-in state: "Sign in" (back to this page afterwards) or "My page" and
 * "Sign out". Plain links: signing in leaves the site for the identification service.
 */
export function AccountLinks({ lang }: { lang: Lang }) {
  const root = useRouteLoaderData<{ signedIn?: boolean }>("root");
  const location = useLocation();
  const { t } = useTranslation("common");
  const onAuthPage = /^\/(fi|sv|en)\/(sign-in|sign-out)(\/|$)/.test(location.pathname);
  const returnTo = onAuthPage ? "" : `?returnTo=${encodeURIComponent(location.pathname)}`;
  return (
    <nav className="account-links" aria-label={t("nav.account")}>
      <ul>
        {root?.signedIn ? (
          <>
            <li>
              <a href={`/${lang}/my`} aria-current={location.pathname === `/${lang}/my` ? "page" : undefined}>
                {t("nav.my")}
              </a>
            </li>
            <li>
              <a href={`/${lang}/sign-out`}>{t("nav.signOut")}</a>
            </li>
          </>
        ) : (
          <li>
            <a href={`/${lang}/sign-in${returnTo}`}>{t("nav.signIn")}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

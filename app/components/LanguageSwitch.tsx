import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languages, pathInLang, type Lang } from "~/i18n";

const ownName: Record<Lang, string> = { fi: "Suomeksi", sv: "På svenska", en: "In English" };

/** Plain links to the same page in the other languages, each named in its own language. */
export function LanguageSwitch({ lang }: { lang: Lang }) {
  const location = useLocation();
  const { t } = useTranslation("common");
  return (
    <nav className="language-switch" aria-label={t("languageSwitch")}>
      <ul>
        {languages
          .filter((l) => l !== lang)
          .map((l) => (
            <li key={l}>
              <a href={pathInLang(location.pathname, location.search, l)} lang={l} hrefLang={l}>
                {ownName[l]}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export const officialSections = ["overview", "rules", "providers", "results", "assessed-facts", "requests", "reports", "statistics", "audit"] as const;
export type OfficialSection = (typeof officialSections)[number];

export function sectionPath(lang: string, pilot: string, section: OfficialSection) {
  return `/${lang}/official/${pilot}${section === "overview" ? "" : `/${section}`}`;
}

/**
 * The frame of a pilot's back-office pages: where the official is (their pilots › this pilot),
 * the pilot's sections with the current one marked, and the page itself. Plain links: every page
 * is a document of its own and works without JavaScript.
 */
export function OfficialFrame({
  lang,
  pilot,
  section,
  children,
  narrow,
}: {
  lang: string;
  pilot: { slug: string; name: string; isExample: boolean };
  section: OfficialSection;
  children: ReactNode;
  narrow?: boolean;
}) {
  const { t } = useTranslation("official");
  return (
    <div className={`page official-page${narrow ? " page--narrow" : ""}`}>
      <nav className="official-crumbs" aria-label={t("frame.crumbs")}>
        <ol>
          <li>
            <a href={`/${lang}/official`}>{t("home.heading")}</a>
          </li>
          <li>
            <a href={sectionPath(lang, pilot.slug, "overview")} aria-current={section === "overview" ? "page" : undefined}>
              {pilot.name}
            </a>
          </li>
        </ol>
      </nav>
      <nav className="official-nav" aria-label={t("frame.sections")}>
        <ul>
          {officialSections.map((s) => (
            <li key={s}>
              <a href={sectionPath(lang, pilot.slug, s)} aria-current={s === section ? "page" : undefined}>
                {t(`frame.section.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {pilot.isExample && <p className="tag tag--example">{t("frame.example")}</p>}
      {children}
    </div>
  );
}

import { useTranslation } from "react-i18next";

type Section = { heading: string; paragraphs?: string[]; items?: string[] };

/**
 * A page of plain text kept in a locale namespace: `heading`, `lead`, `sections[]` (each a heading
 * with paragraphs and/or a list) and `updated`. Used by the accessibility statement and the
 * privacy notice, whose wording lawyers and editors change without touching code.
 */
export function ArticlePage({ ns }: { ns: string }) {
  const { t } = useTranslation(ns);
  const sections = t("sections", { returnObjects: true }) as Section[];
  return (
    <article className="page page--narrow">
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      {sections.map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          {s.paragraphs?.map((p) => <p key={p}>{p}</p>)}
          {s.items && (
            <ul>
              {s.items.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <p className="hint">{t("updated")}</p>
    </article>
  );
}

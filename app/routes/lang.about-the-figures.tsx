import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { methodChanges } from "~/domain/results";
import { formatDate } from "~/format";
import { pageMeta } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "figures");

export function loader({ params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  return { lang, changes: methodChanges.map((c) => ({ key: c.key, date: c.date, label: formatDate(c.date, lang) })) };
}

type Section = { heading: string; paragraphs: string[] };

export default function AboutTheFigures() {
  const { lang, changes } = useLoaderData<typeof loader>();
  const { t } = useTranslation("figures");
  const sections = t("sections", { returnObjects: true }) as Section[];
  return (
    <article className="page page--narrow">
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      <p className="notice notice--example">
        <span className="tag tag--example">{t("providers:example.tag")}</span> {t("example")}
      </p>
      {sections.map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}
      <section aria-labelledby="changes">
        <h2 id="changes">{t("changesHeading")}</h2>
        <ol className="changes">
          {changes.map((c) => (
            <li key={c.key}>
              <h3>
                <time dateTime={c.date}>{c.label}</time>
              </h3>
              <ul>
                {(t(`changes.${c.key}`, { returnObjects: true }) as string[]).map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      <ul className="link-list">
        <li>
          <Link to={`/${lang}/providers`}>{t("links.compare")}</Link>
        </li>
        <li>
          <Link to={`/${lang}/open-data`}>{t("links.openData")}</Link>
        </li>
      </ul>
    </article>
  );
}

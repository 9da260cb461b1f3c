import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { loadPilotSet } from "~/.server/eligibility/pilots.store";
import { exportColumns } from "~/domain/results";
import { accountabilityColumns } from "~/domain/accountability-words";
import { pageMeta } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "opendata");

export function loader({ params }: LoaderFunctionArgs) {
  // The small-number threshold below which results.csv leaves a month's satisfaction mean empty
  // (docs/decisions/064-open-data-small-cells.md): named when every pilot has the same one.
  const set = loadPilotSet();
  const thresholds = new Set(set.ok ? set.pilots.map((p) => p.smallNumberThreshold) : []);
  const threshold = thresholds.size === 1 ? [...thresholds][0] : null;
  // comparison.json's link asks for the first pilot's comparison by employment within 6 months.
  const firstPilot = set.ok ? (set.pilots[0]?.slug ?? null) : null;
  return { lang: langParam(params), threshold, firstPilot };
}

const endpoints = [
  { path: "/api/v1/results.csv", key: "resultsCsv" },
  { path: "/api/v1/results.json", key: "resultsJson" },
  { path: "/api/v1/providers.json", key: "providersJson" },
  { path: "/api/v1/comparison.json", key: "comparisonJson" },
] as const;

type Section = { heading: string; paragraphs?: string[]; items?: string[] };

export default function OpenData() {
  const { lang, threshold, firstPilot } = useLoaderData<typeof loader>();
  const hrefOf = (path: string) =>
    path === "/api/v1/comparison.json" && firstPilot ? `${path}?pilot=${firstPilot}&measure=employed_open_6m` : path;
  const { t } = useTranslation("opendata");
  const list = (key: string) => t(key, { returnObjects: true }) as string[];
  const section = (key: string) => t(key, { returnObjects: true }) as Section;
  const Block = ({ s, id }: { s: Section; id: string }) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{s.heading}</h2>
      {s.paragraphs?.map((p) => <p key={p}>{p}</p>)}
      {s.items && (
        <ul>
          {s.items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <article className="page page--narrow open-data">
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      <p className="notice notice--example">
        <span className="tag tag--example">{t("providers:example.tag")}</span> {t("example")}
      </p>

      <section aria-labelledby="endpoints">
        <h2 id="endpoints">{t("endpoints.heading")}</h2>
        <dl className="summary summary--wide">
          {endpoints.map((e) => (
            <div key={e.key}>
              <dt>
                <a href={hrefOf(e.path)}>
                  <code>{e.path}</code>
                </a>
              </dt>
              <dd>{t(`endpoints.${e.key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="columns">
        <h2 id="columns">{t("columns.heading")}</h2>
        <p>{t("columns.intro")}</p>
        <div className="table-wrap" role="region" aria-labelledby="columns-caption" tabIndex={0}>
          <table>
            <caption id="columns-caption">{t("columns.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.type")}</th>
                <th scope="col">{t("columns.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {exportColumns.map((c) => (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code>
                  </th>
                  <td>{t(`columns.types.${c}`)}</td>
                  <td>
                    {t(`columns.meanings.${c}`)}
                    {c === "satisfaction_mean" && (
                      <> {threshold === null ? t("columns.smallMeanVaries") : t("columns.smallMean", { threshold })}</>
                    )}
                  </td>
                </tr>
              ))}
              {/* Accountability per provider and month (issue 16; decision 071). */}
              {accountabilityColumns.map((c) => (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code>
                  </th>
                  <td>{t(`accountability:opendata.types.${c.startsWith("problem_reports_") ? "problem_reports" : c}`)}</td>
                  <td>
                    {c.startsWith("problem_reports_")
                      ? t("accountability:opendata.meanings.problem_reports_category", { category: t(`accountability:category.${c.slice("problem_reports_".length)}`) })
                      : t(`accountability:opendata.meanings.${c}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <Block s={section("format")} id="format" />
      <Block s={section("providers")} id="providers" />
      <Block s={section("comparison")} id="comparison" />
      <Block s={section("caching")} id="caching" />

      <section aria-labelledby="licence">
        <h2 id="licence">{t("licence.heading")}</h2>
        <p>{t("licence.body")}</p>
        <p>
          <a href={t("licence.url")} lang={lang} rel="license">
            {t("licence.link")}
          </a>
        </p>
        <p>
          {t("licence.attributionLabel")} <q>{t("licence.attribution")}</q>
        </p>
      </section>

      <section aria-labelledby="upload">
        <h2 id="upload">{t("upload.heading")}</h2>
        <p>{t("upload.intro")}</p>
        <ul>
          {list("upload.rules").map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>

      <ul className="link-list">
        <li>
          <Link to={`/${lang}/about-the-figures`}>{t("links.about")}</Link>
        </li>
        <li>
          <Link to={`/${lang}/providers`}>{t("links.compare")}</Link>
        </li>
      </ul>
    </article>
  );
}

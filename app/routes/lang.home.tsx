import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { homeLoader } from "~/.server/eligibility/pilots";
import { pageMeta } from "~/meta";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "home");

export function loader(args: LoaderFunctionArgs) {
  return homeLoader(args);
}

export default function Home() {
  const { lang, pilots, running, lockMonths } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  return (
    <div className="page">
      {/* The first screen of a phone (360 × 640): what this is, where it runs, and one thing to do. */}
      <h1>{t("heading")}</h1>
      <p className="home-lead">{t("lead")}</p>
      <div className="home-areas">
        {running.length > 0 ? (
          <>
            <h2 className="home-areas__label">{t("hero.running")}</h2>
            <ul>
              {running.map((p) => (
                <li key={p.slug}>
                  <span className="home-areas__names">{p.areas ?? t("hero.count", { count: p.count })}</span>
                  <span className="home-areas__pilot">{p.name}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="home-areas__label">{t("hero.none")}</p>
        )}
      </div>
      <p>
        <Link className="button" to={`/${lang}/eligibility`}>
          {t("steps.check.link")}
        </Link>
      </p>

      <section aria-labelledby="what">
        <h2 id="what">{t("what.heading")}</h2>
        <p>{t("what.p1")}</p>
        <p>{t("what.p2")}</p>
      </section>

      <section aria-labelledby="steps">
        <h2 id="steps">{t("steps.heading")}</h2>
        <ol className="steps">
          <li>
            <h3>{t("steps.check.title")}</h3>
            <p>{t("steps.check.body")}</p>
            <Link to={`/${lang}/eligibility`}>{t("steps.check.link")}</Link>
          </li>
          <li>
            <h3>{t("steps.compare.title")}</h3>
            <p>{t("steps.compare.body")}</p>
            <Link to={`/${lang}/providers`}>{t("steps.compare.link")}</Link>
          </li>
          <li>
            <h3>{t("steps.choose.title")}</h3>
            <p>{t("steps.choose.body")}</p>
            <Link to={`/${lang}/my`}>{t("steps.choose.link")}</Link>
          </li>
        </ol>
      </section>

      <section aria-labelledby="public" className="callout">
        <h2 id="public">{t("public.heading")}</h2>
        <p>{t("public.p1")}</p>
        {lockMonths > 0 && <p>{t("common:commitment", { count: lockMonths })}</p>}
        <p>{t("public.p2")}</p>
      </section>

      <section aria-labelledby="pilots">
        <h2 id="pilots">{t("pilots.heading")}</h2>
        <p>{t("pilots.intro")}</p>
        <ul className="card-list">
          {pilots.map((p) => (
            <li key={p.slug} className="card">
              <h3>{p.name}</h3>
              {p.isExample && <p className="tag tag--example">{t("pilots.example")}</p>}
              <p>
                {p.status === "running" &&
                  (p.endsOn ? t("pilots.runningUntil", { start: p.startsOn, end: p.endsOn }) : t("pilots.runningFrom", { start: p.startsOn }))}
                {p.status === "upcoming" && t("pilots.startsOn", { start: p.startsOn })}
                {p.status === "ended" && t("pilots.ended", { start: p.startsOn, end: p.endsOn })}
              </p>
              <p>
                {t(`pilots.model.${p.model}`)}{" "}
                {p.area ? t("pilots.area", { list: p.area.join(", ") }) : t("pilots.areaCount", { count: p.municipalityCount })}
              </p>
              {p.hasMerged && <p className="hint">{t("pilots.merged")}</p>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPilots, municipalitiesByCode } from "~/.server/eligibility/pilots.store";
import { pilotStatus, namesItsMunicipalities } from "~/domain/pilot";
import { longestLock } from "~/domain/switching";
import { formatDate, locales, municipalityName, todayInFinland } from "~/format";
import { pageMeta } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "home");

export function loader({ params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const today = todayInFinland();
  const pilots = loadPilots();
  // Pilots with a small area are listed by municipality; the national one by its reach.
  const codes = pilots.filter((p) => namesItsMunicipalities(p)).flatMap((p) => p.municipalities);
  const names = municipalitiesByCode(codes);
  const shown = pilots
    .map((p) => ({
      slug: p.slug,
      name: p.name[lang],
      isExample: p.isExample,
      status: pilotStatus(p, today),
      startsOn: formatDate(p.startsOn, lang),
      endsOn: p.endsOn ? formatDate(p.endsOn, lang) : null,
      model: p.model,
      area:
        namesItsMunicipalities(p)
          ? p.municipalities
              .map((c) => names.get(c))
              .filter((m) => m !== undefined)
              .map((m) => municipalityName(m, lang) + (m.mergedInto ? "*" : ""))
          : null,
      municipalityCount: p.municipalities.length,
      hasMerged: p.municipalities.some((c) => names.get(c)?.mergedInto),
    }))
    // Running pilots first, then the newest.
    .sort((a, b) => Number(b.status === "running") - Number(a.status === "running") || (a.slug < b.slug ? -1 : 1));
  // The first screen names where a pilot runs today, from the data: its municipalities, or its reach.
  const list = new Intl.ListFormat(locales[lang], { type: "conjunction" });
  const running = shown
    .filter((p) => p.status === "running")
    .map((p) => ({ slug: p.slug, name: p.name, areas: p.area ? list.format(p.area.map((a) => a.replace(/\*$/, ""))) : null, count: p.municipalityCount }));
  return { lang, pilots: shown, running, lockMonths: longestLock(pilots, today) };
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

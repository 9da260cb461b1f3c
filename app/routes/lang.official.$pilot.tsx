import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { overviewLoader } from "~/.server/official/overview";
import { OfficialFrame, sectionPath } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "overview", data);

/** /{lang}/official/{pilot}: the pilot at a glance, and the way to each task. */
export function loader(args: LoaderFunctionArgs) {
  return overviewLoader(args);
}

export default function PilotOverview() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  const path = (s: Parameters<typeof sectionPath>[2]) => sectionPath(d.lang, d.pilot.slug, s);
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="overview">
      <h1>{d.pilot.name}</h1>
      <dl className="summary">
        <dt>{t("overview.status")}</dt>
        <dd>
          {t(`status.${d.status}`)}
          {": "}
          {d.endsOn ? t("home.dates", { start: d.startsOn, end: d.endsOn }) : t("home.from", { start: d.startsOn })}
        </dd>
        <dt>{t("overview.area")}</dt>
        <dd>{d.area ? d.area.join(", ") : t("overview.areaCount", { count: d.municipalityCount })}</dd>
        <dt>{t("overview.lock")}</dt>
        <dd>{d.lockMonths === 0 ? t("overview.noLock") : t("overview.lockMonths", { count: d.lockMonths })}</dd>
        <dt>{t("overview.threshold")}</dt>
        <dd>{t("overview.thresholdValue", { count: d.threshold })}</dd>
      </dl>
      <h2>{t("overview.tasks")}</h2>
      <ul className="card-list">
        <li className="card">
          <h3>
            <a href={path("rules")}>{t("frame.section.rules")}</a>
          </h3>
          <p>{t("overview.rulesBody")}</p>
        </li>
        <li className="card">
          <h3>
            <a href={path("providers")}>{t("frame.section.providers")}</a>
          </h3>
          <p>{t("overview.providersBody", { active: d.providers.active, count: d.providers.total })}</p>
        </li>
        <li className="card">
          <h3>
            <a href={path("results")}>{t("frame.section.results")}</a>
          </h3>
          <p>
            {d.results
              ? t("overview.resultsBody", { latest: d.results.latest, count: d.results.months })
              : t("overview.resultsNone")}
          </p>
        </li>
        <li className="card">
          <h3>
            <a href={path("requests")}>{t("frame.section.requests")}</a>
          </h3>
          <p>{t("home.pending", { count: d.pendingRequests })}</p>
        </li>
        <li className="card">
          <h3>
            <a href={path("reports")}>{t("frame.section.reports")}</a>
          </h3>
          <p>{t("accountability:queue.openOverview", { count: d.openCases })}</p>
        </li>
        <li className="card">
          <h3>
            <a href={path("statistics")}>{t("frame.section.statistics")}</a>
          </h3>
          <p>{t("overview.statisticsBody")}</p>
        </li>
        <li className="card">
          <h3>
            <a href={path("audit")}>{t("frame.section.audit")}</a>
          </h3>
          <p>{t("overview.auditBody")}</p>
        </li>
      </ul>
    </OfficialFrame>
  );
}

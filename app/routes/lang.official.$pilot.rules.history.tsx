import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { historyLoader } from "~/.server/official/pilots";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "history", data);

/** /{lang}/official/{pilot}/rules/history: every saved version of the pilot's rules, newest first. */
export function loader(args: LoaderFunctionArgs) {
  return historyLoader(args);
}

export default function RuleHistory() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="rules">
      <h1>{t("history.heading")}</h1>
      <p className="lead">{t("history.lead")}</p>
      <p>
        <a href={`/${d.lang}/official/${d.pilot.slug}/rules`}>{t("history.back")}</a>
      </p>
      <ol className="history-list" reversed>
        {d.versions.map((v, i) => (
          <li key={v.id} className="card">
            <h2>
              {i === 0 ? t("history.current", { date: v.savedAt }) : t("history.version", { date: v.savedAt })}
            </h2>
            <p>{t("history.savedBy", { who: v.savedBy })}</p>
            <h3>{t("history.changes")}</h3>
            <ul>
              {v.changes.map((c, j) => (
                <li key={j}>{c}</li>
              ))}
            </ul>
            {v.lockMonths !== null && (
              <details>
                <summary>{t("history.rulesOfVersion")}</summary>
                <p>
                  {t("overview.lock")}: {v.lockMonths === 0 ? t("overview.noLock") : t("overview.lockMonths", { count: v.lockMonths })}
                  {" · "}
                  {t("overview.threshold")}: {t("overview.thresholdValue", { count: v.threshold ?? 0 })}
                </p>
                {v.rules.map((l) => (
                  <div key={l.list}>
                    <p className="history-list__list">{t(`rules.lists.${l.list}.name`)}</p>
                    {l.conditions.length === 0 ? (
                      <p>{t(`rules.lists.${l.list}.empty`)}</p>
                    ) : (
                      <ul>
                        {l.conditions.map((c, j) => (
                          <li key={j}>{c}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                ))}
              </details>
            )}
          </li>
        ))}
      </ol>
    </OfficialFrame>
  );
}

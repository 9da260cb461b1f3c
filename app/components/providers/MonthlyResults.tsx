import { shareMeasures } from "~/domain/results";
import { useKeptMarkup } from "~/kept-bytes";
import { ChartKey } from "./FigureList";
import { ResultsChart } from "./ResultsChart";
import { element, escapeMarkup, keptMarkup } from "./svgMarkup";
import { useCachedT } from "./useCachedT";
import type { ProfileView } from "../../view-models/providers";

/**
 * A provider's results month by month: a small chart per measure, and one table with every figure,
 * which is the charts' text alternative (each chart's description points to it).
 */
export function MonthlyResults({ results, name }: { results: NonNullable<ProfileView["results"]>; name: string }) {
  const t = useCachedT("providers");
  const kept = useKeptMarkup();
  const { months } = results;
  if (months.length === 0) {
    return (
      <>
        <h3>{t("providers:profile.monthly.heading")}</h3>
        <p>{t("providers:figure.none")}</p>
      </>
    );
  }
  const axis: [string, string, string] = [t("providers:profile.monthly.axis0"), t("providers:profile.monthly.axis50"), t("providers:profile.monthly.axis100")];
  const notKnown = t("providers:profile.monthly.notKnown");
  const cell = (m: (typeof months)[number], measure: (typeof shareMeasures)[number]) => {
    const v = m.shares[measure];
    if (v === null) return element("span", { class: "hint" }, escapeMarkup(notKnown));
    return escapeMarkup(v.percent === null ? String(v.x) : `${v.x} (${v.percent})`);
  };
  // The table's rows, newest first, as markup kept per months shown (./svgMarkup.ts: the same bytes React would write).
  const rows = keptMarkup(`months\u0000${notKnown}\u0000${JSON.stringify(months)}`, () =>
    [...months]
      .reverse()
      .map((m) =>
        element(
          "tr",
          {},
          element("th", { scope: "row" }, escapeMarkup(m.label)) +
            element("td", {}, String(m.started)) +
            shareMeasures.map((measure) => element("td", {}, cell(m, measure))).join("") +
            element("td", {}, escapeMarkup(m.satisfaction.mean ?? "–")) +
            element("td", {}, String(m.satisfaction.responses)),
        ),
      )
      .join(""),
  );
  return (
    <>
      <h3>{t("providers:profile.monthly.heading")}</h3>
      <p>{t("providers:profile.monthly.intro", { span: results.span ?? "", threshold: results.pilot.threshold })}</p>
      <ChartKey monthly />
      <div className="charts">
        {shareMeasures.map((measure) => {
          const ref = results.reference[measure];
          return (
            <figure key={measure} className="chart-figure">
              <figcaption>{t(`providers:measures.${measure}.label`)}</figcaption>
              <ResultsChart
                id={`chart-${measure}`}
                title={t("providers:profile.monthly.chartTitle", { measure: t(`providers:measures.${measure}.label`), name })}
                description={
                  t("providers:profile.monthly.chartDescription", { span: results.span ?? "" }) +
                  (ref ? ` ${t("providers:profile.monthly.chartReference", { value: ref.percent })}` : "")
                }
                months={months}
                values={months.map((m) => m.shares[measure]?.share ?? null)}
                reference={ref?.estimate}
                axisLabels={axis}
              />
            </figure>
          );
        })}
      </div>
      {/* The table's name stands above its scrolling box, so that it is read whole at 360 px. */}
      <p id="monthly-caption" className="table-caption">
        {t("providers:profile.monthly.tableCaption", { name })}
      </p>
      <div className="table-wrap" role="region" aria-labelledby="monthly-caption" tabIndex={0}>
        <table className="monthly-table" aria-labelledby="monthly-caption">
          <thead>
            <tr>
              <th scope="col">{t("providers:profile.monthly.month")}</th>
              <th scope="col">{t("providers:profile.monthly.started")}</th>
              {shareMeasures.map((m) => (
                <th key={m} scope="col">
                  {t(`providers:measures.${m}.short`)}
                </th>
              ))}
              <th scope="col">{t("providers:measures.satisfaction.short")}</th>
              <th scope="col">{t("providers:profile.monthly.answers")}</th>
            </tr>
          </thead>
          <tbody dangerouslySetInnerHTML={{ __html: kept(rows) }} />
        </table>
      </div>
      <p className="hint">{t("providers:profile.monthly.tableNote", { threshold: results.pilot.threshold })}</p>
    </>
  );
}

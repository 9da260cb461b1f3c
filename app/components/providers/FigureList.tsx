import { useTranslation } from "react-i18next";
import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { IntervalGraphic, MeanGraphic } from "./IntervalGraphic";
import type { FiguresView, ReferenceView } from "./types";

/**
 * Every published measure of one provider (or the public service): the share in words with its
 * plain-language range, and the interval graphic. Too few customers is said as such, never as 0 %.
 */
export function FigureList({
  id,
  figures,
  reference,
  first,
}: {
  /** Unique on the page: the graphics' text alternatives are named from it. */
  id: string;
  figures: FiguresView;
  /** The public service's shares, marked on each graphic (omit for the public service itself). */
  reference?: ReferenceView;
  /** The measure the list is sorted by comes first. */
  first?: ShareMeasure;
}) {
  const { t } = useTranslation("providers");
  const order = first ? [first, ...shareMeasures.filter((m) => m !== first)] : shareMeasures;
  const s = figures.satisfaction;
  return (
    <dl className="figures">
      {order.map((m) => {
        const f = figures.shares[m];
        const ref = reference?.[m];
        return (
          <div key={m} className={m === first ? "figure figure--sorted" : "figure"}>
            <dt>{t(`measures.${m}.label`)}</dt>
            <dd>
              {f.kind === "shown" && (
                <>
                  <p className="figure__text">
                    <strong className="figure__value">{f.percent}</strong> {t("figure.range", { low: f.low, high: f.high, count: f.n })}
                  </p>
                  <IntervalGraphic
                    id={`${id}-${m}`}
                    label={
                      t("figure.graphic", { value: f.percent, low: f.low, high: f.high }) +
                      (ref ? ` ${t("figure.graphicReference", { value: ref.percent })}` : "")
                    }
                    estimate={f.estimate}
                    lower={f.lower}
                    upper={f.upper}
                    reference={ref?.estimate}
                  />
                </>
              )}
              {f.kind === "too-few" && (
                <p className="figure__text figure__text--too-few">
                  {t("figure.tooFew")} <span className="hint">{t("figure.customers", { count: f.n })}</span>
                </p>
              )}
              {f.kind === "none" && <p className="figure__text figure__text--too-few">{t("figure.none")}</p>}
            </dd>
          </div>
        );
      })}
      <div className="figure">
        <dt>{t("measures.satisfaction.label")}</dt>
        <dd>
          {s.kind === "shown" && (
            <>
              <p className="figure__text">
                <strong className="figure__value">{t("figure.mean", { value: s.mean })}</strong> {t("figure.answers", { count: s.responses })}
              </p>
              <MeanGraphic id={`${id}-satisfaction`} label={t("figure.meanGraphic", { value: s.mean })} value={s.value} />
            </>
          )}
          {s.kind === "too-few" && (
            <p className="figure__text figure__text--too-few">
              {t("figure.tooFewAnswers")} <span className="hint">{t("figure.answers", { count: s.responses })}</span>
            </p>
          )}
          {s.kind === "none" && <p className="figure__text figure__text--too-few">{t("figure.none")}</p>}
        </dd>
      </div>
    </dl>
  );
}

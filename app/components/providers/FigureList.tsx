import { useTranslation } from "react-i18next";
import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { IntervalGraphic, MeanGraphic } from "./IntervalGraphic";
import type { FiguresView, MeanView, ReferenceView, ShareView } from "./types";

/**
 * A published result in words and as a graphic: the share with its plain-language range, or
 * "too few customers yet", never a 0 % in disguise. Used once per provider in the list and for
 * every measure on a profile.
 */
export function ShareFigure({
  id,
  measure,
  figure,
  reference,
  highlight,
}: {
  /** Unique on the page: the graphic's text alternative is named from it. */
  id: string;
  measure: ShareMeasure;
  figure: ShareView;
  /** The public service's share, marked on the graphic (omit for the public service itself). */
  reference?: { estimate: number; percent: string };
  highlight?: boolean;
}) {
  const { t } = useTranslation("providers");
  return (
    <div className={highlight ? "figure figure--sorted" : "figure"}>
      <dt>{t(`measures.${measure}.label`)}</dt>
      <dd>
        {figure.kind === "shown" && (
          <>
            <p className="figure__text">
              <strong className="figure__value">{figure.percent}</strong> {t("figure.range", { low: figure.low, high: figure.high, count: figure.n })}
            </p>
            <IntervalGraphic
              id={`${id}-${measure}`}
              label={
                t("figure.graphic", { value: figure.percent, low: figure.low, high: figure.high }) +
                (reference ? ` ${t("figure.graphicReference", { value: reference.percent })}` : "")
              }
              estimate={figure.estimate}
              lower={figure.lower}
              upper={figure.upper}
              reference={reference?.estimate}
            />
          </>
        )}
        {figure.kind === "too-few" && (
          <p className="figure__text">
            {t("figure.tooFew")} <span className="hint">{t("figure.customers", { count: figure.n })}</span>
          </p>
        )}
        {figure.kind === "none" && <p className="figure__text">{t("figure.none")}</p>}
      </dd>
    </div>
  );
}

export function MeanFigure({ id, figure }: { id: string; figure: MeanView }) {
  const { t } = useTranslation("providers");
  return (
    <div className="figure">
      <dt>{t("measures.satisfaction.label")}</dt>
      <dd>
        {figure.kind === "shown" && (
          <>
            <p className="figure__text">
              <strong className="figure__value">{t("figure.mean", { value: figure.mean })}</strong> {t("figure.answers", { count: figure.responses })}
            </p>
            <MeanGraphic id={`${id}-satisfaction`} label={t("figure.meanGraphic", { value: figure.mean })} value={figure.value} />
          </>
        )}
        {figure.kind === "too-few" && (
          <p className="figure__text">
            {t("figure.tooFewAnswers")} <span className="hint">{t("figure.answers", { count: figure.responses })}</span>
          </p>
        )}
        {figure.kind === "none" && <p className="figure__text">{t("figure.none")}</p>}
      </dd>
    </div>
  );
}

/** Every measure of one provider (or the public service). */
export function FigureList({
  id,
  figures,
  reference,
  first,
}: {
  id: string;
  figures: FiguresView;
  reference?: ReferenceView;
  /** The measure the list is sorted by or shows comes first, highlighted. */
  first?: ShareMeasure | "satisfaction";
}) {
  const order = first && first !== "satisfaction" ? [first, ...shareMeasures.filter((m) => m !== first)] : shareMeasures;
  const mean = <MeanFigure id={id} figure={figures.satisfaction} />;
  return (
    <dl className="figures">
      {first === "satisfaction" && mean}
      {order.map((m) => (
        <ShareFigure key={m} id={id} measure={m} figure={figures.shares[m]} reference={reference?.[m]} highlight={m === first} />
      ))}
      {first !== "satisfaction" && mean}
    </dl>
  );
}

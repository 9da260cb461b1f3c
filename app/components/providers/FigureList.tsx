import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { IntervalGraphic, MeanGraphic } from "./IntervalGraphic";
import { useCachedT } from "./useCachedT";
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
  const t = useCachedT("providers");
  return (
    <div className={highlight ? "figure figure--sorted" : "figure"}>
      <dt>{t(`providers:measures.${measure}.label`)}</dt>
      <dd>
        {figure.kind === "shown" && (
          <>
            <p className="figure__text">
              <strong className="figure__value">{figure.percent}</strong> {t("providers:figure.range", { low: figure.low, high: figure.high, count: figure.n })}
            </p>
            <IntervalGraphic
              id={`${id}-${measure}`}
              label={
                t("providers:figure.graphic", { value: figure.percent, low: figure.low, high: figure.high }) +
                (reference ? ` ${t("providers:figure.graphicReference", { value: reference.percent })}` : "")
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
            {t("providers:figure.tooFew")} <span className="hint">{t("providers:figure.customers", { count: figure.n })}</span>
          </p>
        )}
        {figure.kind === "none" && <p className="figure__text">{t("providers:figure.none")}</p>}
      </dd>
    </div>
  );
}

export function MeanFigure({ id, figure }: { id: string; figure: MeanView }) {
  const t = useCachedT("providers");
  return (
    <div className="figure">
      <dt>{t("providers:measures.satisfaction.label")}</dt>
      <dd>
        {figure.kind === "shown" && (
          <>
            <p className="figure__text">
              <strong className="figure__value">{t("providers:figure.mean", { value: figure.mean })}</strong> {t("providers:figure.answers", { count: figure.responses })}
            </p>
            <MeanGraphic id={`${id}-satisfaction`} label={t("providers:figure.meanGraphic", { value: figure.mean })} value={figure.value} />
          </>
        )}
        {figure.kind === "too-few" && (
          <p className="figure__text">
            {/* A count, not an average: "average of 4 answers" read as a score of 4. */}
            {t("providers:figure.tooFewAnswers")} <span className="hint">{t("providers:figure.answersSoFar", { count: figure.responses })}</span>
          </p>
        )}
        {figure.kind === "none" && <p className="figure__text">{t("providers:figure.none")}</p>}
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

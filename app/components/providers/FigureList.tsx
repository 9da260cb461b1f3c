import type { ReactNode } from "react";
import { useKeptMarkup } from "~/kept-bytes";
import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { IntervalGraphic, MeanGraphic, intervalMarkup, meanMarkup } from "./IntervalGraphic";
import { element, escapeMarkup, keptMarkup } from "./svgMarkup";
import { useCachedT } from "./useCachedT";
import type { FiguresView, MeanView, ReferenceView, ShareView } from "../../view-models/providers";

/**
 * A published result in words and as a graphic: the figure's one sentence (made on the server by
 * app/.server/providers/figure-sentence.ts: the share in words with its range, the public service's and the
 * verdict against it), or "too few customers yet", never a 0 % in disguise. Used once per provider
 * in the list and for every measure on a profile.
 *
 * A figure with its sentence (every figure the server makes) is drawn as markup made once per
 * figure and kept (./svgMarkup.ts: the same bytes React would write), inside React's own element.
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
  const kept = useKeptMarkup();
  const inner = shareFigureInner(t, { id, measure, figure, reference });
  if (inner !== null) return <div className={highlight ? "figure figure--sorted" : "figure"} dangerouslySetInnerHTML={{ __html: kept(inner) }} />;
  return (
    <div className={highlight ? "figure figure--sorted" : "figure"}>
      <dt>{t(`providers:measures.${measure}.label`)}</dt>
      <dd>
        {figure.kind === "shown" && (
          <>
            {/* Above the figure, as in the kept markup (shareFigureMarkup). */}
            {figure.verdict && figure.verdict !== "too_few" && <VerdictTag verdict={figure.verdict} />}
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
              scale={[t("providers:profile.monthly.axis0"), t("providers:profile.monthly.axis50"), t("providers:profile.monthly.axis100")]}
            />
          </>
        )}
        {figure.kind === "too-few" && (
          <p className="figure__text">
            {figure.sentence ?? (
              <>
                {t("providers:figure.tooFew")} <span className="hint">{t("providers:figure.customers", { count: figure.n })}</span>
              </>
            )}
          </p>
        )}
        {figure.kind === "none" && <p className="figure__text">{figure.sentence ?? t("providers:figure.none")}</p>}
      </dd>
    </div>
  );
}

export function MeanFigure({ id, figure }: { id: string; figure: MeanView }) {
  const t = useCachedT("providers");
  const kept = useKeptMarkup();
  const inner = meanFigureInner(t, id, figure);
  if (inner !== null) return <div className="figure" dangerouslySetInnerHTML={{ __html: kept(inner) }} />;
  return (
    <div className="figure">
      <dt>{t("providers:measures.satisfaction.label")}</dt>
      <dd>
        {figure.kind === "shown" && (
          <>
            <p className="figure__text">
              {figure.sentence ?? (
                <>
                  <strong className="figure__value">{t("providers:figure.mean", { value: figure.mean })}</strong> {t("providers:figure.answers", { count: figure.responses })}
                </>
              )}
            </p>
            <MeanGraphic id={`${id}-satisfaction`} label={t("providers:figure.meanGraphic", { value: figure.mean })} value={figure.value} />
          </>
        )}
        {figure.kind === "too-few" && (
          <p className="figure__text">
            {/* A count, not an average: "average of 4 answers" read as a score of 4. */}
            {figure.sentence ?? (
              <>
                {t("providers:figure.tooFewAnswers")} <span className="hint">{t("providers:figure.answersSoFar", { count: figure.responses })}</span>
              </>
            )}
          </p>
        )}
        {figure.kind === "none" && <p className="figure__text">{figure.sentence ?? t("providers:figure.none")}</p>}
      </dd>
    </div>
  );
}

type T = ReturnType<typeof useCachedT>;

/**
 * The inside of a figure's `<div class="figure">` (its name and its words, verdict and graphic) as
 * markup kept per figure, or null for a figure without a sentence (drawn by React instead).
 */
export function shareFigureInner(
  t: T,
  { id, measure, figure, reference }: { id: string; measure: ShareMeasure; figure: ShareView; reference?: { estimate: number; percent: string } },
): string | null {
  if (figure.sentence === undefined) return null;
  // The server keeps a figure's view while the data is unchanged, so the same object comes back
  // request after request: its markup is found by it without building the key below.
  const found = `${t.lang}\u0000${id}\u0000${measure}\u0000${reference?.estimate}\u0000${reference?.percent}`;
  let forFigure = madeForFigure.get(figure);
  if (!forFigure) madeForFigure.set(figure, (forFigure = new Map<string, string>()));
  let markup = forFigure.get(found);
  if (markup === undefined) forFigure.set(found, (markup = shareFigureMarkup(t, figure.sentence, { id, measure, figure, reference })));
  return markup;
}

const madeForFigure = new WeakMap<ShareView, Map<string, string>>();

function shareFigureMarkup(
  t: T,
  sentenceText: string,
  { id, measure, figure, reference }: { id: string; measure: ShareMeasure; figure: ShareView; reference?: { estimate: number; percent: string } },
): string {
  const label = t(`providers:measures.${measure}.label`);
  const sentence = element("p", { class: "figure__text" }, escapeMarkup(sentenceText));
  let key = `share\u0000${label}\u0000${figure.kind}\u0000${sentenceText}`;
  let make = () => element("dt", {}, escapeMarkup(label)) + element("dd", {}, sentence);
  if (figure.kind === "shown") {
    const verdict = figure.verdict && figure.verdict !== "too_few" ? t(`providers:sentence.verdict.${figure.verdict}`) : null;
    const graphic = {
      id: `${id}-${measure}`,
      label:
        t("providers:figure.graphic", { value: figure.percent, low: figure.low, high: figure.high }) +
        (reference ? ` ${t("providers:figure.graphicReference", { value: reference.percent })}` : ""),
      estimate: figure.estimate,
      lower: figure.lower,
      upper: figure.upper,
      reference: reference?.estimate,
      scale: [t("providers:profile.monthly.axis0"), t("providers:profile.monthly.axis50"), t("providers:profile.monthly.axis100")] as [string, string, string],
    };
    key += `\u0000${figure.verdict}\u0000${verdict}\u0000${graphic.id}\u0000${graphic.label}\u0000${figure.estimate}\u0000${figure.lower}\u0000${figure.upper}\u0000${graphic.reference}\u0000${graphic.scale.join("\u0000")}`;
    // The verdict stands as a tag above the sentence, which then says the rest (read once, not twice).
    make = () =>
      element("dt", {}, escapeMarkup(label)) +
      element(
        "dd",
        {},
        (verdict !== null
          ? element("p", { class: `verdict verdict--${figure.verdict}` }, escapeMarkup(verdict)) +
            element("p", { class: "figure__text" }, escapeMarkup(withoutVerdict(sentenceText, verdict)))
          : sentence) + intervalMarkup(graphic),
      );
  }
  return keptMarkup(key, make);
}

/** The inside of a mean's `<div class="figure">` as markup kept per figure, or null for one without a sentence. */
export function meanFigureInner(t: T, id: string, figure: MeanView): string | null {
  if (figure.sentence === undefined) return null;
  const label = t("providers:measures.satisfaction.label");
  const sentence = element("p", { class: "figure__text" }, escapeMarkup(figure.sentence));
  let key = `mean\u0000${label}\u0000${figure.kind}\u0000${figure.sentence}`;
  let make = () => element("dt", {}, escapeMarkup(label)) + element("dd", {}, sentence);
  if (figure.kind === "shown") {
    const graphicId = `${id}-satisfaction`;
    const graphicLabel = t("providers:figure.meanGraphic", { value: figure.mean });
    key += `\u0000${graphicId}\u0000${graphicLabel}\u0000${figure.value}`;
    make = () => element("dt", {}, escapeMarkup(label)) + element("dd", {}, sentence + meanMarkup(graphicId, graphicLabel, figure.value));
  }
  return keptMarkup(key, make);
}

/**
 * A figure's sentence without its verdict, for where the verdict stands as a tag above it. The
 * sentence is its parts joined by spaces (app/.server/providers/figure-sentence.ts), the verdict one
 * of them, word for word the tag's text (tests/unit/figure-sentence.test.ts).
 */
export function withoutVerdict(sentence: string, verdict: string): string {
  const at = sentence.indexOf(` ${verdict}`);
  return at === -1 ? sentence : sentence.slice(0, at) + sentence.slice(at + verdict.length + 1);
}

/** The verdict against the public service as a short visible tag (for a figure without a sentence). */
export function VerdictTag({ verdict }: { verdict: "better" | "similar" | "worse" }) {
  const t = useCachedT("providers");
  return <p className={`verdict verdict--${verdict}`}>{t(`providers:sentence.verdict.${verdict}`)}</p>;
}

/**
 * How to read the graphics, beside them: the scale, the range, the dot and the public service's
 * dashed line, each with a small drawing of its mark.
 */
export function ChartKey({ monthly }: { monthly?: boolean }) {
  const t = useCachedT("providers");
  const mark = (d: ReactNode) => (
    <svg className="chart-key__mark" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true" focusable="false">
      {d}
    </svg>
  );
  return (
    <div className="chart-key">
      <p className="chart-key__heading">{t("providers:chartKey.heading")}</p>
      <ul className="chart-key__list">
        <li>{t("providers:chartKey.scale")}</li>
        {monthly ? (
          <li>
            {mark(<circle className="month" cx="12" cy="6" r="3" />)} {t("providers:chartKey.month")}
          </li>
        ) : (
          <>
            <li>
              {mark(<line className="range" x1="3" y1="6" x2="21" y2="6" />)} {t("providers:chartKey.range")}
            </li>
            <li>
              {mark(<circle cx="12" cy="6" r="4.5" />)} {t("providers:chartKey.figure")}
            </li>
          </>
        )}
        <li>
          {mark(<line className="ref" x1="12" y1="0" x2="12" y2="12" />)} {t("providers:chartKey.public")}
        </li>
      </ul>
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

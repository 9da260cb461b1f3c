import type { ShareMeasure } from "~/domain/results";
import type { Interval, MeanFigure, ShareFigure } from "~/domain/statistics";
import type { Verdict } from "~/domain/verdict";
import { tFor, type Lang } from "~/i18n";
import { decimal, percent } from "./format";

/**
 * The one sentence about a published figure (docs/decisions/068-verdicts-and-figure-sentences.md).
 * Every page that shows a figure (the comparison, a profile, the choice step, My page) shows the
 * sentence this module makes, in the reader's language from the locale files (providers:sentence),
 * for someone with basic reading skills:
 *
 *   "About 6 in 10 of 236 customers had a job on the open labour market within 6 months (somewhere
 *    between 55 % and 67 %). Public service: about 4 in 10. Clearly better than the public service.
 *    Taking into account whom it serves: 58 % (somewhere between 52 % and 64 %), clearly better
 *    than the public service."
 *
 * Too few customers never reads as a score: the count comes first, in words ("Only 4 customers so
 * far: too few to show a figure").
 */

export type ShareSentenceInput = {
  measure: ShareMeasure;
  /** The subject's figure; undefined when nothing is published. */
  figure: ShareFigure | undefined;
  /** The public service's figure of the same pilot, period and measure; omit for the public service itself. */
  publicService?: ShareFigure;
  /** The verdict against the public service (app/domain/verdict.ts); omit for the public service itself. */
  verdict?: Verdict | null;
  /** A figure adjusted for whom the provider serves, where a breakdown by customer group exists. */
  adjusted?: Interval | null;
  /** The verdict of the adjusted figure against the public service's adjusted figure (app/.server/providers/results-groups.store.ts). */
  adjustedVerdict?: Verdict | null;
};

/** "about 6 in 10", "fewer than 1 in 10", "nearly all" in the reader's language (lower case). */
export function shareInWords(lang: Lang, share: number): string {
  const t = tFor(lang);
  if (share <= 0) return t("providers:sentence.share.none");
  if (share >= 1) return t("providers:sentence.share.all");
  const tenths = Math.round(share * 10);
  if (tenths === 0) return t("providers:sentence.share.under");
  if (tenths === 10) return t("providers:sentence.share.almostAll");
  return t("providers:sentence.share.tenths", { count: tenths });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function shareSentence(lang: Lang, input: ShareSentenceInput): string {
  const t = tFor(lang);
  const { figure } = input;
  if (!figure) return t("providers:figure.none");
  if (figure.kind === "too-few") return figure.n === 0 ? t("providers:sentence.noCustomers") : t("providers:sentence.tooFew", { count: figure.n });
  const parts = [
    t("providers:sentence.main", {
      share: capitalise(shareInWords(lang, figure.estimate)),
      count: figure.n,
      outcome: t(`providers:sentence.outcome.${input.measure}`),
      low: percent(lang, figure.lower),
      high: percent(lang, figure.upper),
    }),
  ];
  if (input.publicService !== undefined) {
    parts.push(
      input.publicService.kind === "shown"
        ? t("providers:sentence.public", { share: shareInWords(lang, input.publicService.estimate) })
        : t("providers:sentence.publicTooFew"),
    );
  }
  if (input.verdict) parts.push(t(`providers:sentence.verdict.${input.verdict}`));
  // Last, the figure adjusted for whom the subject serves, with its own verdict in the same sentence.
  if (input.adjusted) {
    const range = { share: percent(lang, input.adjusted.estimate), low: percent(lang, input.adjusted.lower), high: percent(lang, input.adjusted.upper) };
    const { adjustedVerdict } = input;
    parts.push(
      adjustedVerdict && adjustedVerdict !== "too_few" ? t(`providers:sentence.adjustedVerdict.${adjustedVerdict}`, range) : t("providers:sentence.adjusted", range),
    );
  }
  return parts.join(" ");
}

export function meanSentence(lang: Lang, figure: MeanFigure | undefined): string {
  const t = tFor(lang);
  if (!figure) return t("providers:figure.none");
  if (figure.kind === "too-few") return figure.responses === 0 ? t("providers:sentence.noAnswers") : t("providers:sentence.meanTooFew", { count: figure.responses });
  return t("providers:sentence.mean", { value: decimal(lang, figure.mean), count: figure.responses });
}

/** "New: results after 12 months (5 months so far)", for a provider with fewer published months. */
export function newProviderSentence(lang: Lang, months: number, after: number): string {
  return tFor(lang)("providers:sentence.new", { count: months, after });
}

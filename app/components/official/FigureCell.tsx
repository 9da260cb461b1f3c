import { useTranslation } from "react-i18next";
import type { MeanView, ShareView } from "~/view-models/providers";

type Cell = { now: ShareView | MeanView; after: ShareView | MeanView; changed: boolean };

function figureText(v: ShareView | MeanView, t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (v.kind === "none") return t("preview.figure.none");
  if (v.kind === "too-few") return t("preview.figure.tooFew", { count: "n" in v ? v.n : v.responses });
  if ("percent" in v) return t("preview.figure.share", { percent: v.percent, low: v.low, high: v.high, count: v.n });
  return t("preview.figure.mean", { mean: v.mean, count: v.responses });
}

/** One figure of the comparison after publication, and what it is now when that differs. */
export function FigureCell({ cell }: { cell: Cell }) {
  const { t } = useTranslation("official");
  return (
    <>
      <span>{figureText(cell.after, t)}</span>
      {cell.changed && <span className="figure-before">{t("preview.figure.now", { figure: figureText(cell.now, t) })}</span>}
    </>
  );
}

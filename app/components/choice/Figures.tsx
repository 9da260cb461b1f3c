import { useTranslation } from "react-i18next";
import type { ShareFigure } from "~/domain/statistics";

type Figure = { measure: "employed_open_3m" | "contacted_within_5_days"; figure: ShareFigure };

const percent = (x: number) => Math.round(x * 100);

/**
 * The comparison's figures beside an option of the pick step: a share with its plain-language
 * range and the number of customers behind it, or "too few customers yet" (never a bad result).
 */
export function Figures({ figures }: { figures: Figure[] }) {
  const { t } = useTranslation("choice");
  if (figures.length === 0) return null;
  return (
    <ul className="pick-figures">
      {figures.map(({ measure, figure }) => (
        <li key={measure}>
          <span className="pick-figures__measure">{t(`figures.${measure}`)}:</span>{" "}
          {figure.kind === "shown"
            ? t("figures.shown", {
                share: percent(figure.estimate),
                lower: percent(figure.lower),
                upper: percent(figure.upper),
                count: figure.n,
              })
            : figure.n === 0
              ? t("figures.none")
              : t("figures.tooFew")}
        </li>
      ))}
    </ul>
  );
}

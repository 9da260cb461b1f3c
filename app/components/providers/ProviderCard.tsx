import { Link } from "@remix-run/react";
import { MeanFigure, ShareFigure } from "./FigureList";
import { useCachedT } from "./useCachedT";
import type { ProviderCardView, ReferenceView } from "../../view-models/providers";

/**
 * One provider in the comparison: who they are, their commitments in brief, and the result the
 * list compares (every result is on the provider's own page).
 */
export function ProviderCard({
  lang,
  provider,
  reference,
  level,
}: {
  lang: string;
  provider: ProviderCardView;
  reference: ReferenceView;
  level: 3 | 4;
}) {
  const t = useCachedT("providers");
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <li className="provider-card">
      <Heading className="provider-card__name">
        <Link to={`/${lang}/providers/${provider.slug}`}>{provider.name}</Link>
      </Heading>
      <p>{provider.shortDescription}</p>
      <ul className="provider-card__facts">
        <li className={provider.takesNewCustomers ? "fact fact--yes" : "fact fact--no"}>
          {provider.takesNewCustomers ? t("providers:card.takesNew") : t("providers:card.notTakingNew")}
        </li>
        <li className="fact">{t("providers:card.firstMeeting", { count: provider.firstMeetingWithinDays })}</li>
        <li className="fact">{t("providers:card.languages", { list: provider.languages })}</li>
        {!provider.verified && <li className="fact fact--no">{t("providers:card.notVerified")}</li>}
      </ul>
      {provider.isNew && <p className="tag tag--new">{provider.isNew}</p>}
      <dl className="figures figures--one">
        {provider.figure.measure === "satisfaction" ? (
          <MeanFigure id={`p-${provider.slug}`} figure={provider.figure.mean} />
        ) : (
          <ShareFigure
            id={`p-${provider.slug}`}
            measure={provider.figure.measure}
            figure={provider.figure.share}
            reference={reference[provider.figure.measure]}
          />
        )}
      </dl>
    </li>
  );
}

import { Link } from "@remix-run/react";
import { MeanFigure, ShareFigure, meanFigureInner, shareFigureInner } from "./FigureList";
import { element, escapeMarkup, keptMarkup } from "./svgMarkup";
import { useCachedT } from "./useCachedT";
import type { ProviderCardView, ReferenceView } from "../../view-models/providers";

/**
 * One provider in the comparison: who they are, their commitments in brief, and the result the
 * list compares (every result is on the provider's own page). Its facts and its figure are markup
 * kept per provider's values (./svgMarkup.ts: the same bytes React would write); the link to the
 * profile stays React's.
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
  const facts = [
    [provider.takesNewCustomers ? "fact fact--yes" : "fact fact--no", provider.takesNewCustomers ? t("providers:card.takesNew") : t("providers:card.notTakingNew")],
    ["fact", t("providers:card.firstMeeting", { count: provider.firstMeetingWithinDays })],
    ["fact", t("providers:card.languages", { list: provider.languages })],
    ...(provider.verified ? [] : [["fact fact--no", t("providers:card.notVerified")]]),
  ];
  const factsMarkup = keptMarkup(`facts\u0000${facts.flat().join("\u0000")}`, () =>
    facts.map(([className, text]) => element("li", { class: className }, escapeMarkup(text))).join(""),
  );
  const id = `p-${provider.slug}`;
  const { figure } = provider;
  const figureInner =
    figure.measure === "satisfaction"
      ? meanFigureInner(t, id, figure.mean)
      : shareFigureInner(t, { id, measure: figure.measure, figure: figure.share, reference: reference[figure.measure] });
  return (
    <li className="provider-card">
      <Heading className="provider-card__name">
        <Link to={`/${lang}/providers/${provider.slug}`}>{provider.name}</Link>
      </Heading>
      <p>{provider.shortDescription}</p>
      <ul className="provider-card__facts" dangerouslySetInnerHTML={{ __html: factsMarkup }} />
      {provider.isNew && <p className="tag tag--new">{provider.isNew}</p>}
      {figureInner !== null ? (
        <dl className="figures figures--one" dangerouslySetInnerHTML={{ __html: element("div", { class: "figure" }, figureInner) }} />
      ) : (
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
      )}
    </li>
  );
}

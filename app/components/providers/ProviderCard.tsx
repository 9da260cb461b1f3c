import { Link } from "~/components/Link";
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
  const { facts: factsMarkup, figure: figureMarkup } = cardMarkup(t, provider, reference);
  return (
    <li className="provider-card">
      <Heading className="provider-card__name">
        <Link to={`/${lang}/providers/${provider.slug}`}>{provider.name}</Link>
      </Heading>
      <p>{provider.shortDescription}</p>
      <ul className="provider-card__facts" dangerouslySetInnerHTML={{ __html: factsMarkup }} />
      {provider.isNew && <p className="tag tag--new">{provider.isNew}</p>}
      {figureMarkup !== null ? (
        <dl className="figures figures--one" dangerouslySetInnerHTML={{ __html: figureMarkup }} />
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

type CardMarkup = { lang: string; reference: ReferenceView; facts: string; figure: string | null };

/**
 * A card's view is kept on the server while the data is unchanged (app/.server/providers/pages.ts),
 * so the same object comes back request after request: its markup is kept with it, made again when
 * the object, the public service's reference or the language differs.
 */
const madeForCard = new WeakMap<ProviderCardView, CardMarkup>();

function cardMarkup(t: ReturnType<typeof useCachedT>, provider: ProviderCardView, reference: ReferenceView): CardMarkup {
  const kept = madeForCard.get(provider);
  if (kept && kept.reference === reference && kept.lang === t.lang) return kept;
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
  const made = { lang: t.lang, reference, facts: factsMarkup, figure: figureInner === null ? null : element("div", { class: "figure" }, figureInner) };
  madeForCard.set(provider, made);
  return made;
}

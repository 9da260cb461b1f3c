import { Link } from "~/components/Link";
import { useKeptMarkup } from "~/kept-bytes";
import { MeanFigure, ShareFigure, meanFigureInner, shareFigureInner } from "./FigureList";
import { element, escapeMarkup, keptMarkup } from "./svgMarkup";
import { useCachedT } from "./useCachedT";
import { isWholeCard, wholeCards, type CardInPage, type ProviderCardView, type ReferenceView } from "../../view-models/providers";

/**
 * One provider in the comparison: who they are, their commitments in brief, and the result the
 * list compares (every result is on the provider's own page). Everything under the name (the
 * description, the facts and the figure) is markup kept per provider's values (./svgMarkup.ts: the
 * same bytes React would write), in one element; the link to the profile stays React's. It takes
 * the page's `t` rather than asking for its own: a comparison page draws 25 cards (issue 17).
 *
 * A whole page's data carries a card's name and address only (`CardInPage`, decision 082): the
 * server renders it from the whole card, and the browser, hydrating, leaves the body the server
 * wrote as it is (React does not compare `dangerouslySetInnerHTML` when it hydrates). The page's data
 * fetched by the browser later carries whole cards, which it draws.
 */
export function ProviderCard({
  lang,
  provider: card,
  reference,
  level,
  t,
}: {
  lang: string;
  provider: ProviderCardView | CardInPage;
  reference: ReferenceView;
  level: 3 | 4;
  t: ReturnType<typeof useCachedT>;
}) {
  const Heading = level === 3 ? "h3" : "h4";
  const kept = useKeptMarkup();
  const heading = (
    <Heading className="provider-card__name">
      <Link to={`/${lang}/providers/${card.slug}`}>{card.name}</Link>
    </Heading>
  );
  const provider = isWholeCard(card) ? card : wholeCards.get(card);
  if (!provider) {
    // In the browser, hydrating a whole page: the body is the server's, already in the page.
    return (
      <li className="provider-card">
        {heading}
        <div key="kept" className="provider-card__body" dangerouslySetInnerHTML={{ __html: "" }} suppressHydrationWarning />
      </li>
    );
  }
  const { body, facts: factsMarkup } = cardMarkup(t, provider, reference);
  return (
    <li className="provider-card">
      {heading}
      {body !== null ? (
        <div key="kept" className="provider-card__body" dangerouslySetInnerHTML={{ __html: kept(body) }} />
      ) : (
        // A different key: drawn by React, never over a body it did not draw.
        <div key="drawn" className="provider-card__body">
          <p>{provider.shortDescription}</p>
          <ul className="provider-card__facts" dangerouslySetInnerHTML={{ __html: factsMarkup }} />
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
        </div>
      )}
    </li>
  );
}

/** A card's markup under its name (null when its figure has no sentence: then React draws it), and its facts. */
type CardMarkup = { lang: string; reference: ReferenceView; facts: string; body: string | null };

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
  const body =
    figureInner === null
      ? null
      : element("p", {}, escapeMarkup(provider.shortDescription)) +
        element("ul", { class: "provider-card__facts" }, factsMarkup) +
        (provider.isNew ? element("p", { class: "tag tag--new" }, escapeMarkup(provider.isNew)) : "") +
        element("dl", { class: "figures figures--one" }, element("div", { class: "figure" }, figureInner));
  const made = { lang: t.lang, reference, facts: factsMarkup, body };
  madeForCard.set(provider, made);
  return made;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { Fragment } from "react";
import { dateInFinland } from "~/.server/providers/format";
import { likeMeView, type LikeMeView } from "~/.server/providers/people-like-me";
import { cardsInPage, loadComparison } from "~/.server/providers/pages";
import { SelectField } from "~/components/form/fields";
import { ChartKey, FigureList } from "~/components/providers/FigureList";
import { Notices } from "~/components/providers/Notices";
import { ProviderCard } from "~/components/providers/ProviderCard";
import { useCachedT } from "~/components/providers/useCachedT";
import type { ComparisonView, WithCardsInPage } from "~/view-models/providers";
import { serviceCatalogue, shownOptions, sortOptions } from "~/domain/provider-options";
import { shareMeasures } from "~/domain/results";
import { pageMeta } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "providers");

type PageData = ComparisonView & { likeMe: LikeMeView };

export function loader({ params, request, context }: LoaderFunctionArgs): PageData | WithCardsInPage<PageData> {
  const lang = langParam(params);
  const view = loadComparison(lang, new URL(request.url).searchParams, dateInFinland());
  // A whole page carries its cards' names only: their bodies are written into the page once
  // (decision 082). The browser's own requests for the page's data get the whole cards to draw.
  const page = { ...view, likeMe: likeMeView(lang, request, view.group) };
  return context.documentRequest ? { ...page, items: cardsInPage(view.items) } : page;
}

export default function Providers() {
  const view = useLoaderData<typeof loader>();
  const t = useCachedT("providers");
  const { lang, pilot, period, sort, show } = view;
  const sortedBy = sort === "name" ? undefined : sort;
  return (
    <div className="page providers">
      <h1>{t("providers:heading")}</h1>
      {pilot?.isExample !== false && (
        <p className="notice notice--example">
          <span className="tag tag--example">{t("providers:example.tag")}</span> {t("providers:example.text")}
        </p>
      )}
      <p className="lead">{t("providers:lead")}</p>
      <Notices notices={view.notices} />

      <Filters view={view} likeMe={view.likeMe} />

      {view.outside && (
        <section aria-labelledby="outside" className="callout">
          <h2 id="outside">{t("providers:outside.heading", { municipality: view.outside.municipality })}</h2>
          <p>{t("providers:outside.body")}</p>
          <p>
            <Link to={`/${lang}/eligibility`}>{t("providers:outside.eligibility")}</Link>
          </p>
        </section>
      )}

      {pilot && (
        <>
          <p className="providers__period">
            {period
              ? t("providers:period.summary", { pilot: pilot.name, latest: period.latest, updated: period.lastUpdated })
              : t("providers:period.none", { pilot: pilot.name })}{" "}
            <a href="#measures">{t("providers:period.measuresLink")}</a>
          </p>

          <PeopleLikeMe likeMe={view.likeMe} threshold={pilot.threshold} />

          <section aria-labelledby="public-service" className="public-service">
            <h2 id="public-service">{t("providers:public.heading")}</h2>
            <p>{t("providers:public.body")}</p>
            {view.publicService ? (
              <FigureList id="public" figures={view.publicService.figures} first={show} />
            ) : (
              <p>{t("providers:figure.none")}</p>
            )}
          </section>

          <section aria-labelledby="provider-list">
            <h2 id="provider-list">{t("providers:list.heading", { count: view.total })}</h2>
            <p aria-live="polite">
              {view.total === 0
                ? t("providers:list.noneMatch")
                : t("providers:list.showing", { first: view.firstOnPage, last: view.lastOnPage, count: view.total })}{" "}
              {sortedBy ? t("providers:order.rule", { measure: t(`providers:measures.${sortedBy}.label`) }) : t("providers:list.sortedByName")}
            </p>
            {sortedBy && <p>{t("providers:order.meaning")}</p>}
            <p>{t("providers:list.shown", { measure: t(`providers:measures.${show}.label`) })}</p>
            {show !== "satisfaction" && <ChartKey />}
            <ul className="provider-list">
              {view.items.map((p) => (
                <ProviderCard key={p.slug} lang={lang} provider={p} reference={view.reference} level={3} t={t} />
              ))}
            </ul>
            <Pagination view={view} />
          </section>

          {view.departed.length > 0 && (
            <section aria-labelledby="departed">
              <h2 id="departed">{t("providers:departed.listHeading", { pilot: pilot.name })}</h2>
              <ul>
                {view.departed.map((d) => (
                  <li key={d.slug}>
                    <Link to={`/${lang}/providers/${d.slug}?pilot=${pilot.slug}`}>{d.name}</Link>: {t("providers:departed.listItem", { date: d.lastDay })}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="measures" className="measures">
            <h2 id="measures">{t("providers:measuresSection.heading")}</h2>
            <p>{t("providers:measuresSection.intro", { threshold: pilot.threshold })}</p>
            <dl className="summary">
              {shareMeasures.map((m) => (
                <Fragment key={m}>
                  <dt>{t(`providers:measures.${m}.label`)}</dt>
                  <dd>
                    {t(`providers:measures.${m}.definition`)}
                    {period && <> {t("providers:measuresSection.window", { window: period.windows[m] })}</>}
                  </dd>
                </Fragment>
              ))}
              <dt>{t("providers:measures.satisfaction.label")}</dt>
              <dd>
                {t("providers:measures.satisfaction.definition")}
                {period && <> {t("providers:measuresSection.window", { window: period.windows.satisfaction })}</>}
              </dd>
            </dl>
            <ul className="link-list">
              <li>
                <Link to={`/${lang}/about-the-figures`}>{t("providers:measuresSection.about")}</Link>
              </li>
              <li>
                <Link to={`/${lang}/open-data`}>{t("providers:measuresSection.openData")}</Link>
              </li>
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

/** "For people like me" (decision 069): the group shown, with a way to drop it, or the groups suggested from the reader's answers. */
function PeopleLikeMe({ likeMe, threshold }: { likeMe: LikeMeView; threshold: number }) {
  const t = useCachedT("providers");
  if (!likeMe.group && likeMe.suggested.length === 0) return null;
  return (
    <section aria-labelledby="like-me" className="callout like-me">
      <h2 id="like-me">{t("providers:likeMe.heading")}</h2>
      {likeMe.group ? (
        <>
          <p>{t("providers:likeMe.showing", { group: likeMe.group.label })}</p>
          <p>{t("providers:likeMe.small", { threshold })}</p>
          <p>{t("providers:likeMe.change")}</p>
          <p>
            <Link to={likeMe.dropHref}>{t("providers:likeMe.drop")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t("providers:likeMe.intro")}</p>
          <p>{t(likeMe.source === "signed-in" ? "providers:likeMe.fromSignedIn" : "providers:likeMe.fromCheck")}</p>
          <ul className="link-list">
            {likeMe.suggested.map((g) => (
              <li key={g.value}>
                <Link to={likeMe.hrefs[g.value] ?? "#"}>{t("providers:likeMe.show", { group: g.label })}</Link>
              </li>
            ))}
          </ul>
          <p>{t("providers:likeMe.choose")}</p>
        </>
      )}
    </section>
  );
}

function Filters({ view, likeMe }: { view: Omit<ComparisonView, "items">; likeMe: LikeMeView }) {
  const t = useCachedT("providers");
  const { form, lang } = view;
  return (
    <Form method="get" action={`/${lang}/providers`} className="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="filters__heading">
        {t("providers:filters.heading")}
      </h2>
      <div className="filters__grid">
        <SelectField ns="providers" id="f-pilot" name="pilot" label={t("providers:filters.pilot")} value={form.values.pilot} options={form.pilots} />
        <SelectField
          ns="providers"
          id="f-municipality"
          name="municipality"
          label={t("providers:filters.municipality")}
          hint={t("providers:filters.municipalityHint")}
          value={form.values.municipality}
          placeholder={t("providers:filters.anyMunicipality")}
          options={form.municipalities}
        />
        <SelectField
          ns="providers"
          id="f-language"
          name="language"
          label={t("providers:filters.language")}
          value={form.values.language}
          placeholder={t("providers:filters.anyLanguage")}
          options={form.languages}
        />
        <SelectField
          ns="providers"
          id="f-service"
          name="service"
          label={t("providers:filters.service")}
          value={form.values.service}
          placeholder={t("providers:filters.anyService")}
          options={serviceCatalogue.map((s) => ({ value: s, label: t(`providers:services.${s}`) }))}
        />
        <SelectField
          ns="providers"
          id="f-show"
          name="show"
          label={t("providers:filters.show")}
          hint={t("providers:filters.showHint")}
          value={form.values.show}
          options={shownOptions.map((s) => ({ value: s, label: t(`providers:measures.${s}.label`) }))}
        />
        <SelectField
          ns="providers"
          id="f-sort"
          name="sort"
          label={t("providers:filters.sort")}
          hint={t("providers:filters.sortHint")}
          value={form.values.sort}
          options={sortOptions.map((s) => ({
            value: s,
            label: s === "name" ? t("providers:filters.sortName") : t("providers:filters.sortMeasure", { measure: t(`providers:measures.${s}.label`) }),
          }))}
        />
        <SelectField
          ns="providers"
          id="f-group"
          name="group"
          label={t("providers:filters.group")}
          hint={t("providers:filters.groupHint")}
          value={likeMe.group?.value ?? ""}
          placeholder={t("providers:filters.allCustomers")}
          options={likeMe.options}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {t("providers:filters.submit")}
        </button>
        <Link to={`/${lang}/providers`}>{t("providers:filters.clear")}</Link>
      </div>
    </Form>
  );
}

function Pagination({ view }: { view: Omit<ComparisonView, "items"> }) {
  const t = useCachedT("providers");
  if (view.pageCount <= 1) return null;
  const base = `/${view.lang}/providers`;
  let previousNumber = 0;
  return (
    <nav className="pagination" aria-label={t("providers:pagination.label")}>
      <ul>
        {view.search.previous !== null && (
          <li>
            <Link to={base + view.search.previous} rel="prev">
              {t("providers:pagination.previous")}
            </Link>
          </li>
        )}
        {view.pages.map((p) => {
          const gap = p.number > previousNumber + 1;
          previousNumber = p.number;
          return (
            <Fragment key={p.number}>
              {gap && <li aria-hidden="true">…</li>}
              <li>
                {p.number === view.page ? (
                  <a href={base + p.search} aria-current="page" aria-label={t("providers:pagination.page", { page: p.number })}>
                    {p.number}
                  </a>
                ) : (
                  <Link to={base + p.search} aria-label={t("providers:pagination.page", { page: p.number })}>
                    {p.number}
                  </Link>
                )}
              </li>
            </Fragment>
          );
        })}
        {view.search.next !== null && (
          <li>
            <Link to={base + view.search.next} rel="next">
              {t("providers:pagination.next")}
            </Link>
          </li>
        )}
      </ul>
      <p className="hint">{t("providers:pagination.status", { page: view.page, count: view.pageCount })}</p>
    </nav>
  );
}

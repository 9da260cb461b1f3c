import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { profileAccountabilityOf } from "~/.server/accountability/pages";
import { dateInFinland } from "~/.server/providers/format";
import { ProfileAccountability } from "~/components/accountability/ProfileAccountability";
import { keptWhileUnchanged, loadProfile } from "~/.server/providers/pages";
import { ChartKey, FigureList } from "~/components/providers/FigureList";
import { MonthlyResults } from "~/components/providers/MonthlyResults";
import { Notices } from "~/components/providers/Notices";
import { useCachedT } from "~/components/providers/useCachedT";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";
import { OfficeList } from "~/components/providers/OfficeList";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction<typeof loader> = ({ data, params }) => {
  const view = data;
  if (!view) return [];
  const lang = langOfParams(params);
  return [
    { title: pageTitle(lang, tFor(lang)("providers:profile.title", { name: view.provider.name })) },
    { name: "description", content: view.provider.shortDescription },
  ];
};

export function loader({ params, request }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const today = dateInFinland();
  const view = loadProfile(lang, params.slug ?? "", new URL(request.url).searchParams, today);
  if (!view) throw new Response(null, { status: 404 });
  // Problem reports and delivery as customers answered it (issue 16): counts of stored rows by month, the same while the data and the day are.
  const slug = view.provider.slug;
  return {
    ...view,
    accountability: keptWhileUnchanged(`accountability|${lang}|${slug}|${today}`, () => profileAccountabilityOf(lang, slug, today)),
  };
}

export default function ProviderProfile() {
  const view = useLoaderData<typeof loader>();
  const t = useCachedT("providers");
  const { provider: p, lang, results } = view;
  const c = p.commitments;
  return (
    <div className="page profile">
      <p className="breadcrumb">
        <Link to={`/${lang}/providers${view.compareSearch}`}>{t("providers:profile.back")}</Link>
      </p>
      <h1>{p.name}</h1>
      {p.isExample && (
        <p className="notice notice--example">
          <span className="tag tag--example">{t("providers:example.tag")}</span> {t("providers:example.profile")}
        </p>
      )}
      <Notices notices={view.notices} />
      <p className="lead">{p.shortDescription}</p>
      {view.departed.map((text) => (
        <p key={text} className="notice">
          {text}
        </p>
      ))}

      {view.servesNow && (
        <div className="choose-box">
          {c.takesNewCustomers ? (
            <>
              <p>
                <a className="button button--large" href={view.chooseHref}>
                  {t("providers:profile.choose", { name: p.name })}
                </a>
              </p>
              <p className="hint">{t("providers:profile.chooseHint")}</p>
            </>
          ) : (
            <p>
              <strong>{t("providers:profile.notTakingNew")}</strong> {t("providers:profile.notTakingNewHint")}
            </p>
          )}
        </div>
      )}

      <section aria-labelledby="commitments">
        <h2 id="commitments">{t("providers:profile.commitments.heading")}</h2>
        <dl className="summary">
          <dt>{t("providers:profile.commitments.newCustomers")}</dt>
          <dd>{c.takesNewCustomers ? t("providers:profile.commitments.yes") : t("providers:profile.commitments.no")}</dd>
          <dt>{t("providers:profile.commitments.firstMeeting")}</dt>
          <dd>{t("providers:profile.commitments.firstMeetingValue", { count: c.firstMeetingWithinDays })}</dd>
          <dt>{t("providers:profile.commitments.coach")}</dt>
          <dd>{t("providers:profile.commitments.coachValue", { count: c.coachMeetingsPerMonth })}</dd>
          <dt>{t("providers:profile.commitments.remote")}</dt>
          <dd>{c.remoteMeetings ? t("providers:profile.commitments.remoteYes") : t("providers:profile.commitments.remoteNo")}</dd>
          <dt>{t("providers:profile.commitments.languages")}</dt>
          <dd>{p.languages}</dd>
        </dl>
        <p className="hint">
          {c.verifiedOn ? t("providers:profile.commitments.verified", { date: c.verifiedOn }) : t("providers:profile.commitments.notVerified")}
        </p>
      </section>

      <section aria-labelledby="about">
        <h2 id="about">{t("providers:profile.about", { name: p.name })}</h2>
        <p>{p.longDescription}</p>
        <h3>{t("providers:profile.services")}</h3>
        <ul>
          {p.services.map((s) => (
            <li key={s}>{t(`providers:services.${s}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="offices">
        <h2 id="offices">{t("providers:profile.offices", { count: view.offices.length })}</h2>
        <OfficeList offices={view.offices} heading="h3" />
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">{t("providers:profile.contact")}</h2>
        <dl className="summary">
          {p.phone && (
            <>
              <dt>{t("providers:profile.phone")}</dt>
              <dd>
                <a href={`tel:${p.phone.replaceAll(" ", "")}`}>{p.phone}</a>
              </dd>
            </>
          )}
          {p.email && (
            <>
              <dt>{t("providers:profile.email")}</dt>
              <dd>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </dd>
            </>
          )}
          {p.web && (
            <>
              <dt>{t("providers:profile.web")}</dt>
              <dd>
                <a href={p.web} rel="noopener noreferrer">
                  {p.web.replace(/^https:\/\//, "")}
                </a>
              </dd>
            </>
          )}
          <dt>{t("providers:profile.businessId")}</dt>
          <dd>{p.businessId}</dd>
        </dl>
      </section>

      <section aria-labelledby="pilots">
        <h2 id="pilots">{t("providers:profile.pilots")}</h2>
        <ul>
          {view.pilots.map((pl) => (
            <li key={pl.slug}>
              {view.pilots.length > 1 && results && pl.slug !== results.pilot.slug ? (
                <Link to={`?pilot=${pl.slug}#results`} aria-label={t("providers:profile.resultsOf", { pilot: pl.name })}>
                  {pl.name}
                </Link>
              ) : (
                pl.name
              )}
              :{" "}
              {pl.until ? t("providers:profile.pilotBetween", { from: pl.from, until: pl.until }) : t("providers:profile.pilotSince", { from: pl.from })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="results">
        <h2 id="results">{t("providers:profile.results.heading")}</h2>
        {!results ? (
          <p>{t("providers:figure.none")}</p>
        ) : (
          <>
            <p>
              {results.period
                ? t("providers:period.summary", { pilot: results.pilot.name, latest: results.period.latest, updated: results.period.lastUpdated })
                : t("providers:period.none", { pilot: results.pilot.name })}{" "}
              <Link to={`/${lang}/about-the-figures`}>{t("providers:measuresSection.about")}</Link>
            </p>
            {results.isNew && <p className="tag tag--new">{results.isNew}</p>}
            <ChartKey />
            {results.figures ? (
              <FigureList id="profile" figures={results.figures} reference={results.reference} first="employed_open_6m" />
            ) : (
              <p>{t("providers:figure.none")}</p>
            )}
            {results.publicService && (
              <>
                <h3>{t("providers:profile.results.public")}</h3>
                <FigureList id="public" figures={results.publicService} first="employed_open_6m" />
              </>
            )}
            <MonthlyResults results={results} name={p.name} />
          </>
        )}
      </section>

      {view.accountability && <ProfileAccountability lang={lang as Lang} slug={view.provider.slug} view={view.accountability} />}
    </div>
  );
}

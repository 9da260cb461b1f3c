import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dateInFinland } from "~/.server/providers-format";
import { loadProfile } from "~/.server/providers-page";
import { FigureList } from "~/components/providers/FigureList";
import { MonthlyResults } from "~/components/providers/MonthlyResults";
import { Notices } from "~/components/providers/Notices";
import { isLang, tFor } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction<typeof loader> = ({ data, params }) => {
  const view = data;
  if (!view) return [];
  const lang = isLang(params.lang) ? params.lang : "fi";
  return [
    { title: pageTitle(lang, tFor(lang)("providers:profile.title", { name: view.provider.name })) },
    { name: "description", content: view.provider.shortDescription },
  ];
};

export function loader({ params, request }: LoaderFunctionArgs) {
  const lang = isLang(params.lang) ? params.lang : "fi";
  const view = loadProfile(lang, params.slug ?? "", new URL(request.url).searchParams, dateInFinland());
  if (!view) throw new Response(null, { status: 404 });
  return view;
}

export default function ProviderProfile() {
  const view = useLoaderData<typeof loader>();
  const { t } = useTranslation("providers");
  const { provider: p, lang, results } = view;
  const c = p.commitments;
  return (
    <div className="page profile">
      <p className="breadcrumb">
        <Link to={`/${lang}/providers${view.compareSearch}`}>{t("profile.back")}</Link>
      </p>
      <h1>{p.name}</h1>
      {p.isExample && (
        <p className="notice notice--example">
          <span className="tag tag--example">{t("example.tag")}</span> {t("example.profile")}
        </p>
      )}
      <Notices notices={view.notices} />
      <p className="lead">{p.shortDescription}</p>

      <div className="choose-box">
        {c.takesNewCustomers ? (
          <>
            <p>
              <a className="button button--large" href={view.chooseHref}>
                {t("profile.choose", { name: p.name })}
              </a>
            </p>
            <p className="hint">{t("profile.chooseHint")}</p>
          </>
        ) : (
          <p>
            <strong>{t("profile.notTakingNew")}</strong> {t("profile.notTakingNewHint")}
          </p>
        )}
      </div>

      <section aria-labelledby="commitments">
        <h2 id="commitments">{t("profile.commitments.heading")}</h2>
        <dl className="summary">
          <dt>{t("profile.commitments.newCustomers")}</dt>
          <dd>{c.takesNewCustomers ? t("profile.commitments.yes") : t("profile.commitments.no")}</dd>
          <dt>{t("profile.commitments.firstMeeting")}</dt>
          <dd>{t("profile.commitments.firstMeetingValue", { count: c.firstMeetingWithinDays })}</dd>
          <dt>{t("profile.commitments.coach")}</dt>
          <dd>{t("profile.commitments.coachValue", { count: c.coachMeetingsPerMonth })}</dd>
          <dt>{t("profile.commitments.remote")}</dt>
          <dd>{c.remoteMeetings ? t("profile.commitments.remoteYes") : t("profile.commitments.remoteNo")}</dd>
          <dt>{t("profile.commitments.languages")}</dt>
          <dd>{p.languages}</dd>
        </dl>
        <p className="hint">
          {c.verifiedOn ? t("profile.commitments.verified", { date: c.verifiedOn }) : t("profile.commitments.notVerified")}
        </p>
      </section>

      <section aria-labelledby="about">
        <h2 id="about">{t("profile.about", { name: p.name })}</h2>
        <p>{p.longDescription}</p>
        <h3>{t("profile.services")}</h3>
        <ul>
          {p.services.map((s) => (
            <li key={s}>{t(`services.${s}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="offices">
        <h2 id="offices">{t("profile.offices", { count: view.offices.length })}</h2>
        <ul className="card-list office-list">
          {view.offices.map((o) => (
            <li key={`${o.streetAddress}-${o.postalCode}`} className="card">
              <h3>
                {o.streetAddress}, {o.postalCode} {o.municipality}
              </h3>
              <dl className="summary">
                <dt>{t("profile.hours")}</dt>
                <dd>
                  {o.hours.length > 0 ? (
                    <ul className="plain-list">
                      {o.hours.map((h) => (
                        <li key={h}>{h}</li>
                      ))}
                    </ul>
                  ) : (
                    t("profile.hoursByAppointment")
                  )}
                  {o.hoursNote && <p className="hint">{o.hoursNote}</p>}
                </dd>
                <dt>{t("profile.access.heading")}</dt>
                <dd>
                  <ul className="plain-list">
                    <li>{o.accessibility.stepFreeEntrance ? t("profile.access.stepFree") : t("profile.access.steps")}</li>
                    {o.accessibility.lift !== null && (
                      <li>{o.accessibility.lift ? t("profile.access.lift") : t("profile.access.noLift")}</li>
                    )}
                    <li>{o.accessibility.accessibleToilet ? t("profile.access.toilet") : t("profile.access.noToilet")}</li>
                    <li>{o.accessibility.inductionLoop ? t("profile.access.loop") : t("profile.access.noLoop")}</li>
                    <li>{o.accessibility.accessibleParking ? t("profile.access.parking") : t("profile.access.noParking")}</li>
                  </ul>
                  {o.accessibility.note && <p className="hint">{o.accessibility.note}</p>}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">{t("profile.contact")}</h2>
        <dl className="summary">
          {p.phone && (
            <>
              <dt>{t("profile.phone")}</dt>
              <dd>
                <a href={`tel:${p.phone.replaceAll(" ", "")}`}>{p.phone}</a>
              </dd>
            </>
          )}
          {p.email && (
            <>
              <dt>{t("profile.email")}</dt>
              <dd>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </dd>
            </>
          )}
          {p.web && (
            <>
              <dt>{t("profile.web")}</dt>
              <dd>
                <a href={p.web} rel="noopener noreferrer">
                  {p.web.replace(/^https:\/\//, "")}
                </a>
              </dd>
            </>
          )}
          <dt>{t("profile.businessId")}</dt>
          <dd>{p.businessId}</dd>
        </dl>
      </section>

      <section aria-labelledby="pilots">
        <h2 id="pilots">{t("profile.pilots")}</h2>
        <ul>
          {view.pilots.map((pl) => (
            <li key={pl.slug}>
              {view.pilots.length > 1 && results && pl.slug !== results.pilot.slug ? (
                <Link to={`?pilot=${pl.slug}#results`} aria-label={t("profile.resultsOf", { pilot: pl.name })}>
                  {pl.name}
                </Link>
              ) : (
                pl.name
              )}
              :{" "}
              {pl.until ? t("profile.pilotBetween", { from: pl.from, until: pl.until }) : t("profile.pilotSince", { from: pl.from })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="results">
        <h2 id="results">{t("profile.results.heading")}</h2>
        {!results ? (
          <p>{t("figure.none")}</p>
        ) : (
          <>
            <p>
              {results.period
                ? t("period.summary", { pilot: results.pilot.name, latest: results.period.latest, updated: results.period.lastUpdated })
                : t("period.none", { pilot: results.pilot.name })}{" "}
              <Link to={`/${lang}/about-the-figures`}>{t("measuresSection.about")}</Link>
            </p>
            <p className="hint">{t("legend")}</p>
            {results.figures ? (
              <FigureList id="profile" figures={results.figures} reference={results.reference} />
            ) : (
              <p>{t("figure.none")}</p>
            )}
            {results.publicService && (
              <>
                <h3>{t("profile.results.public")}</h3>
                <FigureList id="public" figures={results.publicService} />
              </>
            )}
            <MonthlyResults results={results} name={p.name} />
          </>
        )}
      </section>
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/.server/auth/auth";
import { config } from "~/.server/platform/config";
import { loadPilots, municipalitiesByCode } from "~/.server/eligibility/pilots.store";
import { myChoice } from "~/.server/choice/my-page";
import { myAccountability } from "~/.server/accountability/pages";
import { MyAccountability } from "~/components/accountability/MyAccountability";
import { CsrfField } from "~/components/CsrfField";
import { addressOf } from "~/.server/notifications/address.store";
import { MyNotificationsSection } from "~/components/notifications/MyNotificationsSection";
import { MyChoice } from "~/components/my/MyChoice";
import { MyAssessedFacts } from "~/components/my/MyAssessedFacts";
import { myAssessedFacts } from "~/.server/eligibility/assessed-facts";
import { MyData } from "~/components/my/MyData";
import { OfficialLink } from "~/components/official/OfficialLink";
import { StaffLink } from "~/components/staff/StaffLink";
import { municipalityName } from "~/format";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction = ({ params }) => {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  return [{ title: pageTitle(lang, t("auth:my.meta.title")) }, { name: "description", content: t("auth:my.meta.description") }];
};

/**
 * `/{lang}/my`: the signed-in person's page. Everything here is read through requireUser and is
 * the person's own: nothing is looked up by an id from the address.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const lang: Lang = langParam(params);
  const municipality = user.homeMunicipality ? municipalitiesByCode([user.homeMunicipality]).get(user.homeMunicipality) : undefined;
  const pilotNames = new Map(loadPilots().map((p) => [p.slug, p.name[lang]]));
  return {
    lang,
    name: `${user.givenName} ${user.familyName}`,
    givenName: user.givenName,
    municipality: municipality ? municipalityName(municipality, lang) : user.homeMunicipality,
    foreign: user.identifiedWith === "foreign",
    officialOf: user.roles.officialPilots.map((slug) => pilotNames.get(slug) ?? slug),
    staffOf: user.roles.providerBusinessIds,
    idleMinutes: config().SESSION_IDLE_MINUTES,
    // The choice, its history and everything held about the person (issue 6).
    choice: myChoice(user, lang),
    // The address for notifications by email (issue 16, item 3).
    notifications: addressOf(user.id),
    // Recorded contacts and meetings to confirm or dispute, and problem reports (issue 16).
    accountability: myAccountability(user, lang),
    answered: new URL(request.url).searchParams.get("answered") ? true : false,
    // What the public service has decided about the person, recorded by an official (decision 073).
    assessed: myAssessedFacts(user, lang),
  };
}

export default function MyPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  const hasRoles = data.officialOf.length + data.staffOf.length > 0;
  return (
    <div className="page page--narrow my-page">
      <h1>{t("my.heading")}</h1>
      <p className="lead">{t("my.welcome", { name: data.givenName })}</p>

      <MyChoice lang={data.lang} current={data.choice.current} mayChoose={data.choice.mayChoose} choices={data.choice.choices} requests={data.choice.requests} figure={data.choice.figure} />

      <MyAssessedFacts records={data.assessed} />

      <MyAccountability lang={data.lang} view={data.accountability} answered={data.answered ? "1" : null} />

      <MyNotificationsSection lang={data.lang} address={data.notifications} />

      {/* The sections of My page. Other areas add theirs (the choice, the data download) here,
          each a <section> with an h2, before the sign-out section. */}
      <section aria-labelledby="my-details">
        <h2 id="my-details">{t("my.detailsHeading")}</h2>
        <dl className="summary">
          <dt>{t("my.name")}</dt>
          <dd>{data.name}</dd>
          <dt>{t("my.municipality")}</dt>
          <dd>
            {data.municipality ?? t("my.noMunicipality")}
            {data.foreign && (
              <>
                {" "}
                <Link to={`/${data.lang}/foreign-eid`}>{t("my.foreignLink")}</Link>
              </>
            )}
          </dd>
        </dl>
        <p className="hint">{t("my.detailsSource")}</p>
      </section>

      {hasRoles && (
        <section aria-labelledby="my-roles">
          <h2 id="my-roles">{t("my.rolesHeading")}</h2>
          <p>{t("my.rolesLead")}</p>
          <ul>
            {data.officialOf.map((pilot) => (
              <li key={`official-${pilot}`}>{t("my.official", { pilot })}</li>
            ))}
            {data.staffOf.map((businessId) => (
              <li key={`staff-${businessId}`}>{t("my.providerStaff", { businessId })}</li>
            ))}
          </ul>
          {data.officialOf.length > 0 && <OfficialLink lang={data.lang} />}
          {data.staffOf.length > 0 && <StaffLink lang={data.lang} />}
        </section>
      )}

      <MyData lang={data.lang} data={data.choice.data} />

      <section aria-labelledby="my-sign-out">
        <h2 id="my-sign-out">{t("my.signOutHeading")}</h2>
        <p>{t("my.signOutBody", { count: data.idleMinutes })}</p>
        {/* A native form: signing out may continue at the identification service. */}
        <form method="post" action={`/${data.lang}/sign-out`}>
          <CsrfField />
          <button type="submit" className="button button--secondary">
            {t("my.signOut")}
          </button>
        </form>
      </section>
    </div>
  );
}

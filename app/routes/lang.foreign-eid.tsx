import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { getUser } from "~/.server/auth/auth";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";
import { langParam } from "~/.server/platform/forms";

export const meta: MetaFunction = ({ params }) => {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  return [{ title: pageTitle(lang, t("auth:foreignEid.meta.title")) }, { name: "description", content: t("auth:foreignEid.meta.description") }];
};

/**
 * `/{lang}/foreign-eid`: for a person identified with a foreign eID (no Finnish identity code, no
 * home municipality): what they can do here and how to take part. Open to everyone; after such a
 * sign-in the callback brings the person here.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  const lang: Lang = langParam(params);
  const user = getUser(request);
  return { lang, name: user ? `${user.givenName} ${user.familyName}` : null };
}

export default function ForeignEid() {
  const { lang, name } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  return (
    <div className="page page--narrow">
      <h1>{t("foreignEid.heading")}</h1>
      {name && <p>{t("foreignEid.signedInAs", { name })}</p>}
      <p className="lead">{t("foreignEid.lead")}</p>

      <section aria-labelledby="foreign-can">
        <h2 id="foreign-can">{t("foreignEid.canHeading")}</h2>
        <ul>
          <li>
            <Link to={`/${lang}/providers`}>{t("foreignEid.canCompare")}</Link>
          </li>
          <li>
            <Link to={`/${lang}/eligibility`}>{t("foreignEid.canCheck")}</Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="foreign-join">
        <h2 id="foreign-join">{t("foreignEid.joinHeading")}</h2>
        <p>{t("foreignEid.join1")}</p>
        <p>{t("foreignEid.join2")}</p>
      </section>

      <section aria-labelledby="foreign-public" className="callout">
        <h2 id="foreign-public">{t("foreignEid.publicHeading")}</h2>
        <p>{t("foreignEid.public")}</p>
      </section>

      {name && (
        <p>
          <Link to={`/${lang}/my`}>{t("foreignEid.toMyPage")}</Link>
        </p>
      )}
    </div>
  );
}

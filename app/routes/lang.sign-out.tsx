import { redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { getUser, signOut } from "~/.server/auth/auth";
import { langParam, readPostedForm } from "~/.server/platform/forms";
import { endSessionUrl } from "~/.server/auth/oidc";
import { CsrfField } from "~/components/CsrfField";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  const key = data?.signedIn ? "meta" : "metaDone";
  return [{ title: pageTitle(lang, t(`auth:signOut.${key}.title`)) }, { name: "description", content: t(`auth:signOut.${key}.description`) }];
};

/** GET: a signed-in person confirms; anyone else (and the provider's return) sees "you have signed out". */
export function loader({ request, params }: LoaderFunctionArgs) {
  const lang: Lang = langParam(params);
  return { lang, signedIn: getUser(request) !== null };
}

/**
 * POST: deletes the session (audited), removes the cookie, and ends the identification service's
 * session too where it offers that (RP-initiated logout), which then returns here.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang: Lang = langParam(params);
  await readPostedForm(request);
  const { setCookie, wasSignedIn } = signOut(request);
  const next = (wasSignedIn ? await endSessionUrl(lang) : null) ?? `/${lang}/sign-out`;
  return redirectDocument(next, { status: 303, headers: { "Set-Cookie": setCookie, "Cache-Control": "no-store" } });
}

export default function SignOut() {
  const { lang, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  if (signedIn) {
    return (
      <div className="page page--narrow">
        <h1>{t("signOut.heading")}</h1>
        <p className="lead">{t("signOut.lead")}</p>
        <form method="post" action={`/${lang}/sign-out`}>
          <CsrfField />
          <div className="button-row">
            <button type="submit" className="button">
              {t("signOut.button")}
            </button>
            <Link to={`/${lang}/my`}>{t("signOut.cancel")}</Link>
          </div>
        </form>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("signOut.doneHeading")}</h1>
      <p className="lead">{t("signOut.doneLead")}</p>
      <ul className="link-list">
        <li>
          <a href={`/${lang}/sign-in`}>{t("signOut.signInAgain")}</a>
        </li>
        <li>
          <Link to={`/${lang}`}>{t("signOut.home")}</Link>
        </li>
      </ul>
    </div>
  );
}

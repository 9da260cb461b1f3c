import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { getUser, safeReturnPath } from "~/.server/auth/auth";
import { usesTestIdp } from "~/.server/auth/oidc";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";
import { langParam } from "~/.server/platform/forms";

const errorCodes = ["failed", "cancelled", "unavailable"] as const;
type ErrorCode = (typeof errorCodes)[number];

export const meta: MetaFunction<typeof loader> = ({ params, data }) => {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  const title = pageTitle(lang, t("auth:signIn.meta.title"));
  return [
    { title: data?.error ? `${t("common:errorPrefix")} ${title}` : title },
    { name: "description", content: t("auth:signIn.meta.description") },
    { name: "robots", content: "noindex" },
  ];
};

/** `/{lang}/sign-in?returnTo=…&error=…`: names the identification service and what it shares. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const lang: Lang = langParam(params);
  const url = new URL(request.url);
  const returnTo = safeReturnPath(url.searchParams.get("returnTo"));
  const errorParam = url.searchParams.get("error");
  const error: ErrorCode | null = errorCodes.find((c) => c === errorParam) ?? null;
  const start = `/${lang}/sign-in/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
  return { lang, start, error, signedIn: getUser(request) !== null, service: usesTestIdp() ? "test" : "suomifi" };
}

export default function SignIn() {
  const { lang, start, error, signedIn, service } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  return (
    <div className="page page--narrow">
      {error && (
        <div className="error-summary" role="alert" aria-labelledby="sign-in-error">
          <h2 id="sign-in-error">{t("signIn.errors.heading")}</h2>
          <p>{t(`signIn.errors.${error}`)}</p>
        </div>
      )}
      <h1>{t("signIn.heading")}</h1>
      {signedIn && (
        <p className="notice">
          {t("signIn.signedIn")} <Link to={`/${lang}/my`}>{t("signIn.toMyPage")}</Link>
        </p>
      )}
      <p className="lead">{t("signIn.lead")}</p>
      <p>{t(`signIn.how.${service}`)}</p>

      <section aria-labelledby="shared">
        <h2 id="shared">{t("signIn.sharedHeading")}</h2>
        <ul>
          <li>{t("signIn.shared.identityCode")}</li>
          <li>{t("signIn.shared.name")}</li>
          <li>{t("signIn.shared.municipality")}</li>
        </ul>
        <p>
          {t("signIn.notShared")} <Link to={`/${lang}/privacy`}>{t("signIn.privacyLink")}</Link>
        </p>
      </section>

      {/* A plain link, not a form: identification happens at another service (no JavaScript needed). */}
      <p>
        <a className="button sign-in-button" href={start} rel="nofollow">
          {t(`signIn.continue.${service}`)}
        </a>
      </p>
      <p className="hint">{t(`signIn.service.${service}`)}</p>

      <section aria-labelledby="foreign">
        <h2 id="foreign">{t("signIn.foreignHeading")}</h2>
        <p>{t("signIn.foreign")}</p>
        <p>
          <Link to={`/${lang}/foreign-eid`}>{t("signIn.foreignLink")}</Link>
        </p>
      </section>
    </div>
  );
}

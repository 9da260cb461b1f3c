import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FocusOnNavigation } from "~/components/FocusOnNavigation";
import { NO_ACCESS } from "~/access";
import { NoAccess } from "~/components/NoAccess";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteHeader } from "~/components/SiteHeader";
import { StatusPage } from "~/components/StatusPage";
import { defaultLang, langFromPath, languages, pathInLang, resolveLang, tFor, type Lang } from "~/i18n";
import { useNonce } from "~/nonce";
import { accountForRoot } from "~/.server/auth/auth";
import stylesHref from "~/styles.css?url";
import { pageTitle } from "~/meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = resolveLang(url.pathname, request.headers.get("accept-language"));
  // Sign-in state for the header, the CSRF token of this page's forms (and their cookies).
  const account = accountForRoot(request);
  return data(
    { lang, origin: context.publicOrigin ?? url.origin, requestId: context.requestId ?? null, signedIn: account.signedIn, csrfToken: account.csrfToken },
    { headers: account.headers },
  );
}

export const meta: MetaFunction<typeof loader> = ({ error, location, data }) => {
  if (!error) return [];
  const lang = data?.lang ?? langFromPath(location.pathname) ?? defaultLang;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (isRouteErrorResponse(error) && error.data === NO_ACCESS) return [{ title: pageTitle(lang, tFor(lang)("auth:noAccess.title")) }];
  return [{ title: pageTitle(lang, tFor(lang)(`common:status.${statusKey(status)}.title`)) }];
};

function statusKey(status: number) {
  // 503: a write failed (full disk, I/O error, database locked): "not saved, try again" (decision 067).
  // 413: a posted body over its limit (decision 066).
  return [400, 403, 404, 405, 413, 429, 503].includes(status) ? String(status) : "500";
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const lang: Lang = data?.lang ?? langFromPath(location.pathname) ?? defaultLang;
  const nonce = useNonce();
  const { t } = useTranslation("common");
  const origin = data?.origin ?? "";
  // Tests wait for this mark before they check a page with JavaScript on.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b3d66" />
        <Meta />
        <Links />
        {/* zod checks once whether it may compile code (new Function), which this site's CSP forbids:
            a CSP issue in every browser's console. Told before it loads not to try (issue 17). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true}" }} />
        {languages.map((l) => (
          <link key={l} rel="alternate" hrefLang={l} href={origin + pathInLang(location.pathname, "", l)} />
        ))}
        <link rel="alternate" hrefLang="x-default" href={origin + pathInLang(location.pathname, "", defaultLang)} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <SiteHeader lang={lang} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter lang={lang} />
        <FocusOnNavigation />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (isRouteErrorResponse(error) && error.data === NO_ACCESS) return <NoAccess lang={data?.lang ?? defaultLang} />;
  return <StatusPage status={statusKey(status)} requestId={data?.requestId ?? null} />;
}

import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import stylesHref from "~/styles.css?url";
import { languages, tFor, type Lang } from "~/i18n";
import "../platform/i18n";

/**
 * The pages of the built-in test identity provider: server-rendered HTML with plain forms that
 * post to the same origin, no scripts (the site's CSP allows none inline), the site's stylesheet,
 * in the language the service asked for (ui_locales).
 */

const ownName: Record<Lang, string> = { fi: "Suomeksi", sv: "På svenska", en: "In English" };

function Document({ lang, title, switchHref, children }: { lang: Lang; title: string; switchHref?: (l: Lang) => string; children: ReactNode }) {
  const t = tFor(lang);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} – ${t("testidp:serviceName")}`}</title>
        <link rel="stylesheet" href={stylesHref} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("testidp:skipToContent")}
        </a>
        <header className="site-header test-idp-header">
          <div className="site-header__inner">
            <p className="test-idp-header__name">{t("testidp:serviceName")}</p>
            {switchHref && (
              <nav className="language-switch" aria-label={t("testidp:languageSwitch")}>
                <ul>
                  {languages
                    .filter((l) => l !== lang)
                    .map((l) => (
                      <li key={l}>
                        <a href={switchHref(l)} lang={l} hrefLang={l}>
                          {ownName[l]}
                        </a>
                      </li>
                    ))}
                </ul>
              </nav>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <div className="page page--narrow">
            <p className="notice test-idp-notice">{t("testidp:notSuomiFi")}</p>
            {children}
          </div>
        </main>
      </body>
    </html>
  );
}

export function renderPage(node: ReactNode): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(node)}`;
}

export type PersonOption = { key: string; name: string; place: string; description: string; identityCode: string | null };

export type LoginForm = { person?: string; number?: string; errors: { person?: "choose"; number?: "number" } };

export function loginPage(opts: { lang: Lang; uid: string; people: PersonOption[]; form: LoginForm; generatedAllowed: boolean }) {
  const { lang, uid, people, form, generatedAllowed } = opts;
  const t = tFor(lang);
  const errors = Object.entries(form.errors) as [string, string][];
  const title = t("testidp:login.title");
  const personError = form.errors.person;
  const numberError = form.errors.number;
  const personDescribedBy = ["person-hint", personError ? "person-error" : null].filter(Boolean).join(" ");
  return renderPage(
    <Document
      lang={lang}
      title={errors.length ? `${t("common:errorPrefix")} ${title}` : title}
      switchHref={(l) => `/test-idp/interaction/${encodeURIComponent(uid)}?lang=${l}`}
    >
      {errors.length > 0 && (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{t("testidp:login.errorSummary")}</h2>
          <ul>
            {errors.map(([field, key]) => (
              <li key={field}>
                <a href={field === "person" ? `#person-${people[0]?.key ?? "generated"}` : "#number"}>{t(`testidp:login.errors.${key}`)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1>{title}</h1>
      <p className="lead">{t("testidp:login.lead")}</p>
      <form method="post" action={`/test-idp/interaction/${encodeURIComponent(uid)}/login`} noValidate>
        <input type="hidden" name="lang" value={lang} />
        <div className={`field${personError ? " field--error" : ""}`}>
          <fieldset aria-describedby={personDescribedBy}>
            <legend>{t("testidp:login.person")}</legend>
            <span className="hint" id="person-hint">
              {t("testidp:login.personHint")}
            </span>
            {personError && (
              <span className="error-message" id="person-error">
                <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(`testidp:login.errors.${personError}`)}
              </span>
            )}
            {people.map((p) => (
              <div className="choice test-idp-person" key={p.key}>
                <input
                  type="radio"
                  name="person"
                  id={`person-${p.key}`}
                  value={p.key}
                  defaultChecked={form.person === p.key}
                  aria-describedby={`person-${p.key}-about`}
                />
                <label htmlFor={`person-${p.key}`}>
                  <strong>{p.name}</strong> – {p.place}
                  <span className="hint test-idp-person__about" id={`person-${p.key}-about`}>
                    {p.description}{" "}
                    {p.identityCode ? t("testidp:login.identityCode", { code: p.identityCode }) : t("testidp:login.noIdentityCode")}
                  </span>
                </label>
              </div>
            ))}
            {generatedAllowed && (
              <div className="choice test-idp-person" key="generated">
                <input
                  type="radio"
                  name="person"
                  id="person-generated"
                  value="generated"
                  defaultChecked={form.person === "generated"}
                  aria-describedby="person-generated-about"
                />
                <label htmlFor="person-generated">
                  <strong>{t("testidp:login.generated")}</strong>
                  <span className="hint test-idp-person__about" id="person-generated-about">
                    {t("testidp:login.generatedHint")}
                  </span>
                </label>
              </div>
            )}
          </fieldset>
        </div>
        {generatedAllowed && (
          <div className={`field${numberError ? " field--error" : ""}`}>
            <label htmlFor="number">{t("testidp:login.number")}</label>
            <span className="hint" id="number-hint">
              {t("testidp:login.numberHint")}
            </span>
            {numberError && (
              <span className="error-message" id="number-error">
                <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(`testidp:login.errors.${numberError}`)}
              </span>
            )}
            <input
              type="text"
              inputMode="numeric"
              name="number"
              id="number"
              autoComplete="off"
              className="test-idp-number"
              defaultValue={form.number ?? ""}
              aria-describedby={`number-hint${numberError ? " number-error" : ""}`}
              aria-invalid={numberError ? true : undefined}
            />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button">
            {t("testidp:login.submit")}
          </button>
          <button type="submit" className="button button--secondary" name="cancel" value="1">
            {t("testidp:login.cancel")}
          </button>
        </div>
      </form>
    </Document>,
  );
}

export function logoutPage(opts: { lang: Lang; action: string; xsrf: string }) {
  const t = tFor(opts.lang);
  return renderPage(
    <Document lang={opts.lang} title={t("testidp:logout.title")}>
      <h1>{t("testidp:logout.title")}</h1>
      <p className="lead">{t("testidp:logout.lead")}</p>
      <form method="post" action={opts.action}>
        <input type="hidden" name="xsrf" value={opts.xsrf} />
        <div className="button-row">
          <button type="submit" className="button" name="logout" value="yes">
            {t("testidp:logout.yes")}
          </button>
          <button type="submit" className="button button--secondary">
            {t("testidp:logout.no")}
          </button>
        </div>
      </form>
    </Document>,
  );
}

export function messagePage(opts: { lang: Lang; kind: "loggedOut" | "error"; serviceHref: string; code?: string }) {
  const t = tFor(opts.lang);
  const title = t(`testidp:${opts.kind}.title`);
  return renderPage(
    <Document lang={opts.lang} title={title}>
      <h1>{title}</h1>
      <p className="lead">{t(`testidp:${opts.kind}.lead`)}</p>
      {opts.code && (
        <p>
          {t("testidp:error.code")} <code>{opts.code}</code>
        </p>
      )}
      <p>
        <a href={opts.serviceHref}>{t("testidp:backToService")}</a>
      </p>
    </Document>,
  );
}

import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import type { Resource } from "i18next";
import { createI18n, defaultLang, isLang, registerI18n } from "~/i18n";

// Each language's namespaces are a chunk of their own: the browser loads only the page's language.
const files = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json");

async function hydrate() {
  const htmlLang = document.documentElement.lang;
  const lang = isLang(htmlLang) ? htmlLang : defaultLang;
  const resources: Resource = { [lang]: {} };
  await Promise.all(
    Object.entries(files)
      .filter(([file]) => file.includes(`/locales/${lang}/`))
      .map(async ([file, load]) => {
        const ns = /\/([\w-]+)\.json$/.exec(file)?.[1];
        if (ns) resources[lang][ns] = (await load()).default;
      }),
  );
  const i18n = createI18n(lang, resources);
  registerI18n(lang, i18n);
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();

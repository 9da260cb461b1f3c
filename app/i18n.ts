import i18next, { type i18n as I18n, type Resource } from "i18next";

/** The three languages of the service. Finnish is the source language. */
export const languages = ["fi", "sv", "en"] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = "fi";
export const defaultNS = "common";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The language of a route's params for what runs on both sides (meta): the default when there is none; loaders use langParam (app/.server/platform/forms.ts), which answers 404. */
export function langOfParams(params: { lang?: string }): Lang {
  return isLang(params.lang) ? params.lang : defaultLang;
}

/** The language a path starts with (`/sv/providers` → `sv`), or null. */
export function langFromPath(pathname: string): Lang | null {
  const first = pathname.split("/")[1];
  return isLang(first) ? first : null;
}

/**
 * The language that `Accept-Language` prefers among ours; Finnish when none matches.
 * Only the primary subtag counts (`sv-FI` → `sv`); q-values order the candidates.
 */
export function langFromAcceptLanguage(header: string | null | undefined): Lang {
  if (!header) return defaultLang;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase().split("-")[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((c) => c.tag).find(isLang) ?? defaultLang;
}

/** Path prefix first, then the `Accept-Language` header, nothing else. */
export function resolveLang(pathname: string, acceptLanguage: string | null | undefined): Lang {
  return langFromPath(pathname) ?? langFromAcceptLanguage(acceptLanguage);
}

/** The same path in another language (`/fi/privacy?x=1` → `/sv/privacy?x=1`). */
export function pathInLang(pathname: string, search: string, lang: Lang): string {
  const rest = langFromPath(pathname) ? pathname.split("/").slice(2).join("/") : "";
  return `/${lang}${rest ? `/${rest}` : ""}${search}`;
}

export function createI18n(lang: Lang, resources: Resource): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    supportedLngs: [...languages],
    resources,
    ns: Object.keys(resources[lang] ?? {}),
    defaultNS,
    initImmediate: false,
    returnNull: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

/**
 * One instance per language, registered by the server at start and by the browser before it
 * hydrates. `meta` functions read it, as they cannot use hooks.
 */
const registry: Partial<Record<Lang, I18n>> = {};
export function registerI18n(lang: Lang, instance: I18n) {
  registry[lang] = instance;
}
export function getI18n(lang: Lang): I18n {
  const instance = registry[lang];
  if (!instance) throw new Error(`i18n for ${lang} is not loaded`);
  return instance;
}
export function tFor(lang: Lang) {
  return getI18n(lang).t;
}

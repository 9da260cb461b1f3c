import type { MetaDescriptor } from "@remix-run/node";
import { tFor, type Lang, langOfParams } from "~/i18n";

/** "Page – Valinta" */
export function pageTitle(lang: Lang, title: string) {
  return `${title} – ${tFor(lang)("common:siteName")}`;
}

/**
 * The `meta` of a page under a language prefix: a translated title and description from the
 * page's namespace (`{ns}:meta.title`, `{ns}:meta.description`).
 */
export function pageMeta(params: { lang?: string }, ns: string, errorPrefix = false): MetaDescriptor[] {
  const lang = langOfParams(params);
  const t = tFor(lang);
  const title = t(`${ns}:meta.title`);
  return [
    { title: (errorPrefix ? `${t("common:errorPrefix")} ` : "") + pageTitle(lang, title) },
    { name: "description", content: t(`${ns}:meta.description`) },
  ];
}

import type { MetaDescriptor } from "@remix-run/node";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

/**
 * Titles of the back-office pages: "`official:{page}.title` – pilot – Valinta", prefixed with
 * "Error:" when the page shows a form's errors. Not for search engines.
 */
export function officialMeta(
  params: { lang?: string },
  page: string,
  data: { pilot?: { name: string }; formError?: boolean; title?: string } | undefined,
): MetaDescriptor[] {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  const own = data?.title ?? t(`official:${page}.title`);
  const title = data?.pilot ? `${own} – ${data.pilot.name}` : own;
  return [
    { title: (data?.formError ? `${t("common:errorPrefix")} ` : "") + pageTitle(lang, title) },
    { name: "description", content: t("official:meta.description") },
    { name: "robots", content: "noindex" },
  ];
}

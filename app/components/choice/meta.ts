import type { PageState } from "~/view-models/page-state";
import type { MetaDescriptor } from "@remix-run/node";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

/**
 * Titles of the choice pages: `choice:{page}.title`, prefixed with "Error:" when the page shows
 * form errors, and "The choice was not recorded" when a write failed.
 */
export function choiceMeta(params: { lang?: string }, page: string, state: PageState | null | undefined): MetaDescriptor[] {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  const title = state === "notRecorded" ? t("choice:notRecorded.title") : t(`choice:${page}.title`);
  return [
    { title: (state ? `${t("common:errorPrefix")} ` : "") + pageTitle(lang, title) },
    { name: "description", content: t("choice:meta.description") },
    { name: "robots", content: "noindex" },
  ];
}

import type { PageState } from "~/view-models/page-state";
import type { MetaDescriptor } from "@remix-run/node";
import { tFor, type Lang, langOfParams } from "~/i18n";
import { pageTitle } from "~/meta";

/**
 * Titles of the provider staff pages: `staff:{page}.title` (with the provider's name), prefixed
 * with "Error:" when the page shows form errors; the preview has its own title.
 */
export function staffMeta(params: { lang?: string }, page: "landing" | "customers" | "profile", opts: { provider?: string; state?: PageState | null } = {}): MetaDescriptor[] {
  const lang: Lang = langOfParams(params);
  const t = tFor(lang);
  const key = opts.state === "preview" ? "staff:preview.title" : `staff:${page}.title`;
  const title = t(key, { provider: opts.provider ?? "" });
  return [
    { title: (opts.state === "error" ? `${t("common:errorPrefix")} ` : "") + pageTitle(lang, title) },
    { name: "description", content: t("staff:meta.description") },
    { name: "robots", content: "noindex" },
  ];
}

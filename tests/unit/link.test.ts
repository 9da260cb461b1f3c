import { Link as RemixLink } from "@remix-run/react";
import { createElement, type ComponentProps } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { Link } from "~/components/Link";

/**
 * The site's `Link` (app/components/Link.tsx) writes plain links on the server without Remix's
 * work: the markup must be exactly Remix's, or the browser's hydration would not match it.
 */
type Props = ComponentProps<typeof RemixLink>;
const page = (component: typeof RemixLink, props: Props) =>
  renderToString(createElement(StaticRouter, { location: "/fi/providers?page=2" }, createElement(component, props)));

const cases: Props[] = [
  { to: "/fi/providers/provider-1", children: "Palvelu Oy" },
  { to: "/fi/providers?pilot=north-savo-choice&page=3", className: "x", children: "3", "aria-label": "Sivu 3" },
  { to: "/sv/providers#measures", rel: "next", id: "a", children: ["Nästa", " ", "sida"] },
  { to: "/en", "aria-current": "page", lang: "en", hrefLang: "en", title: "English", children: "English" },
  { to: "/fi/a?b=<\"&'>", children: "<b>ei lihavoitu</b>" },
  { to: "/", children: "Etusivu" },
  { to: "/fi/a/../b/./c", children: "pisteet" },
  { to: "/fi/a/", children: "kauttaviiva" },
  { to: "/fi/a/..", children: "ylös" },
  { to: "/fi/.piste/a", children: "pisteellä alkava" },
  // Not plain: Remix's own Link on the server too, so the same by construction.
  { to: "/fi/a?", children: "tyhjä haku" },
  { to: "/fi/a#", children: "tyhjä ankkuri" },
  { to: "//example.com/a", children: "toinen sivusto" },
  { to: "https://example.com/a", children: "ulkoinen" },
  { to: "providers", children: "suhteellinen" },
  { to: { pathname: "/fi/providers", search: "?page=2" }, children: "olio" },
  { to: "/fi/providers", reloadDocument: true, children: "koko sivu" },
  { to: "/fi/providers", prefetch: "intent", children: "ennakkoon" },
  { to: "/fi/providers", replace: true, target: "_blank", children: "korvaa" },
];

describe("the site's Link on the server", () => {
  it.each(cases.map((props) => [JSON.stringify(props.to), props] as const))("writes what Remix's Link writes: %s", (_, props) => {
    expect(page(Link, props)).toBe(page(RemixLink, props));
  });

  it("writes a plain link without Remix for an address on the site", () => {
    expect(page(Link, { to: "/fi/providers/provider-1", className: "x", children: "A" })).toBe(
      '<a class="x" data-discover="true" href="/fi/providers/provider-1">A</a>',
    );
  });
});

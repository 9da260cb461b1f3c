import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import { createElement, forwardRef } from "react";

/**
 * The site's link: Remix's `Link`, except where the server renders a plain link to one of the
 * site's own pages (issue 17). Remix's `Link` resolves its address three times (its own `useHref`,
 * React Router's `Link` and its click handler) and sets up prefetching, which cost the server about
 * 8 µs a link, 35 links on a comparison page; for an address that starts with `/` there is nothing to
 * resolve, and the server writes the very same markup as Remix (`data-discover` and `href`, the
 * attributes in the same order; tests/unit/link.test.ts compares them). In the browser this is
 * always Remix's `Link`, so it hydrates onto that markup and navigates as before.
 *
 * Anything beyond the plain attributes below (prefetch, replace, state, reloadDocument, target, an
 * event handler, a relative or external address) is Remix's `Link` on the server too.
 */
const plainProps = new Set(["to", "children", "className", "id", "rel", "lang", "hrefLang", "title", "aria-current", "aria-label", "aria-describedby", "aria-labelledby"]);

/**
 * An address on this site that React Router writes as it is: it starts with one `/`, has no `.` or
 * `..` segment (React Router resolves those) and no empty `?` or `#` (it drops those).
 */
const sitePath = (to: unknown): to is string =>
  typeof to === "string" && to.startsWith("/") && !to.startsWith("//") && !/\/\.\.?(?=[/?#]|$)/.test(to) && !/\?(#|$)|#$/.test(to);

export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(props, ref) {
  if (typeof document === "undefined" && sitePath(props.to) && Object.keys(props).every((name) => plainProps.has(name))) {
    const { to, children, ...attributes } = props;
    return createElement("a", { ...attributes, "data-discover": "true", href: to }, children);
  }
  return <RemixLink {...props} ref={ref} />;
});

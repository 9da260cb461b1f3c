import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, moves focus to the new page's h1 (given tabIndex -1), so that a
 * screen reader announces the new page and the next Tab starts from its top, as after a full page
 * load. Not on the first load (the browser starts at the top). Not when only the search or hash
 * changes on the same page (a form step, a filter) unless the page's h1 changed with it: then it
 * is a new page (the eligibility answer after its questions). Where the page has already put focus
 * on its error summary, that is left alone.
 */
export function FocusOnNavigation() {
  const location = useLocation();
  const previous = useRef<{ key: string; pathname: string; heading: string } | null>(null);
  useEffect(() => {
    const h1 = document.querySelector<HTMLElement>("main h1");
    const heading = h1?.textContent ?? "";
    const before = previous.current;
    previous.current = { key: location.key, pathname: location.pathname, heading };
    if (!before || before.key === location.key) return;
    if (before.pathname === location.pathname && before.heading === heading) return;
    if (!h1 || document.activeElement?.closest(".error-summary")) return;
    if (!h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
    // The scroll position is ScrollRestoration's: focus must not move it.
    h1.focus({ preventScroll: true });
  }, [location.key, location.pathname]);
  return null;
}

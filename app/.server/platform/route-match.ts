import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

/**
 * What the router will match, for the server's own checks before Remix (rate limits, body sizes):
 * the build's route manifest through React Router's `matchRoutes`, so that every spelling the router
 * accepts (any letter case, percent-encoding, a trailing slash) counts with the route it reaches
 * (docs/decisions/066-request-limits.md).
 */
export type RouteManifest = Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;

/** The id of the route that the router matches for a path (the deepest match), or null. */
export function routeMatcher(manifest: RouteManifest): (pathname: string) => string | null {
  const childrenOf = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(manifest)
      .filter((r) => r.parentId === parentId)
      .map((r) =>
        r.index
          ? { id: r.id, index: true, path: r.path, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: childrenOf(r.id) },
      );
  const tree = childrenOf(undefined);
  // Paths repeat (the same pages are asked for again and again): remembered, at most 2,000 of them.
  const seen = new Map<string, string | null>();
  return (pathname) => {
    const known = seen.get(pathname);
    if (known !== undefined) return known;
    let id: string | null;
    try {
      const matches = matchRoutes(tree, pathname);
      id = matches?.[matches.length - 1]?.route.id ?? null;
    } catch {
      id = null; // a path the router cannot decode is refused (400) before this
    }
    if (pathname.length <= 512) {
      if (seen.size >= 2000) seen.clear();
      seen.set(pathname, id);
    }
    return id;
  };
}


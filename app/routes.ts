import { type RouteConfig, index, route } from "@remix-run/route-config";

// Every page lives under a language prefix; see docs/decisions/001-urls-and-languages.md.
// Page slugs are the same in every language, so a page is the same path behind each prefix.
export default [
  index("routes/root-redirect.tsx"),
  route(":lang", "routes/lang.tsx", [
    index("routes/lang.home.tsx"),
    route("accessibility", "routes/lang.accessibility.tsx"),
    route("privacy", "routes/lang.privacy.tsx"),
    route("refused/:status", "routes/lang.refused.tsx"),
    route("*", "routes/lang.not-found.tsx"),
  ]),
  route("api/*", "routes/api.not-found.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;

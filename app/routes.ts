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
    // Eligibility: "may I choose?" (issue 3).
    route("eligibility", "routes/lang.eligibility.tsx"),
    // Identification, sessions and roles (issue 5).
    route("sign-in", "routes/lang.sign-in.tsx"),
    route("sign-in/start", "routes/lang.sign-in.start.tsx"),
    route("sign-out", "routes/lang.sign-out.tsx"),
    route("my", "routes/lang.my.tsx"),
    route("foreign-eid", "routes/lang.foreign-eid.tsx"),
    // The choice: journey, receipts, personal data (issue 6).
    route("choose", "routes/lang.choose.tsx"),
    route("choose/provider", "routes/lang.choose.provider.tsx"),
    route("choose/contact", "routes/lang.choose.contact.tsx"),
    route("choose/check", "routes/lang.choose.check.tsx"),
    route("choose/weighty-reason", "routes/lang.choose.weighty-reason.tsx"),
    route("my/receipts/:reference", "routes/lang.my.receipts.$reference.tsx"),
    route("my/data.json", "routes/lang.my.data-json.tsx"),
    // Notifications by email (issue 16, item 3; decision 070).
    route("my/notifications", "routes/lang.my.notifications.tsx"),
    route("notifications/confirm", "routes/lang.notifications.confirm.tsx"),
    route("notifications/opt-out", "routes/lang.notifications.opt-out.tsx"),
    route("demo-outbox", "routes/lang.demo-outbox.tsx"),
    route("demo-outbox/:id", "routes/lang.demo-outbox.$id.tsx"),
    // Accountability: confirm or dispute, report a problem, the officials' queue (issue 16).
    route("my/delivery/:item", "routes/lang.my.delivery.$item.tsx"),
    route("providers/:slug/report", "routes/lang.providers.report.tsx"),
    route("official/:pilot/reports", "routes/lang.official.$pilot.reports.tsx"),
    route("official/:pilot/reports/:case", "routes/lang.official.$pilot.reports.$case.tsx"),
    // Providers and their results (issue 4).
    route("providers", "routes/lang.providers.tsx"),
    route("providers/:slug", "routes/lang.providers.profile.tsx"),
    route("about-the-figures", "routes/lang.about-the-figures.tsx"),
    route("open-data", "routes/lang.open-data.tsx"),
    // The officials' back office (issue 7).
    route("official", "routes/lang.official.tsx"),
    route("official/:pilot", "routes/lang.official.$pilot.tsx"),
    route("official/:pilot/rules", "routes/lang.official.$pilot.rules.tsx"),
    route("official/:pilot/rules/history", "routes/lang.official.$pilot.rules.history.tsx"),
    route("official/:pilot/providers", "routes/lang.official.$pilot.providers.tsx"),
    route("official/:pilot/providers/new", "routes/lang.official.$pilot.providers.new.tsx"),
    route("official/:pilot/providers/join", "routes/lang.official.$pilot.providers.join.tsx"),
    route("official/:pilot/providers/:id", "routes/lang.official.$pilot.providers.$id.tsx"),
    route("official/:pilot/results", "routes/lang.official.$pilot.results.tsx"),
    route("official/:pilot/results/:upload", "routes/lang.official.$pilot.results.$upload.tsx"),
    // Assessed facts: recorded by the pilot's official, never declared by the person (decision 073).
    route("official/:pilot/assessed-facts", "routes/lang.official.$pilot.assessed-facts.tsx"),
    route("official/:pilot/requests", "routes/lang.official.$pilot.requests.tsx"),
    route("official/:pilot/requests/:id", "routes/lang.official.$pilot.requests.$id.tsx"),
    route("official/:pilot/statistics", "routes/lang.official.$pilot.statistics.tsx"),
    route("official/:pilot/audit", "routes/lang.official.$pilot.audit.tsx"),
    // The provider staff's back office (issue 7).
    route("provider-staff", "routes/lang.provider-staff.tsx"),
    route("provider-staff/:businessId", "routes/lang.provider-staff.$businessId.tsx"),
    route("provider-staff/:businessId/customers", "routes/lang.provider-staff.$businessId.customers.tsx"),
    route("provider-staff/:businessId/profile", "routes/lang.provider-staff.$businessId.profile.tsx"),
    route("*", "routes/lang.not-found.tsx"),
  ]),
  // The identification service's return address and the site's public keys (issue 5).
  route("auth/callback", "routes/auth.callback.tsx"),
  route(".well-known/jwks.json", "routes/well-known.jwks.tsx"),
  // The open eligibility API (issue 3).
  route("api/v1/eligibility", "routes/api.v1.eligibility.ts"),
  route("api/v1/pilots.json", "routes/api.v1.pilots.ts"),
  // Open data of providers and results (issue 4).
  route("api/v1/providers.json", "routes/api.v1.providers.ts"),
  route("api/v1/results.csv", "routes/api.v1.results-csv.ts"),
  route("api/v1/results.json", "routes/api.v1.results-json.ts"),
  // Each provider against the public service (issue 14).
  route("api/v1/comparison.json", "routes/api.v1.comparison.ts"),
  route("api/*", "routes/api.not-found.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;

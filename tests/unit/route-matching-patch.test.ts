import { createRequire } from "node:module";
import fs from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The server's route matching is patched (patches/@remix-run+router+*.patch, applied by
 * patch-package at `npm install`) to flatten the routes and compile their patterns once, not on
 * every match. The server loads the CommonJS build, which is what is patched; it must still match
 * exactly as before.
 */
const require = createRequire(import.meta.url);
const file = require.resolve("@remix-run/router");
const router = require(file) as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      {
        id: "lang",
        path: ":lang",
        children: [
          { id: "home", index: true },
          { id: "providers", path: "providers" },
          { id: "profile", path: "providers/:slug" },
          { id: "receipt", path: "my/receipts/:reference" },
          { id: "not-found", path: "*" },
        ],
      },
    ],
  },
];

const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching on the server (patched to compile once)", () => {
  it("is the patched build", () => {
    expect(file).toMatch(/router\.cjs\.js$/);
    expect(fs.readFileSync(file, "utf8")).toContain("Valinta (patches/)");
  });

  it("matches the same way on every call, with params, case-insensitively and with the catch-all", () => {
    for (let i = 0; i < 3; i++) {
      expect(ids("/fi")).toEqual(["root", "lang", "home"]);
      expect(ids("/sv/providers")).toEqual(["root", "lang", "providers"]);
      expect(ids("/sv/PROVIDERS/")).toEqual(["root", "lang", "providers"]);
      const profile = router.matchRoutes(routes, "/en/providers/savon-uravalmennus")!;
      expect(profile.map((m) => m.route.id)).toEqual(["root", "lang", "profile"]);
      expect(profile.at(-1)!.params).toEqual({ lang: "en", slug: "savon-uravalmennus" });
      expect(router.matchRoutes(routes, "/fi/my/receipts/AB12-CD3X")!.at(-1)!.params.reference).toBe("AB12-CD3X");
      expect(ids("/fi/no/such/page")).toEqual(["root", "lang", "not-found"]);
    }
    // Another routes array (another build) is flattened on its own.
    expect(router.matchRoutes([{ id: "only", path: "only" }], "/only")!.map((m) => m.route.id)).toEqual(["only"]);
    expect(router.matchRoutes([{ id: "only", path: "only" }], "/fi")).toBeNull();
    expect(router.matchPath({ path: "/a/:b", end: false }, "/a/x/y")!.params).toEqual({ b: "x" });
    expect(router.matchPath({ path: "/a/:b", caseSensitive: true }, "/A/x")).toBeNull();
    expect(router.matchPath({ path: "/a/:b" }, "/A/x")!.params).toEqual({ b: "x" });
  });

  it("keeps a pathname's matches, giving each caller its own copies", () => {
    const first = router.matchRoutes(routes, "/fi/providers/a")!;
    const route = first.at(-1)!.route;
    (first.at(-1)!.params as Record<string, string>).slug = "changed";
    (first as unknown[]).pop();
    const second = router.matchRoutes(routes, "/fi/providers/a")!;
    expect(second.map((m) => m.route.id)).toEqual(["root", "lang", "profile"]);
    expect(second.at(-1)!.params).toEqual({ lang: "fi", slug: "a" });
    expect(second.at(-1)!.route).toBe(route);
    // Any number of different pathnames: the kept matches are forgotten, never wrong.
    for (let i = 0; i < 1_200; i++) expect(router.matchRoutes(routes, `/fi/providers/p${i}`)!.at(-1)!.params.slug).toBe(`p${i}`);
    expect(ids("/fi/no/such/page")).toEqual(["root", "lang", "not-found"]);
  });
});

/**
 * Remix's server render makes its route objects once per build (patches/@remix-run+react+*.patch) and
 * React Router's static router its data routes once per routes array (patches/react-router-dom+*.patch),
 * so that the matching above keeps its work; both must be the patched files the server loads.
 */
describe("the render's routes (patched to be made once)", () => {
  it("are the patched builds", () => {
    expect(fs.readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8")).toContain("Valinta (patches/)");
    expect(fs.readFileSync(require.resolve("react-router-dom/server.js"), "utf8")).toContain("Valinta (patches/)");
  });
});

// What each folder may import (docs/architecture.md), kept by the linter. eslint.config.js spreads
// these blocks; tests/unit/lint-boundaries.test.ts proves that each one fires.
const server = ["~/.server", "~/.server/*", "**/.server", "**/.server/*"];
const database = ["**/db/schema", "**/db/schema/*", "drizzle-orm", "drizzle-orm/*", "better-sqlite3"];

/** @param {string[]} group @param {string} message */
const forbid = (group, message, allowTypeImports = false) => ({ group, message, allowTypeImports });

const noComponents = forbid(["~/components", "~/components/*", "**/components/*"], "The server imports no components (shared types: app/view-models).");
const onlyStores = forbid(
  ["**/db/schema", "**/db/schema/*", "drizzle-orm", "drizzle-orm/*"],
  "Only stores (*.store.ts) touch the schema: put the query in the feature's store and call it.",
  true,
);

/** One home for the site's links (app/components/Link.tsx: a plain link on the server, issue 17). */
const remixLink = {
  name: "@remix-run/react",
  importNames: ["Link"],
  message: "Use Link from ~/components/Link: the same link, written on the server without Remix's work.",
};

/** @type {import("eslint").Linter.Config[]} */
export const boundaries = [
  {
    // The domain is pure TypeScript: no server code, no database, no React, no Remix.
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid(server, "The domain imports no server code (app/.server)."),
            forbid(database, "The domain imports no database: a store passes it what it needs."),
            forbid(["react", "react-dom", "react-dom/*", "react-i18next", "@remix-run/*"], "The domain imports no React or Remix."),
            forbid(["~/components", "~/components/*", "**/components/*"], "The domain imports no components."),
          ],
        },
      ],
    },
  },
  {
    // Components render what they are given: no server code, no database.
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            // Not even types: the shapes that page code makes for components live in app/view-models.
            forbid(server, "Components import no server code: the loader gives them their data (shared types: app/view-models)."),
            forbid(database, "Components import no database."),
          ],
          paths: [remixLink],
        },
      ],
    },
  },
  {
    // The site's Link is the one component that wraps Remix's.
    files: ["app/components/Link.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [forbid(server, "Components import no server code."), forbid(database, "Components import no database.")] }] },
  },
  {
    // The server imports no component code, not even types: shared shapes live in app/view-models.
    files: ["app/.server/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [noComponents] }] },
  },
  {
    // Only stores touch the schema: in each feature folder the queries and transactions are in
    // *.store.ts, and page code (loaders, actions, view models) calls them. Types of rows may be
    // imported anywhere. platform/db.ts opens the database with the schema.
    files: ["app/.server/**/*.{ts,tsx}"],
    ignores: ["app/.server/**/*.store.ts", "app/.server/platform/db.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noComponents, onlyStores] }] },
  },
  {
    // Routes are thin: they read the request and call the feature's page code; a route never
    // builds a query (row types are fine).
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx", "app/entry.*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [onlyStores], paths: [remixLink] }] },
  },
  {
    // The schema and the seed sit under the server: db/ imports no server code, not even a type. The
    // seed is handed what it needs (the identity hash, the audit writer: db/seed/index.ts), and the
    // Db type lives next to the schema (db/types.ts). Commands that wire the two are in scripts/.
    files: ["db/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [forbid(server, "db/ imports no app/.server: the server passes the seed what it needs (db/seed/index.ts, SeedServices).")] },
      ],
    },
  },
];

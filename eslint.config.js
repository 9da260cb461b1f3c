import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { boundaries } from "./eslint.boundaries.js";

export default tseslint.config(
  // tests/support/vendor: third-party code kept as published, for tests that compare against it.
  { ignores: ["build/", "build-*/", "node_modules/", ".cache/", "db/migrations/", "tmp/", "data/", "**/*.d.ts", "tests/support/vendor/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js", "*.mjs", "scripts/*.mjs", "bench/*.mjs", "tests/e2e/*.mjs"] }, tsconfigRootDir: import.meta.dirname },
      globals: { process: "readonly", console: "readonly", URL: "readonly", URLSearchParams: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", setImmediate: "readonly", Buffer: "readonly", fetch: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", AbortController: "readonly", performance: "readonly", structuredClone: "readonly" },
    },
    rules: {
      // Remix's `throw redirect()` and `throw new Response()` are how loaders stop.
      "@typescript-eslint/only-throw-error": ["error", { allow: [{ from: "lib", name: "Response" }, { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" }] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  ...boundaries,
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Scripts may name the Node globals they use in a /* global */ comment.
    files: ["**/*.mjs"],
    rules: { "no-redeclare": ["error", { builtinGlobals: false }] },
  },
);

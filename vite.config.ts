/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import zlib from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Tests that build in parallel (several helpers, CI) may point the build elsewhere.
const buildDirectory = process.env.VALINTA_BUILD_DIR ?? "build";

// The browser's scripts and styles are compressed once, at build time, as tightly as brotli and
// gzip go; the server sends those files (server/app.mjs) instead of compressing each response
// (docs/decisions/077-precompressed-assets.md). Only the browser's build: the server's is not sent.
const precompress: Plugin = {
  ...compression({
    include: /\.(js|css|svg|json|txt)$/,
    threshold: 1024,
    algorithms: [defineAlgorithm("brotliCompress", { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm("gzip", { level: 9 })],
    logLevel: "silent",
  }),
  apply: (_config, env) => env.command === "build" && !env.isSsrBuild,
};

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022", assetsInlineLimit: 0 },
  plugins: [
    !process.env.VITEST &&
      remix({
        buildDirectory,
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
    tsconfigPaths(),
    !process.env.VITEST && precompress,
  ],
  test: {
    projects: [
      {
        extends: true,
        // No database, no network (tests/unit/setup.ts refuses both): those tests are in integration.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", setupFiles: ["tests/unit/setup.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

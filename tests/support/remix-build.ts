import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { RouteConfigEntry } from "@remix-run/route-config";
import * as entry from "~/entry.server";
import * as root from "~/root";
import routeConfig from "~/routes";

/**
 * The application's own Remix request handler for integration tests: the route modules of
 * app/routes.ts, app/root.tsx and app/entry.server.tsx put together as the Vite build puts them,
 * without a build and without Express. A request goes through Remix's whole error handling
 * (handleError, handleRequest, the error boundaries), so a test sees the status, the headers and
 * the page that a browser would get.
 *
 *   const res = await remixRequest(new Request("http://localhost/fi/my"));
 */
const modules = import.meta.glob<ServerBuild["routes"][string]["module"]>("/app/routes/*.{ts,tsx}", { eager: true });

type Flat = { id: string; parentId: string; path?: string; index?: boolean; module: ServerBuild["routes"][string]["module"] };

function flatten(entries: RouteConfigEntry[], parentId: string, out: Flat[]) {
  for (const e of entries) {
    const id = e.id ?? e.file.replace(/\.[jt]sx?$/, "");
    const module = modules[`/app/${e.file}`];
    if (!module) throw new Error(`no module for ${e.file}`);
    out.push({ id, parentId, path: e.path, index: e.index, module });
    if (e.children) flatten(e.children, id, out);
  }
  return out;
}

export type RouteModule = ServerBuild["routes"][string]["module"];

/** The ServerBuild of the app's route modules (no Vite build; the assets manifest names made-up files). */
export function makeBuild(): ServerBuild {
  const flat = flatten(routeConfig, "root", []);
  const routes: ServerBuild["routes"] = { root: { id: "root", path: "", module: root as unknown as RouteModule } };
  const manifest: ServerBuild["assets"]["routes"] = {
    root: { id: "root", path: "", module: "/assets/root.js", hasAction: false, hasLoader: true, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: true },
  };
  for (const r of flat) {
    routes[r.id] = { id: r.id, parentId: r.parentId, path: r.path, index: r.index, caseSensitive: undefined, module: r.module };
    manifest[r.id] = {
      id: r.id,
      parentId: r.parentId,
      path: r.path,
      index: r.index,
      module: `/assets/${r.id}.js`,
      hasAction: "action" in r.module,
      hasLoader: "loader" in r.module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in r.module,
    };
  }
  return {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: { entry: { module: "/assets/entry.client.js", imports: [] }, routes: manifest, url: "/assets/manifest.js", version: "test" },
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      v3_routeConfig: true,
      unstable_optimizeDeps: false,
    },
    basename: "/",
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
  } as unknown as ServerBuild;
}

let handler: ReturnType<typeof createRequestHandler> | undefined;

/** Answers a request as the production server's Remix handler would (load context as server.mjs gives it). */
export function remixRequest(request: Request, context: AppLoadContext = {}): Promise<Response> {
  handler ??= createRequestHandler(makeBuild(), "production");
  return handler(request, { cspNonce: "test-nonce", requestId: "test-request", refused: null, publicOrigin: null, ...context });
}

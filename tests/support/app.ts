import type { ServerBuild } from "@remix-run/node";
import type { Express } from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { config } from "~/.server/platform/config";
import * as runtime from "~/.server/platform/runtime";
import { createApp } from "../../server/app.mjs";
import { makeBuild } from "./remix-build";

/**
 * The site's whole HTTP stack (server/app.mjs: headers, body limits, rate limits, the cross-site check,
 * the test identity provider, Remix) in front of the real route modules, with no build (the
 * ServerBuild of ./remix-build), on a free port of 127.0.0.1. Hostile requests meet here exactly what
 * production answers with.
 *
 *   const app = await startApp();   …   await fetch(`${app.base}/fi`);   …   await app.close();
 */
let build: ServerBuild | undefined;

/** The routes the router matches, as the build gives them to the server's own checks. */
export function testRoutes(): ServerBuild["routes"] {
  build ??= makeBuild();
  return build.routes;
}

export async function startApp(): Promise<{ base: string; app: Express; close: () => Promise<void> }> {
  build ??= makeBuild();
  const app = createApp({ build, runtime, cfg: config(), buildDir: "build" });
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    app,
    close: () =>
      new Promise((r) => {
        server.close(() => r(undefined));
        server.closeAllConnections(); // keep-alive sockets of fetch would hold close() for seconds
      }),
  };
}

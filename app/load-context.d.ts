import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    requestId?: string;
    /** Set when the server refused the request before it reached a route ("cross-site", "csrf"). */
    refused?: string | null;
    publicOrigin?: string | null;
  }
}

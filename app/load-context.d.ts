import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    requestId?: string;
    /** Set when the server refused the request before it reached a route ("cross-site", "csrf"). */
    refused?: string | null;
    publicOrigin?: string | null;
    /**
     * True when the request asks for a whole page, false for the data of a page the browser shows
     * itself (Remix's `.data` requests), unset where no server made the context (tests).
     */
    documentRequest?: boolean;
  }
}

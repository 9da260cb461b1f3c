import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

/**
 * Loaders and actions called directly, as Remix calls them: the one set of request helpers of the
 * integration tests.
 *
 * Arguments only (the test calls the function and looks at what it gives):
 *   loader(getArgs(aino, "/fi/choose", { lang: "fi" }))
 *   await action(formArgs(aino, "/fi/choose", { lang: "fi" }, { registered: "yes" }))
 *
 * Or called, with the answer reduced to a status, a redirect and the data:
 *   const answer = await post(page.action, "/fi/official/x/rules", params, sari, { lockMonths: "6" });
 *   expect(answer.status).toBe(400);
 *
 * `who` is a signed-in test person (tests/support/auth.ts signedIn): their cookies and form token.
 */
export type RouteArgs = LoaderFunctionArgs & ActionFunctionArgs;
export type Sender = { cookie: string; csrf: string };
/** Posted fields; a field may repeat (give an array). */
export type Fields = Record<string, string | string[]>;
type Params = Record<string, string>;

/** Arguments for calling a loader or an action directly, as Remix would. */
export function args(url: string, params: Params = {}, init: RequestInit & { context?: AppLoadContext } = {}): RouteArgs {
  const { context = {}, ...requestInit } = init;
  return { request: new Request(new URL(url, "http://localhost"), requestInit), params, context };
}

/** A GET as the person's browser sends it (no cookie without a person). */
export function getArgs(who: Sender | null | undefined, path: string, params: Params): RouteArgs {
  return args(path, params, { headers: who ? { cookie: who.cookie } : {} });
}

/** A form posted as the person's browser posts it: with their form token, unless `{ csrf: false }`. */
export function formArgs(who: Sender | null | undefined, path: string, params: Params, fields: Fields = {}, opts: { csrf?: boolean } = {}): RouteArgs {
  const body = new URLSearchParams();
  if (who && opts.csrf !== false) body.set("csrf", who.csrf);
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return args(path, params, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(who ? { cookie: who.cookie } : {}) },
    body,
  });
}

/** A results file posted as the browser posts it (multipart, with the form token). */
export function uploadArgs(who: Sender, path: string, params: Params, bytes: Uint8Array, name = "results.csv"): RouteArgs {
  const form = new FormData();
  form.set("csrf", who.csrf);
  form.set("file", new File([new Uint8Array(bytes)], name, { type: "text/csv" }));
  return args(path, params, { method: "POST", headers: { cookie: who.cookie }, body: form });
}

/** Runs a loader or action that may throw a Response, and returns the Response or the data. */
export async function run<T>(fn: () => T | Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** What a loader or action answered: a thrown or returned Response, data(…, { status }), or plain data. */
export type Answer = { status: number; location: string | null; data: Record<string, unknown> | null; context: AppLoadContext };

type Fn = (args: RouteArgs) => unknown;

/** Calls a loader or action with the arguments and reduces what it answers to an Answer. */
export async function answer(fn: Fn, routeArgs: RouteArgs): Promise<Answer> {
  const { context } = routeArgs;
  try {
    const out = await fn(routeArgs);
    if (out instanceof Response) return { status: out.status, location: out.headers.get("location"), data: null, context };
    if (out && typeof out === "object" && (out as { type?: string }).type === "DataWithResponseInit") {
      const d = out as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: d.init?.status ?? 200, location: null, data: d.data, context };
    }
    return { status: 200, location: null, data: out as Record<string, unknown>, context };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("location"), data: null, context };
    throw thrown;
  }
}

export function get(fn: Fn, path: string, params: Params, who?: Sender | null): Promise<Answer> {
  return answer(fn, getArgs(who, path, params));
}

export function post(fn: Fn, path: string, params: Params, who: Sender | null, fields: Fields = {}): Promise<Answer> {
  return answer(fn, formArgs(who, path, params, fields));
}

export function upload(fn: Fn, path: string, params: Params, who: Sender, bytes: Uint8Array, name = "results.csv"): Promise<Answer> {
  return answer(fn, uploadArgs(who, path, params, bytes, name));
}

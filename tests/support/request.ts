import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

/** Arguments for calling a loader or an action directly, as Remix would. */
export function args(
  url: string,
  params: Record<string, string> = {},
  init: RequestInit & { context?: AppLoadContext } = {},
): LoaderFunctionArgs & ActionFunctionArgs {
  const { context = {}, ...requestInit } = init;
  return { request: new Request(new URL(url, "http://localhost"), requestInit), params, context };
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

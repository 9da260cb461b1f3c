import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, beforeEach, vi } from "vitest";
import { logger } from "~/.server/platform/log";
import { getUser, type SignedInUser } from "~/.server/auth/auth";
import { saveAnswers, savePick, saveContact, confirmChoice, getDraft } from "~/.server/choice/choices.store";
import { signedIn } from "../support/auth";

/**
 * Helpers of the back-office integration tests: a signed-in person, and loaders and actions called
 * as Remix calls them, with what they answer reduced to a status, a redirect and the data.
 */
export type Who = ReturnType<typeof signedIn>;
export const as = (key: string): Who => signedIn(key);

export type Answer = { status: number; location: string | null; data: Record<string, unknown> | null; context: AppLoadContext };

type Fn = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

async function call(fn: Fn, request: Request, params: Record<string, string>): Promise<Answer> {
  const context: AppLoadContext = {};
  try {
    const out = await fn({ request, params, context });
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

const url = (path: string) => new URL(path, "http://localhost");

export function get(fn: Fn, path: string, params: Record<string, string>, who?: Who | null): Promise<Answer> {
  return call(fn, new Request(url(path), { headers: who ? { cookie: who.cookie } : {} }), params);
}

/** A posted form with the person's CSRF token (fields may repeat: give an array). */
export function post(fn: Fn, path: string, params: Record<string, string>, who: Who | null, fields: Record<string, string | string[]> = {}): Promise<Answer> {
  const body = new URLSearchParams();
  if (who) body.set("csrf", who.csrf);
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return call(
    fn,
    new Request(url(path), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(who ? { cookie: who.cookie } : {}) },
      body,
    }),
    params,
  );
}

/** A results file posted as the browser posts it (multipart, with the CSRF token). */
export function upload(fn: Fn, path: string, params: Record<string, string>, who: Who, bytes: Uint8Array, name = "results.csv"): Promise<Answer> {
  const form = new FormData();
  form.set("csrf", who.csrf);
  form.set("file", new File([new Uint8Array(bytes)], name, { type: "text/csv" }));
  return call(fn, new Request(url(path), { method: "POST", headers: { cookie: who.cookie }, body: form }), params);
}

export function userOf(who: Who): SignedInUser {
  const user = getUser(new Request("http://localhost/fi/my", { headers: { cookie: who.cookie } }));
  if (!user) throw new Error("not signed in");
  return user;
}

/** A test person with a recorded choice of a provider in the North Savo pilot (their answers let them choose). */
export function choose(who: Who, provider: { id: number; slug: string }, now = new Date()) {
  const user = userOf(who);
  saveAnswers(user, { registered: true, integration_act: false, typ: false }, now);
  savePick(user, { pilotSlug: "north-savo-choice", kind: "provider", providerId: provider.id, providerSlug: provider.slug }, now);
  saveContact(user, { channel: "phone", phone: "+358 40 123 4567", email: null, language: "fi" }, now);
  const draft = getDraft(user, now);
  if (!draft) throw new Error("no draft");
  const result = confirmChoice(user, draft.idempotencyKey, now);
  if (!result.ok) throw new Error(`the choice was not recorded: ${JSON.stringify(result)}`);
  return { user, reference: result.reference };
}

/** Keeps the refusals and notices the back office logs out of the test output (they are asserted elsewhere). */
export function quietLogs() {
  beforeEach(() => {
    for (const level of ["info", "warn"] as const) vi.spyOn(logger, level).mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
}

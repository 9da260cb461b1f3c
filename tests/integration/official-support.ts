import { afterEach, beforeEach, vi } from "vitest";
import { logger } from "~/.server/platform/log";
import { getUser, type SignedInUser } from "~/.server/auth/auth";
import { saveAnswers, savePick, saveContact, confirmChoice, getDraft } from "~/.server/choice/choices.store";
import { signedIn } from "../support/auth";

/**
 * Helpers of the back-office integration tests: a signed-in person as the routes see them, a
 * recorded choice, quiet logs. Loaders and actions are called with ../support/request (get, post,
 * upload).
 */
export type Who = ReturnType<typeof signedIn>;
export const as = (key: string): Who => signedIn(key);

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

import { eq } from "drizzle-orm";
import { providerPilots, providers } from "../../db/schema";
import { requireUser, type SignedInUser } from "~/.server/auth/auth";
import { getDb } from "~/.server/platform/db";
import { saveAnswers } from "~/.server/choice/choices.store";
import { signedIn } from "../support/auth";

/**
 * Helpers of the choice tests: a signed-in test person as the routes see them, eligible answers,
 * and the example providers by slug. Requests: ../support/request (getArgs, formArgs).
 */
export type Person = ReturnType<typeof signedIn> & { user: SignedInUser };

export function person(key: string): Person {
  const p = signedIn(key);
  const user = requireUser(new Request("http://localhost/fi/my", { headers: { cookie: p.cookie } }));
  return { ...p, user };
}

/** The answers that let a North Savo resident choose (registered, not excluded). */
export function answerEligible(p: Person) {
  saveAnswers(p.user, { registered: true, integration_act: false, typ: false });
}

export function providerId(slug: string): number {
  return getDb().select({ id: providers.id }).from(providers).where(eq(providers.slug, slug)).get()!.id;
}

/** Makes every example provider serve the pilot from a fixed date, so that dated tests do not depend on today. */
export function providersFrom(date: string) {
  getDb().update(providerPilots).set({ startsOn: date }).run();
}

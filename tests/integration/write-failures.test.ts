import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { audit, people, providers } from "../../db/schema";
import { requireUser } from "~/.server/auth/auth";
import { confirmChoice, getDraft, saveAnswers, saveContact, savePick } from "~/.server/choice/choices.store";
import { csrfForRequest, CSRF_COOKIE } from "~/.server/platform/csrf";
import { getDb } from "~/.server/platform/db";
import { logger } from "~/.server/platform/log";
import { createSession, SESSION_COOKIE } from "~/.server/auth/session";
import { signedIn } from "../support/auth";
import { expectNotSaved, fillDisk, untilNotSaved } from "../support/full-disk";
import { remixRequest } from "../support/remix-build";
import { TODAY } from "../support/clock";

/**
 * A full disk (issue 12, part 7; docs/decisions/067): every form that writes answers 503 with the
 * translated "not saved, try again" page and Retry-After, the failed write leaves no row behind,
 * and the log has one JSON line with the SQLite code and nothing personal. The requests go through
 * Remix's own error handling (app/entry.server.tsx), as in production.
 */
let logged: unknown[][];
beforeEach(() => {
  logged = [];
  for (const level of ["info", "warn", "error"] as const) vi.spyOn(logger, level).mockImplementation((...a: unknown[]) => void logged.push(a));
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Who = { cookie: string; csrf: string };

/** A jobseeker of the North Savo pilot who is not one of the named test people (many are needed). */
function jobseeker(i: number): Who & { user: ReturnType<typeof requireUser> } {
  const at = new Date().toISOString();
  const row = getDb()
    .insert(people)
    .values({ identityHash: `full-disk-${i}`, givenName: "Täysi", familyName: "Levy", homeMunicipality: "749", identifiedWith: "fi", createdAt: at, updatedAt: at })
    .returning({ id: people.id })
    .get();
  const token = createSession(getDb(), row.id);
  const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=csrf-full-disk-${i}-0123456789`;
  const csrf = csrfForRequest(new Request("http://localhost/", { headers: { cookie } }), token).token;
  return { cookie, csrf, user: requireUser(new Request("http://localhost/fi/my", { headers: { cookie } })) };
}

function postForm(path: string, who: Who, fields: Record<string, string>, lang = "fi") {
  return remixRequest(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded", "accept-language": lang },
      body: new URLSearchParams({ csrf: who.csrf, ...fields }),
    }),
  );
}

/** One JSON line for the failure: the code and where, no stack, nothing personal. */
function expectOneLogLine(path: string) {
  const lines = logged.filter(([obj]) => (obj as { event?: string }).event === "write-failed");
  expect(lines).toHaveLength(1);
  expect(lines[0][0]).toEqual({ event: "write-failed", code: "SQLITE_FULL", failure: "storage", method: "POST", path, requestId: "test-request" });
  const text = JSON.stringify(logged);
  for (const secret of ["Täysi", "Levy", "Aino", "Virtanen", "040", "stack"]) expect(text).not.toContain(secret);
}

describe("a full disk", () => {
  it("a choice: the confirmation answers 503 'not recorded' in the page's language; no choice, history or audit row", async () => {
    const many = Array.from({ length: 60 }, (_, i) => jobseeker(i));
    for (const p of many) {
      saveAnswers(p.user, { registered: true, integration_act: false, typ: false });
      savePick(p.user, { pilotSlug: "north-savo-choice", kind: "public_service", providerId: null, providerSlug: null });
    }
    fillDisk();
    const { res, before, after } = await untilNotSaved((i) => postForm("/sv/choose/check", many[i], { key: getDraft(many[i].user)!.idempotencyKey }, "sv"));
    const html = await expectNotSaved(res, "Ditt val sparades inte");
    // The same form with the same key stays on the page, so that trying again records it once.
    expect(html).toContain('name="key"');
    expect(after).toEqual(before);
  });

  it("an official's form (suspending a provider) answers the translated 503; nothing of it is written", async () => {
    const sari = signedIn("sari");
    const path = "/fi/official/north-savo-choice/providers/3";
    fillDisk();
    const { res, before, after } = await untilNotSaved((i) =>
      postForm(path, sari, i % 2 === 0 ? { intent: "suspend", reason: `Selvitetään ${i}` } : { intent: "lift" }),
    );
    await expectNotSaved(res, "Tietoja ei tallennettu");
    expect(after).toEqual(before);
    expectOneLogLine(path);
  });

  it("a provider staff form (first contact) answers the translated 503; nothing of it is written", async () => {
    const kaisa = signedIn("kaisa");
    const tyopolku = getDb().select({ id: providers.id, slug: providers.slug }).from(providers).where(eq(providers.businessId, "2345671-3")).get()!;
    const customers = Array.from({ length: 80 }, (_, i) => {
      const p = jobseeker(i);
      saveAnswers(p.user, { registered: true, integration_act: false, typ: false });
      savePick(p.user, { pilotSlug: "north-savo-choice", kind: "provider", providerId: tyopolku.id, providerSlug: tyopolku.slug });
      saveContact(p.user, { channel: "phone", phone: "+358 40 123 4567", email: null, language: "fi" });
      const result = confirmChoice(p.user, getDraft(p.user)!.idempotencyKey);
      if (!result.ok) throw new Error(JSON.stringify(result));
      return getDb().$client.prepare("SELECT id FROM choices WHERE reference = ?").pluck().get(result.reference) as number;
    });
    const path = "/en/provider-staff/2345671-3/customers";
    fillDisk();
    const { res, before, after } = await untilNotSaved((i) => postForm(path, kaisa, { choice: String(customers[i]), contactedOn: TODAY }, "en"));
    await expectNotSaved(res, "Not saved");
    expect(after).toEqual(before);
    expectOneLogLine(path);
    expect(getDb().select().from(audit).where(and(eq(audit.action, "provider.first-contact.record"))).all().length).toBeGreaterThan(0);
  });

  it("a page reached with JavaScript whose write fails is loaded again as a page, which is the 503", async () => {
    const { handleDataRequest } = await import("~/entry.server");
    const { noteWriteFailure } = await import("~/.server/platform/write-failures");
    const context = {};
    const request = new Request("http://localhost/fi/my.data?_routes=routes%2Flang.my");
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    expect(noteWriteFailure(full, request, context)).toBe(true);
    const res = await handleDataRequest(new Response("x"), { request, context, params: {} });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/fi/my");
    expect(res.headers.get("x-remix-reload-document")).toBe("true");
    // Other errors are not write failures: they stay the 500 page.
    expect(noteWriteFailure(new Error("bug"), request, {})).toBe(false);
  });

  it("a signed-in person's pages still read when the session's idle timer cannot be written", async () => {
    const aino = signedIn("aino", Date.now() - 5 * 60_000);
    getDb().$client.pragma("query_only = ON"); // every write fails with SQLITE_READONLY
    try {
      const res = await remixRequest(new Request("http://localhost/fi/my", { headers: { cookie: aino.cookie } }));
      expect(res.status).toBe(200);
    } finally {
      getDb().$client.pragma("query_only = OFF");
    }
  });
});

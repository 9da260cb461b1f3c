import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { audit, choices, firstContacts, people, providerPilots, providers, roles } from "../../db/schema";
import { testPeople } from "../../db/seed/people";
import { getDb } from "~/.server/platform/db";
import { logger } from "~/.server/platform/log";
import { firstContactCounts, providerFirstContactFigures } from "~/.server/provider-staff/figures.store";
import { customerOf, listCustomers, recordFirstContact, staffProfileOf } from "~/.server/provider-staff/staff.store";
import { formEntries, profileToForm } from "~/domain/staff-profile";
import { addDays } from "~/domain/working-days";
import { loader as landingLoader } from "~/routes/lang.provider-staff";
import { loader as indexLoader } from "~/routes/lang.provider-staff.$businessId";
import { action as customersAction, loader as customersLoader } from "~/routes/lang.provider-staff.$businessId.customers";
import { action as profileAction, loader as profileLoader } from "~/routes/lang.provider-staff.$businessId.profile";
import { loader as publicProfileLoader } from "~/routes/lang.providers.profile";
import { loader as myLoader } from "~/routes/lang.my";
import { toUser } from "~/.server/auth/auth";
import { args, run } from "../support/request";
import { signedIn } from "../support/auth";
import { TODAY as today } from "../support/clock";

/**
 * Provider staff pages (issue 7): role isolation, the contacted-on form and its measure, the
 * retention of moved-on customers, and a profile change reaching the public page.
 */

const TYOPOLKU = "2345671-3"; // Kaisa is its staff
const SAVON = "3456782-2"; // Olli is its staff
const PILOT = "north-savo-choice";

let logged: unknown[][];
beforeEach(() => {
  logged = [];
  for (const level of ["info", "warn", "error"] as const) {
    vi.spyOn(logger, level).mockImplementation(((...a: unknown[]) => void logged.push(a)));
  }
});
afterEach(() => {
  // Nothing personal in the logs: no names, identity codes, phone numbers or email addresses.
  const text = JSON.stringify(logged);
  for (const p of testPeople) for (const v of [p.givenName, p.familyName, p.identityCode]) if (v) expect(text).not.toContain(v);
  for (const v of ["Asiakas", "Kund", "+358401234567", "@example.fi"]) expect(text).not.toContain(v);
  vi.restoreAllMocks();
});

function providerId(businessId: string): number {
  return getDb().select({ id: providers.id }).from(providers).where(eq(providers.businessId, businessId)).get()!.id;
}

let counter = 0;
/** A customer of a provider, as the choice journey would have recorded them. */
function addCustomer(o: {
  businessId: string;
  given: string;
  family?: string;
  chosenOn: string;
  channel?: "phone" | "email";
  ended?: { on: string; visibleUntil: string };
}) {
  const db = getDb();
  const id = providerId(o.businessId);
  const slug = db.select({ slug: providers.slug }).from(providers).where(eq(providers.id, id)).get()!.slug;
  const at = `${o.chosenOn}T09:00:00.000Z`;
  const person = db
    .insert(people)
    .values({ identityHash: `test-${++counter}-${crypto.randomUUID()}`, givenName: o.given, familyName: o.family ?? "Asiakas", homeMunicipality: "749", identifiedWith: "fi", createdAt: at, updatedAt: at })
    .returning({ id: people.id })
    .get();
  const reference = `T${String(counter).padStart(3, "0")}-TEST`;
  const channel = o.channel ?? "phone";
  return db
    .insert(choices)
    .values({
      reference,
      idempotencyKey: `key-${reference}`,
      personId: person.id,
      pilotSlug: PILOT,
      kind: "provider",
      providerId: id,
      providerSlug: slug,
      snapshot: { pilotName: { fi: "x", sv: "x", en: "x" }, provider: null, lockMonths: 6, contactBy: null },
      contactChannel: channel,
      contactPhone: channel === "phone" ? "+358401234567" : null,
      contactEmail: channel === "email" ? `${o.given.toLowerCase()}@example.fi` : null,
      serviceLanguage: "fi",
      chosenAt: at,
      chosenOn: o.chosenOn,
      status: o.ended ? "ended" : "current",
      endedAt: o.ended ? `${o.ended.on}T09:00:00.000Z` : null,
      endedReason: o.ended ? "changed" : null,
      contactVisibleUntil: o.ended?.visibleUntil ?? null,
    })
    .returning({ id: choices.id })
    .get().id;
}

function get(path: string, cookie?: string) {
  return args(path, paramsOf(path), { headers: cookie ? { cookie } : {} });
}
function post(path: string, cookie: string | undefined, body: Record<string, string> | [string, string][]) {
  return args(path, paramsOf(path), {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}
function paramsOf(path: string): Record<string, string> {
  const [, lang, , businessId] = new URL(path, "http://localhost").pathname.split("/");
  return businessId ? { lang, businessId } : { lang };
}

/** The status a loader or action answers with: a thrown or returned Response, data(…, { status }), or 200. */
async function status(fn: () => unknown): Promise<number> {
  const r = await run(fn);
  if (r instanceof Response) return r.status;
  return isDataWithStatus(r) ? r.init.status : 200;
}
function isDataWithStatus(r: unknown): r is { init: { status: number } } {
  return typeof r === "object" && r !== null && "init" in r && typeof (r as { init?: { status?: number } }).init?.status === "number";
}


describe("who may use the provider staff pages", () => {
  it("without a session every page and form redirects to sign-in (303), and comes back after it", async () => {
    const pages = [
      [landingLoader, "/fi/provider-staff"],
      [indexLoader, `/sv/provider-staff/${TYOPOLKU}`],
      [customersLoader, `/en/provider-staff/${TYOPOLKU}/customers?show=all`],
      [profileLoader, `/fi/provider-staff/${TYOPOLKU}/profile`],
    ] as const;
    for (const [loader, path] of pages) {
      const res = await run(() => loader(get(path)));
      expect(res instanceof Response && res.status, path).toBe(303);
      expect((res as Response).headers.get("location")).toBe(`/${path.split("/")[1]}/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    const body = { choice: "1", contactedOn: today, intent: "preview" };
    const customersPath = `/fi/provider-staff/${TYOPOLKU}/customers`;
    const profilePath = `/fi/provider-staff/${TYOPOLKU}/profile`;
    for (const res of [await run(() => customersAction(post(customersPath, undefined, body))), await run(() => profileAction(post(profilePath, undefined, body)))]) {
      expect(res instanceof Response && res.status).toBe(303);
    }
  });

  it("staff of one provider get 403 on every page and form of another, whatever ids they put in the address or the form", async () => {
    const olli = signedIn("olli");
    const kaisasCustomer = addCustomer({ businessId: TYOPOLKU, given: "Anni", chosenOn: addDays(today, -2) });
    const pages = [
      [indexLoader, `/fi/provider-staff/${TYOPOLKU}`],
      [customersLoader, `/fi/provider-staff/${TYOPOLKU}/customers`],
      [customersLoader, `/fi/provider-staff/${TYOPOLKU}/customers?show=all&saved=${kaisasCustomer}`],
      [profileLoader, `/fi/provider-staff/${TYOPOLKU}/profile`],
      [customersLoader, `/fi/provider-staff/2345671-3%20/customers`],
      [profileLoader, `/fi/provider-staff/1234567-1/profile`],
    ] as const;
    for (const [loader, path] of pages) {
      expect(await status(() => loader(get(path, olli.cookie))), path).toBe(403);
    }
    const forms = [
      [customersAction, `/fi/provider-staff/${TYOPOLKU}/customers`, { csrf: olli.csrf, choice: String(kaisasCustomer), contactedOn: today }],
      [profileAction, `/fi/provider-staff/${TYOPOLKU}/profile`, { csrf: olli.csrf, intent: "publish", short_fi: "Kaapattu" }],
    ] as const;
    for (const [action, path, body] of forms) {
      expect(await status(() => action(post(path, olli.cookie, body))), path).toBe(403);
    }
    // Through his own address, with Kaisa's customer's id in the hidden field: not found (404), nothing written.
    expect(
      await status(() =>
        customersAction(post(`/fi/provider-staff/${SAVON}/customers`, olli.cookie, { csrf: olli.csrf, choice: String(kaisasCustomer), contactedOn: today })),
      ),
    ).toBe(404);
    expect(getDb().select().from(firstContacts).all()).toEqual([]);
    // And ?saved= with another provider's customer names nobody.
    const own = customersLoader(get(`/fi/provider-staff/${SAVON}/customers?saved=${kaisasCustomer}`, olli.cookie));
    expect(own.saved).toBeNull();
    expect(JSON.stringify(own)).not.toContain("Anni");
  });

  it("a jobseeker and an official get 403 on every page and form", async () => {
    for (const key of ["aino", "sari", "timo"]) {
      const p = signedIn(key);
      expect(await status(() => landingLoader(get("/fi/provider-staff", p.cookie))), key).toBe(403);
      for (const bid of [TYOPOLKU, SAVON]) {
        expect(await status(() => indexLoader(get(`/fi/provider-staff/${bid}`, p.cookie)))).toBe(403);
        expect(await status(() => customersLoader(get(`/fi/provider-staff/${bid}/customers`, p.cookie)))).toBe(403);
        expect(await status(() => profileLoader(get(`/fi/provider-staff/${bid}/profile`, p.cookie)))).toBe(403);
        expect(await status(() => customersAction(post(`/fi/provider-staff/${bid}/customers`, p.cookie, { csrf: p.csrf, choice: "1", contactedOn: today })))).toBe(403);
        expect(await status(() => profileAction(post(`/fi/provider-staff/${bid}/profile`, p.cookie, { csrf: p.csrf, intent: "publish" })))).toBe(403);
      }
    }
  });

  it("staff see only their own provider, and only what its customers agreed to share", async () => {
    const kaisa = signedIn("kaisa");
    addCustomer({ businessId: TYOPOLKU, given: "Anni", chosenOn: addDays(today, -1) });
    addCustomer({ businessId: SAVON, given: "Bertil", family: "Kund", chosenOn: addDays(today, -1) });
    const landing = landingLoader(get("/fi/provider-staff", kaisa.cookie));
    expect(landing.providers.map((p) => p.businessId)).toEqual([TYOPOLKU]);
    expect(landing.providers[0].waiting).toBe(1);
    const list = customersLoader(get(`/fi/provider-staff/${TYOPOLKU}/customers?show=all`, kaisa.cookie));
    expect(list.customers.map((c) => c.name)).toEqual(["Anni Asiakas"]);
    // Only what the customer agreed to share: name, channel, contact, language, dates.
    expect(Object.keys(list.customers[0]).sort()).toEqual(
      ["channel", "chosenOn", "contactedOn", "contactedOnIso", "deadline", "delivery", "email", "id", "inTime", "language", "movedOn", "name", "overdue", "phone", "pilotName", "visibleUntil"].sort(),
    );
    expect(JSON.stringify(list)).not.toMatch(/Bertil|identity|personId|749/);
    expect(await status(() => indexLoader(get(`/fi/provider-staff/${TYOPOLKU}`, kaisa.cookie)))).toBe(303);
  });

  it("a role for a business ID without a provider in the service: the landing page says so, its pages are 404", async () => {
    const kaisa = signedIn("kaisa");
    getDb().insert(roles).values({ identityHash: kaisa.identityHash, kind: "provider_staff", scope: "1234567-1", grantedAt: "2026-01-01T00:00:00Z", grantedBy: "test" }).run();
    expect(landingLoader(get("/fi/provider-staff", kaisa.cookie)).unknown).toEqual(["1234567-1"]);
    expect(await status(() => customersLoader(get("/fi/provider-staff/1234567-1/customers", kaisa.cookie)))).toBe(404);
    expect(await status(() => profileLoader(get("/fi/provider-staff/1234567-1/profile", kaisa.cookie)))).toBe(404);
  });

  it("My page links provider staff to their pages", () => {
    const kaisa = signedIn("kaisa");
    expect(myLoader(get("/fi/my", kaisa.cookie)).staffOf).toEqual([TYOPOLKU]);
  });
});

describe("recording the first contact", () => {
  const path = `/fi/provider-staff/${TYOPOLKU}/customers`;

  it("bad dates get a translated error next to the field with what was typed; a good one is saved with its audit row", async () => {
    const kaisa = signedIn("kaisa");
    const chosenOn = addDays(today, -3);
    const id = addCustomer({ businessId: TYOPOLKU, given: "Anni", chosenOn });
    for (const [typed, key] of [
      ["", "errors.contactedOn.required"],
      ["31.2.2026", "errors.contactedOn.invalid"],
      ["tomorrow", "errors.contactedOn.invalid"],
      [addDays(chosenOn, -1), "errors.contactedOn.beforeChoice"],
      [addDays(today, 1), "errors.contactedOn.inFuture"],
    ]) {
      const context = {};
      const res = await customersAction({ ...post(path, kaisa.cookie, { csrf: kaisa.csrf, choice: String(id), contactedOn: typed, show: "all" }), context });
      expect(isDataWithStatus(res) && res.init.status, typed).toBe(400);
      expect((res as unknown as { data: { error: unknown } }).data.error).toEqual({ choiceId: id, message: key, value: typed });
      // The page of the same request says "Error:" in its title.
      expect(customersLoader({ ...get(`${path}?show=all`, kaisa.cookie), context }).pageState).toBe("error");
    }
    expect(getDb().select().from(firstContacts).all()).toEqual([]);

    const res = await run(() => customersAction(post(path, kaisa.cookie, { csrf: kaisa.csrf, choice: String(id), contactedOn: chosenOn, show: "all", page: "1" })));
    expect(res instanceof Response && res.status).toBe(303);
    expect((res as Response).headers.get("location")).toBe(`${path}?show=all&saved=${id}`);
    expect(getDb().select({ on: firstContacts.contactedOn }).from(firstContacts).where(eq(firstContacts.choiceId, id)).get()).toEqual({ on: chosenOn });
    const rows = getDb().select().from(audit).where(eq(audit.action, "provider.first-contact.record")).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: `choice:${id}`, pilotSlug: PILOT, actor: kaisa.identityHash, details: { businessId: TYOPOLKU, inTime: true } });
    const page = customersLoader(get(`${path}?show=all&saved=${id}`, kaisa.cookie));
    expect(page.saved?.name).toBe("Anni Asiakas");
    expect(page.saved?.contactedOn).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4}$/);
    expect(page.customers[0]).toMatchObject({ contactedOnIso: chosenOn, inTime: true });
    // The waiting list no longer has them.
    expect(customersLoader(get(path, kaisa.cookie)).customers).toEqual([]);

    // A correction replaces the date and is audited as one.
    await run(() => customersAction(post(path, kaisa.cookie, { csrf: kaisa.csrf, choice: String(id), contactedOn: today })));
    expect(getDb().select().from(audit).where(eq(audit.action, "provider.first-contact.correct")).all()).toHaveLength(1);
  });

  it("malformed forms are 400, not a crash; a missing CSRF token is 403", async () => {
    const kaisa = signedIn("kaisa");
    expect(await status(() => customersAction(post(path, kaisa.cookie, { csrf: kaisa.csrf, choice: "abc", contactedOn: today })))).toBe(400);
    expect(await status(() => customersAction(post(path, kaisa.cookie, { choice: "1", contactedOn: today })))).toBe(403);
    expect(await status(() => customersAction(post(path, kaisa.cookie, { csrf: kaisa.csrf, choice: "999999", contactedOn: today })))).toBe(404);
    const weird = customersLoader(get(`${path}?show=%00&page=-5&saved=x`, kaisa.cookie));
    expect(weird).toMatchObject({ filter: "waiting", page: 1, saved: null });
  });

  it("counts contact within 5 working days across Christmas and New Year into December's figure", () => {
    const kaisa = signedIn("kaisa");
    const user = toUser(getDb().select().from(people).where(eq(people.id, kaisa.personId)).get()!);
    const tyopolku = { id: providerId(TYOPOLKU), businessId: TYOPOLKU };
    // The provider serves the pilot from well before December 2026.
    getDb().update(providerPilots).set({ startsOn: "2026-01-01" }).where(eq(providerPilots.providerId, tyopolku.id)).run();
    const a = addCustomer({ businessId: TYOPOLKU, given: "A", chosenOn: "2026-12-22" });
    const b = addCustomer({ businessId: TYOPOLKU, given: "B", chosenOn: "2026-12-23" });
    const c = addCustomer({ businessId: TYOPOLKU, given: "C", chosenOn: "2026-12-23" });
    addCustomer({ businessId: TYOPOLKU, given: "D", chosenOn: "2026-12-28" });
    addCustomer({ businessId: SAVON, given: "E", chosenOn: "2026-12-28" });
    const at = new Date("2027-01-15T10:00:00Z");
    expect(recordFirstContact(user, tyopolku, a, "31.12.2026", at)).toMatchObject({ ok: true }); // 5th working day
    expect(recordFirstContact(user, tyopolku, b, "4.1.2027", at)).toMatchObject({ ok: true }); // 5th working day after Christmas and New Year
    expect(recordFirstContact(user, tyopolku, c, "2027-01-05", at)).toMatchObject({ ok: true }); // 6th: late
    expect(recordFirstContact(user, tyopolku, c, "2027-01-16", at)).toEqual({ ok: false, reason: "invalid", error: "errors.contactedOn.inFuture" });

    const counts = firstContactCounts(PILOT, "2026-12", "2027-02-01");
    expect(counts.map((r) => [r.businessId, r.figure.started, r.figure.within, r.figure.late, r.figure.missed, r.figure.final])).toEqual([
      [TYOPOLKU, 4, 2, 1, 1, true],
      [SAVON, 1, 0, 0, 1, true],
    ]);
    // On 5.1.2027 the customer of 28.12. still had until 5.1.: open, and the month is not final.
    expect(firstContactCounts(PILOT, "2026-12", "2027-01-05")[0].figure).toMatchObject({ within: 2, late: 1, missed: 0, open: 1, final: false });
    // Staff's own figures: December among the months, Savon's customers not counted.
    const own = providerFirstContactFigures(tyopolku.id, "2027-01-15");
    expect(own).toHaveLength(1);
    expect(own[0].months.find((m) => m.month === "2026-12")).toMatchObject({ started: 4, within: 2 });
    expect(firstContactCounts(PILOT, "2026-13", "2027-02-01")).toEqual([]);
  });
});

describe("customers who moved on (the privacy notice: contact details seen for 3 months after)", () => {
  it("a customer who chose again is seen until 3 months after and then not at all, in lists, lookups and writes", () => {
    const tyopolku = providerId(TYOPOLKU);
    getDb().update(providerPilots).set({ startsOn: "2025-06-01" }).where(eq(providerPilots.providerId, tyopolku)).run();
    const id = addCustomer({ businessId: TYOPOLKU, given: "Dani", chosenOn: "2025-12-01", ended: { on: "2026-01-10", visibleUntil: "2026-04-10" } });
    const seen = listCustomers(tyopolku, { today: "2026-04-10", filter: "all", page: 1 });
    expect(seen.total).toBe(1);
    expect(seen.customers[0]).toMatchObject({ givenName: "Dani", contactPhone: "+358401234567", visibility: { movedOn: "2026-01-10", visibleUntil: "2026-04-10", visible: true } });
    // Moved on: not waiting for contact any more.
    expect(listCustomers(tyopolku, { today: "2026-04-10", filter: "waiting", page: 1 }).total).toBe(0);

    const hidden = listCustomers(tyopolku, { today: "2026-04-11", filter: "all", page: 1 });
    expect(hidden).toEqual({ total: 0, customers: [] });
    expect(customerOf(tyopolku, id, "2026-04-11")).toBeNull();
    const kaisa = signedIn("kaisa");
    const user = toUser(getDb().select().from(people).where(eq(people.id, kaisa.personId)).get()!);
    expect(recordFirstContact(user, { id: tyopolku, businessId: TYOPOLKU }, id, "2026-01-02", new Date("2026-04-11T10:00:00Z"))).toEqual({ ok: false, reason: "not_found" });
    // A contact date after they moved on is refused while they are still seen.
    expect(recordFirstContact(user, { id: tyopolku, businessId: TYOPOLKU }, id, "2026-01-11", new Date("2026-03-01T10:00:00Z"))).toMatchObject({
      ok: false,
      error: "errors.contactedOn.afterMovedOn",
    });
    // The count of the month still includes them: only the person's details are hidden.
    expect(firstContactCounts(PILOT, "2025-12", "2026-04-11")[0].figure.started).toBe(1);
  });

  it("when the provider leaves the pilot, its current customers are seen for 3 months after its last day", () => {
    const tyopolku = providerId(TYOPOLKU);
    getDb().update(providerPilots).set({ startsOn: "2025-06-01", endsOn: "2026-03-31" }).where(eq(providerPilots.providerId, tyopolku)).run();
    addCustomer({ businessId: TYOPOLKU, given: "Eeva", chosenOn: "2026-02-01" });
    const on = (day: string, filter: "all" | "waiting" = "all") => listCustomers(tyopolku, { today: day, filter, page: 1 });
    expect(on("2026-03-31", "waiting").total).toBe(1);
    expect(on("2026-04-01", "waiting").total).toBe(0);
    expect(on("2026-07-01").customers[0].visibility).toEqual({ movedOn: "2026-04-01", visibleUntil: "2026-07-01", visible: true });
    expect(on("2026-07-02")).toEqual({ total: 0, customers: [] });
  });

  it("the customers page of today hides a customer who moved on more than 3 months ago", () => {
    const kaisa = signedIn("kaisa");
    addCustomer({ businessId: TYOPOLKU, given: "Old", chosenOn: addDays(today, -200), ended: { on: addDays(today, -100), visibleUntil: addDays(today, -8) } });
    addCustomer({ businessId: TYOPOLKU, given: "Recent", chosenOn: addDays(today, -60), ended: { on: addDays(today, -30), visibleUntil: addDays(today, 60) } });
    const page = customersLoader(get(`/fi/provider-staff/${TYOPOLKU}/customers?show=all`, kaisa.cookie));
    expect(page.customers.map((c) => c.name)).toEqual(["Recent Asiakas"]);
    expect(page.customers[0].movedOn).not.toBeNull();
    expect(JSON.stringify(page)).not.toContain("Old");
  });
});

describe("the profile", () => {
  const path = `/fi/provider-staff/${TYOPOLKU}/profile`;

  function formOf(change: (f: ReturnType<typeof profileToForm>) => void = () => {}) {
    const f = profileToForm(staffProfileOf(providerId(TYOPOLKU))!);
    change(f);
    return f;
  }
  function version() {
    return getDb().select({ v: providers.updatedAt }).from(providers).where(eq(providers.businessId, TYOPOLKU)).get()!.v;
  }

  it("shows the commitments read-only and the profile's own values", () => {
    const kaisa = signedIn("kaisa");
    const page = profileLoader(get(path, kaisa.cookie));
    expect(page.commitments).toMatchObject({ firstMeetingWithinDays: 3, coachMeetingsPerMonth: 4 });
    expect(page.values.short.fi).toContain("Siilinjärvellä");
    expect(page.municipalities.find((m) => m.value === "749")?.label).toBe("Siilinjärvi");
    expect(page.municipalities.some((m) => m.value === "588")).toBe(false); // merged into Mäntyharju
    // Offices are offered in the regions of the provider's pilots (North Savo), not all 308.
    expect(page.municipalities.some((m) => m.value === "297")).toBe(true);
    expect(page.municipalities.some((m) => m.value === "091")).toBe(false);
  });

  it("a bad form keeps what was typed and says what is wrong, field by field; nothing is written", async () => {
    const kaisa = signedIn("kaisa");
    const before = version();
    const f = formOf((v) => ((v.short.sv = ""), (v.web = "http://tyopolku.fi"), (v.email = "nope")));
    const context = {};
    const res = await profileAction({ ...post(path, kaisa.cookie, [["csrf", kaisa.csrf], ["version", before], ["intent", "publish"], ...formEntries(f)]), context });
    expect(isDataWithStatus(res) && res.init.status).toBe(400);
    const view = (res as unknown as { data: { errors: Record<string, string>; values: { web: string } } }).data;
    expect(view.errors).toEqual({ short_sv: "errors.shortRequired.sv", web: "errors.webNotHttps", email: "errors.emailInvalid" });
    expect(view.values.web).toBe("http://tyopolku.fi");
    expect(profileLoader({ ...get(path, kaisa.cookie), context }).pageState).toBe("error");
    expect(version()).toBe(before);
  });

  it("preview shows the change without publishing it; publishing shows it on the public page at once, with its audit row", async () => {
    const kaisa = signedIn("kaisa");
    const f = formOf((v) => {
      v.short.sv = "Personlig coachning i Siilinjärvi, nu också på lördagar.";
      v.offices[0].opens[5] = "10";
      v.offices[0].closes[5] = "13";
      v.languages = ["fi", "sv", "en"];
    });
    const body = (intent: string): [string, string][] => [["csrf", kaisa.csrf], ["version", version()], ["intent", intent], ...formEntries(f)];

    const context = {};
    const preview = await profileAction({ ...post(path, kaisa.cookie, body("preview")), context });
    const pv = (preview as unknown as { data: { state: string; changed: string[]; preview: { view: { languages: string; offices: { hours: string[] }[] } } } }).data;
    expect(pv.state).toBe("preview");
    expect(pv.changed).toEqual(["shortDescription", "languages", "offices"]);
    expect(pv.preview.view.languages).toBe("suomi, ruotsi ja englanti");
    expect(pv.preview.view.offices[0].hours).toContain("la 10.00–13.00");
    expect(profileLoader({ ...get(path, kaisa.cookie), context }).pageState).toBe("preview");
    let publicPage = publicProfileLoader(args("/sv/providers/tyopolku", { lang: "sv", slug: "tyopolku" }));
    expect(publicPage.provider.shortDescription).not.toContain("lördagar");

    const res = await run(() => profileAction(post(path, kaisa.cookie, body("publish"))));
    expect(res instanceof Response && res.status).toBe(303);
    expect((res as Response).headers.get("location")).toBe(`${path}?done=published`);
    publicPage = publicProfileLoader(args("/sv/providers/tyopolku", { lang: "sv", slug: "tyopolku" }));
    expect(publicPage.provider.shortDescription).toBe("Personlig coachning i Siilinjärvi, nu också på lördagar.");
    expect(publicPage.provider.languages).toBe("finska, svenska och engelska");
    expect(publicPage.offices[0].hours.join(" ")).toContain("10.00–13.00");
    const rows = getDb().select().from(audit).where(and(eq(audit.action, "provider.profile.publish"), eq(audit.subject, TYOPOLKU))).all();
    expect(rows).toEqual([expect.objectContaining({ actor: kaisa.identityHash, pilotSlug: PILOT, details: { changed: ["shortDescription", "languages", "offices"] } })]);
    expect(profileLoader(get(`${path}?done=published`, kaisa.cookie)).done).toBe("published");

    // The same form again: the version has changed, so it is not published over the newer profile.
    const stale = await profileAction(post(path, kaisa.cookie, [["csrf", kaisa.csrf], ["version", "2000-01-01T00:00:00.000Z"], ["intent", "publish"], ...formEntries(f)]));
    expect(isDataWithStatus(stale) && stale.init.status).toBe(409);
    expect((stale as unknown as { data: { notice: string; version: string } }).data).toMatchObject({ notice: "stale", version: version() });
    // Publishing without changes writes nothing.
    const same = await run(() => profileAction(post(path, kaisa.cookie, body("publish"))));
    expect((same as Response).headers.get("location")).toBe(`${path}?done=unchanged`);
    expect(getDb().select().from(audit).where(eq(audit.action, "provider.profile.publish")).all()).toHaveLength(1);
  });

  it("adding an office and going back from the preview keep what was typed, without checking it", async () => {
    const kaisa = signedIn("kaisa");
    const f = formOf((v) => (v.short.fi = ""));
    for (const intent of ["add-office", "edit"]) {
      const res = await profileAction(post(path, kaisa.cookie, [["csrf", kaisa.csrf], ["version", version()], ["intent", intent], ...formEntries(f)]));
      const view = (res as unknown as { data: { state: string; errors: object; values: { short: { fi: string }; offices: unknown[] } } }).data;
      expect(view).toMatchObject({ state: "edit", errors: {} });
      expect(view.values.short.fi).toBe("");
      expect(view.values.offices).toHaveLength(intent === "add-office" ? 2 : 1);
    }
    expect(await status(() => profileAction(post(path, kaisa.cookie, [["csrf", kaisa.csrf], ["intent", "delete-everything"]])))).toBe(400);
  });
});

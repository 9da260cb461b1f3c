import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  choiceKeptUntil,
  choicesEndedBefore,
  confirmRefusal,
  contactBy,
  contactSchema,
  contactVisibleUntil,
  draftExpired,
  draftsSavedBefore,
  normalisePhone,
  pilotChoicesExpired,
  situation,
  weightyReasonSchema,
  type ConfirmCheck,
} from "~/domain/choice";
import { factsFormSchema, factsToForm, missingFacts, parseFacts } from "~/domain/choice-facts";
import { isYesNoFact } from "~/domain/choice-words";
import { yesNoFacts } from "~/domain/pilot";
import { changeRule } from "~/domain/switching";

describe("phone numbers", () => {
  it.each([
    ["040 123 4567", "+358401234567"],
    ["040-1234567", "+358401234567"],
    ["+358 40 123 4567", "+358401234567"],
    ["00358401234567", "+358401234567"],
    ["(09) 123 4567", "+35891234567"],
    ["+46 70 123 45 67", "+46701234567"],
    ["050 12345", "+3585012345"],
  ])("%s → %s", (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(["", "12345", "0401", "+3580401234567", "abc", "040 123 4567 ext 2", "+0 123 456 789", "+1234567890123456"])("refuses %j", (input) => {
    expect(normalisePhone(input)).toBeNull();
  });

  it("never gives anything but + and 8–16 characters of digits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const n = normalisePhone(s);
        if (n !== null) expect(n).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });
});

describe("the contact form", () => {
  const errors = (input: Record<string, string>, offered?: string[]) => {
    const r = contactSchema(offered).safeParse(input);
    return r.success ? null : z.flattenError(r.error).fieldErrors;
  };

  it("reports every problem at once, as translation keys", () => {
    expect(errors({})).toEqual({ channel: ["errors.channelRequired"], language: ["errors.languageRequired"] });
    expect(errors({ channel: "phone", phone: "", language: "" })).toEqual({ phone: ["errors.phoneRequired"], language: ["errors.languageRequired"] });
    expect(errors({ channel: "email", email: "a@", language: "fi" })).toEqual({ email: ["errors.emailInvalid"] });
    expect(errors({ channel: "email", email: "", language: "fi" })).toEqual({ email: ["errors.emailRequired"] });
    // Too long is said as too long, not as a wrong format.
    expect(errors({ channel: "phone", phone: "9".repeat(41), language: "fi" })).toEqual({ phone: ["errors.phoneTooLong"] });
    expect(errors({ channel: "phone", phone: "4".repeat(5000), language: "fi" })).toEqual({ phone: ["errors.phoneTooLong"] });
    expect(errors({ channel: "phone", phone: "040 12", language: "fi" })).toEqual({ phone: ["errors.phoneInvalid"] });
    expect(errors({ channel: "email", email: `${"a".repeat(250)}@example.fi`, language: "fi" })).toEqual({ email: ["errors.emailTooLong"] });
    expect(errors({ channel: "fax", language: "fi" })).toEqual({ channel: ["errors.channelRequired"] });
  });

  it("accepts only a language the provider serves in", () => {
    expect(errors({ channel: "phone", phone: "0401234567", language: "sv" }, ["fi", "en"])).toEqual({ language: ["errors.languageNotOffered"] });
    expect(errors({ channel: "phone", phone: "0401234567", language: "ar" }, ["fi", "ar"])).toBeNull();
  });

  it("keeps only the chosen channel: the other field is dropped even when filled in", () => {
    expect(contactSchema().parse({ channel: "email", phone: "040 123 4567", email: " Aino@Example.FI ", language: "sv" })).toEqual({
      channel: "email",
      phone: null,
      email: "aino@example.fi",
      language: "sv",
    });
    expect(contactSchema().parse({ channel: "phone", phone: "040 123 4567", email: "aino@example.fi", language: "fi" })).toEqual({
      channel: "phone",
      phone: "+358401234567",
      email: null,
      language: "fi",
    });
  });
});

describe("the weighty-reason form", () => {
  it.each([
    ["empty", "", "errors.reasonRequired"],
    ["spaces only", "   ", "errors.reasonRequired"],
    ["5 characters", "lyhyt", "errors.reasonTooShort"],
    ["2,001 characters", "x".repeat(2001), "errors.reasonTooLong"],
  ])("%s → %s", (_name, reason, key) => {
    const r = weightyReasonSchema.safeParse({ reason });
    expect(r.success).toBe(false);
    expect(r.error && z.flattenError(r.error).fieldErrors.reason?.[0]).toBe(key);
  });

  it("keeps the person's words, trimmed", () => {
    expect(weightyReasonSchema.parse({ reason: "  Muutan toiselle paikkakunnalle.  " }).reason).toBe("Muutan toiselle paikkakunnalle.");
  });
});

describe("the facts the journey asks", () => {
  it("asks only the facts given, each required, in the eligibility check's own words", () => {
    const r = factsFormSchema(["registered", "age"]).safeParse({});
    expect(r.success).toBe(false);
    expect(z.flattenError(r.error!).fieldErrors).toEqual({
      registered: ["eligibility:errors.registered.required"],
      age: ["eligibility:errors.age.required"],
    });
  });

  it.each([
    ["14", "eligibility:errors.age.out_of_range"],
    ["100", "eligibility:errors.age.out_of_range"],
    ["-4", "eligibility:errors.age.invalid"],
    ["4.5", "eligibility:errors.age.invalid"],
    ["neljäkymmentä", "eligibility:errors.age.invalid"],
  ])("age %j → %s", (age, key) => {
    const r = factsFormSchema(["age"]).safeParse({ age });
    expect(z.flattenError(r.error!).fieldErrors.age?.[0]).toBe(key);
  });

  it("parses the answers into facts and back into form values", () => {
    const facts = factsFormSchema(["registered", "status", "age", "benefit", "typ"]).parse({
      registered: "yes",
      status: "unemployed",
      age: " 29 ",
      benefit: "none",
      typ: "no",
    });
    expect(facts).toEqual({ registered: true, status: "unemployed", age: 29, benefit: "none", typ: false });
    expect(factsToForm(facts)).toEqual({ registered: "yes", status: "unemployed", age: "29", benefit: "none", typ: "no" });
    expect(missingFacts(["registered", "referral"], facts)).toEqual(["referral"]);
  });

  it("drops a stored answer that no longer parses rather than guessing", () => {
    expect(parseFacts({ registered: true, status: "retired", age: "45", typ: false, extra: 1 })).toEqual({ registered: true, typ: false });
    expect(parseFacts(null)).toEqual({});
  });

  it("the browser's list of yes/no facts is the domain's", () => {
    for (const f of yesNoFacts) expect(isYesNoFact(f)).toBe(true);
    for (const f of ["status", "age", "benefit"]) expect(isYesNoFact(f)).toBe(false);
  });
});

describe("when a confirmation is refused", () => {
  const ok: ConfirmCheck = {
    pilotRunning: true,
    eligibility: { outcome: "may_choose", pilot: "north-savo-choice" },
    draft: { pilotSlug: "north-savo-choice", kind: "provider", providerId: 1 },
    providerActive: true,
    rule: { allowed: true, reason: "no_choice" },
    current: null,
  };

  it.each<[string, Partial<ConfirmCheck>, string | null]>([
    ["everything in order", {}, null],
    ["the pilot ended", { pilotRunning: false }, "pilot_not_running"],
    ["eligibility changed", { eligibility: { outcome: "public_service", pilot: "north-savo-choice" } }, "not_eligible"],
    ["eligible in another pilot", { eligibility: { outcome: "may_choose", pilot: "other" } }, "not_eligible"],
    ["the provider left", { providerActive: false }, "provider_unavailable"],
    ["locked", { rule: { allowed: false, reason: "locked", possibleFrom: "2026-09-01", weightyReasonPossible: true } }, "locked"],
    ["already the current choice", { current: { kind: "provider", providerId: 1, effective: true } }, "already_chosen"],
    ["the same provider, which had left", { current: { kind: "provider", providerId: 1, effective: false } }, null],
  ])("%s", (_name, change, expected) => {
    expect(confirmRefusal({ ...ok, ...change })).toBe(expected);
  });

  it("the public service needs no active provider", () => {
    expect(confirmRefusal({ ...ok, draft: { pilotSlug: "north-savo-choice", kind: "public_service", providerId: null }, providerActive: null })).toBeNull();
  });

  it("the pilot's end is checked before anything else", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (active, allowed) => {
        const rule = allowed ? ({ allowed: true, reason: "no_choice" } as const) : ({ allowed: false, reason: "locked", possibleFrom: "2027-01-01", weightyReasonPossible: true } as const);
        expect(confirmRefusal({ ...ok, pilotRunning: false, providerActive: active, rule })).toBe("pilot_not_running");
      }),
    );
  });
});

describe("the person's situation", () => {
  it.each([
    [null, "default_public_service"],
    [{ kind: "provider", providerActive: true, pilotEnded: false }, "provider"],
    [{ kind: "public_service", providerActive: true, pilotEnded: false }, "public_service"],
    [{ kind: "provider", providerActive: false, pilotEnded: false }, "provider_left"],
    [{ kind: "provider", providerActive: true, pilotEnded: true }, "pilot_ended"],
  ] as const)("%j → %s", (current, expected) => {
    expect(situation(current)).toBe(expected);
  });
});

describe("switching rules: weighty reason and pilot end", () => {
  const provider = { kind: "provider" as const, chosenOn: "2026-03-10", providerActive: true };
  it("an approved weighty reason frees the person inside the lock", () => {
    expect(changeRule({ ...provider, weightyReasonApproved: true }, 6, "2026-04-01")).toEqual({ allowed: true, reason: "weighty_reason_approved" });
    expect(changeRule({ ...provider, weightyReasonApproved: false }, 6, "2026-04-01").allowed).toBe(false);
  });
  it("an ended pilot binds nobody", () => {
    expect(changeRule({ ...provider, pilotEnded: true }, 6, "2026-04-01")).toEqual({ allowed: true, reason: "pilot_ended" });
  });
  it("the lock ends on the same day of the month, not a day later", () => {
    expect(changeRule(provider, 6, "2026-09-09").allowed).toBe(false);
    expect(changeRule(provider, 6, "2026-09-10").allowed).toBe(true);
  });
});

describe("dates a person is told", () => {
  it("the provider's contact: 5 working days, with the holidays of Finland", () => {
    expect(contactBy("2026-11-25")).toBe("2026-12-02"); // Wednesday → Wednesday
    expect(contactBy("2026-12-04")).toBe("2026-12-11"); // Independence Day falls on a Sunday: no day is lost
    expect(contactBy("2026-12-21")).toBe("2026-12-30"); // Christmas Eve, Christmas Day and Boxing Day
    expect(contactBy("2026-06-17")).toBe("2026-06-25"); // Midsummer Eve
    expect(contactBy("2026-11-28")).toBe("2026-12-04"); // chosen on a Saturday
  });
  it("how long data is kept", () => {
    expect(choiceKeptUntil("2024-12-31")).toBe("2026-12-31");
    expect(choiceKeptUntil(null)).toBeNull();
    expect(contactVisibleUntil("2026-11-30")).toBe("2027-02-28");
    expect(contactVisibleUntil(null)).toBeNull();
    // What the retention job removes, by the same rules.
    expect(choicesEndedBefore("2026-11-25")).toBe("2024-11-25");
    expect(pilotChoicesExpired("2024-12-31", "2026-12-31")).toBe(false);
    expect(pilotChoicesExpired("2024-12-31", "2027-01-01")).toBe(true);
    expect(pilotChoicesExpired(null, "2099-01-01")).toBe(false);
    expect(draftsSavedBefore(new Date("2026-11-25T10:00:00.000Z"))).toBe("2026-11-24T10:00:00.000Z");
    // A draft is gone for the person at the moment the job may remove it, not before.
    expect(draftExpired("2026-11-24T10:00:00.000Z", new Date("2026-11-25T10:00:00.000Z"))).toBe(false);
    expect(draftExpired("2026-11-24T09:59:59.999Z", new Date("2026-11-25T10:00:00.000Z"))).toBe(true);
  });
});

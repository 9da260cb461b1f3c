import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alphabet, createReference, hasBlindPair, parseReference } from "~/domain/reference-number";
import { addMonths, changeRule, longestLock } from "~/domain/switching";
import { addWorkingDays, easterSunday, holidays, isWorkingDay, workingDaysBetween } from "~/domain/working-days";
import { examplePilots } from "../../db/seed/pilots";

describe("reference numbers", () => {
  it("are two groups of four from an unambiguous alphabet, and parse back", () => {
    for (let i = 0; i < 200; i++) {
      const ref = createReference((n) => crypto.randomBytes(n));
      expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseReference(ref)).toBe(ref);
      expect(parseReference(ref.toLowerCase().replace("-", " "))).toBe(ref);
    }
  });

  it("catch every single wrong character and every swap of neighbours", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 7, maxLength: 7 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 31 }), (bytes, pos, shift) => {
        const ref = createReference(() => bytes).replace("-", "");
        const wrong = ref.slice(0, pos) + alphabet[(alphabet.indexOf(ref[pos]) + shift) % 32] + ref.slice(pos + 1);
        expect(parseReference(wrong)).toBeNull();
        // The one blind spot of Luhn mod 32 (0 next to Z) is never given out: see createReference.
        if (pos < 7 && ref[pos] !== ref[pos + 1] && !hasBlindPair(ref)) {
          const swapped = ref.slice(0, pos) + ref[pos + 1] + ref[pos] + ref.slice(pos + 2);
          expect(parseReference(swapped)).toBeNull();
        }
      }),
    );
  });

  it("are never given out with 0 and Z side by side, the swap a Luhn mod 32 character cannot see", () => {
    for (let i = 0; i < 2000; i++) expect(hasBlindPair(createReference((n) => crypto.randomBytes(n)))).toBe(false);
    // Luhn's known blind spot, for the record: the swap of 0 and Z keeps the check character valid.
    const blind = "0Z00000";
    const withCheck = createReference(() => new Uint8Array([0, 31, 0, 0, 0, 0, 0])).replace("-", "");
    expect(withCheck.slice(0, 7)).toBe(blind);
    expect(parseReference(`Z0${withCheck.slice(2)}`)).not.toBeNull();
  });

  it("read O as zero and I or L as one, and refuse other letters", () => {
    const ref = createReference(() => new Uint8Array([0, 1, 2, 3, 4, 5, 6]));
    expect(parseReference(ref.replace(/0/g, "O").replace(/1/g, "l"))).toBe(ref);
    expect(parseReference("UUUU-UUUU")).toBeNull();
    expect(parseReference("")).toBeNull();
    expect(parseReference("1234-56789")).toBeNull();
  });
});

describe("switching rules", () => {
  const provider = (chosenOn: string, providerActive = true) => ({ kind: "provider" as const, chosenOn, providerActive });

  it.each([
    // chosen on, lock months, today, allowed, reason
    ["2026-01-15", 6, "2026-07-14", false, "locked"],
    ["2026-01-15", 6, "2026-07-15", true, "lock_over"],
    ["2026-08-31", 6, "2027-02-27", false, "locked"],
    ["2026-08-31", 6, "2027-02-28", true, "lock_over"],
    ["2026-01-15", 0, "2026-01-15", true, "no_lock"],
  ] as const)("a provider chosen on %s with a %i-month lock, on %s: allowed %s (%s)", (chosenOn, lock, today, allowed, reason) => {
    const rule = changeRule(provider(chosenOn), lock, today);
    expect(rule.allowed).toBe(allowed);
    expect(rule.reason).toBe(reason);
  });

  it("a locked change says the date it becomes possible and that a weighty reason is possible", () => {
    expect(changeRule(provider("2026-03-10"), 6, "2026-04-01")).toEqual({
      allowed: false,
      reason: "locked",
      possibleFrom: "2026-09-10",
      weightyReasonPossible: true,
    });
  });

  it("no choice, the public service, or a provider that left never bind", () => {
    expect(changeRule(null, 6, "2026-04-01").allowed).toBe(true);
    expect(changeRule({ kind: "public_service", chosenOn: "2026-03-31", providerActive: true }, 6, "2026-04-01").reason).toBe("public_service");
    expect(changeRule(provider("2026-03-31", false), 6, "2026-04-01").reason).toBe("provider_left");
  });

  it("adds months with the end of the month clamped, leap years included", () => {
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });
});

describe("Finnish working days", () => {
  it("knows Easter and the moving holidays", () => {
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    const h = holidays(2026);
    expect(h.get("2026-04-03")).toBe("pitkäperjantai");
    expect(h.get("2026-04-06")).toBe("toinen pääsiäispäivä");
    expect(h.get("2026-05-14")).toBe("helatorstai");
    expect(h.get("2026-06-19")).toBe("juhannusaatto");
    expect(h.get("2026-12-24")).toBe("jouluaatto");
  });

  it("counts working days from a start, skipping weekends and holidays", () => {
    expect(isWorkingDay("2026-11-25")).toBe(true); // Wednesday
    expect(isWorkingDay("2026-11-28")).toBe(false); // Saturday
    expect(isWorkingDay("2026-12-07")).toBe(true); // Monday after Independence Day (a Sunday)
    // Monday 21.12.2026: Christmas Eve, Christmas Day and Boxing Day are off.
    expect(addWorkingDays("2026-12-21", 5)).toBe("2026-12-30");
    expect(workingDaysBetween("2026-12-21", "2026-12-30")).toBe(5);
    expect(workingDaysBetween("2026-11-25", "2026-11-25")).toBe(0);
    // Thursday before Easter 2026: Good Friday and Easter Monday are off.
    expect(addWorkingDays("2026-04-02", 1)).toBe("2026-04-07");
  });
});

describe("longestLock: how long a choice of a provider binds, for pages about the pilots in general", () => {
  it("reads the running pilots in which a person may choose, and nothing else", () => {
    const pilots = examplePilots(["091"]);
    expect(longestLock(pilots, "2026-11-25")).toBe(6); // North Savo, from 1.1.2025
    expect(longestLock(pilots, "2024-06-01")).toBe(0); // only municipal pilots, which bind nobody
    expect(longestLock(pilots, "2018-06-01")).toBe(6); // the national purchased-services pilot
  });
});

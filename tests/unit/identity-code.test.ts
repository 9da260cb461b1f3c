import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageOn,
  checkAlphabet,
  checkCharacter,
  generatedIdentityCode,
  isValidIdentityCode,
  makeIdentityCode,
  parseIdentityCode,
} from "~/domain/identity-code";
import { testPeople } from "../../db/seed/people";

describe("personal identity codes", () => {
  it.each([
    ["131052-308T", "1952-10-13", 308, false],
    ["010280-952L", "1980-02-01", 952, true],
    ["010594Y9032", "1994-05-01", 903, true],
    ["100190-999P", "1990-01-10", 999, true],
    ["100190Y999P", "1990-01-10", 999, true],
  ])("the domain brief's example %s passes", (code, birthDate, individualNumber, temporary) => {
    expect(parseIdentityCode(code)).toEqual({ ok: true, code, birthDate, individualNumber, temporary });
  });

  it("keeps the century sign: 100190-999P and 100190Y999P are different people", () => {
    const dash = parseIdentityCode("100190-999P");
    const y = parseIdentityCode("100190Y999P");
    expect(dash.ok && y.ok).toBe(true);
    if (dash.ok && y.ok) {
      expect(dash.code).not.toBe(y.code);
      expect(dash.birthDate).toBe(y.birthDate);
    }
  });

  it.each([
    // every century sign, each with its century
    ["010101+002S", "1801-01-01"],
    ["010101-002S", "1901-01-01"],
    ["010101Y002S", "1901-01-01"],
    ["010101X002S", "1901-01-01"],
    ["010101W002S", "1901-01-01"],
    ["010101V002S", "1901-01-01"],
    ["010101U002S", "1901-01-01"],
    ["010101A002S", "2001-01-01"],
    ["010101B002S", "2001-01-01"],
    ["010101C002S", "2001-01-01"],
    ["010101D002S", "2001-01-01"],
    ["010101E002S", "2001-01-01"],
    ["010101F002S", "2001-01-01"],
  ])("century sign of %s gives %s", (code, birthDate) => {
    const parsed = parseIdentityCode(code);
    expect(parsed.ok && parsed.birthDate).toBe(birthDate);
  });

  it.each([
    ["131052-308U", "check-character"],
    ["010280-952M", "check-character"],
    ["010594Y9033", "check-character"],
    ["100190-999Q", "check-character"],
    ["131052G308T", "century"],
    ["131052Z308T", "century"],
    ["300200A9001", "date"], // 30 February
    ["290201A9001", "date"], // 29 February 2001 (not a leap year)
    ["320190-999P", "date"],
    ["101390-999P", "date"],
    ["000190-999P", "date"],
    ["010101-0001", "individual-number"],
    ["010101-000X", "individual-number"],
    ["131052-308", "format"],
    ["131052-308TT", "format"],
    ["13105-2308T", "format"],
    ["131052-3O8T", "format"],
    ["", "format"],
  ])("%s is refused: %s", (code, problem) => {
    expect(parseIdentityCode(code)).toEqual({ ok: false, problem });
  });

  it("29 February of a leap year is a real date", () => {
    expect(parseIdentityCode(makeIdentityCode("2000-02-29", 123)).ok).toBe(true);
    expect(parseIdentityCode(makeIdentityCode("1904-02-29", 123)).ok).toBe(true);
  });

  it("accepts lower case and surrounding spaces, and compares the upper-cased code", () => {
    const parsed = parseIdentityCode(" 010594y9032 ");
    expect(parsed.ok && parsed.code).toBe("010594Y9032");
  });

  it("every single wrong check character is caught", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 2, max: 999 }), fc.integer({ min: 1, max: 30 }), (day, n, shift) => {
        const date = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const code = makeIdentityCode(date, n);
        expect(isValidIdentityCode(code)).toBe(true);
        const wrong = checkAlphabet[(checkAlphabet.indexOf(code[10]) + shift) % 31];
        expect(isValidIdentityCode(code.slice(0, 10) + wrong)).toBe(false);
      }),
    );
  });

  it("the check character is the nine digits mod 31", () => {
    expect(checkCharacter("131052308")).toBe("T");
    expect(() => checkCharacter("12345678")).toThrow();
  });

  it("makeIdentityCode refuses a sign of the wrong century and an impossible individual number", () => {
    expect(() => makeIdentityCode("1990-01-10", 999, "A")).toThrow();
    expect(makeIdentityCode("1990-01-10", 999, "Y")).toBe("100190Y999P");
    expect(() => makeIdentityCode("1990-01-10", 1)).toThrow();
    expect(() => makeIdentityCode("1990-02-30", 100)).toThrow();
  });

  it("generated test codes are valid, temporary, stable and distinct", () => {
    const seen = new Set<string>();
    for (const n of [1, 2, 99, 100, 101, 5000, 123_456, 999_999]) {
      const code = generatedIdentityCode(n);
      const parsed = parseIdentityCode(code);
      expect(parsed.ok && parsed.temporary).toBe(true);
      expect(generatedIdentityCode(n)).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBe(8);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), (a, b) => {
        fc.pre(a !== b);
        expect(generatedIdentityCode(a)).not.toBe(generatedIdentityCode(b));
      }),
    );
    expect(() => generatedIdentityCode(0)).toThrow();
    expect(() => generatedIdentityCode(1_000_000)).toThrow();
  });

  it("every listed test person has a valid code (or none: the foreign eID user)", () => {
    for (const person of testPeople) {
      if (person.identityCode === null) expect(person.homeMunicipality).toBeNull();
      else expect(parseIdentityCode(person.identityCode)).toMatchObject({ ok: true, code: person.identityCode, temporary: true });
    }
    const young = testPeople.find((p) => p.key === "emma")!;
    const parsed = parseIdentityCode(young.identityCode!);
    expect(parsed.ok && ageOn(parsed.birthDate, "2026-11-25")).toBeLessThan(30);
  });

  it("ageOn counts whole years, the birthday included", () => {
    expect(ageOn("2000-06-15", "2030-06-14")).toBe(29);
    expect(ageOn("2000-06-15", "2030-06-15")).toBe(30);
    expect(ageOn("2000-02-29", "2001-02-28")).toBe(0);
  });
});

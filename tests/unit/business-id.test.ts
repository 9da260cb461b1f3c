import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessIdCheckDigit, isValidBusinessId, parseBusinessId, withCheckDigit } from "~/domain/business-id";

describe("business ID (Y-tunnus)", () => {
  it.each([
    // The example providers' IDs (the test identity provider knows the first two).
    "2345671-3",
    "3456782-2",
    "4567893-1",
    "5678904-7",
    "6789015-9",
    "7890126-3",
    "8901237-3",
    "9012348-4",
    // r = 0 gives the check digit 0: 7·0+9·0+10·0+5·0+8·0+4·0+2·0 = 0.
    "0000000-0",
    // Old six-digit IDs are written with a leading zero.
    "0737546-2",
  ])("%s is valid", (id) => {
    expect(parseBusinessId(id)).toEqual({ ok: true, businessId: id });
  });

  it("ignores surrounding spaces", () => {
    expect(parseBusinessId(" 2345671-3 ")).toEqual({ ok: true, businessId: "2345671-3" });
  });

  it.each([
    ["2345671-4", "check-digit"],
    ["2345671-0", "check-digit"],
    ["3456782-3", "check-digit"],
    ["23456713", "format"],
    ["2345671 3", "format"],
    ["234567-3", "format"],
    ["12345678-9", "format"],
    ["2345671-", "format"],
    ["abcdefg-h", "format"],
    ["", "format"],
  ] as const)("%s is refused (%s)", (id, problem) => {
    expect(parseBusinessId(id)).toEqual({ ok: false, problem });
  });

  it("a remainder of 1 is never a valid ID, whatever the check digit", () => {
    // 0000006: 6·2 = 12, and 12 mod 11 = 1.
    expect(businessIdCheckDigit("0000006")).toBeNull();
    for (let d = 0; d <= 9; d++) expect(parseBusinessId(`0000006-${d}`)).toEqual({ ok: false, problem: "remainder-one" });
    expect(withCheckDigit("0000006")).toBeNull();
  });

  it("computes the check digit from the weights 7, 9, 10, 5, 8, 4, 2", () => {
    // 2·7 + 3·9 + 4·10 + 5·5 + 6·8 + 7·4 + 1·2 = 184; 184 mod 11 = 8; 11 − 8 = 3.
    expect(businessIdCheckDigit("2345671")).toBe(3);
    expect(withCheckDigit("2345671")).toBe("2345671-3");
  });

  it("every seven digits give exactly one valid ID, or none when r = 1", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (digits) => {
        const valid = [...Array(10).keys()].filter((d) => isValidBusinessId(`${digits}-${d}`));
        const digit = businessIdCheckDigit(digits);
        expect(valid).toEqual(digit === null ? [] : [digit]);
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { normalisePhone } from "~/domain/choice";
import { formatDate, formatDateTime, formatPhone, languageLabel, languageName, municipalityName } from "~/format";

describe("a phone number shown to a person", () => {
  it("groups Finnish mobile, area-code and service numbers", () => {
    expect(formatPhone("+358401234567")).toBe("+358 40 123 4567");
    expect(formatPhone("+358501234567")).toBe("+358 50 123 4567");
    expect(formatPhone("+358912345678")).toBe("+358 9 1234 5678");
    expect(formatPhone("+358171234567")).toBe("+358 17 123 4567");
    expect(formatPhone("+3582012345")).toBe("+358 20 12345");
  });

  it("shows another country's number as stored, and keeps every digit", () => {
    expect(formatPhone("+46701234567")).toBe("+46701234567");
    for (const typed of ["040 123 4567", "+358 50 000 1001", "09-123 456", "0049 30 1234567"]) {
      const stored = normalisePhone(typed)!;
      expect(formatPhone(stored).replace(/\s/g, "")).toBe(stored);
    }
  });
});

describe("dates", () => {
  it("reads the same in every language's own way", () => {
    expect(formatDate("2026-01-05", "fi")).toBe("5.1.2026");
    expect(formatDate("2026-01-05", "en")).toBe("5 January 2026");
  });
});

describe("municipalityName", () => {
  const pedersore = { nameFi: "Pedersören kunta", nameSv: "Pedersöre", languages: "sv+fi" };
  const porvoo = { nameFi: "Porvoo", nameSv: "Borgå", languages: "fi+sv" };
  it("uses the Swedish name in Swedish, and in English the name in the municipality's majority language", () => {
    expect(municipalityName(pedersore, "fi")).toBe("Pedersören kunta");
    expect(municipalityName(pedersore, "sv")).toBe("Pedersöre");
    expect(municipalityName(pedersore, "en")).toBe("Pedersöre");
    expect(municipalityName(porvoo, "en")).toBe("Porvoo");
    expect(municipalityName(porvoo, "sv")).toBe("Borgå");
  });
});

describe("formatDateTime", () => {
  it("writes the date as the pages do (4.12.2026 in Swedish too), then the time in Finland", () => {
    expect(formatDateTime("2026-12-04T19:07:00Z", "fi")).toBe("4.12.2026 klo 21.07");
    expect(formatDateTime("2026-12-04T19:07:00Z", "sv")).toBe("4.12.2026 21.07");
    expect(formatDateTime("2026-12-04T19:07:00Z", "en")).toBe("4 December 2026 at 21:07");
  });
});

describe("a language's name (one home for the server's and the browser's pages)", () => {
  it("is in the page's language, in lower case inside a sentence, capitalised as a label, and the same call after call", () => {
    for (let i = 0; i < 2; i++) {
      expect(languageName("sv", "fi")).toBe("ruotsi");
      expect(languageName("fi", "sv")).toBe("finska");
      expect(languageName("sv", "en")).toBe("Swedish");
      expect(languageLabel("sv", "fi")).toBe("Ruotsi");
      expect(languageLabel("se", "sv")).toBe("Nordsamiska");
    }
  });

  it("leaves a code it cannot name as the code", () => {
    expect(languageName("not a code!", "fi")).toBe("not a code!");
  });
});

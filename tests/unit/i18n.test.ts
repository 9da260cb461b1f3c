import { describe, expect, it } from "vitest";
import { langFromAcceptLanguage, langFromPath, langOfParams, pathInLang, resolveLang } from "~/i18n";

describe("language from the request", () => {
  it("a route's params give their language, or Finnish for meta when there is none", () => {
    expect(langOfParams({ lang: "sv" })).toBe("sv");
    expect(langOfParams({ lang: "en" })).toBe("en");
    expect(langOfParams({ lang: "de" })).toBe("fi");
    expect(langOfParams({})).toBe("fi");
  });

  it.each([
    [null, "fi"],
    ["", "fi"],
    ["de-DE,de;q=0.9", "fi"],
    ["sv-FI,sv;q=0.9,en;q=0.8", "sv"],
    ["en-GB", "en"],
    ["de;q=1, en;q=0.5, sv;q=0.7", "sv"],
    ["fi;q=0, en", "en"],
    ["garbage;;;q=x", "fi"],
  ])("Accept-Language %j gives %s", (header, expected) => {
    expect(langFromAcceptLanguage(header)).toBe(expected);
  });

  it("the path prefix wins over the header", () => {
    expect(resolveLang("/en/privacy", "sv")).toBe("en");
    expect(resolveLang("/de/privacy", "sv")).toBe("sv");
    expect(langFromPath("/fi")).toBe("fi");
    expect(langFromPath("/fin")).toBeNull();
  });

  it("the same page in another language keeps the rest of the path and the query", () => {
    expect(pathInLang("/fi/providers/abc", "?sort=name", "sv")).toBe("/sv/providers/abc?sort=name");
    expect(pathInLang("/fi", "", "en")).toBe("/en");
    expect(pathInLang("/xx/whatever", "", "en")).toBe("/en");
  });
});

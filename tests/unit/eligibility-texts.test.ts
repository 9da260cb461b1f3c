import { describe, expect, it } from "vitest";
import { describeCondition, nextSteps, reasonText, reasonWithNextStep, type TextContext } from "~/.server/eligibility/text";
import { reasonCodes, type Reason } from "~/domain/eligibility";
import { factNames, type Condition } from "~/domain/pilot";
import { languages } from "~/i18n";
import { examplePilots } from "../../db/seed/pilots";

const pilots = examplePilots(["091", "491"]);
const names: Record<string, string> = { "588": "Pertunmaa", "507": "Mäntyharju", "491": "Mikkeli" };
const ctx: TextContext = {
  pilots: new Map(pilots.map((p) => [p.slug, p])),
  municipality: "588",
  municipalityName: (code) => names[code] ?? code,
  publicService: { kind: "employment_area", areaId: "TA23", name: { fi: "Mikkelin seudun työllisyysalue", sv: "Mikkelin seudun työllisyysalue", en: "Mikkelin seudun työllisyysalue" }, web: null, sure: false },
};

/** One reason of every code, with realistic parameters. */
function sample(code: (typeof reasonCodes)[number]): Reason {
  const pilot = "mikkeli-region-municipal";
  if (code.startsWith("requires_") || code.startsWith("excluded_")) {
    const fact = code.replace(/^(requires|excluded)_/, "") as (typeof factNames)[number];
    const condition: Condition =
      fact === "status" ? { fact, in: ["unemployed"] } : fact === "benefit" ? { fact, in: ["labour_market_subsidy"] } : fact === "age" ? { fact, max: 29 } : { fact, is: true };
    return { code: code as `requires_${typeof fact}`, pilot, condition };
  }
  switch (code) {
    case "municipality_merged":
      return { code, into: "507", on: "2025-01-01" };
    case "pilot_ended":
    case "pilot_not_started":
      return { code, pilot, on: "2024-12-31" };
    case "answers_missing":
      return { code, pilot, facts: ["age", "benefit"] };
    case "not_in_target_group":
    case "in_target_group":
      return { code, pilot, conditions: pilots[1].eligibility.targetGroup };
    case "may_choose":
    case "served_by_pilot":
      return { code, pilot };
    case "no_pilot":
    case "no_running_pilot":
      return { code, municipality: "491", on: "2026-11-25", running: ["north-savo-choice"] };
    default:
      return { code } as Reason;
  }
}

describe("eligibility texts", () => {
  it.each(languages)("every reason code is explained in %s, with its next step, and nothing is left untranslated", (lang) => {
    for (const code of reasonCodes) {
      const text = reasonWithNextStep(sample(code), lang, ctx);
      expect(text, code).not.toMatch(/\{\{|eligibility:|undefined|null/);
      expect(text.length, code).toBeGreaterThan(20);
    }
  });

  it("outside the pilot areas names the pilots running elsewhere and the person's public service", () => {
    const withNames: TextContext = { ...ctx, municipalityName: (code) => ({ "491": "Mikkeli", "749": "Siilinjärvi", "402": "Lapinlahti" })[code] ?? code };
    expect(reasonText(sample("no_running_pilot"), "en", withNames)).toBe(
      "Mikkeli is not in any pilot that is running on 25 November 2026. Pilots running on 25 November 2026: North Savo freedom-of-choice pilot (example), area: Siilinjärvi and Lapinlahti. Your public employment service is Mikkelin seudun työllisyysalue.",
    );
    expect(reasonText({ code: "no_pilot", municipality: "491", on: "2026-11-25", running: [] }, "fi", withNames)).toBe(
      "Mikkeli ei kuulu mihinkään tämän palvelun kokeiluun. 25.11.2026 ei ole käynnissä yhtään tämän palvelun kokeilua. Sinun julkinen työvoimapalvelusi on Mikkelin seudun työllisyysalue.",
    );
  });

  it("reads a merged municipality and a target group in plain words", () => {
    expect(reasonText(sample("municipality_merged"), "fi", ctx)).toBe(
      "Pertunmaa liitettiin kuntaan Mäntyharju 1.1.2025. Siksi tarkistus käyttää kuntaa Mäntyharju.",
    );
    expect(reasonText(sample("not_in_target_group"), "en", ctx)).toBe(
      "You can be in the pilot if you do not get the earnings-related allowance, you are under 30, you are an immigrant or a foreign-language speaker or you are a customer under the Integration Act. Your answers say that none of these applies to you.",
    );
    expect(reasonText(sample("pilot_ended"), "sv", ctx)).toBe("S:t Michelsregionens kommunförsök för sysselsättning avslutades den 31.12.2024.");
  });

  it.each([
    [{ fact: "age", max: 29 }, "olet alle 30-vuotias", "du är under 30 år", "you are under 30"],
    [{ fact: "age", min: 18, max: 64 }, "olet 18–64-vuotias", "du är 18–64 år", "you are aged 18 to 64"],
    [{ fact: "age", min: 55 }, "olet vähintään 55-vuotias", "du är minst 55 år", "you are 55 or older"],
    [{ fact: "benefit", notIn: ["earnings_related"] }, "et saa ansiopäivärahaa", "du inte får inkomstrelaterad dagpenning", "you do not get the earnings-related allowance"],
    // A list with "none" in it is read by its complement.
    [{ fact: "benefit", in: ["labour_market_subsidy", "basic_allowance", "none"] }, "et saa ansiopäivärahaa", "du inte får inkomstrelaterad dagpenning", "you do not get the earnings-related allowance"],
    [{ fact: "benefit", notIn: ["none"] }, "saat ansiopäivärahaa, työmarkkinatukea tai peruspäivärahaa", "du får inkomstrelaterad dagpenning, arbetsmarknadsstöd eller grunddagpenning", "you get the earnings-related allowance, the labour-market subsidy or the basic unemployment allowance"],
    [{ fact: "status", in: ["unemployed", "in_services"] }, "olet työtön tai työvoimapalvelussa", "du är arbetslös eller i arbetskraftsservice", "you are unemployed or in employment services"],
    [{ fact: "typ", is: false }, "et ole TYP-asiakas", "du inte är kund hos TYP", "you are not a customer of TYP"],
  ] as [Condition, string, string, string][])("describes %j in three languages", (condition, fi, sv, en) => {
    expect(describeCondition(condition, "fi")).toBe(fi);
    expect(describeCondition(condition, "sv")).toBe(sv);
    expect(describeCondition(condition, "en")).toBe(en);
  });

  it("gives each next step once, and points to the providers of the pilot when the person may choose", () => {
    const steps = nextSteps([{ code: "may_choose", pilot: "north-savo-choice" }], "sv", ctx);
    expect(steps).toEqual([
      expect.objectContaining({ key: "see_providers", link: { href: "/sv/providers?pilot=north-savo-choice", text: "Se försökets tjänsteproducenter", external: false } }),
    ]);
    const publicSteps = nextSteps([sample("pilot_ended"), sample("not_in_target_group"), sample("requires_registered")], "fi", ctx);
    expect(publicSteps.map((s) => s.key)).toEqual(["contact_public", "register"]);
    // The employment area's row is not sure: the national service is where to confirm the office.
    expect(publicSteps[0].link?.href).toBe("https://tyomarkkinatori.fi");
  });
});

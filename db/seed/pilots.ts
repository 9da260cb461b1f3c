import type { EligibilityRules, PilotDefinition } from "../../app/domain/pilot";

/**
 * The pilot models of the domain brief (../shared/domain.md and the source texts), as data, with
 * their eligibility rules (the shape: app/domain/pilot.ts; why each rule reads as it does:
 * docs/decisions/011-example-pilot-rules.md).
 */
const southSavo = ["046", "097", "178", "213", "491", "507", "588", "593", "623", "681", "740", "768"];

/** Seed 000: registered jobseeker customers living in the area, except Integration Act and TYP customers. */
const northSavoRules: EligibilityRules = {
  outcome: "may_choose",
  requirements: [{ fact: "registered", is: true }],
  targetGroup: [],
  exclusions: [
    { fact: "integration_act", is: true },
    { fact: "typ", is: true },
  ],
};

/**
 * Seeds 002 and 004, Act 1269/2020: unemployed or in-services jobseekers AND (not entitled to the
 * earnings-related allowance OR under 30 OR an immigrant or foreign-language speaker). A customer
 * under the Integration Act is an immigrant by definition, so that answer counts too.
 */
const municipalPilotRules: EligibilityRules = {
  outcome: "municipal_pilot",
  requirements: [
    { fact: "registered", is: true },
    { fact: "status", in: ["unemployed", "in_services"] },
  ],
  targetGroup: [
    { fact: "benefit", notIn: ["earnings_related"] },
    { fact: "age", max: 29 },
    { fact: "foreign_language", is: true },
    { fact: "integration_act", is: true },
  ],
  exclusions: [],
};

export function examplePilots(mainland: string[]): PilotDefinition[] {
  return [
    {
      slug: "north-savo-choice",
      name: {
        fi: "Pohjois-Savon valinnanvapauskokeilu (esimerkki)",
        sv: "Valfrihetsförsöket i Norra Savolax (exempel)",
        en: "North Savo freedom-of-choice pilot (example)",
      },
      model: "freedom_of_choice",
      isExample: true,
      municipalities: ["749", "402"],
      startsOn: "2025-01-01",
      endsOn: null,
      offers: {
        fi: "Työllistymistä edistävät palvelut valitsemaltasi yksityiseltä palveluntuottajalta. Viranomaistehtävät ja työvoimakoulutus pysyvät julkisessa palvelussa.",
        sv: "Tjänster som främjar sysselsättning från den privata tjänsteproducent du väljer. Myndighetsuppgifterna och arbetskraftsutbildningen stannar i den offentliga tjänsten.",
        en: "Services that help you into work from the private provider you choose. Official decisions and labour-market training stay with the public service.",
      },
      servedBy: {
        fi: "Valitsemasi yksityinen palveluntuottaja tai julkinen työvoimapalvelu",
        sv: "Den privata tjänsteproducent du väljer eller den offentliga arbetskraftsservicen",
        en: "The private provider you choose, or the public employment service",
      },
      lockMonths: 6,
      smallNumberThreshold: 5,
      eligibility: northSavoRules,
      source:
        // The citation only: that the pilot is an example is said by isExample, in every language.
        "Pohjois-Savon ELY-keskus ja TE-toimisto, tiedote 29.5.2018",
    },
    {
      slug: "mikkeli-region-municipal",
      name: {
        fi: "Mikkelin seudun työllisyyden kuntakokeilu",
        sv: "S:t Michelsregionens kommunförsök för sysselsättning",
        en: "Mikkeli region municipal employment pilot",
      },
      model: "municipal_pilot",
      isExample: false,
      municipalities: ["491", "097", "178", "213", "507", "588", "623"],
      startsOn: "2021-03-01",
      endsOn: "2024-12-31",
      offers: {
        fi: "Kunnan järjestämät julkiset työvoima- ja yrityspalvelut kokeilun kohderyhmälle.",
        sv: "Offentlig arbetskrafts- och företagsservice som kommunen ordnar för försökets målgrupp.",
        en: "Public employment and business services run by the municipality for the pilot's target group.",
      },
      servedBy: {
        fi: "Mikkelin seudun kuntakokeilu",
        sv: "S:t Michelsregionens kommunförsök",
        en: "The Mikkeli region municipal pilot",
      },
      // The pilot's own service: the municipality that ran it (the journey leads there).
      contact: { web: "https://www.mikkeli.fi" },
      lockMonths: 0,
      smallNumberThreshold: 5,
      eligibility: municipalPilotRules,
      source: "Etelä-Savon TE-toimisto ja ELY-keskus; laki 1269/2020 (kokeilu 1.3.2021–31.12.2024)",
    },
    {
      slug: "savonlinna-municipal",
      name: {
        fi: "Savonlinnan työllisyyden kuntakokeilu",
        sv: "Nyslotts kommunförsök för sysselsättning",
        en: "Savonlinna municipal employment pilot",
      },
      model: "municipal_pilot",
      isExample: false,
      municipalities: ["740"],
      startsOn: "2021-03-01",
      endsOn: "2024-12-31",
      offers: {
        fi: "Kaupungin järjestämät julkiset työvoima- ja yrityspalvelut kokeilun kohderyhmälle.",
        sv: "Offentlig arbetskrafts- och företagsservice som staden ordnar för försökets målgrupp.",
        en: "Public employment and business services run by the city for the pilot's target group.",
      },
      servedBy: {
        fi: "Savonlinnan kuntakokeilu",
        sv: "Nyslotts kommunförsök",
        en: "The Savonlinna municipal pilot",
      },
      // The pilot's own service: the municipality that ran it (the journey leads there).
      contact: { web: "https://www.savonlinna.fi" },
      lockMonths: 0,
      smallNumberThreshold: 5,
      eligibility: municipalPilotRules,
      source: "Etelä-Savon TE-toimisto ja ELY-keskus; laki 1269/2020 (kokeilu 1.3.2021–31.12.2024)",
    },
    {
      slug: "purchased-services",
      name: {
        fi: "Valtakunnallinen ostopalvelupilotti",
        sv: "Det riksomfattande pilotprojektet för köpta tjänster",
        en: "National purchased-services pilot",
      },
      model: "purchased_services",
      isExample: false,
      municipalities: mainland,
      startsOn: "2017-01-01",
      endsOn: "2018-12-31",
      offers: {
        fi: "Yksityisen työnvälityksen palvelu kuuden kuukauden ajan, kun TE-toimisto on vahvistanut oikeutesi siihen.",
        sv: "Privat arbetsförmedling i sex månader, när TE-byrån har bekräftat att du har rätt till den.",
        en: "Private job-matching services for six months, once the TE office has confirmed that you are entitled to them.",
      },
      servedBy: {
        fi: "TE-toimiston vahvistama yksityinen palveluntuottaja",
        sv: "En privat tjänsteproducent som TE-byrån har bekräftat",
        en: "A private provider confirmed by the TE office",
      },
      lockMonths: 6,
      smallNumberThreshold: 5,
      eligibility: {
        outcome: "may_choose",
        // Seed 003: the TE office confirms who is entitled; nobody can refer themselves.
        requirements: [
          { fact: "registered", is: true },
          { fact: "status", in: ["unemployed"] },
          { fact: "referral", is: true },
        ],
        targetGroup: [],
        exclusions: [],
      },
      source: "Ostopalvelupilotti, 15 ELY-keskusta (lehtiartikkeli; päivämäärät epävarmat)",
    },
    {
      // The purchased-services model run end to end with current dates, as an example
      // (docs/decisions/073-assessed-facts.md): the historical record above stays as it was.
      slug: "purchased-services-example",
      name: {
        fi: "Ostopalvelupilotti (esimerkki)",
        sv: "Pilot för köpta tjänster (exempel)",
        en: "Purchased-services pilot (example)",
      },
      model: "purchased_services",
      isExample: true,
      // Part of North Savo's ELY area, outside the freedom-of-choice example; two municipalities, so
      // that the front page's first screen on a phone still names every running pilot's area.
      municipalities: ["140", "263"],
      startsOn: "2026-01-01",
      endsOn: null,
      offers: {
        fi: "Yksityisen työnvälityksen palvelu kuuden kuukauden ajan, kun julkinen työvoimapalvelu on määräaikaishaastattelun jälkeen vahvistanut oikeutesi siihen. Osallistuminen on vapaaehtoista.",
        sv: "Privat arbetsförmedling i sex månader, när den offentliga arbetskraftsservicen efter den periodiska intervjun har bekräftat att du har rätt till den. Det är frivilligt att delta.",
        en: "Private job-matching services for six months, once the public employment service has confirmed after your periodic interview that you are entitled to them. Taking part is voluntary.",
      },
      servedBy: {
        fi: "Yksi alueelle valituista kolmesta palveluntuottajasta, tai julkinen työvoimapalvelu",
        sv: "En av de tre tjänsteproducenter som valts för området, eller den offentliga arbetskraftsservicen",
        en: "One of the three providers selected for the area, or the public employment service",
      },
      lockMonths: 6,
      smallNumberThreshold: 5,
      eligibility: {
        outcome: "may_choose",
        // Seed 003: only a person whom the public service has confirmed as entitled (an assessed
        // fact, recorded by the pilot's official: decision 073).
        requirements: [
          { fact: "registered", is: true },
          { fact: "status", in: ["unemployed"] },
          { fact: "referral", is: true },
        ],
        targetGroup: [],
        exclusions: [],
      },
      source: "Ostopalvelupilotti, 15 ELY-keskusta (lehtiartikkeli); esimerkki nykyisin päivämäärin",
    },
    {
      slug: "seinajoki-alliance",
      name: {
        fi: "Seinäjoen työllistymisen palveluallianssi",
        sv: "Seinäjoki sysselsättningsallians",
        en: "Seinäjoki employment services alliance",
      },
      model: "alliance",
      isExample: false,
      municipalities: ["743"],
      startsOn: "2019-01-01",
      endsOn: "2020-12-31",
      offers: {
        fi: "Palveluyhteenliittymän yhteinen palveluprosessi työmarkkinatukea saaville.",
        sv: "En gemensam serviceprocess i en serviceallians för dem som får arbetsmarknadsstöd.",
        en: "A joint service process by an alliance of services for people on labour-market subsidy.",
      },
      servedBy: {
        fi: "Seinäjoen palveluallianssi",
        sv: "Seinäjoki serviceallians",
        en: "The Seinäjoki alliance",
      },
      // The pilot's own service: the municipality that ran it (the journey leads there).
      contact: { web: "https://www.seinajoki.fi" },
      lockMonths: 0,
      smallNumberThreshold: 5,
      eligibility: {
        outcome: "municipal_pilot",
        // Seed 001: jobseekers in Seinäjoki who receive the labour-market subsidy.
        requirements: [
          { fact: "registered", is: true },
          { fact: "benefit", in: ["labour_market_subsidy"] },
        ],
        targetGroup: [],
        exclusions: [],
      },
      source: "Kasvupalvelupilotit, Kuntalehti 2018 (päivämäärät epävarmat)",
    },
    {
      slug: "kasvo-south-savo",
      name: {
        fi: "Kasvo-kasvupalvelupilotti (Etelä-Savo)",
        sv: "Tillväxttjänstpiloten Kasvo (Södra Savolax)",
        en: "Kasvo growth services pilot (South Savo)",
      },
      model: "growth_services",
      isExample: false,
      municipalities: southSavo,
      startsOn: "2019-01-01",
      endsOn: "2020-12-31",
      offers: {
        fi: "Tukea työllistymiseen niille, joiden työllistymisen arvioidaan olevan vaikeampaa.",
        sv: "Stöd till sysselsättning för dem vars sysselsättning bedöms bli svårare.",
        en: "Support into work for people whose path to work is expected to be harder.",
      },
      servedBy: {
        fi: "Kasvo-pilotin palveluntuottajat",
        sv: "Kasvo-pilotens tjänsteproducenter",
        en: "The Kasvo pilot's providers",
      },
      lockMonths: 0,
      smallNumberThreshold: 5,
      eligibility: {
        outcome: "may_choose",
        // Seed 001: customers in a weaker labour-market position, as the public service assesses it.
        requirements: [
          { fact: "registered", is: true },
          { fact: "weaker_position", is: true },
        ],
        targetGroup: [],
        exclusions: [],
      },
      source: "Kasvupalvelupilotit, Kuntalehti 2018 (päivämäärät epävarmat)",
    },
  ];
}

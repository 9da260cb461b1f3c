import { eq, sql } from "drizzle-orm";
import type { Db } from "../types";
import { providerSchema, nameSortKey, type ProviderInput } from "../../app/domain/providers";
import { dimensionNames, groupDimensions, type CustomerGroup, type GroupDimension } from "../../app/domain/customer-groups";
import { addMonths, lastFullMonth, monthRange } from "../../app/domain/results";
import { todayInFinland } from "../../app/format";
import { pilots, providerLanguages, providerOffices, providerPilots, providerServices, providers, resultMonths, results } from "../schema";

/**
 * The example providers of the North Savo example pilot and their monthly results
 * (docs/decisions/023-example-and-scale-data.md). Every name, address, phone number and figure is
 * invented: the pages say that this is example data. The first two business IDs are the ones the
 * test identity provider gives provider-staff roles for (db/seed/people.ts).
 *
 * Idempotent: a provider that is missing is added; a stored one is never overwritten. Results are
 * added only when the pilot has none at all, so that months an official has published are never
 * mixed with invented ones.
 */

export const examplePilotSlug = "north-savo-choice";

type Rates = {
  /** customers who start in a month, on average */
  started: number;
  employed3m: number;
  employed6m: number;
  education: number;
  subsidised: number;
  contacted: number;
  satisfaction: number;
};

export type ExampleProvider = Omit<ProviderInput, "pilots"> & {
  rates: Rates;
  /** Months of results, counted back from the latest; the newcomer has only a few. */
  months: number;
  verified: boolean;
};

const weekdays = [1, 2, 3, 4, 5];
const mondayToThursday = [1, 2, 3, 4];

const street = { stepFreeEntrance: true, lift: null, accessibleToilet: true, inductionLoop: false, accessibleParking: true, note: null };

export const exampleProviders: ExampleProvider[] = [
  {
    businessId: "2345671-3",
    slug: "tyopolku",
    name: "Työpolku Oy",
    shortDescription: {
      fi: "Henkilökohtaista työnhakuvalmennusta ja työnvälitystä Siilinjärvellä. Sama valmentaja koko ajan.",
      sv: "Personlig jobbsökarträning och arbetsförmedling i Siilinjärvi. Samma coach hela tiden.",
      en: "Personal job-search coaching and job matching in Siilinjärvi. The same coach all the way.",
    },
    longDescription: {
      fi: "Työpolku Oy auttaa työnhakijoita löytämään työtä avoimilta työmarkkinoilta. Saat oman valmentajan, jonka kanssa teette suunnitelman ja etsitte sinulle sopivia työpaikkoja. Teemme yhteistyötä alueen yritysten kanssa ja kerromme avoimista työpaikoista suoraan asiakkaillemme. Tapaamiset ovat toimistollamme Siilinjärvellä tai etäyhteydellä.",
      sv: "Työpolku Oy hjälper arbetssökande att hitta arbete på den öppna arbetsmarknaden. Du får en egen coach som du gör upp en plan med och söker lämpliga jobb tillsammans med. Vi samarbetar med företag i regionen och berättar om lediga jobb direkt för våra kunder. Mötena hålls på vårt kontor i Siilinjärvi eller på distans.",
      en: "Työpolku Oy helps jobseekers find work on the open labour market. You get your own coach, with whom you make a plan and look for jobs that suit you. We work with local employers and tell our customers about open jobs directly. Meetings are at our office in Siilinjärvi or online.",
    },
    services: ["job_search_coaching", "job_matching", "career_guidance"],
    phone: "+358 50 000 1001",
    email: "asiakkaat@tyopolku.example",
    web: "https://tyopolku.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 3, coachMeetingsPerMonth: 4, remoteMeetings: true, languages: ["fi", "en"] },
    offices: [
      {
        streetAddress: "Kuopiontie 7",
        postalCode: "71800",
        municipalityCode: "749",
        openingHours: [
          { days: mondayToThursday, opens: "08:30", closes: "16:00" },
          { days: [5], opens: "08:30", closes: "14:00" },
        ],
        openingHoursNote: null,
        accessibility: street,
      },
    ],
    rates: { started: 20, employed3m: 0.4, employed6m: 0.6, education: 0.06, subsidised: 0.05, contacted: 0.94, satisfaction: 4.3 },
    months: 18,
    verified: true,
  },
  {
    businessId: "3456782-2",
    slug: "savon-uravalmennus",
    name: "Savon Uravalmennus Oy",
    shortDescription: {
      fi: "Uraohjausta, koulutusneuvontaa ja työkokeiluja Siilinjärvellä ja Lapinlahdella.",
      sv: "Karriärvägledning, utbildningsrådgivning och arbetsprövning i Siilinjärvi och Lapinlahti.",
      en: "Career guidance, advice on education and work trials in Siilinjärvi and Lapinlahti.",
    },
    longDescription: {
      fi: "Savon Uravalmennus Oy on pohjoissavolainen valmennusyritys. Selvitämme kanssasi, millainen työ tai koulutus sopii sinulle, ja järjestämme tarvittaessa työkokeilun alueen työpaikoilla. Jos terveytesi tai jaksamisesi vaikuttaa työnhakuun, työkyvyn tukeen perehtynyt valmentajamme auttaa. Meillä on toimisto sekä Siilinjärvellä että Lapinlahdella.",
      sv: "Savon Uravalmennus Oy är ett coachningsföretag i Norra Savolax. Tillsammans med dig reder vi ut vilket arbete eller vilken utbildning som passar dig, och vid behov ordnar vi en arbetsprövning på en arbetsplats i regionen. Om din hälsa eller ork påverkar jobbsökandet hjälper vår coach som är insatt i stöd för arbetsförmågan. Vi har kontor både i Siilinjärvi och i Lapinlahti.",
      en: "Savon Uravalmennus Oy is a coaching company in North Savo. Together we work out what kind of work or education suits you, and if needed we arrange a work trial at a local workplace. If your health or energy affects your job search, our coach who specialises in work ability helps. We have offices in both Siilinjärvi and Lapinlahti.",
    },
    services: ["career_guidance", "training_guidance", "work_trial", "work_ability"],
    phone: "+358 50 000 1002",
    email: "info@savonuravalmennus.example",
    web: "https://savonuravalmennus.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 2, remoteMeetings: true, languages: ["fi"] },
    offices: [
      {
        streetAddress: "Asematie 3 B",
        postalCode: "71800",
        municipalityCode: "749",
        openingHours: [{ days: weekdays, opens: "08:00", closes: "16:00" }],
        openingHoursNote: {
          fi: "Muina aikoina sopimuksen mukaan.",
          sv: "Andra tider enligt överenskommelse.",
          en: "Other times by appointment.",
        },
        accessibility: {
          stepFreeEntrance: true,
          lift: true,
          accessibleToilet: true,
          inductionLoop: true,
          accessibleParking: false,
          note: {
            fi: "Toimisto on toisessa kerroksessa. Hissi on rakennuksen pääovelta oikealla.",
            sv: "Kontoret ligger på andra våningen. Hissen finns till höger om huvudingången.",
            en: "The office is on the second floor. The lift is to the right of the main door.",
          },
        },
      },
      {
        streetAddress: "Kirkkotie 12",
        postalCode: "73100",
        municipalityCode: "402",
        openingHours: [
          { days: [2, 4], opens: "09:00", closes: "15:00" },
        ],
        openingHoursNote: null,
        accessibility: { stepFreeEntrance: false, lift: null, accessibleToilet: false, inductionLoop: false, accessibleParking: true, note: {
          fi: "Sisäänkäynnillä on kaksi porrasta. Soita ovikelloa, niin tapaamme sinut esteettömässä tilassa kirjaston puolella.",
          sv: "Vid ingången finns två trappsteg. Ring på dörrklockan så möter vi dig i ett tillgängligt rum på bibliotekets sida.",
          en: "There are two steps at the entrance. Ring the bell and we will meet you in a step-free room on the library side.",
        } },
      },
    ],
    rates: { started: 18, employed3m: 0.2, employed6m: 0.33, education: 0.12, subsidised: 0.1, contacted: 0.88, satisfaction: 4.0 },
    months: 18,
    verified: true,
  },
  {
    businessId: "4567893-1",
    slug: "jobbstigen",
    name: "Ab Jobbstigen Oy",
    shortDescription: {
      fi: "Ruotsinkielistä työnhakuvalmennusta ja työnvälitystä. Palvelemme myös suomeksi ja englanniksi.",
      sv: "Jobbsökarträning och arbetsförmedling på svenska. Vi betjänar också på finska och engelska.",
      en: "Job-search coaching and job matching in Swedish. We also serve in Finnish and English.",
    },
    longDescription: {
      fi: "Ab Jobbstigen Oy on ruotsinkielinen valmennusyritys. Voit asioida meillä omalla äidinkielelläsi ruotsiksi, ja autamme myös, jos etsit työtä ruotsinkielisiltä työmarkkinoilta tai Pohjoismaista. Neuvomme myös yrittäjyyttä harkitsevia. Tapaamiset ovat Siilinjärvellä tai etäyhteydellä.",
      sv: "Ab Jobbstigen Oy är ett svenskspråkigt coachningsföretag. Hos oss kan du sköta dina ärenden på ditt modersmål svenska, och vi hjälper dig också om du söker arbete på den svenskspråkiga arbetsmarknaden eller i Norden. Vi ger också råd till dig som funderar på att bli företagare. Mötena hålls i Siilinjärvi eller på distans.",
      en: "Ab Jobbstigen Oy is a Swedish-speaking coaching company. You can deal with us in Swedish, and we also help if you are looking for work in the Swedish-speaking labour market or in the Nordic countries. We also advise people who are thinking of starting a business. Meetings are in Siilinjärvi or online.",
    },
    services: ["job_search_coaching", "job_matching", "entrepreneurship"],
    phone: "+358 50 000 1003",
    email: "kontakt@jobbstigen.example",
    web: "https://jobbstigen.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 3, coachMeetingsPerMonth: 4, remoteMeetings: true, languages: ["sv", "fi", "en"] },
    offices: [
      {
        streetAddress: "Harjamäentie 2",
        postalCode: "71800",
        municipalityCode: "749",
        openingHours: [{ days: mondayToThursday, opens: "09:00", closes: "16:00" }],
        openingHoursNote: {
          fi: "Perjantaisin vain etätapaamisia.",
          sv: "På fredagar endast distansmöten.",
          en: "On Fridays, online meetings only.",
        },
        accessibility: street,
      },
    ],
    rates: { started: 6, employed3m: 0.2, employed6m: 0.33, education: 0.09, subsidised: 0.05, contacted: 0.96, satisfaction: 4.5 },
    months: 18,
    verified: true,
  },
  {
    businessId: "5678904-7",
    slug: "kielisilta",
    name: "Kielisilta Työvalmennus Oy",
    shortDescription: {
      fi: "Työnhakuvalmennusta monella kielellä ja tukea suomen kielen käyttöön työelämässä.",
      sv: "Jobbsökarträning på många språk och stöd i att använda finska i arbetslivet.",
      en: "Job-search coaching in many languages, and support in using Finnish at work.",
    },
    longDescription: {
      fi: "Kielisilta Työvalmennus Oy palvelee työnhakijoita suomeksi, englanniksi, venäjäksi, ukrainaksi, arabiaksi ja somaliksi. Autamme ymmärtämään suomalaista työelämää, harjoittelemaan työhaastatteluja ja käyttämään verkkopalveluja. Suomen kielen taitoa vahvistetaan työtehtävien sanastolla. Kotoutumislain piirissä olevat asiakkaat saavat palvelunsa julkisesta palvelusta, eivät kokeilusta.",
      sv: "Kielisilta Työvalmennus Oy betjänar arbetssökande på finska, engelska, ryska, ukrainska, arabiska och somaliska. Vi hjälper dig att förstå det finländska arbetslivet, öva på anställningsintervjuer och använda nättjänster. Dina kunskaper i finska stärks med ordförråd för arbetsuppgifterna. Kunder som omfattas av integrationslagen får sina tjänster från den offentliga servicen, inte från försöket.",
      en: "Kielisilta Työvalmennus Oy serves jobseekers in Finnish, English, Russian, Ukrainian, Arabic and Somali. We help you understand Finnish working life, practise job interviews and use online services. Your Finnish is strengthened with the words of the job. Customers covered by the Integration Act get their services from the public service, not from the pilot.",
    },
    services: ["job_search_coaching", "language_support", "digital_skills"],
    phone: "+358 50 000 1004",
    email: "palvelu@kielisilta.example",
    web: "https://kielisilta.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 2, coachMeetingsPerMonth: 4, remoteMeetings: false, languages: ["fi", "en", "ru", "uk", "ar", "so"] },
    offices: [
      {
        streetAddress: "Kasurilantie 15",
        postalCode: "71800",
        municipalityCode: "749",
        openingHours: [{ days: weekdays, opens: "09:00", closes: "17:00" }],
        openingHoursNote: null,
        accessibility: { ...street, inductionLoop: true },
      },
    ],
    rates: { started: 9, employed3m: 0.04, employed6m: 0.08, education: 0.2, subsidised: 0.14, contacted: 0.97, satisfaction: 4.2 },
    months: 18,
    verified: true,
  },
  {
    businessId: "6789015-9",
    slug: "taitoverkko",
    name: "Taitoverkko Oy",
    shortDescription: {
      fi: "Koulutusneuvontaa, työkokeiluja ja digitaitojen tukea Lapinlahdella.",
      sv: "Utbildningsrådgivning, arbetsprövning och stöd i digitala färdigheter i Lapinlahti.",
      en: "Advice on education, work trials and support with digital skills in Lapinlahti.",
    },
    longDescription: {
      fi: "Taitoverkko Oy auttaa löytämään koulutuksen tai työn, joka vastaa osaamistasi. Kartoitamme osaamisesi, etsimme kanssasi sopivan koulutuksen ja tuemme haku- ja opiskeluvaiheessa. Järjestämme työkokeiluja paikallisissa yrityksissä ja opetamme työnhaussa tarvittavia digitaitoja pienryhmissä.",
      sv: "Taitoverkko Oy hjälper dig att hitta en utbildning eller ett arbete som motsvarar dina kunskaper. Vi kartlägger dina kunskaper, söker en lämplig utbildning tillsammans med dig och stöder dig när du söker och studerar. Vi ordnar arbetsprövning i lokala företag och lär ut de digitala färdigheter som behövs för att söka jobb, i små grupper.",
      en: "Taitoverkko Oy helps you find education or work that matches your skills. We map your skills, look for suitable education with you and support you while you apply and study. We arrange work trials in local companies and teach the digital skills needed for job-seeking in small groups.",
    },
    services: ["training_guidance", "work_trial", "digital_skills"],
    phone: "+358 50 000 1005",
    email: "toimisto@taitoverkko.example",
    web: "https://taitoverkko.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 2, remoteMeetings: true, languages: ["fi"] },
    offices: [
      {
        streetAddress: "Lapinlahdentie 20",
        postalCode: "73100",
        municipalityCode: "402",
        openingHours: [
          { days: [1, 2, 3], opens: "08:00", closes: "15:30" },
          { days: [4], opens: "10:00", closes: "18:00" },
        ],
        openingHoursNote: null,
        accessibility: street,
      },
    ],
    rates: { started: 10, employed3m: 0.16, employed6m: 0.3, education: 0.26, subsidised: 0.07, contacted: 0.9, satisfaction: 3.9 },
    months: 18,
    verified: true,
  },
  {
    businessId: "7890126-3",
    slug: "uusi-suunta",
    name: "Uusi Suunta Osuuskunta",
    shortDescription: {
      fi: "Uusi palveluntuottaja: tukea työkykyyn ja työkokeiluja pienissä ryhmissä.",
      sv: "Ny tjänsteproducent: stöd för arbetsförmågan och arbetsprövning i små grupper.",
      en: "A new provider: support for work ability and work trials in small groups.",
    },
    longDescription: {
      fi: "Uusi Suunta on valmentajien osuuskunta, joka aloitti kokeilussa äskettäin. Tuemme erityisesti niitä, joiden työkyky on heikentynyt tai joiden edellisestä työstä on kulunut pitkään. Etenemme pienin askelin: ensin arki ja jaksaminen kuntoon, sitten työkokeilu ja työnhaku.",
      sv: "Uusi Suunta är ett andelslag av coacher som nyligen började i försöket. Vi stöder särskilt dem vars arbetsförmåga har försämrats eller vars förra arbete ligger länge sedan. Vi går framåt i små steg: först vardagen och orken, sedan arbetsprövning och jobbsökande.",
      en: "Uusi Suunta is a cooperative of coaches that joined the pilot recently. We support especially people whose work ability has weakened or whose last job was a long time ago. We go in small steps: first daily life and energy, then a work trial and job-seeking.",
    },
    services: ["work_ability", "work_trial"],
    phone: "+358 50 000 1006",
    email: "uusisuunta@osuuskunta.example",
    web: null,
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 3, remoteMeetings: false, languages: ["fi"] },
    offices: [
      {
        streetAddress: "Ahmontie 4",
        postalCode: "71800",
        municipalityCode: "749",
        openingHours: [{ days: [1, 3, 5], opens: "09:00", closes: "15:00" }],
        openingHoursNote: null,
        accessibility: { stepFreeEntrance: true, lift: null, accessibleToilet: false, inductionLoop: false, accessibleParking: false, note: null },
      },
    ],
    rates: { started: 1.3, employed3m: 0.2, employed6m: 0.3, education: 0.1, subsidised: 0.1, contacted: 0.9, satisfaction: 4.0 },
    months: 3,
    verified: true,
  },
  {
    businessId: "8901237-3",
    slug: "lapinlahden-tyokumppanit",
    name: "Lapinlahden Työkumppanit Oy",
    shortDescription: {
      fi: "Työnvälitystä ja palkkatukityöpaikkoja Lapinlahden seudun yrityksiin. Ei ota nyt uusia asiakkaita.",
      sv: "Arbetsförmedling och jobb med lönesubvention hos företag i Lapinlahtitrakten. Tar inte emot nya kunder just nu.",
      en: "Job matching and subsidised jobs with companies around Lapinlahti. Not taking new customers now.",
    },
    longDescription: {
      fi: "Lapinlahden Työkumppanit Oy tuntee seudun yritykset ja niiden työvoimatarpeet. Etsimme sinulle työpaikan tai palkkatuetun työn ja tuemme ensimmäisten kuukausien ajan. Asiakasmäärämme on tällä hetkellä täynnä, joten emme ota uusia asiakkaita. Nykyiset asiakkaamme palvelemme normaalisti.",
      sv: "Lapinlahden Työkumppanit Oy känner företagen i trakten och deras behov av arbetskraft. Vi söker ett arbete eller ett arbete med lönesubvention åt dig och stöder dig under de första månaderna. Vi har just nu fullt med kunder och tar därför inte emot nya. Våra nuvarande kunder betjänar vi som vanligt.",
      en: "Lapinlahden Työkumppanit Oy knows the local companies and the staff they need. We find you a job or subsidised work and support you for the first months. We are full at the moment, so we are not taking new customers. We serve our current customers as usual.",
    },
    services: ["job_matching", "work_trial"],
    phone: "+358 50 000 1007",
    email: "tyokumppanit@lapinlahti.example",
    web: "https://tyokumppanit.example",
    commitments: { takesNewCustomers: false, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 2, remoteMeetings: true, languages: ["fi"] },
    offices: [
      {
        streetAddress: "Asematie 9",
        postalCode: "73100",
        municipalityCode: "402",
        openingHours: [{ days: weekdays, opens: "08:00", closes: "15:00" }],
        openingHoursNote: null,
        accessibility: street,
      },
    ],
    rates: { started: 8, employed3m: 0.22, employed6m: 0.35, education: 0.05, subsidised: 0.15, contacted: 0.86, satisfaction: 3.7 },
    months: 18,
    verified: true,
  },
  {
    businessId: "9012348-4",
    slug: "kaira-rekrytointi",
    name: "Kaira Rekrytointi Oy",
    shortDescription: {
      fi: "Rekrytointipalvelua ja yrittäjyysneuvontaa Siilinjärvellä. Sitoumukset odottavat tarkistusta.",
      sv: "Rekryteringstjänster och företagarrådgivning i Siilinjärvi. Åtagandena väntar på kontroll.",
      en: "Recruitment services and advice on starting a business in Siilinjärvi. Commitments awaiting checking.",
    },
    longDescription: {
      fi: "Kaira Rekrytointi Oy on rekrytointiyritys, joka välittää työnhakijoita alueen teollisuuden, kaupan ja palvelualan työpaikkoihin. Jos haluat työllistää itsesi, neuvomme yrityksen perustamisessa ja starttirahan hakemisessa.",
      sv: "Kaira Rekrytointi Oy är ett rekryteringsföretag som förmedlar arbetssökande till jobb inom industri, handel och service i regionen. Om du vill sysselsätta dig själv ger vi råd om hur du grundar ett företag och söker startpeng.",
      en: "Kaira Rekrytointi Oy is a recruitment company that places jobseekers in jobs in local industry, retail and services. If you want to employ yourself, we advise on starting a business and applying for a start-up grant.",
    },
    services: ["job_matching", "entrepreneurship"],
    phone: "+358 50 000 1008",
    email: "haku@kaira.example",
    web: "https://kaira.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 10, coachMeetingsPerMonth: 1, remoteMeetings: true, languages: ["fi", "en"] },
    offices: [
      {
        streetAddress: "Teollisuustie 1",
        postalCode: "71800",
        municipalityCode: "749",
        openingHours: [{ days: weekdays, opens: "09:00", closes: "16:00" }],
        openingHoursNote: null,
        accessibility: { ...street, accessibleToilet: false },
      },
    ],
    rates: { started: 7, employed3m: 0.26, employed6m: 0.36, education: 0.04, subsidised: 0.03, contacted: 0.86, satisfaction: 3.8 },
    months: 18,
    verified: false,
  },
];

export const publicServiceRates: Rates = {
  started: 45,
  employed3m: 0.18,
  employed6m: 0.3,
  education: 0.1,
  subsidised: 0.11,
  contacted: 0.7,
  satisfaction: 3.6,
};

// ---- inserting ----

/** The database or a transaction of it: both insert the same way. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Inserts one provider with its languages, services, pilots and offices. Returns its id. */
export function insertProvider(db: DbOrTx, input: ProviderInput, opts: { now: string; isExample: boolean; verifiedOn: string | null }): number {
  const p = providerSchema.parse(input);
  const row = db
    .insert(providers)
    .values({
      businessId: p.businessId,
      slug: p.slug,
      name: p.name,
      sortKey: nameSortKey(p.name),
      shortDescription: p.shortDescription,
      longDescription: p.longDescription,
      phone: p.phone,
      email: p.email,
      web: p.web,
      takesNewCustomers: p.commitments.takesNewCustomers,
      firstMeetingWithinDays: p.commitments.firstMeetingWithinDays,
      coachMeetingsPerMonth: p.commitments.coachMeetingsPerMonth,
      remoteMeetings: p.commitments.remoteMeetings,
      commitmentsVerifiedOn: opts.verifiedOn,
      commitmentsVerifiedBy: opts.verifiedOn ? "seed" : null,
      // The first pilot listed added the provider: its officials keep the shared details (decision 065).
      homePilotSlug: p.pilots[0].pilot,
      isExample: opts.isExample,
      createdAt: opts.now,
      updatedAt: opts.now,
    })
    .returning({ id: providers.id })
    .get();
  for (const language of p.commitments.languages) db.insert(providerLanguages).values({ providerId: row.id, language }).run();
  for (const service of p.services) db.insert(providerServices).values({ providerId: row.id, service }).run();
  for (const pilot of p.pilots) {
    db.insert(providerPilots).values({ providerId: row.id, pilotSlug: pilot.pilot, startsOn: pilot.startsOn, endsOn: pilot.endsOn }).run();
  }
  p.offices.forEach((o, position) => {
    db.insert(providerOffices)
      .values({
        providerId: row.id,
        position,
        streetAddress: o.streetAddress,
        postalCode: o.postalCode,
        municipalityCode: o.municipalityCode,
        openingHours: o.openingHours,
        openingHoursNote: o.openingHoursNote,
        accessibility: o.accessibility,
      })
      .run();
  });
  return row.id;
}

// ---- invented results ----

/** A small deterministic random number generator (mulberry32): the same data on every machine. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

function binomial(n: number, p: number, random: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

/** Customers starting in a month: around the average, never negative. */
function starters(mean: number, random: () => number): number {
  const spread = Math.max(1, mean * 0.3);
  return Math.max(0, Math.round(mean + (random() + random() + random() - 1.5) * spread));
}

export type ResultValues = Omit<typeof results.$inferInsert, "id" | "pilotSlug" | "providerId" | "month">;

/**
 * One invented month for one provider. Outcomes whose follow-up is not over by the latest month
 * are null, as they would be in a real publication.
 */
export function inventMonth(rates: Rates, month: string, latest: string, random: () => number): ResultValues {
  const started = starters(rates.started, random);
  const known3 = addMonths(month, 3) <= latest;
  const known6 = addMonths(month, 6) <= latest;
  const e6 = binomial(started, rates.employed6m, random);
  // Employed within 3 months is a part of employed within 6 months.
  const e3 = binomial(e6, Math.min(1, rates.employed3m / rates.employed6m), random);
  const responses = binomial(started, 0.55, random);
  // One draw seeds the answers, as one draw made the mean before: the other columns stay as they were.
  const mean = responses === 0 ? null : surveyMean(responses, rates.satisfaction, randomSource(Math.floor(random() * 4294967296)));
  return {
    started,
    employedOpen3m: known3 ? e3 : null,
    employedOpen6m: known6 ? e6 : null,
    inEducation: known6 ? binomial(started - e6, rates.education / (1 - rates.employed6m), random) : null,
    inSubsidisedWork: known6 ? binomial(started - e6, rates.subsidised / (1 - rates.employed6m), random) : null,
    contactedWithin5Days: binomial(started, rates.contacted, random),
    satisfactionResponses: responses,
    satisfactionMean: mean,
  };
}

// ---- invented breakdown by customer group ----

/** How a subject's customers divide in each dimension: a share per group, in the order of groupDimensions. */
export type CustomerMix = Record<GroupDimension, readonly number[]>;

/**
 * How much likelier a customer who found work is to be in each group than one who did not: the
 * groups differ in how soon people find work, as they do in the register (the longer unemployed,
 * the older, the fewer find work soon).
 */
const employmentOdds: CustomerMix = {
  unemployment: [2.0, 1.0, 0.4],
  age: [1.2, 1.1, 0.6],
  allowance: [1.4, 0.8],
  language: [0.6, 1.1],
};

export const typicalMix: CustomerMix = {
  unemployment: [0.4, 0.3, 0.3],
  age: [0.3, 0.45, 0.25],
  allowance: [0.45, 0.55],
  language: [0.12, 0.88],
};

/**
 * The example providers' customers differ visibly (docs/decisions/069-customer-groups-and-adjusted-figures.md):
 * Työpolku serves mostly the recently unemployed, Savon Uravalmennus and Kielisilta mostly the long-term
 * unemployed (Kielisilta foreign-language speakers), Jobbstigen younger people. Adjusting for this
 * moves Savon Uravalmennus from "no clear difference" to "clearly better" than the public service.
 */
export const customerMixes: Record<string, CustomerMix> = {
  tyopolku: { unemployment: [0.65, 0.25, 0.1], age: [0.4, 0.45, 0.15], allowance: [0.6, 0.4], language: [0.08, 0.92] },
  "savon-uravalmennus": { unemployment: [0.1, 0.25, 0.65], age: [0.15, 0.45, 0.4], allowance: [0.3, 0.7], language: [0.1, 0.9] },
  jobbstigen: { unemployment: [0.45, 0.35, 0.2], age: [0.55, 0.35, 0.1], allowance: [0.4, 0.6], language: [0.1, 0.9] },
  kielisilta: { unemployment: [0.15, 0.25, 0.6], age: [0.35, 0.5, 0.15], allowance: [0.15, 0.85], language: [0.9, 0.1] },
  "kaira-rekrytointi": { unemployment: [0.25, 0.3, 0.45], age: [0.2, 0.45, 0.35], allowance: [0.5, 0.5], language: [0.05, 0.95] },
};

type GroupRow = ResultValues & { customerGroup: CustomerGroup };

function weightedPick(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * The month's rows by customer group, made from its row of all customers so that each dimension's
 * groups add up to it exactly: each customer gets the outcomes the row counts, then a group in every
 * dimension, drawn from the subject's mix and likelier in the groups that find work sooner when
 * the customer did. The month's answers are whole numbers that give its mean; a group's mean is that of its own answers.
 */
export function inventGroups(all: ResultValues, mix: CustomerMix, random: () => number): GroupRow[] {
  const n = all.started;
  const e6 = all.employedOpen6m ?? null;
  const e3 = all.employedOpen3m ?? null;
  const education = all.inEducation ?? null;
  const subsidised = all.inSubsidisedWork ?? null;
  const shuffled = (count: number) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return new Set(order.slice(0, count));
  };
  const contacted = shuffled(all.contactedWithin5Days ?? 0);
  const answered = shuffled(all.satisfactionResponses ?? 0);
  // Whole-number answers that give the month's mean: each is the whole number below it or the one above, as surveyMean makes them.
  const responses = all.satisfactionResponses ?? 0;
  const mean = all.satisfactionMean ?? null;
  const low = mean === null ? 0 : Math.floor(mean);
  const highCount = mean === null || low >= 5 ? 0 : Math.round(mean * responses) - low * responses;
  const high = new Set([...answered].slice(0, Math.max(0, highCount)));
  // Customers 0… found work (within 6 months, the first of them within 3); education follows them, subsidised work is counted from the last customer back.
  const employed = e6 ?? e3 ?? 0;
  const rows: GroupRow[] = [];
  for (const dimension of dimensionNames) {
    const groups = groupDimensions[dimension];
    const counts = groups.map(() => ({ started: 0, e3: 0, e6: 0, education: 0, subsidised: 0, contacted: 0, responses: 0, sum: 0 }));
    for (let i = 0; i < n; i++) {
      const found = i < employed;
      const weights = mix[dimension].map((m, g) => (found ? m * employmentOdds[dimension][g] : m));
      const c = counts[weightedPick(weights, random)];
      c.started++;
      if (e3 !== null && i < e3) c.e3++;
      if (e6 !== null && i < e6) c.e6++;
      if (e6 !== null && education !== null && i >= e6 && i < e6 + education) c.education++;
      // From the end: the example draws education and subsidised work independently among those who found no job.
      if (e6 !== null && subsidised !== null && i >= n - subsidised) c.subsidised++;
      if (contacted.has(i)) c.contacted++;
      if (answered.has(i)) {
        c.responses++;
        c.sum += high.has(i) ? low + 1 : low;
      }
    }
    groups.forEach((group, g) => {
      const c = counts[g];
      if (c.started === 0) return;
      rows.push({
        customerGroup: group,
        started: c.started,
        employedOpen3m: e3 === null ? null : c.e3,
        employedOpen6m: e6 === null ? null : c.e6,
        inEducation: education === null ? null : c.education,
        inSubsidisedWork: subsidised === null ? null : c.subsidised,
        contactedWithin5Days: all.contactedWithin5Days === null || all.contactedWithin5Days === undefined ? null : c.contacted,
        satisfactionResponses: c.responses,
        satisfactionMean: c.responses > 0 && mean !== null ? roundedMean(c.sum, c.responses) : null,
      });
    });
  }
  return rows;
}

/**
 * The mean of `responses` invented answers, each a whole number from 1 to 5, around `typical`
 * (which moves a little from month to month). Each answer is the whole number below the month's
 * level or the one above it, with the chance that keeps the expected answer at that level. The
 * mean is the sum of the answers divided by their number, so every mean is one that real answers
 * can give; it is stored rounded to two decimals (half up) like an uploaded mean, and with fewer
 * than 100 answers the sum is still exactly round(mean × responses).
 */
export function surveyMean(responses: number, typical: number, random: () => number): number {
  const level = Math.min(5, Math.max(1, typical + (random() - 0.5) * 0.8));
  const low = Math.floor(level);
  let sum = 0;
  for (let i = 0; i < responses; i++) sum += low < 5 && random() < level - low ? low + 1 : low;
  return roundedMean(sum, responses);
}

/** A mean of whole-number answers to two decimals, half up, from the exact sum (no float drift). */
export function roundedMean(sum: number, responses: number): number {
  return Math.round((sum * 100) / responses) / 100;
}

/**
 * When a month was published and last replaced: published early in the next month; replaced when
 * its 3-month and then its 6-month outcomes were filled in. Never later than now.
 */
export function publicationDates(month: string, latest: string, now: string): { publishedAt: string; correctedAt: string | null } {
  const at = (m: string) => {
    const iso = `${addMonths(m, 1)}-05T08:00:00.000Z`;
    return iso < now ? iso : now;
  };
  const filled6 = addMonths(month, 6) <= latest ? at(addMonths(month, 6)) : null;
  const filled3 = addMonths(month, 3) <= latest ? at(addMonths(month, 3)) : null;
  return { publishedAt: at(month), correctedAt: filled6 ?? filled3 };
}

/**
 * Seeds the example providers and, when the pilot has no results yet, 18 months of results ending
 * with the latest full month before `today`, for every provider and the public service.
 */
export function seedProviders(db: Db, today: string = todayInFinland(), now: string = new Date().toISOString()) {
  const pilot = db.select({ slug: pilots.slug }).from(pilots).where(eq(pilots.slug, examplePilotSlug)).get();
  if (!pilot) return { providers: 0, results: 0 };
  const latest = lastFullMonth(today);
  const first = addMonths(latest, -17);
  return db.transaction((tx) => {
    let added = 0;
    const ids = new Map<string, number>();
    for (const e of exampleProviders) {
      const existing = tx.select({ id: providers.id }).from(providers).where(eq(providers.businessId, e.businessId)).get();
      if (existing) {
        ids.set(e.businessId, existing.id);
        continue;
      }
      const { rates: _rates, months, verified, ...input } = e;
      const id = insertProvider(
        tx,
        { ...input, pilots: [{ pilot: examplePilotSlug, startsOn: `${addMonths(latest, -(months - 1))}-01`, endsOn: null }] },
        { now, isExample: true, verifiedOn: verified ? `${latest}-15` : null },
      );
      ids.set(e.businessId, id);
      added++;
    }

    const hasResults = tx
      .select({ n: sql<number>`count(*)` })
      .from(results)
      .where(eq(results.pilotSlug, examplePilotSlug))
      .get();
    if ((hasResults?.n ?? 0) > 0) return { providers: added, results: 0 };

    const rows: (typeof results.$inferInsert)[] = [];
    const subjects: { providerId: number | null; rates: Rates; key: string; from: string; mix: CustomerMix }[] = [
      { providerId: null, rates: publicServiceRates, key: "public", from: first, mix: typicalMix },
      ...exampleProviders.map((e) => ({
        providerId: ids.get(e.businessId)!,
        rates: e.rates,
        key: e.businessId,
        from: addMonths(latest, -(e.months - 1)),
        mix: customerMixes[e.slug] ?? typicalMix,
      })),
    ];
    for (const s of subjects) {
      const range = monthRange(s.from, latest);
      for (const [i, month] of range.entries()) {
        // Seeded by how many months back, not by the calendar: the example looks the same every month.
        const random = randomSource(hashSeed(`${s.key}:${range.length - 1 - i}`));
        const all = inventMonth(s.rates, month, latest, random);
        rows.push({ pilotSlug: examplePilotSlug, providerId: s.providerId, month, ...all });
        // The breakdown has its own draws: the rows of all customers stay as they were.
        for (const g of inventGroups(all, s.mix, randomSource(hashSeed(`${s.key}:${range.length - 1 - i}:groups`)))) {
          rows.push({ pilotSlug: examplePilotSlug, providerId: s.providerId, month, ...g });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 200) tx.insert(results).values(rows.slice(i, i + 200)).run();
    for (const month of monthRange(first, latest)) {
      tx.insert(resultMonths)
        .values({ pilotSlug: examplePilotSlug, month, ...publicationDates(month, latest, now), publishedBy: "seed" })
        .onConflictDoNothing()
        .run();
    }
    return { providers: added, results: rows.length };
  });
}

import { eq } from "drizzle-orm";
import type { Db } from "../types";
import type { ProviderInput } from "../../app/domain/providers";
import { pilots, providers } from "../schema";
import { insertProvider } from "./providers";

/**
 * The three providers selected for North Savo's ELY area in the purchased-services example pilot
 * (seed 003: three per ELY area; docs/decisions/073-assessed-facts.md). Every name, address and
 * number is invented; the pages say that this is example data. They have no results yet: the pilot
 * is new. Idempotent: a provider that is missing is added, a stored one is never overwritten.
 */
export const purchasedServicesPilotSlug = "purchased-services-example";

const weekdays = [1, 2, 3, 4, 5];
const access = { stepFreeEntrance: true, lift: null, accessibleToilet: true, inductionLoop: false, accessibleParking: true, note: null };

export const purchasedServicesProviders: Omit<ProviderInput, "pilots">[] = [
  {
    businessId: "1122334-9",
    slug: "yla-savon-tyovalitys",
    name: "Ylä-Savon Työvälitys Oy",
    shortDescription: {
      fi: "Yksityistä työnvälitystä Iisalmessa: etsimme kanssasi avoimia työpaikkoja ja esittelemme sinut työnantajille.",
      sv: "Privat arbetsförmedling i Idensalmi: vi söker lediga jobb med dig och presenterar dig för arbetsgivare.",
      en: "Private job matching in Iisalmi: we look for open jobs with you and introduce you to employers.",
    },
    longDescription: {
      fi: "Ylä-Savon Työvälitys Oy välittää työnhakijoita alueen yrityksiin. Kuuden kuukauden aikana tapaat oman työnvälittäjäsi säännöllisesti, ja hän esittelee sinut työnantajille, joilla on avoimia paikkoja.",
      sv: "Ylä-Savon Työvälitys Oy förmedlar arbetssökande till företag i regionen. Under sex månader träffar du din egen arbetsförmedlare regelbundet, och hen presenterar dig för arbetsgivare som har lediga jobb.",
      en: "Ylä-Savon Työvälitys Oy matches jobseekers with local employers. For six months you meet your own job matcher regularly, and they introduce you to employers with open jobs.",
    },
    services: ["job_matching", "job_search_coaching"],
    phone: "+358 50 000 2001",
    email: "asiakkaat@ylasavontyovalitys.example",
    web: "https://ylasavontyovalitys.example",
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 2, remoteMeetings: true, languages: ["fi"] },
    offices: [
      {
        streetAddress: "Savonkatu 20",
        postalCode: "74100",
        municipalityCode: "140",
        openingHours: [{ days: weekdays, opens: "09:00", closes: "16:00" }],
        openingHoursNote: null,
        accessibility: access,
      },
    ],
  },
  {
    businessId: "1223345-0",
    slug: "iisalmen-rekrytointipalvelu",
    name: "Iisalmen Rekrytointipalvelu Oy",
    shortDescription: {
      fi: "Rekrytointia ja työhaastatteluihin valmentamista Iisalmessa ja Kiuruvedellä.",
      sv: "Rekrytering och förberedelse för arbetsintervjuer i Idensalmi och Kiuruvesi.",
      en: "Recruitment and coaching for job interviews in Iisalmi and Kiuruvesi.",
    },
    longDescription: {
      fi: "Iisalmen Rekrytointipalvelu Oy hoitaa alueen yritysten rekrytointeja. Valmennamme sinut työhaastatteluihin ja kerromme avoimista paikoista ensimmäisinä.",
      sv: "Iisalmen Rekrytointipalvelu Oy sköter rekryteringar för företag i regionen. Vi förbereder dig för arbetsintervjuer och berättar om lediga jobb först.",
      en: "Iisalmen Rekrytointipalvelu Oy recruits for local companies. We coach you for job interviews and tell you about open jobs first.",
    },
    services: ["job_matching", "career_guidance"],
    phone: "+358 50 000 2002",
    email: "info@iisalmenrekry.example",
    web: null,
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 3, coachMeetingsPerMonth: 3, remoteMeetings: false, languages: ["fi", "en"] },
    offices: [
      {
        streetAddress: "Pohjolankatu 5",
        postalCode: "74100",
        municipalityCode: "140",
        openingHours: [{ days: weekdays, opens: "08:00", closes: "15:30" }],
        openingHoursNote: null,
        accessibility: access,
      },
    ],
  },
  {
    businessId: "1324356-2",
    slug: "kiuruveden-tyovalmennus",
    name: "Kiuruveden Työvalmennus Oy",
    shortDescription: {
      fi: "Työvalmennusta ja työkokeiluja Kiuruvedellä ja Iisalmessa, myös etänä.",
      sv: "Jobbcoachning och arbetsprövning i Kiuruvesi och Idensalmi, även på distans.",
      en: "Job coaching and work trials in Kiuruvesi and Iisalmi, also online.",
    },
    longDescription: {
      fi: "Kiuruveden Työvalmennus Oy auttaa löytämään työtä pieniltä paikkakunnilta. Järjestämme työkokeiluja alueen työpaikoilla, ja tapaamiset voivat olla myös etänä.",
      sv: "Kiuruveden Työvalmennus Oy hjälper dig att hitta arbete på små orter. Vi ordnar arbetsprövning på arbetsplatser i regionen, och mötena kan också hållas på distans.",
      en: "Kiuruveden Työvalmennus Oy helps you find work in small towns. We arrange work trials at local workplaces, and meetings can also be online.",
    },
    services: ["job_search_coaching", "work_trial"],
    phone: "+358 50 000 2003",
    email: "asiakkaat@kiuruvedentyovalmennus.example",
    web: null,
    commitments: { takesNewCustomers: true, firstMeetingWithinDays: 5, coachMeetingsPerMonth: 2, remoteMeetings: true, languages: ["fi"] },
    offices: [
      {
        streetAddress: "Kirkkokatu 8",
        postalCode: "74700",
        municipalityCode: "263",
        openingHours: [{ days: [1, 2, 3, 4], opens: "09:00", closes: "15:00" }],
        openingHoursNote: null,
        accessibility: { ...access, accessibleParking: false },
      },
    ],
  },
];

export function seedPurchasedServices(db: Db, now: string = new Date().toISOString()) {
  const pilot = db.select({ slug: pilots.slug }).from(pilots).where(eq(pilots.slug, purchasedServicesPilotSlug)).get();
  if (!pilot) return 0;
  return db.transaction((tx) => {
    let added = 0;
    for (const p of purchasedServicesProviders) {
      if (tx.select({ id: providers.id }).from(providers).where(eq(providers.businessId, p.businessId)).get()) continue;
      insertProvider(tx, { ...p, pilots: [{ pilot: purchasedServicesPilotSlug, startsOn: "2026-01-01", endsOn: null }] }, { now, isExample: true, verifiedOn: null });
      added++;
    }
    return added;
  });
}

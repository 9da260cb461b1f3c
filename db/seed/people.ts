import { generatedIdentityCode } from "../../app/domain/identity-code";
import { roles } from "../schema";
import type { Db } from "../types";
import type { SeedServices } from "./index";

/**
 * The test people of the built-in test identity provider (app/.server/auth/test-idp.ts) and their roles.
 *
 * These are invented people with temporary identity codes (individual number 900–999), valid by
 * the check character. Their codes appear only here and on the test provider's sign-in page: the
 * service itself never stores one (see docs/decisions/030-identification-and-sessions.md). Only
 * their roles are seeded, keyed by the identity hash; a person row is made at first sign-in.
 */
export type TestPerson = {
  /** Stable key: the subject (`sub`) the test provider issues. */
  key: string;
  /** null: a foreign eID (eIDAS) user, who has no Finnish identity code. */
  identityCode: string | null;
  givenName: string;
  familyName: string;
  /** Municipality code; null when the identification gives none. */
  homeMunicipality: string | null;
  official?: string[];
  providerStaff?: string[];
};

export const testPeople: TestPerson[] = [
  { key: "aino", identityCode: "140385-902F", givenName: "Aino", familyName: "Virtanen", homeMunicipality: "749" },
  { key: "pekka", identityCode: "021178-913R", givenName: "Pekka", familyName: "Korhonen", homeMunicipality: "402" },
  { key: "liisa", identityCode: "210769-924T", givenName: "Liisa", familyName: "Nieminen", homeMunicipality: "491" },
  { key: "juha", identityCode: "300590-935S", givenName: "Juha", familyName: "Mäkinen", homeMunicipality: "297" },
  // Under 30: in the target group of the municipal pilots.
  { key: "emma", identityCode: "120903A9469", givenName: "Emma", familyName: "Heikkinen", homeMunicipality: "491" },
  // Swedish-speaking, in a bilingual municipality (Vaasa / Vasa).
  { key: "johan", identityCode: "081282-957V", givenName: "Johan", familyName: "Lindqvist", homeMunicipality: "905" },
  // A customer under the Integration Act, in the North Savo pilot area (excluded from that pilot).
  { key: "amina", identityCode: "170293-968T", givenName: "Amina", familyName: "Yusuf", homeMunicipality: "749" },
  // A foreign eID: no identity code, no home municipality.
  { key: "maria", identityCode: null, givenName: "Maria", familyName: "Rossi", homeMunicipality: null },
  { key: "sari", identityCode: "250475-9799", givenName: "Sari", familyName: "Kuittinen", homeMunicipality: "297", official: ["north-savo-choice"] },
  {
    key: "timo",
    identityCode: "051080-981K",
    givenName: "Timo",
    familyName: "Hämäläinen",
    homeMunicipality: "491",
    official: ["mikkeli-region-municipal"],
  },
  // The purchased-services example pilot (decision 073): its official, a person whom the official has
  // confirmed as entitled (seeded below) and one without a confirmation, all in Iisalmi.
  { key: "ville", identityCode: "150379-941U", givenName: "Ville", familyName: "Huttunen", homeMunicipality: "140", official: ["purchased-services-example"] },
  { key: "eeva", identityCode: "220788-9528", givenName: "Eeva", familyName: "Karppinen", homeMunicipality: "140" },
  { key: "matti", identityCode: "041195-9631", givenName: "Matti", familyName: "Savolainen", homeMunicipality: "140" },
  { key: "kaisa", identityCode: "110687-992C", givenName: "Kaisa", familyName: "Laitinen", homeMunicipality: "297", providerStaff: ["2345671-3"] },
  { key: "olli", identityCode: "290171-903Y", givenName: "Olli", familyName: "Räsänen", homeMunicipality: "491", providerStaff: ["3456782-2"] },
];

/** Municipalities that generated test people live in, in turn: the pilot areas first. */
const generatedMunicipalities = ["749", "402", "491", "297", "097", "178", "213", "507", "623", "740", "091", "905"];

/**
 * A generated test person (for benches and load tests): number 1–999 999 gives a valid, temporary
 * identity code derived from the number, the same every time. Only the test provider issues them.
 */
export function generatedTestPerson(n: number): TestPerson {
  return {
    key: `generated-${n}`,
    identityCode: generatedIdentityCode(n),
    givenName: "Testi",
    familyName: `Henkilö ${n}`,
    homeMunicipality: generatedMunicipalities[(n - 1) % generatedMunicipalities.length],
  };
}

export function findTestPerson(key: string): TestPerson | null {
  const listed = testPeople.find((p) => p.key === key);
  if (listed) return listed;
  const generated = /^generated-(\d{1,6})$/.exec(key);
  if (generated && Number(generated[1]) >= 1) return generatedTestPerson(Number(generated[1]));
  return null;
}

/**
 * Seeds the test people's roles and records. The seed calls it only where the test identity
 * provider is on (demo, test, or a demo deployment with TEST_IDP=true; testIdpEnabled in
 * app/.server/platform/config.ts). Idempotent: existing roles are kept as they are.
 */
export function seedPeople(db: Db, { identityCodeHash, seedAssessedFact }: Pick<SeedServices, "identityCodeHash" | "seedAssessedFact">) {
  const at = new Date().toISOString();
  db.transaction((tx) => {
    for (const person of testPeople) {
      if (!person.identityCode) continue;
      const identityHash = identityCodeHash(person.identityCode);
      const grants = [
        ...(person.official ?? []).map((scope) => ({ kind: "official" as const, scope })),
        ...(person.providerStaff ?? []).map((scope) => ({ kind: "provider_staff" as const, scope })),
      ];
      for (const grant of grants) {
        tx.insert(roles)
          .values({ identityHash, ...grant, grantedAt: at, grantedBy: "seed" })
          .onConflictDoNothing({ target: [roles.identityHash, roles.kind, roles.scope] })
          .run();
      }
    }
  });
  for (const record of seededAssessedFacts) {
    const person = findTestPerson(record.person);
    const official = findTestPerson(record.recordedBy);
    if (!person?.identityCode || !official?.identityCode) continue;
    seedAssessedFact(db, {
      identityHash: identityCodeHash(person.identityCode),
      pilotSlug: record.pilot,
      fact: record.fact,
      value: true,
      recordedBy: identityCodeHash(official.identityCode),
    });
  }
}

/** Assessed facts the test people start with (decision 073): Eeva is confirmed entitled by Ville. */
const seededAssessedFacts = [{ person: "eeva", pilot: "purchased-services-example", fact: "referral", recordedBy: "ville" }] as const;

import { eq } from "drizzle-orm";
import { contactDeadline } from "../../app/domain/first-contact";
import { pilotDefinitionSchema } from "../../app/domain/pilot";
import { addDays } from "../../app/domain/working-days";
import { todayInFinland } from "../../app/format";
import { choiceHistory, choices, deliveryAnswers, firstContacts, meetings, people, pilots, problemReports, providers } from "../schema";
import type { Db } from "../types";
import type { SeedServices } from "./index";
import { testPeople } from "./people";

/**
 * Example accountability data for the demo (issue 16; decision 071), so that every page of it shows
 * something after `npm start`: customers of Työpolku in the North Savo pilot with recorded contacts
 * and meetings, some confirmed and one disputed; the test person Pekka as one of them (sign in as
 * Pekka to confirm or dispute on My page); and problem reports in each state, one of them Pekka's.
 * Only in the demo: the server seeds it when APP_ENV=demo (app/.server/platform/seed.ts); the tests make
 * their own. Seeded once: nothing is added when a problem report already exists.
 */
const PILOT = "north-savo-choice";
const PROVIDER = "2345671-3"; // Työpolku: Kaisa is its staff
const OTHER = "3456782-2"; // Savon Uravalmennus: Olli is its staff

export function seedAccountability(db: Db, { identityCodeHash }: Pick<SeedServices, "identityCodeHash">, now = new Date()) {
  if (db.select({ id: problemReports.id }).from(problemReports).limit(1).get()) return;
  const stored = db.select({ definition: pilots.definition }).from(pilots).where(eq(pilots.slug, PILOT)).get();
  const parsed = pilotDefinitionSchema.safeParse(stored?.definition);
  const pilot = parsed.success ? parsed.data : undefined;
  const provider = db.select().from(providers).where(eq(providers.businessId, PROVIDER)).get();
  const other = db.select().from(providers).where(eq(providers.businessId, OTHER)).get();
  if (!pilot || !provider || !other) return;
  const today = todayInFinland(now);
  const iso = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`;

  db.transaction((tx) => {
    const customer = (n: number, identityHash: string, given: string, family: string, municipality: string, chosenOn: string) => {
      const existing = tx.select({ id: people.id }).from(people).where(eq(people.identityHash, identityHash)).get();
      if (existing && tx.select({ id: choices.id }).from(choices).where(eq(choices.personId, existing.id)).get()) return null;
      const personId =
        existing?.id ??
        tx
          .insert(people)
          .values({ identityHash, givenName: given, familyName: family, homeMunicipality: municipality, identifiedWith: "fi", createdAt: iso(chosenOn, 8), updatedAt: iso(chosenOn, 8) })
          .returning({ id: people.id })
          .get().id;
      const reference = `EX${String(n).padStart(2, "0")}-DEMO`;
      const choice = tx
        .insert(choices)
        .values({
          reference,
          idempotencyKey: `example-${reference}`,
          personId,
          pilotSlug: PILOT,
          kind: "provider",
          providerId: provider.id,
          providerSlug: provider.slug,
          snapshot: {
            pilotName: pilot.name,
            provider: { name: provider.name, phone: provider.phone, email: provider.email, web: provider.web },
            lockMonths: pilot.lockMonths,
            contactBy: contactDeadline(chosenOn),
          },
          contactChannel: "phone",
          contactPhone: `+35840000${String(1000 + n)}`,
          contactEmail: null,
          serviceLanguage: "fi",
          chosenAt: iso(chosenOn),
          chosenOn,
        })
        .returning({ id: choices.id })
        .get();
      tx.insert(choiceHistory).values({ personId, choiceId: choice.id, at: iso(chosenOn), event: "chosen", details: { reference, kind: "provider", provider: provider.slug, pilot: PILOT } }).run();
      return { personId, choiceId: choice.id };
    };
    const contact = (choiceId: number, on: string) => tx.insert(firstContacts).values({ choiceId, contactedOn: on, recordedAt: iso(on, 12), recordedBy: "seed" }).run();
    const meeting = (choiceId: number, on: string) =>
      tx.insert(meetings).values({ choiceId, heldOn: on, recordedAt: iso(on, 15), recordedBy: "seed" }).returning({ id: meetings.id }).get().id;
    const answer = (choiceId: number, item: string, meetingId: number | null, a: "confirmed" | "did_not_happen" | "other_day", on: string, note: string | null = null) =>
      tx
        .insert(deliveryAnswers)
        .values({ choiceId, item, meetingId, answer: a, note, answeredAt: iso(on, 18), state: a === "confirmed" ? null : "received" })
        .run();

    // Six example customers (they cannot sign in), chosen 20–45 days ago.
    for (let n = 1; n <= 6; n++) {
      const chosenOn = addDays(today, -(45 - n * 4));
      const c = customer(n, `example-customer-${n}`, "Esimerkki", `Asiakas ${n}`, "749", chosenOn);
      if (!c) continue;
      const contacted = addDays(chosenOn, n === 6 ? 9 : 2);
      contact(c.choiceId, contacted);
      if (n !== 4) answer(c.choiceId, "first-contact", null, n === 6 ? "other_day" : "confirmed", contacted, n === 6 ? "Esimerkki: soitto tuli vasta viikkoa myöhemmin." : null);
      for (const d of [7, 14]) {
        const on = addDays(chosenOn, d);
        if (on > today) continue;
        const id = meeting(c.choiceId, on);
        if (n === 3 && d === 14) answer(c.choiceId, `meeting:${id}`, id, "did_not_happen", on, "Esimerkki: tapaamista ei ollut, kukaan ei vastannut puhelimeen.");
        else if (n !== 4) answer(c.choiceId, `meeting:${id}`, id, "confirmed", on);
      }
    }

    // Pekka (a test person who can sign in): a customer of Työpolku with a first contact and two meetings, one answered.
    const pekka = testPeople.find((p) => p.key === "pekka");
    let pekkaId: number | null = null;
    if (pekka?.identityCode) {
      const chosenOn = addDays(today, -21);
      const c = customer(20, identityCodeHash(pekka.identityCode), pekka.givenName, pekka.familyName, pekka.homeMunicipality ?? "402", chosenOn);
      if (c) {
        pekkaId = c.personId;
        contact(c.choiceId, addDays(chosenOn, 3));
        const first = meeting(c.choiceId, addDays(chosenOn, 8));
        answer(c.choiceId, `meeting:${first}`, first, "confirmed", addDays(chosenOn, 8));
        meeting(c.choiceId, addDays(chosenOn, 15));
      }
    }

    // Problem reports, in every state.
    const report = (
      providerId: number,
      daysAgo: number,
      category: (typeof problemReports.$inferInsert)["category"],
      state: "received" | "in_progress" | "answered" | "not_upheld",
      description: string | null,
      answerText: string | null = null,
      personId: number | null = null,
    ) => {
      const on = addDays(today, -daysAgo);
      tx.insert(problemReports)
        .values({
          providerId,
          pilotSlug: PILOT,
          category,
          description,
          personId,
          lang: "fi",
          month: on.slice(0, 7),
          createdAt: iso(on, 10),
          state,
          answer: answerText,
          handledAt: state === "received" ? null : iso(addDays(on, 2 > daysAgo ? 0 : 2), 11),
          handledBy: state === "received" ? null : "seed",
        })
        .run();
    };
    report(provider.id, 2, "office_closed", "received", "Esimerkki: toimipiste oli kiinni tiistaina klo 10, vaikka sen piti olla auki.");
    report(provider.id, 9, "meeting_cancelled", "in_progress", "Esimerkki: tapaaminen peruttiin samana aamuna.");
    report(provider.id, 35, "no_contact", "not_upheld", null, "Esimerkki: palveluntuottaja oli kirjannut yhteydenoton, ja asiakas vahvisti sen myöhemmin.");
    report(other.id, 5, "gift", "received", "Esimerkki: minulle luvattiin lahjakortti, jos valitsen heidät.");
    report(other.id, 40, "treated_badly", "answered", null, "Esimerkki: olemme puhuneet palveluntuottajan kanssa asiakkaiden kohtelusta.");
    if (pekkaId !== null) {
      report(provider.id, 6, "other", "answered", "Esimerkki: en saanut tapaamisen jälkeen luvattua suunnitelmaa.", "Esimerkki: palveluntuottaja lähettää suunnitelman tällä viikolla. Kiitos ilmoituksesta.", pekkaId);
    }
  });
}

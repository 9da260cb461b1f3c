// `npm run seed:scale -- --database tmp/scale.db [--providers 1000] [--years 10]`
//
// Fills a SEPARATE database with many providers and years of monthly results, for the benchmarks
// (bench/compare.mjs): the example data first, then generated providers up to the number asked,
// all serving the North Savo example pilot, each with a row for every month. The file is made
// afresh each time; the live database (DATABASE_PATH) is refused.
// See docs/decisions/023-example-and-scale-data.md.
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../app/.server/platform/db";
import { seed } from "../app/.server/platform/seed";
import { withCheckDigit } from "../app/domain/business-id";
import { nameSortKey, serviceCatalogue, serviceLanguages } from "../app/domain/providers";
import { addMonths, lastFullMonth, monthRange } from "../app/domain/results";
import { todayInFinland } from "../app/format";
import {
  customerMixes,
  examplePilotSlug,
  exampleProviders,
  hashSeed,
  inventGroups,
  inventMonth,
  publicServiceRates,
  publicationDates,
  randomSource,
  typicalMix,
  type CustomerMix,
} from "../db/seed/providers";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
}

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run seed:scale -- --database FILE [--providers 1000] [--years 10]\n(or SCALE_DATABASE_PATH=FILE)`);
  process.exit(2);
}

const file = option("database") ?? process.env.SCALE_DATABASE_PATH ?? "tmp/scale.db";
const providerCount = Number(option("providers") ?? 1000);
const years = Number(option("years") ?? 10);
if (!Number.isInteger(providerCount) || providerCount < 1 || providerCount > 100_000) usage("--providers must be a whole number from 1 to 100000.");
if (!Number.isInteger(years) || years < 1 || years > 50) usage("--years must be a whole number from 1 to 50.");
const live = path.resolve(process.env.DATABASE_PATH ?? "data/valinta.db");
if (path.resolve(file) === live || path.resolve(file) === path.resolve("data/valinta.db")) {
  usage(`Refusing to fill ${file}: it is the service's own database. Give a separate file.`);
}

const started = Date.now();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
const db = openDatabase(file);
migrateDatabase(db, "db/migrations");
seed(db, { examples: false });
const client = db.$client;
// Generated data that can be made again: no need to wait for the disk on every commit.
client.pragma("synchronous = OFF");

const today = todayInFinland();
const latest = lastFullMonth(today);
const first = addMonths(latest, -(years * 12 - 1));
const months = monthRange(first, latest);
const now = new Date().toISOString();

const prefixes = ["Työ", "Ura", "Taito", "Polku", "Suunta", "Osaamis", "Verkko", "Silta", "Voima", "Kasvu", "Arki", "Uusi"];
const suffixes = ["polku", "valmennus", "kumppani", "keskus", "tiimi", "silta", "paja", "verkko", "avain", "tuki"];
const places = ["Savon", "Kuopion", "Järvi-Suomen", "Pohjois-Savon", "Siilinjärven", "Lapinlahden", "Ylä-Savon", "Itä-Suomen"];

const insertProvider = client.prepare(
  `INSERT INTO providers (business_id, slug, name, sort_key, short_description, long_description, phone, email, web,
     takes_new_customers, first_meeting_within_days, coach_meetings_per_month, remote_meetings,
     commitments_verified_on, commitments_verified_by, home_pilot_slug, is_example, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
);
const insertLanguage = client.prepare("INSERT INTO provider_languages (provider_id, language) VALUES (?, ?)");
const insertService = client.prepare("INSERT INTO provider_services (provider_id, service) VALUES (?, ?)");
const insertPilot = client.prepare("INSERT INTO provider_pilots (provider_id, pilot_slug, starts_on, ends_on) VALUES (?, ?, ?, NULL)");
const insertOffice = client.prepare(
  `INSERT INTO provider_offices (provider_id, position, street_address, postal_code, municipality_code, opening_hours, opening_hours_note, accessibility)
   VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
);
const insertResult = client.prepare(
  `INSERT OR IGNORE INTO results (pilot_slug, month, provider_id, customer_group, started, employed_open_3m, employed_open_6m, in_education,
     in_subsidised_work, contacted_within_5_days, satisfaction_responses, satisfaction_mean)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertMonth = client.prepare(
  "INSERT OR IGNORE INTO result_months (pilot_slug, month, published_at, corrected_at, published_by) VALUES (?, ?, ?, ?, 'seed')",
);

type Rates = typeof publicServiceRates;
/**
 * Every month of one subject: the row of all customers and its breakdown by customer group
 * (docs/decisions/069-customer-groups-and-adjusted-figures.md), as the example data has them.
 */
function writeMonths(providerId: number | null, key: string, rates: Rates, mix: CustomerMix) {
  for (const month of months) {
    const all = inventMonth(rates, month, latest, randomSource(hashSeed(`${key}:${month}`)));
    const rows = [{ customerGroup: "all", ...all }, ...inventGroups(all, mix, randomSource(hashSeed(`${key}:${month}:groups`)))];
    for (const r of rows) {
      insertResult.run(
        examplePilotSlug,
        month,
        providerId,
        r.customerGroup,
        r.started,
        r.employedOpen3m ?? null,
        r.employedOpen6m ?? null,
        r.inEducation ?? null,
        r.inSubsidisedWork ?? null,
        r.contactedWithin5Days ?? null,
        r.satisfactionResponses,
        r.satisfactionMean ?? null,
      );
    }
  }
}

/** A generated provider's customers: the typical mix, moved a little towards easier or harder customers. */
function randomMix(random: () => number): CustomerMix {
  const tilt = (shares: readonly number[]) => {
    const moved = shares.map((v, i) => Math.max(0.02, v * (1 + (random() - 0.5) * (i === 0 ? 1.2 : 0.8))));
    const total = moved.reduce((a, b) => a + b, 0);
    return moved.map((v) => v / total);
  };
  return { unemployment: tilt(typicalMix.unemployment), age: tilt(typicalMix.age), allowance: tilt(typicalMix.allowance), language: tilt(typicalMix.language) };
}

const existing = (client.prepare("SELECT count(*) AS n FROM providers").get() as { n: number }).n;
const taken = new Set(exampleProviders.map((p) => p.businessId));
let generated = 0;

client.transaction(() => {
  for (const month of months) {
    const d = publicationDates(month, latest, now);
    insertMonth.run(examplePilotSlug, month, d.publishedAt, d.correctedAt);
  }
  // The public service and the example providers get the earlier years too.
  writeMonths(null, "public", publicServiceRates, typicalMix);
  const ids = client.prepare("SELECT id, business_id AS businessId FROM providers").all() as { id: number; businessId: string }[];
  for (const e of exampleProviders) {
    const row = ids.find((r) => r.businessId === e.businessId);
    if (row && e.months >= 18) writeMonths(row.id, e.businessId, e.rates, customerMixes[e.slug] ?? typicalMix);
  }

  let number = 1_000_000;
  for (let i = existing; i < providerCount; i++) {
    let businessId: string | null = null;
    while (!businessId || taken.has(businessId)) businessId = withCheckDigit(String(number++));
    taken.add(businessId);
    const random = randomSource(hashSeed(businessId));
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const name = `${pick(places)} ${pick(prefixes)}${pick(suffixes)} ${i + 1} Oy`;
    const slug = `provider-${i + 1}`;
    const services = serviceCatalogue.filter(() => random() < 0.35);
    if (services.length === 0) services.push(pick(serviceCatalogue));
    const languages = serviceLanguages.filter((l) => l === "fi" || random() < (l === "sv" || l === "en" ? 0.3 : 0.05));
    const municipality = random() < 0.6 ? "749" : "402";
    const describe = {
      fi: `${name} tarjoaa työllistymistä edistäviä palveluja Pohjois-Savossa. Keksitty palveluntuottaja kuormitustestiä varten.`,
      sv: `${name} erbjuder tjänster som främjar sysselsättning i Norra Savolax. En påhittad tjänsteproducent för belastningstest.`,
      en: `${name} offers services that help people into work in North Savo. An invented provider for load tests.`,
    };
    const result = insertProvider.run(
      businessId,
      slug,
      name,
      nameSortKey(name),
      JSON.stringify(describe),
      JSON.stringify(describe),
      `+358 50 ${String(100_0000 + i).slice(0, 3)} ${String(i).padStart(4, "0")}`,
      `info${i + 1}@provider.example`,
      `https://provider-${i + 1}.example`,
      random() < 0.9 ? 1 : 0,
      1 + Math.floor(random() * 10),
      1 + Math.floor(random() * 4),
      random() < 0.7 ? 1 : 0,
      random() < 0.9 ? `${latest}-15` : null,
      "seed",
      examplePilotSlug,
      now,
      now,
    );
    const id = Number(result.lastInsertRowid);
    for (const l of languages) insertLanguage.run(id, l);
    for (const s of services) insertService.run(id, s);
    insertPilot.run(id, examplePilotSlug, `${first}-01`);
    insertOffice.run(
      id,
      0,
      `${pick(["Asematie", "Kirkkotie", "Kauppatie", "Koulutie", "Rantatie"])} ${1 + Math.floor(random() * 40)}`,
      municipality === "749" ? "71800" : "73100",
      municipality,
      JSON.stringify([{ days: [1, 2, 3, 4, 5], opens: "08:00", closes: "16:00" }]),
      JSON.stringify({ stepFreeEntrance: random() < 0.8, lift: null, accessibleToilet: random() < 0.6, inductionLoop: random() < 0.3, accessibleParking: random() < 0.7, note: null }),
    );
    const base = publicServiceRates;
    const jitter = (v: number, spread: number) => Math.min(0.95, Math.max(0.02, v + (random() - 0.5) * spread));
    const e6 = jitter(base.employed6m, 0.3);
    // Its own draws: the provider's other invented values stay as they were.
    const mix = randomMix(randomSource(hashSeed(`${businessId}:mix`)));
    writeMonths(id, businessId, {
      started: 2 + random() * 18,
      employed6m: e6,
      employed3m: e6 * (0.4 + random() * 0.4),
      education: jitter(base.education, 0.1),
      subsidised: jitter(base.subsidised, 0.1),
      contacted: jitter(0.85, 0.3),
      satisfaction: 3 + random() * 1.8,
    }, mix);
    generated++;
  }
})();

client.pragma("synchronous = FULL");
client.pragma("optimize");
const count = (sql: string) => (client.prepare(sql).get() as { n: number }).n;
const summary = {
  file,
  providers: count("SELECT count(*) AS n FROM providers"),
  generated,
  months: months.length,
  resultRows: count("SELECT count(*) AS n FROM results"),
  from: first,
  to: latest,
  seconds: Math.round((Date.now() - started) / 100) / 10,
};
client.pragma("wal_checkpoint(TRUNCATE)");
client.close();
console.log(JSON.stringify(summary));

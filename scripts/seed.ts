// `npm run db:seed`: the idempotent seed (db/seed) on DATABASE_PATH, without migrating: reference data
// follows db/data, missing example pilots and providers are added, nothing anyone changed is
// overwritten. The database must be migrated already (`npm run db:migrate` migrates and seeds).
import fs from "node:fs";
import path from "node:path";
import { config } from "../app/.server/platform/config";
import { openDatabase } from "../app/.server/platform/db";
import { seed } from "../app/.server/platform/seed";

const { DATABASE_PATH: file, MIGRATIONS_DIR: migrations } = config();
if (!fs.existsSync(file)) {
  console.error(`${file} does not exist: run npm run db:migrate (it makes, migrates and seeds it).`);
  process.exit(1);
}
const db = openDatabase(file);
const journal = JSON.parse(fs.readFileSync(path.join(migrations, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
const tracked = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
const applied = tracked ? (db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n : 0;
if (applied < journal.entries.length) {
  db.$client.close();
  console.error(`${file} has ${applied} of ${journal.entries.length} migrations: run npm run db:migrate (it migrates and seeds).`);
  process.exit(1);
}
// As the server's start does: the demo's accountability examples when APP_ENV=demo (decision 071).
seed(db);
db.$client.close();
console.log(`Seeded ${file}`);

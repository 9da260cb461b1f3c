// `npm run db:migrate`: applies the committed migrations and the idempotent seed to DATABASE_PATH.
import { config } from "../app/.server/platform/config";
import { migrateDatabase, openDatabase } from "../app/.server/platform/db";
import { seed } from "../app/.server/platform/seed";

const db = openDatabase(config().DATABASE_PATH);
migrateDatabase(db);
// As the server's start does: the demo's accountability examples when APP_ENV=demo (decision 071).
seed(db);
db.$client.close();
console.log(`Migrated and seeded ${config().DATABASE_PATH}`);

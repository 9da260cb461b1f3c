// `npm run db:migrate`: applies the committed migrations and the idempotent seed.
import { migrateDatabase, openDatabase } from "../app/.server/platform/db";
import { config } from "../app/.server/platform/config";
import { seedDatabase } from "./seed";

const db = openDatabase(config().DATABASE_PATH);
migrateDatabase(db);
seedDatabase(db, { examples: config().APP_ENV === "demo" });
db.$client.close();
console.log(`Migrated and seeded ${config().DATABASE_PATH}`);

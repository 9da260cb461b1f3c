// `npm run restore FILE`: puts a backup in place of the database while the server is stopped.
import { databaseInUse, restoreBackup } from "../app/.server/platform/backup";
import { config } from "../app/.server/platform/config";
import { PRIVATE_UMASK } from "../app/.server/platform/file-modes";

// The database holds personal data: every file this makes is 0600, every folder 0700 (decision 067).
process.umask(PRIVATE_UMASK);

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run restore -- FILE   (a backup from npm run backup)");
  process.exit(2);
}
const target = config().DATABASE_PATH;
if (databaseInUse(target)) {
  console.error(`${target} is in use: stop the server first, then restore.`);
  process.exit(1);
}
try {
  const { replaced } = restoreBackup(file, target);
  console.log(`Restored ${file} to ${target}.${replaced ? ` The previous database is kept as ${replaced}.` : ""}`);
} catch (error) {
  console.error(`Restore refused: ${(error as Error).message}`);
  process.exit(1);
}

// `npm run backup`: an online backup of the live database (the site keeps running).
import { takeBackup } from "../app/.server/platform/backup";
import { config } from "../app/.server/platform/config";
import { PRIVATE_UMASK } from "../app/.server/platform/file-modes";

// Backups hold personal data: every file this makes is 0600, every folder 0700 (decision 067).
process.umask(PRIVATE_UMASK);

const cfg = config();
takeBackup({ source: cfg.DATABASE_PATH, dir: cfg.BACKUP_DIR, keep: cfg.BACKUP_KEEP })
  .then(({ file, bytes, removed }) => {
    console.log(`Backup written: ${file} (${bytes} bytes), integrity ok.`);
    if (removed.length) console.log(`Removed older backups: ${removed.join(", ")}`);
  })
  .catch((error: Error) => {
    console.error(`Backup failed: ${error.message}`);
    process.exit(1);
  });

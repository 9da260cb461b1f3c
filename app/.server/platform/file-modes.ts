import fs from "node:fs";
import path from "node:path";
import { logger } from "./log";

/**
 * The database, its WAL and shared-memory files, the backups and the copy kept before a restore
 * hold personal data: only the service's own user may read them (docs/decisions/067). The
 * process's umask (0077, set first thing by server.mjs, scripts/start.mjs, scripts/backup.ts and
 * scripts/restore.ts; `UMask=0077` in docs/valinta.service) makes every new file 0600 and folder
 * 0700; these helpers say the same explicitly where the files are made, whatever the umask, and
 * tighten what an older version left readable.
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;
export const PRIVATE_UMASK = 0o077;

/** Makes a folder (and its missing parents) 0700; an existing folder is tightened when it holds only `own` files. */
export function privateDir(dir: string, own: (name: string) => boolean): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  // A folder shared with other things (a home folder, /var/lib) is not ours to close.
  const others = fs.readdirSync(dir).filter((name) => !own(name));
  if (others.length > 0) {
    logger.warn({ event: "folder-not-private", dir, mode: mode.toString(8), otherEntries: others.length }, "the folder holds other files too; its mode is left as it is");
    return;
  }
  fs.chmodSync(dir, PRIVATE_DIR);
}

/** Makes an existing file 0600 (a missing one is skipped). */
export function privateFile(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** The files that belong to the database `file`: the file, its journals and the copies a restore leaves. */
export function databaseFiles(file: string): (name: string) => boolean {
  const base = path.basename(file);
  return (name) => name === base || name.startsWith(`${base}-`) || name.startsWith(`${base}.`);
}

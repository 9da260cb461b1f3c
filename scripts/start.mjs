// `npm start`: builds on first run (or when the sources are newer than the build), then starts
// the server, which migrates and seeds the database before it listens.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The database, its WAL and the backups hold personal data: files 0600 and folders 0700 for this
// process and the server it starts (docs/decisions/067-write-failures-and-file-modes.md).
process.umask(0o077);

const buildDir = process.env.VALINTA_BUILD_DIR ?? "build";
const serverEntry = path.join(buildDir, "server/index.js");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const stale =
  !fs.existsSync(serverEntry) ||
  Math.max(newestMtime("app"), newestMtime("locales"), newestMtime("db")) > fs.statSync(serverEntry).mtimeMs;
if (stale) {
  console.log("Building Valinta…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// V8 otherwise lets the heap grow to gigabytes before it collects: under load the server's memory
// climbed past 600 MB with no leak behind it. A cap keeps it near 180 MB (docs/decisions/004).
const heap = `--max-old-space-size=${process.env.VALINTA_HEAP_MB ?? 160}`;
const child = spawn(process.execPath, [heap, "server.mjs"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

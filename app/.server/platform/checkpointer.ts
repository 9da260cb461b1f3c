import type Database from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { logger } from "./log";

/**
 * WAL checkpoints off the thread that answers requests (docs/decisions/060-checkpoints-in-a-worker.md).
 *
 * By default SQLite checkpoints inside the COMMIT that makes the WAL pass 1,000 pages: that commit
 * copies ~4 MB into the database file and fsyncs it, and with better-sqlite3 it does so on the
 * event loop, so every request waiting behind it waits too. Here the server's connection stops
 * checkpointing (`wal_autocheckpoint = 0`) and a worker thread with its own connection runs a
 * PASSIVE checkpoint every `intervalMs`: it never blocks a reader or a writer, and the WAL stays
 * small. If the worker stops for any reason, the server's connection checkpoints by itself again.
 * The final TRUNCATE checkpoint at shutdown (closeDb) is unchanged.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
db.pragma("synchronous = FULL");
const step = () => {
  const [row] = db.pragma("wal_checkpoint(PASSIVE)");
  parentPort.postMessage(row);
};
const timer = setInterval(step, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export type CheckpointResult = { busy: number; log: number; checkpointed: number };

export function startCheckpointer(
  client: Database.Database,
  { intervalMs = 500, onCheckpoint }: { intervalMs?: number; onCheckpoint?: (r: CheckpointResult) => void } = {},
): () => Promise<void> {
  const file = client.name;
  if (client.memory || !file) return () => Promise.resolve();
  const module = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(workerSource, { eval: true, workerData: { file, module, intervalMs } });
  worker.unref();
  client.pragma("wal_autocheckpoint = 0");
  let stopping = false;
  const fallBack = (reason: string) => {
    if (stopping || !client.open) return;
    client.pragma("wal_autocheckpoint = 1000");
    logger.error({ reason }, "the checkpoint worker stopped; the server's connection checkpoints again");
  };
  worker.on("message", (r: CheckpointResult) => onCheckpoint?.(r));
  worker.on("error", (error) => fallBack(error.message));
  worker.on("exit", (code) => fallBack(`exit ${code}`));
  return async () => {
    stopping = true;
    const exited = new Promise((r) => worker.once("exit", r));
    worker.postMessage("stop");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    await worker.terminate();
    if (client.open) client.pragma("wal_autocheckpoint = 1000");
  };
}

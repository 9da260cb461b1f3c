// Shared by the benches: start the production server on a given database and wait for it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function startServer({ databasePath, env = {}, port }) {
  port ??= await freePort();
  // VALINTA_SERVER_NODE_ARGS: extra Node options for the server, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof".
  const extra = (process.env.VALINTA_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [`--max-old-space-size=${process.env.VALINTA_HEAP_MB ?? 160}`, ...extra, "server.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout.resume();
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    if (child.exitCode !== null) throw new Error("The server exited before it was ready.");
    if (Date.now() > deadline) throw new Error("The server did not become ready in 60 s.");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    child,
    /** Resident memory of the server process in MB, from /proc. */
    rssMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
        return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
      } catch {
        return NaN;
      }
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

export function ensureBuild() {
  const dir = process.env.VALINTA_BUILD_DIR ?? "build";
  if (!fs.existsSync(`${dir}/server/index.js`)) {
    throw new Error(`No production build in ${dir}: run "npm run build" first.`);
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

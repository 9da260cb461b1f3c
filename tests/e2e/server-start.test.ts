import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["server.mjs"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", APP_ENV: "test", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("start-up", () => {
  it("a wrong setting stops the server with a message that names the variable", () => {
    const result = start({ PORT: "not-a-port", DATABASE_PATH: path.join(os.tmpdir(), "never.db") });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration:\s+PORT:/);
  });

  it("refuses to start on a database it cannot migrate", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-bad-"));
    const file = path.join(dir, "broken.db");
    fs.writeFileSync(file, "not a database ".repeat(500));
    const result = start({ DATABASE_PATH: file });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Valinta did not start.");
  });
});
